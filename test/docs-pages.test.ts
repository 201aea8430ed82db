/** The committed rule pages under docs/rules/ are exactly what `npm run docs` writes from the rules' metadata. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleHelpUri } from '../src/core/rule.js';
import { rulePages } from '../src/docs/pages.js';
import { ALL_RULES } from '../src/rules/index.js';
import { REPO_ROOT } from './helpers.js';

const DIR = path.join(REPO_ROOT, 'docs', 'rules');

describe('docs/rules', () => {
  const pages = rulePages(ALL_RULES.map((rule) => rule.meta));

  it('has one page per rule and an index, and nothing else', () => {
    expect(readdirSync(DIR).sort()).toEqual([...pages.keys()].sort());
  });

  it('is current (run `npm run docs` after changing a rule)', () => {
    for (const [name, text] of pages) expect(readFileSync(path.join(DIR, name), 'utf8'), name).toBe(text);
  });

  it('has the page each SARIF helpUri points at', () => {
    for (const rule of ALL_RULES) expect(pages.has(path.posix.basename(ruleHelpUri(rule.meta.code))), rule.meta.code).toBe(true);
  });

  it('indexes every rule under its family with its aliases', () => {
    const index = pages.get('README.md')!;
    for (const rule of ALL_RULES) {
      const row = index.split('\n').find((line) => line.startsWith(`| [${rule.meta.code}](`));
      expect(row, rule.meta.code).toBeDefined();
      for (const alias of rule.meta.aliases) expect(row).toContain(`\`${alias}\``);
    }
  });
});
