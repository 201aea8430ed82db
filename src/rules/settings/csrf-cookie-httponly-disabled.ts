import { defineProjectRule } from '../../core/rule.js';
import { CSRF_MIDDLEWARE, checkExists, cookieFlagFails, hasMiddleware, middlewareSetting } from '../../settings/django-checks.js';
import { checkSettings } from '../../settings/report.js';
import { display } from '../../settings/value.js';

export default defineProjectRule({
  meta: {
    code: 'SET017',
    name: 'csrf-cookie-httponly-disabled',
    family: 'settings',
    severity: 'low',
    confidence: 'high',
    cwe: [1004],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: ['security.W017'],
    status: 'stable',
    summary: 'On Django before 1.11, CsrfViewMiddleware is enabled and CSRF_COOKIE_HTTPONLY is not set to True.',
    fix: 'Set CSRF_COOKIE_HTTPONLY = True (and plan the upgrade to a supported Django release, which dropped this check).',
    docs: {
      whatItDoes:
        'Reports a production settings module of a project pinned to Django 1.8, 1.9 or 1.10 where ' +
        '`django.middleware.csrf.CsrfViewMiddleware` is in `MIDDLEWARE_CLASSES` (or `MIDDLEWARE` on 1.10) and ' +
        '`CSRF_COOKIE_HTTPONLY` is falsy; its default is False, so a module that never sets it is reported at its ' +
        'first line. This is Django\'s `security.W017` deployment check, which Django removed in 1.11: on 1.11 and ' +
        'later (and when no Django version is pinned) the rule never fires.',
      whyItMatters:
        'An HttpOnly CSRF cookie cannot be read by `document.cookie`, which takes one way of stealing the token ' +
        'away from a script injected through XSS. The gain is small, which is why Django dropped the check: the ' +
        'same token is also in every form rendered with `{% csrf_token %}`, and a script running in the page can ' +
        'read it there or simply make the forged request itself. On these old versions Django still warns, and the ' +
        'warning is a reminder that the project runs a Django release without security support.',
      example: {
        bad: ['# Django 1.9', 'MIDDLEWARE_CLASSES = [..., "django.middleware.csrf.CsrfViewMiddleware", ...]', '# CSRF_COOKIE_HTTPONLY is not set: the default is False'].join('\n'),
        good: ['# Django 1.9', 'MIDDLEWARE_CLASSES = [..., "django.middleware.csrf.CsrfViewMiddleware", ...]', 'CSRF_COOKIE_HTTPONLY = True'].join('\n'),
      },
      howToFix:
        'Set `CSRF_COOKIE_HTTPONLY = True` in the production settings, and make JavaScript that sends AJAX requests ' +
        'read the token from the page (a `{% csrf_token %}` input or a template variable) instead of from the ' +
        'cookie. More importantly, upgrade: Django 1.8 to 1.10 no longer receive security fixes.',
      references: [
        { title: 'Django settings: CSRF_COOKIE_HTTPONLY', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#csrf-cookie-httponly' },
        { title: 'Django: CSRF protection with AJAX', url: 'https://docs.djangoproject.com/en/stable/howto/csrf/#using-csrf-protection-with-ajax' },
        { title: 'OWASP Cross-Site Request Forgery Prevention Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html' },
        { title: "CWE-1004: Sensitive Cookie Without 'HttpOnly' Flag", url: 'https://cwe.mitre.org/data/definitions/1004.html' },
      ],
      limitations:
        'The rule needs an exact Django pin (a lock file or `Django==1.x` in a requirements file); without one it ' +
        'assumes the newest Django, where the check does not exist.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      if (!checkExists(settings, '1.8', '1.11')) return;
      if (hasMiddleware(settings, CSRF_MIDDLEWARE) !== true) return;
      const flag = settings.get('CSRF_COOKIE_HTTPONLY');
      if (cookieFlagFails(settings, flag.value) !== true) return;
      const what = flag.source === 'assigned' ? `CSRF_COOKIE_HTTPONLY is ${display(flag.value)}` : 'CSRF_COOKIE_HTTPONLY is not set (the default is False)';
      report({
        setting: 'CSRF_COOKIE_HTTPONLY',
        message: `${what} while CsrfViewMiddleware is in ${middlewareSetting(settings)}: scripts can read the CSRF cookie`,
        lines: ['CSRF_COOKIE_HTTPONLY = True'],
        djangoId: 'security.W017',
      });
    });
  },
});
