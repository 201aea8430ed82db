import { defineProjectRule } from '../../core/rule.js';
import { CSRF_MIDDLEWARE, checkExists, cookieFlagFails, hasMiddleware, middlewareSetting } from '../../settings/django-checks.js';
import { checkSettings } from '../../settings/report.js';
import { display, truthy } from '../../settings/value.js';

export default defineProjectRule({
  meta: {
    code: 'SET016',
    name: 'csrf-cookie-insecure',
    family: 'settings',
    severity: 'low',
    confidence: 'high',
    cwe: [614, 319],
    owasp: ['A05:2021-Security Misconfiguration', 'A01:2021-Broken Access Control'],
    aliases: ['security.W016'],
    status: 'stable',
    summary: 'The CSRF cookie is not marked Secure: CsrfViewMiddleware is enabled and CSRF_COOKIE_SECURE is not True.',
    fix: 'Set CSRF_COOKIE_SECURE = True in the production settings.',
    docs: {
      whatItDoes:
        'Reports a production settings module where `django.middleware.csrf.CsrfViewMiddleware` is in ' +
        '`MIDDLEWARE`, the token is kept in a cookie (`CSRF_USE_SESSIONS` is false; that setting exists since ' +
        'Django 1.11), and `CSRF_COOKIE_SECURE` is not set to True. Django\'s default is False, so a module that never ' +
        'sets it is reported at its first line. Up to Django 4.0 any truthy value passes; from 4.1 only `True` does. ' +
        'This is Django\'s `security.W016` deployment check.',
      whyItMatters:
        'Without the Secure attribute the `csrftoken` cookie also travels over plain HTTP, where a network ' +
        'attacker reads it. Knowing a victim\'s CSRF secret removes the protection: the attacker can forge POST ' +
        'requests that carry the right token, for as long as the victim keeps that cookie (a year by default). ' +
        'The session cookie is usually the bigger prize, so fix SESSION_COOKIE_SECURE at the same time.',
      example: {
        bad: ['MIDDLEWARE = [..., "django.middleware.csrf.CsrfViewMiddleware", ...]', '# CSRF_COOKIE_SECURE is not set: the default is False'].join('\n'),
        good: ['MIDDLEWARE = [..., "django.middleware.csrf.CsrfViewMiddleware", ...]', 'CSRF_COOKIE_SECURE = True'].join('\n'),
      },
      howToFix:
        'Set `CSRF_COOKIE_SECURE = True` in the production settings (leave it False for local development over ' +
        'plain HTTP, or form posts fail). Keep it a real boolean: from Django 4.1 the check rejects `1` and strings. ' +
        'Alternatively, `CSRF_USE_SESSIONS = True` stores the token in the session instead of its own cookie, which ' +
        'also satisfies the check; then the session cookie must be Secure.',
      references: [
        { title: 'Django settings: CSRF_COOKIE_SECURE', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#csrf-cookie-secure' },
        { title: 'Django: Cross Site Request Forgery protection', url: 'https://docs.djangoproject.com/en/stable/ref/csrf/' },
        { title: 'Django system checks: security.W016', url: 'https://docs.djangoproject.com/en/stable/ref/checks/#security' },
        { title: "CWE-614: Sensitive Cookie in HTTPS Session Without 'Secure' Attribute", url: 'https://cwe.mitre.org/data/definitions/614.html' },
        { title: 'OWASP Cross-Site Request Forgery Prevention Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html' },
      ],
      limitations:
        'Only the exact CsrfViewMiddleware path counts, as in Django. A value ponyguard cannot evaluate (for ' +
        'CSRF_USE_SESSIONS or CSRF_COOKIE_SECURE) or a MIDDLEWARE list it cannot read completely is not judged.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      if (!checkExists(settings, '1.8')) return;
      // `settings.CSRF_USE_SESSIONS or not _csrf_middleware() or <flag passes>`: report only when all three fail.
      if (checkExists(settings, '1.11')) {
        const useSessions = settings.get('CSRF_USE_SESSIONS');
        if (truthy(useSessions.value) !== false) return;
      }
      if (hasMiddleware(settings, CSRF_MIDDLEWARE) !== true) return;
      const flag = settings.get('CSRF_COOKIE_SECURE');
      if (cookieFlagFails(settings, flag.value) !== true) return;

      const strictOnly = truthy(flag.value) === true;
      const message = strictOnly
        ? `CSRF_COOKIE_SECURE is ${display(flag.value)}, not True: the cookie does get the Secure attribute, but Django 4.1 and later accept only True and raise security.W016`
        : `${flag.source === 'assigned' ? `CSRF_COOKIE_SECURE is ${display(flag.value)}` : 'CSRF_COOKIE_SECURE is not set'} while CsrfViewMiddleware is in ${middlewareSetting(settings)}: ` +
          'the CSRF cookie is also sent over plain HTTP, where a network attacker can read the token';
      report({
        setting: 'CSRF_COOKIE_SECURE',
        message,
        lines: ['CSRF_COOKIE_SECURE = True'],
        djangoId: 'security.W016',
        ...(strictOnly ? { severity: 'info' as const } : {}),
      });
    });
  },
});
