import { defineProjectRule } from '../../core/rule.js';
import { isReportable, urlOf, type Coverage } from '../../hardening/auth-coverage.js';
import type { AuthEntryPoint } from '../../hardening/auth-entry-points.js';
import { INSTALL_AXES, RATELIMIT_LOGIN, reachConfidence, reportEntries, routeText } from '../../hardening/auth-report.js';
import type { AuthSettings } from '../../hardening/auth-settings.js';

const WHAT: Record<string, string> = {
  login: 'takes a username and password',
  token: 'exchanges a username and password for an API token',
  'password-change': "checks a signed-in user's current password",
};

function fixFor(entry: AuthEntryPoint, settings: AuthSettings): string {
  if (entry.kind === 'password-change') {
    return "Limit attempts on the view: decorate it with @ratelimit(key='user', rate='5/h', method='POST', block=True) from django_ratelimit.decorators (method_decorator for a class-based view), or give a DRF view a ScopedRateThrottle with its own scope and rate.";
  }
  if (entry.drf) {
    const throttles = "throttle_classes = [ScopedRateThrottle] and throttle_scope = 'login' on the view, with 'login': '5/minute' in REST_FRAMEWORK['DEFAULT_THROTTLE_RATES']";
    const subclass = entry.drf.throttles.kind === 'emptied-by-base' ? (entry.inProject ? `Subclass ObtainAuthToken (DRF sets its throttle_classes = ()) with ${throttles}` : `Route a subclass of ObtainAuthToken (DRF sets its throttle_classes = ()) with ${throttles}`) : `Give the view ${throttles}`;
    return `${subclass}; and, since DRF throttling is not a lockout, ${settings.axes.installed === true ? 'keep django-axes wired (it sees authenticate(request=…))' : INSTALL_AXES}.`;
  }
  if (entry.via === 'check-password') return `Authenticate through django.contrib.auth.authenticate(request, username=…, password=…) instead of calling check_password() yourself, and ${INSTALL_AXES}; or decorate the view with ${RATELIMIT_LOGIN}.`;
  if (entry.via === 'authenticate-no-request') return `Pass the request: authenticate(request, username=…, password=…) (or AuthenticationForm(request, data=…)), and ${INSTALL_AXES}; or decorate the view with ${RATELIMIT_LOGIN}.`;
  if (entry.package === 'allauth') return 'Keep django-allauth\'s login rate limit on (ACCOUNT_RATE_LIMITS with a "login_failed" entry), or install django-axes.';
  if (settings.defender.middleware === true) return `Decorate the view with django-defender's @watch_login() (method_decorator for a class-based view), or ${INSTALL_AXES}.`;
  return `${INSTALL_AXES[0]!.toUpperCase()}${INSTALL_AXES.slice(1)}; or decorate the view with ${RATELIMIT_LOGIN}.`;
}

function message(coverage: Coverage): string {
  const { entry } = coverage;
  const why =
    coverage.gaps.length > 0
      ? `${coverage.gaps.join('; ')}, and no lockout or other limit covers it`
      : 'no lockout (django-axes, django-defender), rate limit (django-ratelimit, DRF throttling) or web-server limit covers it';
  const what = WHAT[entry.kind] ?? 'takes a password';
  return `${entry.label} ${what}${routeText(entry, urlOf(entry))} with no brute-force protection: ${why}`;
}

