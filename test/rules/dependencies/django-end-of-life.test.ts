import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ADVISORY_DB } from '../../../src/deps/advisories/db.js';
import { FIXTURES, expectDependencyFixture } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules/dependencies/django-end-of-life');

describe.skipIf(!existsSync(DEFAULT_ADVISORY_DB))('DEP004 django-end-of-life', () => {
  it('reports end-of-life series with the date they ended, on the scan date', async () => {
    const findings = await expectDependencyFixture('DEP004', FIXTURE);
    const lts = findings.find((f) => f.location.path === 'requirements.txt')!;
    expect(lts.message).toContain('the 3.2 series reached end of life on 2024-04-01');
    expect(lts.fix).toMatch(/supported Django series: 5\.2\.\d+/);
  });

  it('judges the series on the scan date: 3.2 was supported in 2023', async () => {
    const { audit } = await import('../../../src/engine/scan.js');
    const { report } = await audit({ path: FIXTURE, select: ['DEP004'], jobs: 1, now: () => Date.parse('2023-06-01T00:00:00Z') });
    expect(report.findings.map((f) => f.location.path)).toEqual(['legacy/Pipfile']);
  });
});
