import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, REPO_ROOT, expectFixture, makeProject } from '../../helpers.js';

const CODE = 'HRD001';
const fixture = path.join(FIXTURES, 'rules/hardening/login-without-brute-force-protection');

const AXES = {
  apps: ['axes'],
  middleware: ['axes.middleware.AxesMiddleware'],
  extra: 'AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]\nAXES_COOLOFF_TIME = 1\n',
};

/** A project with one production settings module, a root URLconf and an accounts app. */
function project(options: { apps?: string[]; middleware?: string[]; extra?: string; urls: string; views?: string }): Record<string, string> {
  const apps = ['django.contrib.admin', 'django.contrib.auth', 'django.contrib.sessions', 'rest_framework', ...(options.apps ?? []), 'accounts'];
  const middleware = ['django.contrib.sessions.middleware.SessionMiddleware', 'django.contrib.auth.middleware.AuthenticationMiddleware', ...(options.middleware ?? [])];
  return {
    'manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")\n',
    'config/__init__.py': '',
    'config/settings.py': [
      `INSTALLED_APPS = ${JSON.stringify(apps)}`,
      `MIDDLEWARE = ${JSON.stringify(middleware)}`,
      'ROOT_URLCONF = "config.urls"',
      options.extra ?? '',
    ].join('\n'),
    'config/urls.py': options.urls,
    'accounts/__init__.py': '',
    'accounts/views.py': options.views ?? '',
  };
}

async function findings(files: Record<string, string>, select = [CODE]) {
  const { report } = await audit({ path: await makeProject(files), select, jobs: 1 });
  expect(report.errors).toEqual([]);
  return report.findings;
}

const where = (list: Awaited<ReturnType<typeof findings>>) => list.map((f) => `${f.ruleId} ${f.location.path}:${f.location.startLine}`).sort();

const CUSTOM_VIEWS = [
  'from django.contrib.auth import authenticate, get_user_model',
  'from django.http import HttpResponse',
  '',
  'def login_view(request):',
  '    user = authenticate(request, username=request.POST["u"], password=request.POST["p"])',
  '    return HttpResponse("ok" if user else "no")',
  '',
  'def pin_login(request):',
  '    user = get_user_model().objects.get(username=request.POST["u"])',
  '    return HttpResponse("ok" if user.check_password(request.POST["pin"]) else "no")',
  '',
  'def anonymous_login(request):',
  '    user = authenticate(username=request.POST["u"], password=request.POST["p"])',
  '    return HttpResponse("ok" if user else "no")',
  '',
].join('\n');

const CUSTOM_URLS = [
  'from django.contrib import admin',
  'from django.urls import path',
  'from accounts import views',
  '',
  'urlpatterns = [',
  '    path("admin/", admin.site.urls),',
  '    path("login/", views.login_view),',
  '    path("pin/", views.pin_login),',
  '    path("anonymous/", views.anonymous_login),',
  ']',
  '',
].join('\n');

