/**
 * The shared analysis behind HRD001–HRD010: URLconf walking (prefixes, include(), routers, decorators applied in
 * the URLconf), entry-point recognition, nginx limit_req parsing, DRF throttle verdicts, and robustness on odd code.
 */
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/engine/scan.js';
import { nginxLimits } from '../../src/hardening/auth-coverage.js';
import { makeProject } from '../helpers.js';

const ALL = ['HRD001', 'HRD002', 'HRD003', 'HRD004', 'HRD005', 'HRD006', 'HRD007', 'HRD008', 'HRD009', 'HRD010'];

async function scan(files: Record<string, string>, select = ALL) {
  const { report } = await audit({ path: await makeProject(files), select, jobs: 1 });
  return report;
}

const SETTINGS = 'INSTALLED_APPS = ["django.contrib.auth", "rest_framework", "accounts"]\nROOT_URLCONF = "config.urls"\n';

describe('authentication entry points', () => {
  it('joins route prefixes through include(), re_path() and nested include lists', async () => {
    const report = await scan(
      {
        'config/__init__.py': '',
        'config/settings.py': SETTINGS,
        'config/urls.py': [
          'from django.urls import include, path, re_path',
          'from accounts import views',
          'urlpatterns = [',
          '    re_path(r"^members/", include("accounts.urls")),',
          '    path("nested/", include([path("deep/", include("accounts.urls")), path("pin/", views.pin_login)])),',
          ']',
          '',
        ].join('\n'),
        'accounts/__init__.py': '',
        'accounts/urls.py': 'from django.urls import path\nfrom . import views\nurlpatterns = [path("sign-in/", views.sign_in)]\n',
        'accounts/views.py': [
          'from django.contrib.auth import authenticate',
          'def sign_in(request):',
          '    return authenticate(request, username="u", password="p")',
          'def pin_login(request):',
          '    return request.user.__class__.objects.get(pk=1).check_password(request.POST["pin"])',
          '',
        ].join('\n'),
      },
      ['HRD001'],
    );
    expect(report.errors).toEqual([]);
    expect(report.findings.map((f) => f.location.startLine)).toEqual([2, 4]);
    expect(report.findings[0]!.message).toContain('/members/sign-in/');
    expect(report.findings[1]!.message).toContain('/nested/pin/');
  });

  it('follows views re-exported by a package and assignments of as_view() with decorators', async () => {
    const report = await scan(
      {
        'config/__init__.py': '',
        'config/settings.py': SETTINGS,
        'config/urls.py': 'from django.urls import path\nfrom accounts import views\nurlpatterns = [path("token/", views.token), path("login/", views.Login.as_view())]\n',
        'accounts/__init__.py': '',
        'accounts/views/__init__.py': 'from .auth import Login, token\n',
        'accounts/views/auth.py': [
          'from django.contrib.auth.views import LoginView',
          'from django_ratelimit.decorators import ratelimit',
          'from rest_framework.authtoken.views import ObtainAuthToken',
          '',
          'class Login(LoginView):',
          '    pass',
          '',
          'token = ratelimit(key="ip", rate="10/m", method="POST")(ObtainAuthToken.as_view())',
          '',
        ].join('\n'),
      },
      ['HRD001'],
    );
    expect(report.errors).toEqual([]);
    // The ratelimited token endpoint is protected; the LoginView subclass is not (no lockout, no limit).
    expect(report.findings.map((f) => `${f.location.path}:${f.location.startLine}`)).toEqual(['accounts/views/auth.py:5']);
  });

  it('takes unrouted views only: serializers, authentication classes and backends that check passwords are not entry points', async () => {
    const report = await scan(
      {
        'config/__init__.py': '',
        'config/settings.py': SETTINGS,
        'config/urls.py': 'urlpatterns = []\n',
        'accounts/__init__.py': '',
        'accounts/api.py': [
          'from django.contrib.auth import authenticate',
          'from rest_framework import authentication, serializers',
          'from rest_framework.views import APIView',
          '',
          'class LoginSerializer(serializers.Serializer):',
          '    def validate(self, data):',
          '        return authenticate(request=self.context["request"], **data)',
          '',
          'class KeyAuthentication(authentication.BaseAuthentication):',
          '    def authenticate(self, request):',
          '        return request.user.check_password(request.META["HTTP_X_KEY"])',
          '',
          'class LoginApi(APIView):',
          '    serializer_class = LoginSerializer',
          '',
        ].join('\n'),
      },
      ['HRD001'],
    );
    expect(report.errors).toEqual([]);
    expect(report.findings.map((f) => [`${f.location.path}:${f.location.startLine}`, f.confidence])).toEqual([['accounts/api.py:13', 'medium']]);
  });

  it('reads method_decorator with a list of decorators', async () => {
    const report = await scan(
      {
        'config/__init__.py': '',
        'config/settings.py': SETTINGS,
        'config/urls.py': 'from django.urls import path\nfrom accounts import views\nurlpatterns = [path("login/", views.Login.as_view())]\n',
        'accounts/__init__.py': '',
        'accounts/views.py': [
          'from django.contrib.auth import authenticate',
          'from django.utils.decorators import method_decorator',
          'from django.views import View',
          'from django.views.decorators.csrf import csrf_protect',
          'from django_ratelimit.decorators import ratelimit',
          '',
          '@method_decorator([csrf_protect, ratelimit(key="ip", rate="5/m", method="POST")], name="dispatch")',
          'class Login(View):',
          '    def post(self, request):',
          '        return authenticate(request, username="u", password="p")',
          '',
        ].join('\n'),
      },
      ['HRD001'],
    );
    expect(report.errors).toEqual([]);
    expect(report.findings).toEqual([]);
  });

  it('never fails on odd code: cycles, computed routes, lambdas, dynamic bases, recursion, syntax errors', async () => {
    const report = await scan({
      'config/__init__.py': '',
      'config/settings.py': `${SETTINGS}REST_FRAMEWORK = {"DEFAULT_THROTTLE_CLASSES": THROTTLES}\n`,
      'config/urls.py': [
        'from django.urls import include, path, re_path',
        'from accounts import views',
        'name = "x"',
        'urlpatterns = [',
        '    path(f"{name}/", views.helper),',
        '    path("lambda/", lambda request: None),',
        '    path("dyn/", getattr(views, name)),',
        '    path("cycle/", include("config.urls")),',
        '    path("var/", include(views.patterns)),',
        '    path(*views.args),',
        '    re_path(r"^(?P<x>[0-9]+)/", include("accounts.urls")),',
        '    path("cls/", views.Dynamic.as_view()),',
        '    path("rec/", views.recurse),',
        ']',
        '',
      ].join('\n'),
      'accounts/__init__.py': '',
      'accounts/urls.py': 'from django.urls import include, path\nurlpatterns = [path("back/", include("config.urls"))]\n',
      'accounts/views.py': [
        'from django.contrib.auth import authenticate',
        'patterns = []',
        'args = ("a/", None)',
        'def make_base():',
        '    return object',
        'class Dynamic(make_base()):',
        '    throttle_classes = compute()',
        '    def post(self, request):',
        '        return authenticate(request, username="u", password="p")',
        'def recurse(request):',
        '    return other(request)',
        'def other(request):',
        '    return recurse(request)',
        'def helper(request):',
        '    return None',
        '',
      ].join('\n'),
      'accounts/broken.py': 'def login(request:\n    authenticate(\n',
    });
    expect(report.errors.filter((e) => /internal error/.test(e.message))).toEqual([]);
  });
});

