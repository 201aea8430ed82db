import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/session-cookie-insecure-sessions-app');

async function scan(files: Record<string, string>) {
  const { report } = await audit({ path: await makeProject({ 'settings/__init__.py': '', ...files }), select: ['SET010', 'SET011', 'SET012'], jobs: 1 });
  return report.findings.map((f) => [f.ruleId, f.location.startLine, f.severity]);
}

const APP_ONLY = 'INSTALLED_APPS = ["django.contrib.sessions"]\nMIDDLEWARE = ["django.middleware.common.CommonMiddleware"]\n';

describe('SET010 session-cookie-insecure-sessions-app', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET010', fixture);
  });

  it('accepts a truthy value before Django 4.1 and only True from 4.1', async () => {
    const prod = `${APP_ONLY}SESSION_COOKIE_SECURE = "on"\n`;
    expect(await scan({ 'requirements.txt': 'Django==3.2.25\n', 'settings/prod.py': prod })).toEqual([]);
    expect(await scan({ 'requirements.txt': 'Django==4.2.7\n', 'settings/prod.py': prod })).toEqual([['SET010', 3, 'low']]);
    expect(await scan({ 'requirements.txt': 'Django==3.2.25\n', 'settings/prod.py': `${APP_ONLY}SESSION_COOKIE_SECURE = 0\n` })).toEqual([['SET010', 3, 'medium']]);
  });

  it('does not judge an app list it cannot read completely', async () => {
    const prod = 'from x import EXTRA\nINSTALLED_APPS = ["django.contrib.sessions", EXTRA]\nMIDDLEWARE = []\n';
    // The sessions app is certainly present and the middleware certainly absent: W010 is certain.
    expect(await scan({ 'settings/prod.py': prod })).toEqual([['SET010', 1, 'medium']]);
    const unsure = 'from x import EXTRA\nINSTALLED_APPS = ["django.contrib.sessions"]\nMIDDLEWARE = [EXTRA]\n';
    expect(await scan({ 'settings/prod.py': unsure })).toEqual([]);
  });

  it('honours SILENCED_SYSTEM_CHECKS for security.W010 only', async () => {
    const { report } = await audit({ path: fixture, select: ['SET010'], jobs: 1, settings: 'settings.prod_silenced', showSuppressed: true });
    expect(report.findings.map((f) => [f.ruleId, f.suppression?.kind])).toEqual([['SET010', 'inline']]);
  });
});
