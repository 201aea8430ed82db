import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/session-cookie-httponly-disabled');
const HTTPONLY_CODES = ['SET013', 'SET014', 'SET015'];

async function scan(pin: string | null, prod: string) {
  const dir = await makeProject({ ...(pin ? { 'requirements.txt': `Django==${pin}\n` } : {}), 'settings/__init__.py': '', 'settings/prod.py': prod });
  return (await audit({ path: dir, select: HTTPONLY_CODES, jobs: 1 })).report.findings.map((f) => [f.ruleId, f.location.startLine]);
}

const BOTH = 'INSTALLED_APPS = ["django.contrib.sessions"]\nMIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]\n';

describe('SET015 session-cookie-httponly-disabled', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET015', fixture);
  });

  it('never reports Django\'s default, True', async () => {
    for (const pin of ['1.11.29', '3.2.25', '4.2.7', null]) expect(await scan(pin, BOTH)).toEqual([]);
  });

  it('accepts a truthy value before Django 4.1 and only True from 4.1', async () => {
    const prod = `${BOTH}SESSION_COOKIE_HTTPONLY = "True"\n`;
    expect(await scan('3.2.25', prod)).toEqual([]);
    expect(await scan('4.2.7', prod)).toEqual([['SET015', 3]]);
    expect(await scan('3.2.25', `${BOTH}SESSION_COOKIE_HTTPONLY = None\n`)).toEqual([['SET015', 3]]);
  });

  it('gives the concrete line to change', async () => {
    const dir = await makeProject({ 'settings/__init__.py': '', 'settings/prod.py': `${BOTH}SESSION_COOKIE_HTTPONLY = False\n` });
    const [finding] = (await audit({ path: dir, select: ['SET015'], jobs: 1 })).report.findings;
    expect(finding!.fix).toBe('In settings/prod.py, change line 3 to: SESSION_COOKIE_HTTPONLY = True');
    expect(finding!.aliases).toEqual(['security.W015']);
  });
});
