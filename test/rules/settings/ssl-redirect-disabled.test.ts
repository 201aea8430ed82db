import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/ssl-redirect-disabled');

describe('SET008 ssl-redirect-disabled', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET008', fixture);
  });

  it('reports an insecure django-environ default at the default, and is quiet once the variable is set', async () => {
    const unset = (await audit({ path: fixture, select: ['SET008'], jobs: 1, settings: 'settings.prod_env_default' })).report;
    expect(unset.findings.map((f) => [f.ruleId, f.location.startLine, f.confidence])).toEqual([['SET008', 5, 'medium']]);
    expect(unset.findings[0]!.fix).toMatch(/^Set DJANGO_SECURE_SSL_REDIRECT in the production environment/);
    const set = (await audit({ path: fixture, select: ['SET008'], jobs: 1, settings: 'settings.prod_env_default', env: ['DJANGO_SECURE_SSL_REDIRECT=on'] })).report;
    expect(set.findings).toEqual([]);
    const off = (await audit({ path: fixture, select: ['SET008'], jobs: 1, settings: 'settings.prod_env_ok', env: ['DJANGO_SECURE_SSL_REDIRECT=off'] })).report;
    expect(off.findings.map((f) => [f.ruleId, f.location.startLine])).toEqual([['SET008', 5]]);
  });

  it('gives the fix for the module that inherits the value', async () => {
    const { report } = await audit({ path: fixture, select: ['SET008'], jobs: 1, settings: 'settings.prod_inherited' });
    expect(report.findings.map((f) => [f.location.path, f.location.startLine])).toEqual([['settings/base.py', 2]]);
    expect(report.findings[0]!.fix).toBe('In settings/prod_inherited.py, add: SECURE_SSL_REDIRECT = True (it currently inherits SECURE_SSL_REDIRECT from settings/base.py:2)');
  });

  it('honours SILENCED_SYSTEM_CHECKS (the proxy redirects)', async () => {
    const dir = await makeProject({
      'settings/__init__.py': '',
      'settings/production.py': 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\nSILENCED_SYSTEM_CHECKS = ["security.W008"]\n',
    });
    const { report } = await audit({ path: dir, select: ['SET008'], jobs: 1, showSuppressed: true });
    expect(report.findings.map((f) => [f.ruleId, f.location.startLine, f.suppression?.kind])).toEqual([['SET008', 1, 'inline']]);
  });
});
