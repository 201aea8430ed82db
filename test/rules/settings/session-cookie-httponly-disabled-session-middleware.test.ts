import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/session-cookie-httponly-disabled-session-middleware');

async function scan(pin: string, prod: string) {
  const dir = await makeProject({ 'requirements.txt': `Django==${pin}\n`, 'settings/__init__.py': '', 'settings/prod.py': prod });
  return (await audit({ path: dir, select: ['SET013', 'SET014', 'SET015'], jobs: 1 })).report.findings.map((f) => [f.ruleId, f.location.startLine]);
}

const MIDDLEWARE_ONLY = 'SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"\nMIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]\n';

describe('SET014 session-cookie-httponly-disabled-session-middleware', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET014', fixture);
  });

  it('accepts a truthy value before Django 4.1 and only True from 4.1', async () => {
    // INSTALLED_APPS is not set: Django's default is [], so the sessions app is absent.
    expect(await scan('3.2.25', `${MIDDLEWARE_ONLY}SESSION_COOKIE_HTTPONLY = "no"\n`)).toEqual([]);
    expect(await scan('4.2.7', `${MIDDLEWARE_ONLY}SESSION_COOKIE_HTTPONLY = "no"\n`)).toEqual([['SET014', 3]]);
    expect(await scan('3.2.25', `${MIDDLEWARE_ONLY}SESSION_COOKIE_HTTPONLY = ""\n`)).toEqual([['SET014', 3]]);
  });

  it('reads MIDDLEWARE_CLASSES on Django 1.9', async () => {
    const prod = 'MIDDLEWARE_CLASSES = ["django.contrib.sessions.middleware.SessionMiddleware"]\nSESSION_COOKIE_HTTPONLY = False\n';
    expect(await scan('1.9.13', prod)).toEqual([['SET014', 2]]);
    expect(await scan('3.2.25', prod)).toEqual([]);
  });
});