describe('nginx limit_req', () => {
  const limits = nginxLimits(
    new Map([
      [
        'deploy/nginx.conf',
        [
          'limit_req_zone $binary_remote_addr zone=login:10m rate=5r/m;  # not a limit on any location',
          'server {',
          '    location = /accounts/login/ { limit_req zone=login; }',
          '    location ~ ^/api/(token|jwt)/$ {',
          '        limit_req zone=login burst=3;',
          '    }',
          '    location /admin/ {',
          '        # limit_req zone=login;',
          '        proxy_pass http://app;',
          '    }',
          '}',
          '',
        ].join('\n'),
      ],
      ['other.conf', 'server { limit_req zone=all; }'],
    ]),
  );

  it('finds each directive with its line and the location it covers', () => {
    expect(limits.map((l) => `${l.path}:${l.line}`)).toEqual(['deploy/nginx.conf:3', 'deploy/nginx.conf:5', 'other.conf:1']);
    const [exact, regex, global] = limits;
    expect(exact!.covers({ prefix: '/accounts/login/', complete: true })).toBe(true);
    expect(exact!.covers({ prefix: '/accounts/login/other/', complete: true })).toBe(false);
    expect(regex!.covers({ prefix: '/api/token/', complete: true })).toBe(true);
    expect(regex!.covers({ prefix: '/api/users/', complete: true })).toBe(false);
    expect(global!.covers({ prefix: '/admin/login/', complete: true })).toBe(true);
  });

  it('ignores commented-out directives', () => {
    expect(limits.filter((l) => l.covers({ prefix: '/admin/login/', complete: true })).map((l) => l.path)).toEqual(['other.conf']);
  });
});
