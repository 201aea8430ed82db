/** Acceptance 2: the scorecard of the example projects — vulnerable-shop D or F with every practice failing or warning, hardened-shop A or better. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRACTICES } from '../../src/core/report.js';
import { practiceOf } from '../../src/core/scorecard.js';
import { DEFAULT_ADVISORY_DB } from '../../src/deps/advisories/db.js';
import { audit } from '../../src/engine/scan.js';
import { REPO_ROOT } from '../helpers.js';

const EXAMPLES = path.join(REPO_ROOT, 'examples');
/** Without an advisory database (a checkout without ../shared) the dependency rules cannot run. */
const NO_DB = !existsSync(DEFAULT_ADVISORY_DB);
const UNCHECKED_WITHOUT_DB = new Set(['version', 'dependencies']);

describe('scorecard of the examples', () => {
  it('vulnerable-shop scores D or F, and every practice fails or warns', async () => {
    const { report } = await audit({ path: path.join(EXAMPLES, 'vulnerable-shop'), jobs: 1, ...(NO_DB ? { ignore: ['DEP'] } : {}) });
    const card = report.scorecard!;
    expect(card.grade, `score ${card.score}`).toMatch(/^[DF]/);
    expect(card.practices.map((p) => p.id)).toEqual([...PRACTICES]);
    for (const practice of card.practices) {
      // Without the database, these practices are judged by their few non-dependency rules only (or not at all).
      if (NO_DB && UNCHECKED_WITHOUT_DB.has(practice.id)) continue;
      expect(['fail', 'warn'], `${practice.id}: ${practice.summary}`).toContain(practice.status);
    }
    // Every finding carries its practice and a priority; the practice counts agree with the findings.
    for (const f of report.findings) {
      expect(f.practice).toBe(practiceOf(f.ruleId));
      expect(f.priority).toBeGreaterThan(0);
    }
    for (const practice of card.practices) expect(practice.findings).toBe(report.findings.filter((f) => f.practice === practice.id).length);
  });

  it('hardened-shop scores A or better', async () => {
    const { report } = await audit({ path: path.join(EXAMPLES, 'hardened-shop'), jobs: 1, ...(NO_DB ? { ignore: ['DEP'] } : {}) });
    const card = report.scorecard!;
    expect(['A+', 'A'], `score ${card.score}`).toContain(card.grade);
    expect(card.score).toBeGreaterThanOrEqual(90);
    for (const practice of card.practices) expect(practice.status, `${practice.id}: ${practice.summary}`).not.toBe('fail');
  });
});
