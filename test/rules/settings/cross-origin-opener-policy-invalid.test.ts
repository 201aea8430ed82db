import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/cross-origin-opener-policy-invalid');

describe('SET024 cross-origin-opener-policy-invalid', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET024', fixture);
  });

  it('suggests the value a near miss meant', async () => {
    const { report } = await audit({ path: fixture, select: ['SET024'], jobs: 1, settings: 'settings.prod_case' });
    expect(report.findings[0]!.fix).toBe('In settings/prod_case.py, change line 2 to: SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"');
  });

  it('names the environment variable whose default is invalid, and is quiet once it is set', async () => {
    const unset = (await audit({ path: fixture, select: ['SET024'], jobs: 1, settings: 'settings.prod_env_default' })).report;
    expect(unset.findings.map((f) => [f.ruleId, f.location.startLine, f.confidence])).toEqual([['SET024', 4, 'medium']]);
    const set = (await audit({ path: fixture, select: ['SET024'], jobs: 1, settings: 'settings.prod_env_default', env: ['COOP=unsafe-none'] })).report;
    expect(set.findings).toEqual([]);
  });

  it('exists from Django 4.0 only', async () => {
    const files = {
      'settings/__init__.py': '',
      'settings/prod.py': 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\nSECURE_CROSS_ORIGIN_OPENER_POLICY = "bogus"\n',
    };
    const old = await makeProject({ ...files, 'requirements.txt': 'Django==3.2.25\n' });
    expect((await audit({ path: old, select: ['SET024'], jobs: 1 })).report.findings).toEqual([]);
    const current = await makeProject({ ...files, 'requirements.txt': 'Django==4.0.10\n' });
    expect((await audit({ path: current, select: ['SET024'], jobs: 1 })).report.findings.map((f) => [f.ruleId, f.location.startLine])).toEqual([['SET024', 2]]);
  });
});
