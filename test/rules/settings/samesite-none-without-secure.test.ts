import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/samesite-none-without-secure');
const scan = async (settings: string, env?: string[]) =>
  (await audit({ path: fixture, select: ['SET205'], jobs: 1, settings, ...(env ? { env } : {}) })).report.findings;

describe('SET205 samesite-none-without-secure', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET205', fixture);
  });

  it('reports at the SameSite setting, with the Secure line as the fix', async () => {
    const [unset] = await scan('settings.prod_session_unset');
    expect([unset!.location.startLine, unset!.severity, unset!.confidence]).toEqual([2, 'medium', 'high']);
    expect(unset!.fix).toBe('In settings/prod_session_unset.py, add: SESSION_COOKIE_SECURE = True');
    const [assigned] = await scan('settings.prod_session_false');
    expect(assigned!.location.startLine).toBe(3);
    expect(assigned!.fix).toBe('In settings/prod_session_false.py, change line 2 to: SESSION_COOKIE_SECURE = True');
  });

  it('rates the CSRF cookie low', async () => {
    expect((await scan('settings.prod_csrf')).map((f) => [f.location.startLine, f.severity])).toEqual([[3, 'low']]);
  });

  it('follows an insecure environment default of the Secure flag', async () => {
    const unset = await scan('settings.prod_env_secure');
    expect(unset.map((f) => [f.location.startLine, f.confidence])).toEqual([[6, 'medium']]);
    expect(unset[0]!.message).toContain('SECURE_COOKIES not set');
    expect(unset[0]!.fix).toMatch(/^Set SECURE_COOKIES in the production environment/);
    expect(await scan('settings.prod_env_secure', ['SECURE_COOKIES=true'])).toEqual([]);
  });

  it('reports inherited SameSite settings where they are written, with the fix in the judged module', async () => {
    const findings = await scan('settings.prod_inherited');
    expect(findings.map((f) => [f.location.path, f.location.startLine, f.severity])).toEqual([
      ['settings/base.py', 2, 'medium'],
      ['settings/base.py', 4, 'low'],
    ]);
    expect(findings[0]!.fix).toBe('In settings/prod_inherited.py, change line 3 to: SESSION_COOKIE_SECURE = True');
    expect(findings[0]!.message).toContain('inherited from settings/base.py');
  });

  it("does not apply before Django 3.1, which rejects the string 'None'", async () => {
    const files = { 'settings/__init__.py': '', 'settings/production.py': 'MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]\nSESSION_COOKIE_SAMESITE = "None"\n' };
    const old = await makeProject({ 'requirements.txt': 'Django==3.0.14\n', ...files });
    expect((await audit({ path: old, select: ['SET205'], jobs: 1 })).report.findings).toEqual([]);
    const current = await makeProject({ 'requirements.txt': 'Django==3.2.25\n', ...files });
    expect((await audit({ path: current, select: ['SET205'], jobs: 1 })).report.findings.map((f) => f.location.startLine)).toEqual([2]);
  });
});
