import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/csrf-cookie-insecure');

async function scan(pin: string | null, prod: string) {
  const dir = await makeProject({ ...(pin ? { 'requirements.txt': `Django==${pin}\n` } : {}), 'settings/__init__.py': '', 'settings/prod.py': prod });
  return (await audit({ path: dir, select: ['SET016'], jobs: 1 })).report.findings.map((f) => [f.ruleId, f.location.startLine, f.severity]);
}

const CSRF = 'MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]\n';

describe('SET016 csrf-cookie-insecure', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET016', fixture);
  });

  it('accepts a truthy value before Django 4.1 and only True from 4.1', async () => {
    const prod = `${CSRF}CSRF_COOKIE_SECURE = "yes"\n`;
    expect(await scan('3.2.25', prod)).toEqual([]);
    expect(await scan('4.2.7', prod)).toEqual([['SET016', 2, 'info']]);
    expect(await scan('3.2.25', `${CSRF}CSRF_COOKIE_SECURE = ""\n`)).toEqual([['SET016', 2, 'low']]);
    expect(await scan('4.2.7', CSRF)).toEqual([['SET016', 1, 'low']]);
  });

  it('exempts CSRF_USE_SESSIONS (truthy) from Django 1.11, the version that added it', async () => {
    const prod = `${CSRF}CSRF_USE_SESSIONS = 1\n`;
    expect(await scan('3.2.25', prod)).toEqual([]);
    expect(await scan('1.11.29', prod)).toEqual([]);
    // Django 1.10 has no CSRF_USE_SESSIONS: the assignment is an unknown setting and the check still applies.
    expect(await scan('1.10.8', prod)).toEqual([['SET016', 1, 'low']]);
  });

  it('reads the default MIDDLEWARE_CLASSES of Django 1.9, which contains CsrfViewMiddleware', async () => {
    expect(await scan('1.9.13', 'DEBUG = False\n')).toEqual([['SET016', 1, 'low']]);
    expect(await scan('3.2.25', 'DEBUG = False\n')).toEqual([]);
  });

  it('names the environment variable whose default leaves the cookie insecure', async () => {
    const options = { path: fixture, select: ['SET016'], jobs: 1, settings: 'settings.prod_env_default' };
    const [finding] = (await audit(options)).report.findings;
    expect([finding!.location.startLine, finding!.confidence]).toEqual([4, 'medium']);
    expect(finding!.fix).toMatch(/^Set CSRF_COOKIE_SECURE in the production environment/);
    expect((await audit({ ...options, env: ['CSRF_COOKIE_SECURE=1'] })).report.findings).toEqual([]);
  });

  it('honours SILENCED_SYSTEM_CHECKS as a suppression', async () => {
    const { report } = await audit({ path: fixture, select: ['SET016'], jobs: 1, settings: 'settings.prod_silenced', showSuppressed: true });
    expect(report.findings.map((f) => [f.location.startLine, f.suppression?.kind])).toEqual([[1, 'inline']]);
  });
});
