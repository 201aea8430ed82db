import { defineProjectRule } from '../../core/rule.js';
import { CSRF_MIDDLEWARE, SECURITY_MIDDLEWARE, SESSION_MIDDLEWARE, hasMiddleware, middlewareSetting } from '../../settings/django-checks.js';
import { checkSettings } from '../../settings/report.js';
import type { SettingsSnapshot } from '../../settings/snapshot.js';
import { pyRepr, stringItems } from '../../settings/value.js';

const COMMON_MIDDLEWARE = 'django.middleware.common.CommonMiddleware';

/**
 * The middleware setting rewritten with CsrfViewMiddleware where `startproject` puts it: after SessionMiddleware
 * and CommonMiddleware (or SecurityMiddleware), before authentication and the project's own middleware.
 */
function fixedLine(name: string, settings: SettingsSnapshot): string {
  const value = settings.get(name).value;
  const current = stringItems(value) ?? [];
  const anchors = [SESSION_MIDDLEWARE, COMMON_MIDDLEWARE, SECURITY_MIDDLEWARE];
  const after = Math.max(-1, ...anchors.map((anchor) => current.indexOf(anchor)));
  const items = [...current.slice(0, after + 1), CSRF_MIDDLEWARE, ...current.slice(after + 1)].map((item) => pyRepr(item));
  if (value.t === 'tuple') return `${name} = (${items.join(', ')}${items.length === 1 ? ',' : ''})`;
  return `${name} = [${items.join(', ')}]`;
}

export default defineProjectRule({
  meta: {
    code: 'SET003',
    name: 'csrf-middleware-missing',
    family: 'settings',
    severity: 'high',
    confidence: 'medium',
    cwe: [352],
    owasp: ['A01:2021-Broken Access Control', 'A05:2021-Security Misconfiguration'],
    aliases: ['security.W003'],
    status: 'stable',
    summary: 'django.middleware.csrf.CsrfViewMiddleware is not in MIDDLEWARE, so views are not protected against cross-site request forgery unless each one is decorated.',
    fix: "Add 'django.middleware.csrf.CsrfViewMiddleware' to MIDDLEWARE in the production settings, after SessionMiddleware and CommonMiddleware.",
    docs: {
      whatItDoes:
        'Reports a production settings module whose final `MIDDLEWARE` list does not contain the exact string ' +
        "`'django.middleware.csrf.CsrfViewMiddleware'`, including a module that never sets `MIDDLEWARE` (Django's " +
        "default is empty since 2.0). This is Django's `security.W003` deployment check; it does not depend on " +
        'SecurityMiddleware. Split settings, `+=` and environment-driven lists are evaluated; for Django before 2.0 ' +
        'the old `MIDDLEWARE_CLASSES` setting (whose default includes the CSRF middleware) is judged when it is the ' +
        'one in force.',
      whyItMatters:
        'Browsers attach cookies to requests that other sites trigger. Without CsrfViewMiddleware, a page on any ' +
        'domain can submit a form or a `fetch()` to your site with the victim\'s session cookie and change their ' +
        'password, email or data. The middleware rejects unsafe requests (POST, PUT, PATCH, DELETE) that lack the ' +
        'secret token only your own pages know, and checks the `Origin`/`Referer` of HTTPS requests. Removing it ' +
        'globally means every view must remember `@csrf_protect`, and a single forgotten one is exploitable.',
      example: {
        bad: [
          'MIDDLEWARE = [',
          '    "django.middleware.security.SecurityMiddleware",',
          '    "django.contrib.sessions.middleware.SessionMiddleware",',
          '    "django.middleware.common.CommonMiddleware",',
          '    "django.contrib.auth.middleware.AuthenticationMiddleware",',
          ']',
        ].join('\n'),
        good: [
          'MIDDLEWARE = [',
          '    "django.middleware.security.SecurityMiddleware",',
          '    "django.contrib.sessions.middleware.SessionMiddleware",',
          '    "django.middleware.common.CommonMiddleware",',
          '    "django.middleware.csrf.CsrfViewMiddleware",',
          '    "django.contrib.auth.middleware.AuthenticationMiddleware",',
          ']',
        ].join('\n'),
      },
      howToFix:
        "Add `'django.middleware.csrf.CsrfViewMiddleware'` to `MIDDLEWARE`, before any middleware that assumes CSRF " +
        'attacks have been dealt with (startproject places it after SessionMiddleware and CommonMiddleware). Put ' +
        '`{% csrf_token %}` in forms and send the `X-CSRFToken` header from JavaScript. Exempt only the views that ' +
        'truly need it (webhooks authenticated by a signature) with `@csrf_exempt`. An API that authenticates only ' +
        'with tokens in headers, never with cookies, is not exposed; Django REST Framework applies CSRF checks to ' +
        'its session authentication itself. Document such a design with ' +
        '`SILENCED_SYSTEM_CHECKS = ["security.W003"]`.',
      references: [
        { title: 'Django: Cross Site Request Forgery protection', url: 'https://docs.djangoproject.com/en/stable/ref/csrf/' },
        { title: 'Django: How to use CSRF protection', url: 'https://docs.djangoproject.com/en/stable/howto/csrf/' },
        { title: 'Django system checks: security.W003', url: 'https://docs.djangoproject.com/en/stable/ref/checks/#security' },
        { title: 'OWASP Cross-Site Request Forgery Prevention Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html' },
        { title: 'CWE-352: Cross-Site Request Forgery (CSRF)', url: 'https://cwe.mitre.org/data/definitions/352.html' },
      ],
      limitations:
        'Views protected one by one with `@csrf_protect`, or APIs authenticated only by header tokens, are still ' +
        'reported, as Django reports them; confidence is medium for that reason. A MIDDLEWARE list with entries ' +
        'ponyguard cannot evaluate is not judged.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      if (hasMiddleware(settings, CSRF_MIDDLEWARE) !== false) return;
      const name = middlewareSetting(settings);
      const what = settings.get(name).source === 'assigned' ? `${name} does not include '${CSRF_MIDDLEWARE}'` : `${name} is not set, so Django's default lacks CsrfViewMiddleware`;
      report({
        setting: name,
        message: `${what}: views are open to cross-site request forgery unless each one uses @csrf_protect`,
        lines: [fixedLine(name, settings)],
        djangoId: 'security.W003',
      });
    });
  },
});
