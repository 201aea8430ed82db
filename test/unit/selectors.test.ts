import { describe, expect, it } from 'vitest';
import { ruleEnabled, selectorMatches, unknownSelectors } from '../../src/core/selectors.js';
import { ALL_RULES, findRule } from '../../src/rules/index.js';

const sql = { ruleId: 'PY608', ruleName: 'sql-string-formatting', aliases: ['B608'] };

describe('selectors', () => {
  it('match codes, code prefixes, names and aliases', () => {
    for (const selector of ['PY608', 'PY6', 'PY', 'py608', 'sql-string-formatting', 'B608', 'all']) expect(selectorMatches(selector, sql), selector).toBe(true);
    for (const selector of ['PY7', 'B6', 'SET', 'sql']) expect(selectorMatches(selector, sql), selector).toBe(false);
  });

  it('let B001 stand for every Bandit blacklist test (B3xx calls, B4xx imports)', () => {
    const blacklist = ALL_RULES.filter((r) => selectorMatches('B001', { ruleId: r.meta.code, ruleName: r.meta.name, aliases: r.meta.aliases }));
    const aliases = blacklist.flatMap((r) => r.meta.aliases).sort();
    expect(aliases[0]).toBe('B301');
    expect(aliases.at(-1)).toBe('B415');
    // Every B3xx and B4xx test but B324 (hashlib), which is a plugin of its own in Bandit.
    expect(aliases).toEqual(ALL_RULES.flatMap((r) => r.meta.aliases).filter((a) => /^B[34]\d\d$/.test(a) && a !== 'B324').sort());
    expect(selectorMatches('B001', sql)).toBe(false);
    expect(ruleEnabled(findRule('PY404')!.meta, [], ['B001'])).toBe(false);
  });

  it('match advisory ids carried by a finding', () => {
    expect(selectorMatches('CVE-2023-1234', { ...sql, aliases: ['CVE-2023-1234'] })).toBe(true);
  });

  it('flag unknown selectors but not advisory ids or the ids of Bandit and Django checks', () => {
    const metas = ALL_RULES.map((r) => r.meta);
    expect(unknownSelectors(['PY608', 'B608', 'security.W018', 'CVE-2021-44420', 'GHSA-xxxx', 'B999', 'B101', 'security.W004', 'PY999'], metas)).toEqual([
      'GHSA-xxxx',
      'B999',
      'PY999',
    ]);
  });

  it('enable rules from select/ignore lists', () => {
    const meta = findRule('PY608')!.meta;
    expect(ruleEnabled(meta, [], [])).toBe(true);
    expect(ruleEnabled(meta, ['SET'], [])).toBe(false);
    expect(ruleEnabled(meta, ['PY'], ['B608'])).toBe(false);
    expect(ruleEnabled(meta, ['CVE-2021-44420'], [])).toBe(true);
  });
});
