import { defineProbeRule } from '../../core/rule.js';

export default defineProbeRule({
  meta: {
    code: 'WEB057',
    name: 'login-not-throttled',
    family: 'probe',
    severity: 'medium',
    confidence: 'high',
    cwe: [307],
    owasp: ['A07:2021-Identification and Authentication Failures'],
    aliases: [],
    status: 'preview',
    summary: 'Repeated failed logins were neither locked out nor throttled (the --active test).',
    fix: 'Add a lockout or throttle for failed logins (django-axes or django-defender for the admin and auth views, DRF throttling for API logins).',
    docs: {
      whatItDoes:
        'Runs only with `ponyguard probe URL --active`: the probe sends up to N failed logins (default 10, at most 30) to ' +
        'the admin login page (or `--login-url`), each with a fresh CSRF token and a random username that cannot exist, ' +
        'and watches for a lockout or throttle: django-axes (403, or 429 in newer releases, "Account locked: too many ' +
        'login attempts"), django-defender (200 with its lockout text), DRF throttling (429 with Retry-After), ' +
        'django-ratelimit (403 after normal answers), any other 429 or a redirect away from the form. The rule reports ' +
        'when every attempt was answered normally. When a lockout appeared, there is no finding; the Django grade says ' +
        'after how many attempts it came.',
      whyItMatters:
        'Django\'s authentication has no limit on failed attempts: without an add-on an attacker can try passwords (or ' +
        'leaked credentials) as fast as the server answers. Password hashing slows each guess but does not stop them.',
      example: {
        bad: ['attempt 1: POST /admin/login/ → 200 (form error)', '…', 'attempt 10: POST /admin/login/ → 200 (form error)'].join('\n'),
        good: ['attempt 1: POST /admin/login/ → 200 (form error)', 'attempt 2: POST /admin/login/ → 200 (form error)', 'attempt 3: POST /admin/login/ → 403 Account locked: too many login attempts'].join('\n'),
        language: 'text',
      },
      howToFix:
        'Install django-axes (add `axes` to INSTALLED_APPS, `axes.middleware.AxesMiddleware` last in MIDDLEWARE and ' +
        '`axes.backends.AxesBackend` first in AUTHENTICATION_BACKENDS) and choose AXES_FAILURE_LIMIT, AXES_COOLOFF_TIME ' +
        'and AXES_LOCKOUT_PARAMETERS (by username and IP, so one attacker cannot lock everyone out). For API logins add ' +
        'DRF throttle classes to the login view. Rate limits at the proxy (nginx `limit_req`) add a second layer.',
      references: [
        { title: 'django-axes documentation', url: 'https://django-axes.readthedocs.io/' },
        { title: 'Django REST framework: Throttling', url: 'https://www.django-rest-framework.org/api-guide/throttling/' },
        { title: 'OWASP: Blocking Brute Force Attacks', url: 'https://owasp.org/www-community/controls/Blocking_Brute_Force_Attacks' },
        { title: 'CWE-307: Improper Restriction of Excessive Authentication Attempts', url: 'https://cwe.mitre.org/data/definitions/307.html' },
      ],
      limitations:
        'A limit above the number of attempts sent (say 20 with the default 10) is not seen; raise `--attempts` (at most ' +
        '30). Lockouts keyed on the username only are not triggered, since every attempt uses the same random name that ' +
        'does not exist — a lockout by username and IP is.',
    },
  },
  check(context) {
    const { site } = context;
    const test = site.active;
    if (!test || test.outcome.kind !== 'none') return;
    const statuses = test.attempts.map((attempt, index) => `attempt ${index + 1}: POST → ${attempt.status ?? 'no answer'} (${attempt.kind})`);
    context.report({
      url: test.loginUrl,
      message: `no lockout or throttle after ${test.attempts.length} failed logins at ${test.loginUrl}: ${test.outcome.detail}`,
      key: `login ${new URL(test.loginUrl).pathname}`,
      evidence: statuses.length > 6 ? [...statuses.slice(0, 3), '…', ...statuses.slice(-2)] : statuses,
    });
  },
});
