/** Bandit parity: each of Bandit's 75 current tests is one ponyguard rule carrying the Bandit ID as an alias. */
import { describe, expect, it } from 'vitest';
import { BANDIT_TEST_NAMES, banditIds } from '../src/config/bandit.js';
import { ALL_RULES, findRule } from '../src/rules/index.js';

const BANDIT_IDS = [...new Set(Object.values(BANDIT_TEST_NAMES))].sort();

describe('Bandit parity', () => {
  it("knows Bandit's 75 current test IDs (the removed B309, B320, B322, B325 and B410 are not among them)", () => {
    expect(BANDIT_IDS).toHaveLength(75);
    for (const removed of ['B109', 'B111', 'B309', 'B320', 'B322', 'B325', 'B410']) expect(BANDIT_IDS).not.toContain(removed);
  });

  it('has exactly one Python rule per Bandit test, in the code family, numbered after it', () => {
    for (const id of BANDIT_IDS) {
      const rules = ALL_RULES.filter((rule) => rule.meta.aliases.includes(id));
      expect(rules.map((r) => r.meta.code), id).toHaveLength(1);
      const meta = rules[0]!.meta;
      expect(meta.family, id).toBe('code');
      expect(meta.code, id).toBe(`PY${id.slice(1)}`);
    }
    const banditAliases = ALL_RULES.flatMap((rule) => rule.meta.aliases).filter((alias) => /^B\d{3}$/.test(alias));
    expect(banditAliases.sort()).toEqual(BANDIT_IDS);
  });

  it('maps every Bandit test name (as Bandit configuration and nosec comments use them) to a rule', () => {
    for (const name of Object.keys(BANDIT_TEST_NAMES)) {
      const [id] = banditIds([name]);
      expect(findRule(id!)?.meta.aliases, name).toContain(id);
    }
  });
});
