import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/hsts-without-subdomains');

describe('SET005 hsts-without-subdomains', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET005', fixture);
  });

  it('reports an insecure environment default at the default, and is quiet once the variable is set', async () => {
    const unset = (await audit({ path: fixture, select: ['SET005'], jobs: 1, settings: 'settings.prod_env_default' })).report;
    expect(unset.findings.map((f) => [f.ruleId, f.location.startLine, f.confidence])).toEqual([['SET005', 7, 'medium']]);
    expect(unset.findings[0]!.fix).toMatch(/^Set HSTS_SUBDOMAINS in the production environment/);
    const set = (await audit({ path: fixture, select: ['SET005'], jobs: 1, settings: 'settings.prod_env_default', env: ['HSTS_SUBDOMAINS=true'] })).report;
    expect(set.findings).toEqual([]);
  });

  it('judges HSTS_SECONDS from the environment given', async () => {
    const { report } = await audit({ path: fixture, select: ['SET005'], jobs: 1, settings: 'settings.prod_hsts_unknown', env: ['HSTS_SECONDS=3600'] });
    expect(report.findings.map((f) => [f.ruleId, f.location.startLine])).toEqual([['SET005', 1]]);
    const off = (await audit({ path: fixture, select: ['SET005'], jobs: 1, settings: 'settings.prod_hsts_unknown', env: ['HSTS_SECONDS=0'] })).report;
    expect(off.findings).toEqual([]);
  });

  it('gives the line to add', async () => {
    const { report } = await audit({ path: fixture, select: ['SET005'], jobs: 1, settings: 'settings.prod_missing' });
    expect(report.findings[0]!.fix).toBe('In settings/prod_missing.py, add: SECURE_HSTS_INCLUDE_SUBDOMAINS = True');
  });
});
