import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/csrf-middleware-missing');

async function findings(files: Record<string, string>) {
  const dir = await makeProject(files);
  const { report } = await audit({ path: dir, select: ['SET003'], jobs: 1, showSuppressed: true });
  return report.findings;
}

describe('SET003 csrf-middleware-missing', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET003', fixture);
  });

  it('puts CsrfViewMiddleware back after SessionMiddleware and CommonMiddleware in the fix', async () => {
    const { report } = await audit({ path: fixture, select: ['SET003'], jobs: 1, settings: 'settings.prod_api' });
    expect(report.findings.map((f) => [f.ruleId, f.location.startLine])).toEqual([['SET003', 4]]);
    expect(report.findings[0]!.confidence).toBe('medium');
    expect(report.findings[0]!.fix).toBe(
      'In settings/prod_api.py, change line 4 to: MIDDLEWARE = [' +
        "'django.middleware.security.SecurityMiddleware', 'django.contrib.sessions.middleware.SessionMiddleware', " +
        "'django.middleware.common.CommonMiddleware', 'django.middleware.csrf.CsrfViewMiddleware', " +
        "'django.contrib.auth.middleware.AuthenticationMiddleware']",
    );
  });

  it('judges the environment given: a variable can replace the default entry', async () => {
    const { report } = await audit({ path: fixture, select: ['SET003'], jobs: 1, settings: 'settings.prod_env_default_present', env: ['EXTRA_MIDDLEWARE=myapp.middleware.Audit'] });
    expect(report.findings.map((f) => [f.ruleId, f.location.startLine])).toEqual([['SET003', 4]]);
    const { report: present } = await audit({ path: fixture, select: ['SET003'], jobs: 1, settings: 'settings.prod_branch', env: ['DJANGO_CSRF=on'] });
    expect(present.findings).toEqual([]);
  });

  it('honours SILENCED_SYSTEM_CHECKS', async () => {
    const found = await findings({
      'settings/__init__.py': '',
      'settings/production.py': 'MIDDLEWARE = []\nSILENCED_SYSTEM_CHECKS = ["security.W003"]  # token-only API\n',
    });
    expect(found.map((f) => [f.ruleId, f.location.startLine, f.suppression?.kind])).toEqual([['SET003', 1, 'inline']]);
  });

  it("is quiet on Django 1.9 when MIDDLEWARE_CLASSES is not set: Django's default includes the CSRF middleware", async () => {
    const found = await findings({
      'requirements.txt': 'Django==1.9.13\n',
      'settings/__init__.py': '',
      'settings/production.py': 'DEBUG = False\n',
    });
    expect(found).toEqual([]);
  });
});
