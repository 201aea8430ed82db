import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, REPO_ROOT, expectFixture, makeProject } from '../../helpers.js';

const CODE = 'HRD002';
const fixture = path.join(FIXTURES, 'rules/hardening/login-lockout-not-installed');

async function findings(files: Record<string, string>) {
  const { report } = await audit({ path: await makeProject(files), select: [CODE], jobs: 1 });
  expect(report.errors).toEqual([]);
  return report.findings;
}

function project(settings: string, urls: string, views = ''): Record<string, string> {
  return {
    'config/__init__.py': '',
    'config/settings.py': `ROOT_URLCONF = "config.urls"\n${settings}`,
    'config/urls.py': urls,
    'accounts/__init__.py': '',
    'accounts/views.py': views,
  };
}

const APPS = 'INSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth", "accounts"]\n';

describe('HRD002 login-lockout-not-installed', () => {
  it('reports exactly the annotated lines of its fixture project (no lockout, axes, defender, inherited and own INSTALLED_APPS)', async () => {
    await expectFixture(CODE, fixture);
  });

  it('lists the unprotected entry points with their routes, and is high when the admin login is among them', async () => {
    const { report } = await audit({ path: fixture, select: [CODE], jobs: 1, settings: 'config.settings.production' });
    expect(report.findings).toHaveLength(1);
    const [finding] = report.findings;
    expect(finding!.message).toContain('the admin login at /admin/login/ (config/urls.py:7)');
    expect(finding!.message).toContain('login_view at /login/ (accounts/views.py:5)');
    expect(finding!.severity).toBe('high');
    expect(finding!.fix).toContain('axes.backends.AxesStandaloneBackend');
  });

  it('is medium when only the project\'s own views (also reported by HRD001) are open', async () => {
    const urls = 'from django.urls import path\nfrom accounts import views\nurlpatterns = [path("login/", views.login_view)]\n';
    const views = 'from django.contrib.auth import authenticate\ndef login_view(request):\n    return authenticate(request, username="u", password="p")\n';
    const found = await findings(project(APPS, urls, views));
    expect(found.map((f) => [f.location.startLine, f.severity])).toEqual([[2, 'medium']]);
  });

  it('stays silent when every entry point has its own limit, or when there is none', async () => {
    const urls = 'from django.urls import path\nfrom accounts import views\nurlpatterns = [path("login/", views.login_view)]\n';
    const views = [
      'from django.contrib.auth import authenticate',
      'from django_ratelimit.decorators import ratelimit',
      '@ratelimit(key="ip", rate="5/m", method="POST")',
      'def login_view(request):',
      '    return authenticate(request, username="u", password="p")',
      '',
    ].join('\n');
    expect(await findings(project(APPS, urls, views))).toEqual([]);
    expect(await findings(project(APPS, 'urlpatterns = []\n'))).toEqual([]);
  });

  it('does not judge an INSTALLED_APPS it cannot evaluate', async () => {
    const urls = 'from django.contrib import admin\nfrom django.urls import path\nurlpatterns = [path("admin/", admin.site.urls)]\n';
    expect(await findings(project('import os\nINSTALLED_APPS = os.environ["APPS"].split(",")\n', urls))).toEqual([]);
  });

  it('reports examples/vulnerable-shop at INSTALLED_APPS and nothing in hardened-shop', async () => {
    const vulnerable = await audit({ path: path.join(REPO_ROOT, 'examples/vulnerable-shop'), select: [CODE], jobs: 1 });
    expect(vulnerable.report.findings.map((f) => `${f.location.path}:${f.location.startLine}`)).toEqual(['shop/settings/base.py:16']);
    expect(vulnerable.report.findings[0]!.message).toContain('the admin login at /admin/login/ (shop/urls.py:8)');
    const hardened = await audit({ path: path.join(REPO_ROOT, 'examples/hardened-shop'), select: [CODE], jobs: 1 });
    expect(hardened.report.findings).toEqual([]);
  });
});
