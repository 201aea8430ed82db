import { defineProjectRule } from '../../core/rule.js';
import { SECURE_CONSEQUENCE, checkSessionCookieFlag } from './session-cookie-insecure.js';

export default defineProjectRule({
  meta: {
    code: 'SET011',
    name: 'session-cookie-insecure-session-middleware',
    family: 'settings',
    severity: 'medium',
    confidence: 'high',
    cwe: [614, 319],
    owasp: ['A05:2021-Security Misconfiguration', 'A07:2021-Identification and Authentication Failures'],
    aliases: ['security.W011'],
    status: 'stable',
    summary: 'SessionMiddleware is enabled without the sessions app and SESSION_COOKIE_SECURE is not True.',
    fix: 'Set SESSION_COOKIE_SECURE = True in the production settings.',
    docs: {
      whatItDoes:
        'Reports a production settings module where `django.contrib.sessions.middleware.SessionMiddleware` is in ' +
        '`MIDDLEWARE`, `django.contrib.sessions` is not in `INSTALLED_APPS`, and `SESSION_COOKIE_SECURE` is not set ' +
        'to True (Django\'s default is False). Up to Django 4.0 any truthy value passes; from 4.1 only `True` does. ' +
        'This is Django\'s `security.W011` deployment check; with the app installed as well Django raises ' +
        '`security.W012` (SET012) instead. The layout is typical of projects that keep sessions in signed cookies ' +
        'or in the cache and so do not need the sessions app\'s database table.',
      whyItMatters:
        'SessionMiddleware sets the `sessionid` cookie on every response that touches the session, whatever the ' +
        'backend. Without the Secure attribute the browser also sends it over plain HTTP, where a network attacker ' +
        'copies it and is logged in as the victim. With the `signed_cookies` backend the cookie holds the session ' +
        'data itself, so a leak also discloses its content.',
      example: {
        bad: [
          'SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"',
          'MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware", ...]',
          'SESSION_COOKIE_SECURE = False',
        ].join('\n'),
        good: [
          'SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"',
          'MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware", ...]',
          'SESSION_COOKIE_SECURE = True',
        ].join('\n'),
      },
      howToFix:
        'Set `SESSION_COOKIE_SECURE = True` in the production settings, and keep it a real boolean: from Django 4.1 ' +
        'the check accepts only `True`, so `1` or `"true"` read from the environment still warn. Use ' +
        '`env.bool("SESSION_COOKIE_SECURE", default=True)` or compare the string explicitly.',
      references: [
        { title: 'Django settings: SESSION_COOKIE_SECURE', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-secure' },
        { title: 'Django system checks: security.W011', url: 'https://docs.djangoproject.com/en/stable/ref/checks/#security' },
        { title: 'MDN: Set-Cookie Secure attribute', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Set-Cookie#secure' },
        { title: "CWE-614: Sensitive Cookie in HTTPS Session Without 'Secure' Attribute", url: 'https://cwe.mitre.org/data/definitions/614.html' },
      ],
      limitations:
        'Only the exact dotted path of SessionMiddleware counts, as in Django: a subclass is not recognised. Lists ' +
        'ponyguard cannot read completely are not judged.',
    },
  },
  check(context) {
    checkSessionCookieFlag(context, { flag: 'SESSION_COOKIE_SECURE', layout: 'middleware-only', djangoId: 'security.W011', consequence: SECURE_CONSEQUENCE, severity: 'medium' });
  },
});