export default defineProjectRule({
  meta: {
    code: 'HRD001',
    name: 'login-without-brute-force-protection',
    family: 'hardening',
    severity: 'high',
    confidence: 'high',
    cwe: [307],
    owasp: ['A07:2021-Identification and Authentication Failures'],
    aliases: [],
    status: 'preview',
    summary: 'An authentication entry point (a login view, a token endpoint, a view that checks a password) has no lockout or rate limit, so passwords can be guessed without limit.',
    fix: "Install django-axes (app, AxesMiddleware, AxesStandaloneBackend first in AUTHENTICATION_BACKENDS), or limit the view with django-ratelimit (block=True) or DRF throttle classes and rates.",
    docs: {
      whatItDoes:
        'Finds every authentication entry point of the project and reports each one nothing protects against ' +
        'password guessing. Entry points are found from `ROOT_URLCONF`, following `include()`: views calling ' +
        '`django.contrib.auth.authenticate()` or `check_password()` (directly, through a helper, or through ' +
        '`AuthenticationForm` or a serializer), subclasses of Django\'s `LoginView` and `PasswordChangeView`, DRF\'s ' +
        '`ObtainAuthToken` / `obtain_auth_token`, simplejwt\'s `TokenObtainPairView`, dj-rest-auth, djoser and ' +
        'django-allauth views, and the URL sets included whole (`admin.site.urls`, `django.contrib.auth.urls`, ' +
        '`rest_framework.urls`, `allauth.urls`, `dj_rest_auth.urls`). A view the project defines but no URLconf routes ' +
        'still counts, at lower confidence. An entry point is protected by django-axes when its backend is first in ' +
        '`AUTHENTICATION_BACKENDS` and the view authenticates through `authenticate(request, …)`; by ' +
        'django-defender\'s middleware when it is Django\'s `LoginView` (the admin login included), or by ' +
        '`@watch_login`; by a django-ratelimit decorator that blocks (`block=True`, the default of version 4) on POST; ' +
        'by DRF throttle classes that really apply to the view and have a rate (`ObtainAuthToken` sets ' +
        '`throttle_classes = ()`, so the global `DEFAULT_THROTTLE_CLASSES` do not reach it); by django-allauth\'s own ' +
        'login rate limit; or by an nginx `limit_req` whose location covers the route. The finding is at the view\'s ' +
        'definition when the project defines it, else at the route. A URL set included whole (the admin login, ' +
        'django.contrib.auth\'s views) is reported here only when a lockout package is installed yet does not cover ' +
        'it; when none is installed, HRD002 reports those at INSTALLED_APPS, where the fix goes. A password-change view ' +
        '(the current password of a signed-in user) is reported with low severity.',
      whyItMatters:
        'Django does not limit authentication attempts. An endpoint that answers "wrong password" as fast as it ' +
        'can be asked lets an attacker try a list of leaked or common passwords against every account (credential ' +
        'stuffing, password spraying) or brute-force one account, at thousands of attempts per minute from a single ' +
        'machine. Token endpoints are the favourite target: they are scriptable, return machine-readable answers, ' +
        'and are often forgotten when the HTML login is protected.',
      example: {
        bad: [
          '# accounts/views.py',
          'def login_view(request):',
          '    form = AuthenticationForm(request, data=request.POST or None)',
          '    if request.method == "POST" and form.is_valid():',
          '        login(request, form.get_user())',
          '        return redirect("/")',
          '    return render(request, "login.html", {"form": form})',
          '',
          'obtain_token = ObtainAuthToken.as_view()  # throttle_classes = ()',
        ].join('\n'),
        good: [
          '# settings.py: django-axes counts failures of authenticate(request, ...)',
          'INSTALLED_APPS += ["axes"]',
          'MIDDLEWARE += ["axes.middleware.AxesMiddleware"]',
          'AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]',
          '',
          '# accounts/views.py',
          'class ObtainTokenView(ObtainAuthToken):',
          '    throttle_classes = [ScopedRateThrottle]',
          '    throttle_scope = "login"  # "login": "5/minute" in DEFAULT_THROTTLE_RATES',
        ].join('\n'),
      },
      howToFix:
        'Install a lockout: django-axes is the most complete (add `axes` to `INSTALLED_APPS`, ' +
        '`axes.middleware.AxesMiddleware` last in `MIDDLEWARE`, `axes.backends.AxesStandaloneBackend` first in ' +
        '`AUTHENTICATION_BACKENDS`, then tune `AXES_FAILURE_LIMIT`, `AXES_COOLOFF_TIME` and ' +
        '`AXES_LOCKOUT_PARAMETERS`); custom views must call `authenticate(request, …)` so axes sees them. Add a rate ' +
        "limit on top: `@ratelimit(key='post:username', rate='5/m', method='POST', block=True)` from django-ratelimit " +
        '4 with a shared cache, and for DRF views `throttle_classes` with a scope and a rate — for the token endpoint, ' +
        'a subclass of `ObtainAuthToken` that sets them, since DRF empties them there. A web-server limit ' +
        '(`limit_req` in nginx) in front of the login URLs helps as well.',
      references: [
        { title: 'Django: security guide (user accounts and brute force)', url: 'https://docs.djangoproject.com/en/stable/topics/security/#additional-security-topics' },
        { title: 'django-axes documentation', url: 'https://django-axes.readthedocs.io/en/latest/' },
        { title: 'django-ratelimit documentation', url: 'https://django-ratelimit.readthedocs.io/en/stable/' },
        { title: 'Django REST framework: throttling', url: 'https://www.django-rest-framework.org/api-guide/throttling/' },
        { title: 'OWASP Authentication Cheat Sheet: protect against automated attacks', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html#protect-against-automated-attacks' },
        { title: 'CWE-307: Improper Restriction of Excessive Authentication Attempts', url: 'https://cwe.mitre.org/data/definitions/307.html' },
      ],
      limitations:
        'A view that only calls `login()` (after its own, unrecognised password check) is not an entry point for ' +
        'ponyguard; nor is a view in a module the scan does not keep (one without a view, URLconf or authentication ' +
        'word in it). Limits outside the repository (a WAF, a CDN rule, an API gateway) and web servers other than ' +
        'nginx are invisible. Decorators from other rate-limit packages are trusted by name. DRF throttling is counted ' +
        'as protection although its documentation calls it a control, not a security measure; HRD008 reports when ' +
        'it is keyed on a spoofable address.',
    },
  },
  check(context) {
    reportEntries(context, (coverage, snapshot) => {
      const { entry } = coverage;
      if (entry.kind !== 'login' && entry.kind !== 'token' && entry.kind !== 'password-change') return undefined;
      if (!isReportable(coverage)) return undefined;
      // URL sets included whole, with no lockout package installed: HRD002 reports them at INSTALLED_APPS.
      if (entry.includeSet && entry.kind !== 'password-change' && snapshot.settings.lockoutInstalled === false) return undefined;
      return {
        message: message(coverage),
        fix: fixFor(entry, snapshot.settings),
        confidence: reachConfidence(entry),
        ...(entry.kind === 'password-change' ? { severity: 'low' as const } : {}),
      };
    });
  },
});
