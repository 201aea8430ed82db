import { defineProjectRule } from '../../core/rule.js';
import { authAnalysis, isReportable, urlOf, whereIs } from '../../hardening/auth-coverage.js';
import { INSTALL_AXES } from '../../hardening/auth-report.js';
import { checkSettings } from '../../settings/report.js';

export default defineProjectRule({
  meta: {
    code: 'HRD002',
    name: 'login-lockout-not-installed',
    family: 'hardening',
    severity: 'medium',
    confidence: 'high',
    cwe: [307],
    owasp: ['A07:2021-Identification and Authentication Failures'],
    aliases: [],
    status: 'preview',
    summary: 'No login lockout package (django-axes or django-defender) is installed, and the project has authentication entry points nothing else protects.',
    fix: "Install django-axes: 'axes' in INSTALLED_APPS, 'axes.middleware.AxesMiddleware' in MIDDLEWARE and 'axes.backends.AxesStandaloneBackend' first in AUTHENTICATION_BACKENDS.",
    docs: {
      whatItDoes:
        'Reports a production settings module whose `INSTALLED_APPS` has neither `axes` (django-axes) nor ' +
        '`defender` (django-defender, nor its middleware in `MIDDLEWARE`) while the project has at least one login or ' +
        'token entry point that no other protection (a rate-limit decorator, DRF throttling, allauth\'s limits, an ' +
        'nginx `limit_req`) covers. The finding is at `INSTALLED_APPS` and lists those entry points. It is the only ' +
        'finding for the URL sets a project includes whole — the admin login of `admin.site.urls`, ' +
        '`django.contrib.auth.urls`, `rest_framework.urls` — since a lockout package is their fix; the project\'s own ' +
        'views are also reported one by one by HRD001. Severity is high when such an included login (the admin, say) ' +
        'is among them, medium otherwise.',
      whyItMatters:
        'A lockout is the only protection that covers every login of a site at once, including those the project ' +
        'does not write: the admin login at a well-known URL is the first thing password-spraying bots try. ' +
        'Without one, every password can be guessed at the speed the server answers, from any number of addresses.',
      example: {
        bad: ['INSTALLED_APPS = [', '    "django.contrib.admin",', '    "django.contrib.auth",', '    # ...', ']'].join('\n'),
        good: [
          'INSTALLED_APPS = [',
          '    "django.contrib.admin",',
          '    "django.contrib.auth",',
          '    # ...',
          '    "axes",',
          ']',
          'MIDDLEWARE += ["axes.middleware.AxesMiddleware"]',
          'AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]',
          'AXES_FAILURE_LIMIT = 5',
          'AXES_COOLOFF_TIME = 1  # hours',
        ].join('\n'),
      },
      howToFix:
        'Install django-axes (`pip install django-axes`), add `axes` to `INSTALLED_APPS`, ' +
        '`axes.middleware.AxesMiddleware` last in `MIDDLEWARE` and `axes.backends.AxesStandaloneBackend` first in ' +
        '`AUTHENTICATION_BACKENDS`, run `manage.py migrate`, and choose `AXES_FAILURE_LIMIT`, `AXES_COOLOFF_TIME` and ' +
        '`AXES_LOCKOUT_PARAMETERS` (for example `[["username", "ip_address"]]`). django-defender (Redis-backed, with ' +
        '`defender.middleware.FailedLoginMiddleware`) is an alternative; it watches Django\'s `LoginView` only, and ' +
        'other login views need its `@watch_login()` decorator.',
      references: [
        { title: 'django-axes: installation', url: 'https://django-axes.readthedocs.io/en/latest/2_installation.html' },
        { title: 'django-defender', url: 'https://github.com/jazzband/django-defender' },
        { title: 'Django: security guide', url: 'https://docs.djangoproject.com/en/stable/topics/security/' },
        { title: 'OWASP Authentication Cheat Sheet: account lockout', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html#account-lockout' },
        { title: 'CWE-307: Improper Restriction of Excessive Authentication Attempts', url: 'https://cwe.mitre.org/data/definitions/307.html' },
      ],
      limitations:
        'Other lockout packages (django-ratelimit-backend, django-brake, a custom backend) are not recognised as ' +
        'lockouts, although their decorators count as protection of the views they decorate. Protection outside the ' +
        'repository (a WAF, an identity provider doing the login) is invisible.',
    },
  },
  check(context) {
    const analysis = authAnalysis(context.project);
    checkSettings(context, (snapshot, report) => {
      const coverage = analysis.bySnapshot.find((s) => s.settings.snapshot === snapshot);
      if (!coverage || coverage.settings.lockoutInstalled !== false) return;
      const open = coverage.entries.filter((c) => (c.entry.kind === 'login' || c.entry.kind === 'token') && isReportable(c));
      if (open.length === 0) return;
      const listed = open.map(({ entry }) => {
        const url = urlOf(entry);
        return `${entry.label}${url ? ` at ${url}` : ''} (${whereIs(entry)})`;
      });
      const includedOnly = open.some(({ entry }) => entry.includeSet !== undefined);
      const count = open.length === 1 ? '1 authentication entry point has' : `${open.length} authentication entry points have`;
      report({
        setting: 'INSTALLED_APPS',
        message: `No login lockout is installed (neither django-axes nor django-defender), and ${count} no brute-force protection: ${listed.join(', ')}`,
        fix: `In ${snapshot.path}, ${INSTALL_AXES}.`,
        ...(includedOnly ? { severity: 'high' as const } : {}),
      });
    });
  },
});
