import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, REPO_ROOT, expectFixture, makeProject } from '../../helpers.js';

const CODE = 'HRD010';
const fixture = path.join(FIXTURES, 'rules/hardening/password-reset-without-rate-limit');

describe('HRD010 password-reset-without-rate-limit', () => {
  it('reports exactly the annotated lines of its fixture project (auth urls, subclasses, PasswordResetForm, ratelimit, allauth, dj-rest-auth)', async () => {
    await expectFixture(CODE, fixture);
  });

  it('is low severity and names the URL', async () => {
    const { report } = await audit({ path: fixture, select: [CODE], jobs: 1 });
    expect(report.findings.every((f) => f.severity === 'low')).toBe(true);
    expect(report.findings.find((f) => f.location.path === 'config/urls.py' && f.location.startLine === 7)!.message).toContain('/auth/password_reset/');
  });

  it('counts allauth as unprotected when its reset limit is turned off', async () => {
    const dir = await makeProject({
      'config/__init__.py': '',
      'config/settings.py': 'INSTALLED_APPS = ["allauth", "allauth.account"]\nROOT_URLCONF = "config.urls"\nACCOUNT_RATE_LIMITS = {"reset_password": None}\n',
      'config/urls.py': 'from django.urls import include, path\nurlpatterns = [path("accounts/", include("allauth.urls"))]\n',
    });
    const { report } = await audit({ path: dir, select: [CODE, 'HRD005'], jobs: 1 });
    // The switch is the finding (HRD005); the reset view defers to it.
    expect(report.findings.map((f) => `${f.ruleId} ${f.location.path}:${f.location.startLine}`)).toEqual(['HRD005 config/settings.py:3']);
  });

  it('reports the custom reset view of vulnerable-shop and the PasswordResetView subclass of hardened-shop (low)', async () => {
    const vulnerable = await audit({ path: path.join(REPO_ROOT, 'examples/vulnerable-shop'), select: [CODE], jobs: 1 });
    expect(vulnerable.report.findings.map((f) => `${f.location.path}:${f.location.startLine}`)).toEqual(['accounts/views.py:23']);
    const hardened = await audit({ path: path.join(REPO_ROOT, 'examples/hardened-shop'), select: [CODE], jobs: 1 });
    expect(hardened.report.findings.map((f) => [`${f.location.path}:${f.location.startLine}`, f.severity])).toEqual([['accounts/views.py:25', 'low']]);
  });
});
