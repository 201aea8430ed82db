import { describe, expect, it } from 'vitest';
import { DirectiveIndex, directiveCovers, directivesFromHashComments, parseDirectives } from '../../src/core/suppressions.js';

const sqlRule = { ruleId: 'PY608', ruleName: 'sql-string-formatting', aliases: ['B608'] };
const shellRule = { ruleId: 'PY602', ruleName: 'subprocess-shell', aliases: ['B602'] };
const settingsRule = { ruleId: 'SET018', ruleName: 'debug-enabled-in-production', aliases: ['security.W018'] };

describe('parseDirectives', () => {
  it('parses ponyguard ignores with codes and reasons', () => {
    expect(parseDirectives('# ponyguard: ignore[PY608, B602] -- reviewed, constant input', 3)).toEqual([
      { line: 3, kind: 'inline', codes: ['PY608', 'B602'], reason: 'reviewed, constant input' },
    ]);
    expect(parseDirectives('# ponyguard: ignore', 1)).toEqual([{ line: 1, kind: 'inline', codes: null }]);
    expect(parseDirectives('#ponyguard:ignore[SET018]', 1)).toEqual([{ line: 1, kind: 'inline', codes: ['SET018'] }]);
  });

  it("parses Bandit's nosec forms", () => {
    expect(parseDirectives('# nosec', 1)).toEqual([{ line: 1, kind: 'nosec', codes: null }]);
    expect(parseDirectives('#nosec: B602 B607', 1)).toEqual([{ line: 1, kind: 'nosec', codes: ['B602', 'B607'] }]);
    expect(parseDirectives('# nosec B602,B607', 1)).toEqual([{ line: 1, kind: 'nosec', codes: ['B602', 'B607'] }]);
    expect(parseDirectives('# type: ignore # nosec B607 # noqa', 1)).toEqual([{ line: 1, kind: 'nosec', codes: ['B607'] }]);
    expect(parseDirectives('# NOSEC', 1)).toEqual([]);
    expect(parseDirectives('# noqa', 1)).toEqual([]);
  });

  it('finds directives in hash-comment files', () => {
    expect(directivesFromHashComments('Django==3.2.10  # ponyguard: ignore[DEP001] -- pinned by the vendor\nrequests==2.0\n')).toEqual([
      { line: 1, kind: 'inline', codes: ['DEP001'], reason: 'pinned by the vendor' },
    ]);
  });
});

describe('directiveCovers', () => {
  it('lets a bare nosec cover every rule with a Bandit id, and nothing else', () => {
    const bare = { line: 1, kind: 'nosec' as const, codes: null };
    expect(directiveCovers(bare, sqlRule)).toBe(true);
    expect(directiveCovers(bare, settingsRule)).toBe(false);
  });

  it('lets nosec with ids cover only the listed Bandit tests', () => {
    const listed = { line: 1, kind: 'nosec' as const, codes: ['B602'] };
    expect(directiveCovers(listed, shellRule)).toBe(true);
    expect(directiveCovers(listed, sqlRule)).toBe(false);
  });

  it('lets B001 (the meta-test for the Bandit blacklist) cover the blacklist calls and imports', () => {
    const pickleRule = { ruleId: 'PY301', ruleName: 'pickle-deserialization', aliases: ['B301'] };
    const importRule = { ruleId: 'PY404', ruleName: 'import-subprocess', aliases: ['B404'] };
    for (const kind of ['nosec', 'inline'] as const) {
      const directive = { line: 1, kind, codes: ['B001'] };
      expect(directiveCovers(directive, pickleRule), kind).toBe(true);
      expect(directiveCovers(directive, importRule), kind).toBe(true);
      expect(directiveCovers(directive, shellRule), kind).toBe(false);
    }
  });

  it('matches ponyguard ignores by code, name or alias, case-insensitively', () => {
    for (const code of ['PY608', 'py608', 'sql-string-formatting', 'B608']) {
      expect(directiveCovers({ line: 1, kind: 'inline', codes: [code] }, sqlRule), code).toBe(true);
    }
    expect(directiveCovers({ line: 1, kind: 'inline', codes: ['PY602'] }, sqlRule)).toBe(false);
    expect(directiveCovers({ line: 1, kind: 'inline', codes: null }, settingsRule)).toBe(true);
  });

  it('looks at every line of the statement', () => {
    const index = new DirectiveIndex([{ line: 7, kind: 'nosec', codes: ['B608'] }]);
    expect(index.find(sqlRule, 5, 8)?.line).toBe(7);
    expect(index.find(sqlRule, 8, 9)).toBeUndefined();
  });
});
