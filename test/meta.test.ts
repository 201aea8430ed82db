/**
 * Guards the one-rule-one-file convention: every rule has a file named after it, documentation in every section,
 * a test and a fixture; codes, names and aliases are unique; `explain` works for every code and alias.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAMILIES } from '../src/core/finding.js';
import { FAMILY_CODE_PREFIX, OWASP_2021 } from '../src/core/rule.js';
import { DOC_SECTIONS, renderRuleMarkdown } from '../src/docs/render.js';
import { ALL_RULES, findRule } from '../src/rules/index.js';
import { REPO_ROOT, annotations } from './helpers.js';

const rulesDir = path.join(REPO_ROOT, 'src', 'rules');

describe('rule registry', () => {
  it('registers every rule file, and only rule files', () => {
    const files = FAMILIES.flatMap((family) => {
      const dir = path.join(rulesDir, family);
      return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => `${family}/${f.replace(/\.ts$/, '')}`) : [];
    });
    const registered = ALL_RULES.map((rule) => `${rule.meta.family}/${rule.meta.name}`);
    expect(registered.sort()).toEqual(files.sort());
  });

  it('is sorted by code', () => {
    const codes = ALL_RULES.map((rule) => rule.meta.code);
    expect(codes).toEqual([...codes].sort());
  });

  it('has unique codes, names and aliases', () => {
    const seen = new Map<string, string>();
    for (const { meta } of ALL_RULES) {
      for (const id of [meta.code, meta.name, ...meta.aliases]) {
        const key = id.toLowerCase();
        expect(seen.get(key), `${id} is used by ${seen.get(key)} and ${meta.code}`).toBeUndefined();
        seen.set(key, meta.code);
      }
    }
  });
});

describe.each(ALL_RULES.map((rule) => [rule.meta.code, rule] as const))('rule %s', (code, rule) => {
  const { meta } = rule;

  it('lives in src/rules/<family>/<name>.ts and default-exports itself', async () => {
    const file = path.join(rulesDir, meta.family, `${meta.name}.ts`);
    expect(existsSync(file), file).toBe(true);
    const module = (await import(file)) as { default: unknown };
    expect(module.default).toBe(rule);
  });

  it('has a well-formed code, name and classification', () => {
    expect(meta.code).toMatch(new RegExp(`^${FAMILY_CODE_PREFIX[meta.family]}\\d{3}$`));
    expect(meta.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(meta.cwe.length).toBeGreaterThan(0);
    for (const cwe of meta.cwe) expect(Number.isInteger(cwe) && cwe > 0).toBe(true);
    expect(meta.owasp.length).toBeGreaterThan(0);
    for (const category of meta.owasp) expect(OWASP_2021).toContain(category);
    expect(meta.summary.trim()).toMatch(/\.$/);
    expect(meta.fix.trim().length).toBeGreaterThan(10);
  });

  it('documents every section', () => {
    const { docs } = meta;
    for (const text of [docs.whatItDoes, docs.whyItMatters, docs.example.bad, docs.example.good, docs.howToFix]) {
      expect(text.trim().length).toBeGreaterThan(20);
    }
    expect(docs.example.bad).not.toBe(docs.example.good);
    expect(docs.references.length).toBeGreaterThan(0);
    for (const reference of docs.references) {
      expect(reference.title.trim()).not.toBe('');
      expect(reference.url).toMatch(/^https:\/\//);
    }
    const page = renderRuleMarkdown(meta);
    for (const section of DOC_SECTIONS) expect(page).toContain(`## ${section}`);
  });

  it('is found by explain under its code, name and every alias', () => {
    for (const query of [code, code.toLowerCase(), meta.name, ...meta.aliases]) expect(findRule(query)).toBe(rule);
  });

  it('has a test file that exercises it', () => {
    const file = path.join(REPO_ROOT, 'test', 'rules', meta.family, `${meta.name}.test.ts`);
    expect(existsSync(file), file).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain(code);
  });

  it('has a fixture with annotated findings', () => {
    const base = path.join(REPO_ROOT, 'test', 'fixtures', 'rules', meta.family, meta.name);
    const candidates = [base, ...readdirSync(path.dirname(base)).filter((f) => f.startsWith(`${meta.name}.`)).map((f) => path.join(path.dirname(base), f))];
    const existing = candidates.filter((c) => existsSync(c));
    expect(existing.length, `no fixture ${base}[.*]`).toBeGreaterThan(0);
    const texts = existing.flatMap((c) => filesUnder(c).map((f) => readFileSync(f, 'utf8')));
    const expected = texts.flatMap((t) => annotations(t)).filter((hit) => hit.code === code);
    expect(expected.length, 'the fixture marks no line with an expect comment for this rule').toBeGreaterThan(0);
  });
});

function filesUnder(target: string): string[] {
  if (!statSync(target).isDirectory()) return [target];
  return readdirSync(target, { withFileTypes: true }).flatMap((entry) => filesUnder(path.join(target, entry.name)));
}
