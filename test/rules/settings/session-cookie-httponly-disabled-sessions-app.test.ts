import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/session-cookie-httponly-disabled-sessions-app');

async function scan(pin: string, prod: string) {
  const dir = await makeProject({ 'requirements.txt': `Django==${pin}\n`, 'settings/__init__.py': '', 'settings/prod.py': prod });
  return (await audit({ path: dir, select: ['SET013', 'SET014', 'SET015'], jobs: 1 })).report.findings.map((f) => [f.ruleId, f.location.startLine]);
}

const APP_ONLY = 'INSTALLED_APPS = ("django.contrib.sessions",)\nMIDDLEWARE = ()\n';

describe('SET013 session-cookie-httponly-disabled-sessions-app', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET013', fixture);
  });

  it('accepts a truthy value before Django 4.1 and only True from 4.1', async () => {
    expect(await scan('3.2.25', `${APP_ONLY}SESSION_COOKIE_HTTPONLY = 1\n`)).toEqual([]);
    expect(await scan('4.2.7', `${APP_ONLY}SESSION_COOKIE_HTTPONLY = 1\n`)).toEqual([['SET013', 3]]);
    expect(await scan('3.2.25', `${APP_ONLY}SESSION_COOKIE_HTTPONLY = 0\n`)).toEqual([['SET013', 3]]);
  });

  it('is replaced by SET015 once SessionMiddleware is added', async () => {
    const both = 'INSTALLED_APPS = ["django.contrib.sessions"]\nMIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]\nSESSION_COOKIE_HTTPONLY = False\n';
    expect(await scan('3.2.25', both)).toEqual([['SET015', 3]]);
  });
});
