import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/session-cookie-insecure');
const SESSION_CODES = ['SET010', 'SET011', 'SET012', 'SET013', 'SET014', 'SET015'];

/** A one-module project (settings/prod.py) under a Django pin; returns [code, line] of every session finding. */
async function sessionFindings(pin: string | null, prod: string) {
  const dir = await makeProject({
    ...(pin ? { 'requirements.txt': `Django==${pin}\n` } : {}),
    'settings/__init__.py': '',
    'settings/prod.py': prod,
  });
  const { report } = await audit({ path: dir, select: SESSION_CODES, jobs: 1 });
  expect(report.errors).toEqual([]);
  return report.findings.map((f) => [f.ruleId, f.location.startLine]);
}

const BOTH = [
  'INSTALLED_APPS = ["django.contrib.sessions"]',
  'MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]',
];

describe('SET012 session-cookie-insecure', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET012', fixture);
  });

  it('passes any truthy value before Django 4.1 and only True from 4.1', async () => {
    const prod = [...BOTH, 'SESSION_COOKIE_SECURE = 1', ''].join('\n');
    expect(await sessionFindings('3.2.25', prod)).toEqual([]);
    expect(await sessionFindings('4.0.10', prod)).toEqual([]);
    expect(await sessionFindings('4.1', prod)).toEqual([['SET012', 3]]);
    expect(await sessionFindings('4.2.7', prod)).toEqual([['SET012', 3]]);
    const yes = [...BOTH, 'SESSION_COOKIE_SECURE = "yes"', ''].join('\n');
    expect(await sessionFindings('3.2.25', yes)).toEqual([]);
    expect(await sessionFindings('4.2.7', yes)).toEqual([['SET012', 3]]);
  });

  it('reports a falsy value under every version, at line 1 when the setting is missing', async () => {
    for (const pin of ['1.11.29', '3.2.25', '4.2.7', null]) {
      expect(await sessionFindings(pin, [...BOTH, 'SESSION_COOKIE_SECURE = ""', ''].join('\n'))).toEqual([['SET012', 3]]);
      expect(await sessionFindings(pin, [...BOTH, ''].join('\n'))).toEqual([['SET012', 1]]);
    }
  });

  it('lowers the severity of a truthy non-True value, which still marks the cookie Secure at runtime', async () => {
    const dir = await makeProject({ 'requirements.txt': 'Django==4.2.7\n', 'settings/__init__.py': '', 'settings/prod.py': [...BOTH, 'SESSION_COOKIE_SECURE = 1', ''].join('\n') });
    const [finding] = (await audit({ path: dir, select: ['SET012'], jobs: 1 })).report.findings;
    expect(finding!.severity).toBe('low');
    const unset = await makeProject({ 'settings/__init__.py': '', 'settings/prod.py': [...BOTH, ''].join('\n') });
    const [missing] = (await audit({ path: unset, select: ['SET012'], jobs: 1 })).report.findings;
    expect(missing!.severity).toBe('medium');
    expect(missing!.fix).toBe('In settings/prod.py, add: SESSION_COOKIE_SECURE = True');
  });

  it('picks exactly one of W010/W011/W012 from INSTALLED_APPS and MIDDLEWARE, as Django does', async () => {
    const app = 'INSTALLED_APPS = ["django.contrib.sessions"]';
    const noApp = 'INSTALLED_APPS = ["django.contrib.auth"]';
    const mw = 'MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]';
    const noMw = 'MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]';
    for (const pin of ['3.2.25', '4.2.7']) {
      expect(await sessionFindings(pin, `${app}\n${mw}\n`)).toEqual([['SET012', 1]]);
      expect(await sessionFindings(pin, `${app}\n${noMw}\n`)).toEqual([['SET010', 1]]);
      expect(await sessionFindings(pin, `${noApp}\n${mw}\n`)).toEqual([['SET011', 1]]);
      expect(await sessionFindings(pin, `${noApp}\n${noMw}\n`)).toEqual([]);
      expect(await sessionFindings(pin, `${app}\n${mw}\nSESSION_COOKIE_HTTPONLY = False\n`)).toEqual([
        ['SET012', 1],
        ['SET015', 3],
      ]);
    }
  });

  it('reads MIDDLEWARE_CLASSES on Django versions before 1.10', async () => {
    const prod = 'INSTALLED_APPS = ["django.contrib.sessions"]\nMIDDLEWARE_CLASSES = ["django.contrib.sessions.middleware.SessionMiddleware"]\n';
    expect(await sessionFindings('1.9.13', prod)).toEqual([['SET012', 1]]);
    expect(await sessionFindings('3.2.25', prod)).toEqual([['SET010', 1]]);
  });

  it('names the environment variable whose default leaves the cookie insecure, and is quiet once it is set', async () => {
    const options = { path: fixture, select: ['SET012'], jobs: 1, settings: 'settings.prod_env_default' };
    const unset = (await audit(options)).report.findings;
    expect(unset.map((f) => [f.location.startLine, f.confidence])).toEqual([[5, 'medium']]);
    expect(unset[0]!.message).toContain('SESSION_COOKIE_SECURE is not set');
    expect((await audit({ ...options, env: ['SESSION_COOKIE_SECURE=True'] })).report.findings).toEqual([]);
  });

  it('honours SILENCED_SYSTEM_CHECKS as a suppression', async () => {
    const { report } = await audit({ path: fixture, select: ['SET012'], jobs: 1, settings: 'settings.prod_silenced', showSuppressed: true });
    expect(report.findings.map((f) => [f.location.startLine, f.suppression?.kind])).toEqual([[3, 'inline']]);
  });
});
