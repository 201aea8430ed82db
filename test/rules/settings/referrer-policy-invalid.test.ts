import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/referrer-policy-invalid');
const MIDDLEWARE = 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\n';

async function findings(files: Record<string, string>, extra: { env?: string[] } = {}) {
  const dir = await makeProject({ 'settings/__init__.py': '', ...files });
  const { report } = await audit({ path: dir, select: ['SET023'], jobs: 1, ...extra });
  expect(report.errors).toEqual([]);
  return report.findings;
}

describe('SET023 referrer-policy-invalid', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET023', fixture);
  });

  it('judges the environment default, and the value the environment gives', async () => {
    const unset = (await audit({ path: fixture, select: ['SET023'], jobs: 1, settings: 'settings.prod_env_default' })).report;
    expect(unset.findings.map((f) => [f.ruleId, f.location.startLine, f.confidence])).toEqual([['SET023', 4, 'medium']]);
    expect(unset.findings[0]!.message).toContain('REFERRER_POLICY is not set');
    const good = (await audit({ path: fixture, select: ['SET023'], jobs: 1, settings: 'settings.prod_env_default', env: ['REFERRER_POLICY=same-origin'] })).report;
    expect(good.findings).toEqual([]);
    const bad = (await audit({ path: fixture, select: ['SET023'], jobs: 1, settings: 'settings.prod_unknown', env: ['REFERRER_POLICY=same-origin, nope'] })).report;
    expect(bad.findings.map((f) => [f.ruleId, f.location.startLine])).toEqual([['SET023', 5]]);
  });

  it('honours SILENCED_SYSTEM_CHECKS as a suppression', async () => {
    const { report } = await audit({ path: fixture, select: ['SET023'], jobs: 1, settings: 'settings.prod_silenced', showSuppressed: true });
    expect(report.findings.map((f) => [f.ruleId, f.location.startLine, f.suppression?.kind])).toEqual([['SET023', 2, 'inline']]);
  });

  it('gives the fix for the right module', async () => {
    const { report } = await audit({ path: fixture, select: ['SET023'], jobs: 1, settings: 'settings.prod_typo' });
    expect(report.findings[0]!.fix).toBe('In settings/prod_typo.py, change line 2 to: SECURE_REFERRER_POLICY = "same-origin"');
  });

  it('uses every key of a dict and flags non-string entries, as set() does', async () => {
    const hits = await findings({
      'settings/prod_dict.py': `${MIDDLEWARE}SECURE_REFERRER_POLICY = {"same-origin": 1, "bogus": 2}\n`,
      'settings/prod_dict_ok.py': `${MIDDLEWARE}SECURE_REFERRER_POLICY = {"same-origin": 1}\n`,
      'settings/prod_number.py': `${MIDDLEWARE}SECURE_REFERRER_POLICY = ["origin", 1]\n`,
    });
    expect(hits.map((f) => [f.location.path, f.location.startLine]).sort()).toEqual([
      ['settings/prod_dict.py', 2],
      ['settings/prod_number.py', 2],
    ]);
  });

  it('follows the Django version: no check before 3.0, and the 3.2 semantics are the same', async () => {
    const files = { 'settings/prod.py': `${MIDDLEWARE}SECURE_REFERRER_POLICY = "bogus"\n` };
    expect(await findings({ ...files, 'requirements.txt': 'Django==2.2.28\n' })).toEqual([]);
    expect((await findings({ ...files, 'requirements.txt': 'Django==3.2.25\n' })).map((f) => f.ruleId)).toEqual(['SET023']);
  });
});