describe('HRD001 login-without-brute-force-protection', () => {
  it('reports exactly the annotated lines of its fixture project (defender, ratelimit, DRF throttles, ObtainAuthToken, nginx)', async () => {
    await expectFixture(CODE, fixture);
  });

  it('explains each gap, lowers the confidence of unrouted views and the severity of password changes', async () => {
    const { report } = await audit({ path: fixture, select: [CODE], jobs: 1 });
    const at = (line: number, file = 'accounts/views.py') => report.findings.find((f) => f.location.path === file && f.location.startLine === line)!;
    expect(at(85).message).toContain('ObtainAuthToken sets throttle_classes = ()');
    expect(at(85).fix).toContain('ScopedRateThrottle');
    expect(at(44).message).toContain('block=False');
    expect(at(59).message).toContain('default of django-ratelimit 3');
    expect(at(66).message).toContain('only GET');
    expect(at(71).message).toContain('pin_login');
    expect(at(23).message).toContain('@watch_login()');
    expect(at(150).confidence).toBe('low');
    expect(at(108).severity).toBe('low');
    expect(at(131).severity).toBe('low');
    expect(at(23).severity).toBe('high');
    expect(at(17, 'config/urls.py').message).toContain('/api/token/');
  });

  it('counts django-axes for views that authenticate(request, …), not for check_password() or authenticate() without the request', async () => {
    const found = await findings(project({ ...AXES, urls: CUSTOM_URLS, views: CUSTOM_VIEWS }));
    expect(where(found)).toEqual([`${CODE} accounts/views.py:12`, `${CODE} accounts/views.py:8`]);
    expect(found.find((f) => f.location.startLine === 8)!.message).toContain('check_password()');
    expect(found.find((f) => f.location.startLine === 12)!.message).toContain('without the request');
  });

  it('reports every custom view when AXES_ONLY_ADMIN_SITE limits axes to the admin', async () => {
    const found = await findings(project({ ...AXES, extra: `${AXES.extra}AXES_ONLY_ADMIN_SITE = True\n`, urls: CUSTOM_URLS, views: CUSTOM_VIEWS }));
    expect(where(found)).toEqual([`${CODE} accounts/views.py:12`, `${CODE} accounts/views.py:4`, `${CODE} accounts/views.py:8`]);
    expect(found.find((f) => f.location.startLine === 4)!.message).toContain('AXES_ONLY_ADMIN_SITE');
  });

  it('leaves views axes would cover to HRD003 when axes is miswired, and the admin login to HRD002 when no lockout is installed', async () => {
    const miswired = await findings(project({ apps: ['axes'], middleware: ['axes.middleware.AxesMiddleware'], urls: CUSTOM_URLS, views: CUSTOM_VIEWS }), [CODE, 'HRD003']);
    expect(where(miswired)).toEqual([`${CODE} accounts/views.py:12`, `${CODE} accounts/views.py:8`, 'HRD003 config/settings.py:1']);
    const none = await findings(project({ urls: CUSTOM_URLS, views: CUSTOM_VIEWS }), [CODE, 'HRD002']);
    expect(where(none)).toEqual([`${CODE} accounts/views.py:12`, `${CODE} accounts/views.py:4`, `${CODE} accounts/views.py:8`, 'HRD002 config/settings.py:1']);
    expect(none.find((f) => f.ruleId === 'HRD002')!.message).toContain('the admin login');
  });

  it('reports an included third-party login set at its include() when the installed lockout does not cover it', async () => {
    const urls = ['from django.urls import include, path', '', 'urlpatterns = [', '    path("api/auth/", include("dj_rest_auth.urls")),', ']', ''].join('\n');
    const found = await findings(project({ apps: ['defender'], middleware: ['defender.middleware.FailedLoginMiddleware'], urls }));
    // Its login (high) and its password change (low).
    expect(where(found)).toEqual([`${CODE} config/urls.py:4`, `${CODE} config/urls.py:4`]);
    const login = found.find((f) => f.severity === 'high')!;
    expect(login.message).toContain("dj-rest-auth's LoginView");
    expect(login.message).toContain('/api/auth/login/');
    expect(found.find((f) => f.severity === 'low')!.message).toContain("dj-rest-auth's PasswordChangeView");
    // With DRF's default throttles configured (dj-rest-auth keeps them), it is protected.
    const throttled = await findings(
      project({
        apps: ['defender'],
        middleware: ['defender.middleware.FailedLoginMiddleware'],
        extra: 'REST_FRAMEWORK = {"DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"], "DEFAULT_THROTTLE_RATES": {"anon": "10/minute"}}\n',
        urls,
      }),
    );
    expect(throttled).toEqual([]);
  });

  it('does not judge entry points when INSTALLED_APPS cannot be evaluated', async () => {
    const files = project({ urls: CUSTOM_URLS, views: CUSTOM_VIEWS });
    files['config/settings.py'] = files['config/settings.py']!.replace(/INSTALLED_APPS = .*/, 'import os\nINSTALLED_APPS = os.environ["APPS"].split(",")');
    const found = await findings(files);
    // login_view may be covered by axes; check_password() and authenticate() without the request never are.
    expect(where(found)).toEqual([`${CODE} accounts/views.py:12`, `${CODE} accounts/views.py:8`]);
  });

  it('finds the login view and the ObtainAuthToken endpoint of examples/vulnerable-shop, and nothing in hardened-shop', async () => {
    const vulnerable = await audit({ path: path.join(REPO_ROOT, 'examples/vulnerable-shop'), select: [CODE], jobs: 1 });
    expect(where(vulnerable.report.findings)).toEqual([`${CODE} accounts/views.py:43`, `${CODE} accounts/views.py:9`]);
    expect(vulnerable.report.findings.every((f) => f.severity === 'high')).toBe(true);
    const hardened = await audit({ path: path.join(REPO_ROOT, 'examples/hardened-shop'), select: [CODE], jobs: 1 });
    expect(hardened.report.findings).toEqual([]);
  });
});
