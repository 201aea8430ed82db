import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, REPO_ROOT, expectFixture, makeProject } from '../../helpers.js';

const CODE = 'HRD005';
const fixture = path.join(FIXTURES, 'rules/hardening/login-protection-disabled');

describe('HRD005 login-protection-disabled', () => {
  it('reports exactly the annotated lines of its fixture project (AXES_ENABLED, RATELIMIT_ENABLE, allauth rate limits)', async () => {
    await expectFixture(CODE, fixture);
  });

  it('names the environment variable whose default switches the limit off', async () => {
    const { report } = await audit({ path: fixture, select: [CODE], jobs: 1, settings: 'config.settings.prod_env_off' });
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]!.message).toContain('when RATELIMIT_ENABLE is not set');
  });

  it('is the one finding when a disabled axes leaves a login open (HRD001 defers to it)', async () => {
    const dir = await makeProject({
      'config/__init__.py': '',
      'config/settings.py': [
        'INSTALLED_APPS = ["django.contrib.auth", "axes", "accounts"]',
        'MIDDLEWARE = ["axes.middleware.AxesMiddleware"]',
        'AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]',
        'AXES_ENABLED = False',
        'ROOT_URLCONF = "config.urls"',
        '',
      ].join('\n'),
      'config/urls.py': 'from django.urls import path\nfrom accounts import views\nurlpatterns = [path("login/", views.login_view)]\n',
      'accounts/__init__.py': '',
      'accounts/views.py': 'from django.contrib.auth import authenticate\ndef login_view(request):\n    return authenticate(request, username="u", password="p")\n',
    });
    const { report } = await audit({ path: dir, select: [CODE, 'HRD001', 'HRD002'], jobs: 1 });
    expect(report.findings.map((f) => `${f.ruleId} ${f.location.path}:${f.location.startLine}`)).toEqual(['HRD005 config/settings.py:4']);
  });

  it('is silent on both examples', async () => {
    for (const example of ['vulnerable-shop', 'hardened-shop']) {
      const { report } = await audit({ path: path.join(REPO_ROOT, 'examples', example), select: [CODE], jobs: 1 });
      expect(report.findings).toEqual([]);
    }
  });
});
