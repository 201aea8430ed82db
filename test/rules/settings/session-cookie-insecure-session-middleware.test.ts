import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/session-cookie-insecure-session-middleware');

async function scan(files: Record<string, string>) {
  const { report } = await audit({ path: await makeProject({ 'settings/__init__.py': '', ...files }), select: ['SET010', 'SET011', 'SET012'], jobs: 1 });
  return report.findings.map((f) => [f.ruleId, f.location.startLine]);
}

const MIDDLEWARE_ONLY = 'INSTALLED_APPS = ["django.contrib.auth"]\nMIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]\n';

describe('SET011 session-cookie-insecure-session-middleware', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET011', fixture);
  });

  it('accepts a truthy value before Django 4.1 and only True from 4.1', async () => {
    const prod = `${MIDDLEWARE_ONLY}SESSION_COOKIE_SECURE = 1\n`;
    expect(await scan({ 'requirements.txt': 'Django==3.2.25\n', 'settings/prod.py': prod })).toEqual([]);
    expect(await scan({ 'requirements.txt': 'Django==4.2.7\n', 'settings/prod.py': prod })).toEqual([['SET011', 3]]);
  });

  it('follows a middleware list built across split settings', async () => {
    const files = {
      'settings/base.py': 'INSTALLED_APPS = []\nMIDDLEWARE = ["django.middleware.common.CommonMiddleware"]\n',
      'settings/production.py': 'from .base import *\nMIDDLEWARE.insert(0, "django.contrib.sessions.middleware.SessionMiddleware")\n',
    };
    expect(await scan(files)).toEqual([['SET011', 1]]);
  });

  it('uses the environment it is given', async () => {
    const options = { path: fixture, select: ['SET011'], jobs: 1, settings: 'settings.prod_env_default' };
    expect((await audit(options)).report.findings.map((f) => [f.location.startLine, f.confidence])).toEqual([[5, 'medium']]);
    expect((await audit({ ...options, env: ['SESSION_COOKIE_SECURE=True'] })).report.findings).toEqual([]);
  });
});
