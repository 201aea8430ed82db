import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/hsts-preload-disabled');

async function scan(pin: string | null, prod: string) {
  const dir = await makeProject({ ...(pin ? { 'requirements.txt': `Django==${pin}\n` } : {}), 'settings/__init__.py': '', 'settings/prod.py': prod });
  return (await audit({ path: dir, select: ['SET021'], jobs: 1 })).report.findings.map((f) => [f.ruleId, f.location.startLine, f.severity]);
}

const HSTS = 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\nSECURE_HSTS_SECONDS = 31536000\n';

describe('SET021 hsts-preload-disabled', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET021', fixture);
  });

  it('exists from Django 1.11', async () => {
    expect(await scan('1.10.8', HSTS)).toEqual([]);
    expect(await scan('1.11.29', HSTS)).toEqual([['SET021', 1, 'low']]);
    expect(await scan('3.2.25', HSTS)).toEqual([['SET021', 1, 'low']]);
  });

  it('has always required exactly True, in every version', async () => {
    expect(await scan('3.2.25', `${HSTS}SECURE_HSTS_PRELOAD = 1\n`)).toEqual([['SET021', 3, 'info']]);
    expect(await scan('4.2.7', `${HSTS}SECURE_HSTS_PRELOAD = "True"\n`)).toEqual([['SET021', 3, 'info']]);
    expect(await scan('3.2.25', `${HSTS}SECURE_HSTS_PRELOAD = True\n`)).toEqual([]);
  });

  it('uses the environment it is given', async () => {
    const options = { path: fixture, select: ['SET021'], jobs: 1, settings: 'settings.prod_env_default' };
    expect((await audit(options)).report.findings.map((f) => [f.location.startLine, f.confidence])).toEqual([[5, 'medium']]);
    expect((await audit({ ...options, env: ['HSTS_PRELOAD=true'] })).report.findings).toEqual([]);
  });

  it('gives the concrete line to add', async () => {
    const { report } = await audit({ path: fixture, select: ['SET021'], jobs: 1, settings: 'settings.prod_missing' });
    expect(report.findings.map((f) => f.fix)).toEqual(['In settings/prod_missing.py, add: SECURE_HSTS_PRELOAD = True']);
  });
});
