import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/csrf-cookie-httponly-disabled');

async function scan(pin: string | null, prod: string) {
  const dir = await makeProject({ ...(pin ? { 'requirements.txt': `Django==${pin}\n` } : {}), 'settings/__init__.py': '', 'settings/prod.py': prod });
  return (await audit({ path: dir, select: ['SET017'], jobs: 1 })).report.findings.map((f) => [f.ruleId, f.location.startLine]);
}

describe('SET017 csrf-cookie-httponly-disabled', () => {
  it('reports exactly the annotated lines of its fixture project (pinned to Django 1.9)', async () => {
    await expectFixture('SET017', fixture);
  });

  it('exists only from Django 1.8 to 1.10: removed in 1.11', async () => {
    const prod = 'MIDDLEWARE_CLASSES = ["django.middleware.csrf.CsrfViewMiddleware"]\nCSRF_COOKIE_HTTPONLY = False\n';
    expect(await scan('1.8.19', prod)).toEqual([['SET017', 2]]);
    expect(await scan('1.10.8', prod)).toEqual([['SET017', 2]]);
    expect(await scan('1.11.29', prod)).toEqual([]);
    expect(await scan('3.2.25', prod.replace('MIDDLEWARE_CLASSES', 'MIDDLEWARE'))).toEqual([]);
    expect(await scan(null, prod.replace('MIDDLEWARE_CLASSES', 'MIDDLEWARE'))).toEqual([]);
  });

  it('reads MIDDLEWARE on Django 1.10 when it is set', async () => {
    expect(await scan('1.10.8', 'MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]\n')).toEqual([['SET017', 1]]);
  });

  it('gives the concrete line to add', async () => {
    const { report } = await audit({ path: fixture, select: ['SET017'], jobs: 1, settings: 'settings.prod_missing' });
    expect(report.findings.map((f) => f.fix)).toEqual(['In settings/prod_missing.py, add: CSRF_COOKIE_HTTPONLY = True']);
  });
});
