import { defineProjectRule } from '../../core/rule.js';
import { SECURE_CONSEQUENCE, checkSessionCookieFlag } from './session-cookie-insecure.js';

export default defineProjectRule({
  meta: {
    code: 'SET010',
    name: 'session-cookie-insecure-sessions-app',
    family: 'settings',
    severity: 'medium',
    confidence: 'high',
    cwe: [614, 319],
    owasp: ['A05:2021-Security Misconfiguration', 'A07:2021-Identification and Authentication Failures'],
    aliases: ['security.W010'],
    status: 'stable',
    summary: 'django.contrib.sessions is installed without SessionMiddleware and SESSION_COOKIE_SECURE is not True.',
    fix: 'Set SESSION_COOKIE_SECURE = True in the production settings.',
    docs: {
      whatItDoes:
        'Reports a production settings module where `django.contrib.sessions` is in `INSTALLED_APPS`, ' +
        '`django.contrib.sessions.middleware.SessionMiddleware` is not in `MIDDLEWARE`, and `SESSION_COOKIE_SECURE` ' +
        'is not set to True (Django\'s default is False). Up to Django 4.0 any truthy value passes; from 4.1 only ' +
        '`True` does. This is Django\'s `security.W010` deployment check. Django picks one id by layout: with the ' +
        'middleware as well it raises `security.W012` (SET012), with the middleware alone `security.W011` (SET011).',
      whyItMatters:
        'An installed sessions app usually means sessions are created somewhere: a subclass of SessionMiddleware ' +
        'listed under another dotted path, a third-party middleware, or code that builds a `SessionStore` and sets ' +
        'the cookie itself. Wherever the `sessionid` cookie is written with Django\'s settings, a False ' +
        '`SESSION_COOKIE_SECURE` lets the browser send it over plain HTTP, where a network attacker can copy it ' +
        'and take over the session.',
      example: {
        bad: [
          'INSTALLED_APPS = ["django.contrib.sessions", ...]',
          'MIDDLEWARE = ["myproject.middleware.TenantSessionMiddleware", ...]  # a SessionMiddleware subclass',
          '# SESSION_COOKIE_SECURE is not set: the default is False',
        ].join('\n'),
        good: [
          'INSTALLED_APPS = ["django.contrib.sessions", ...]',
          'MIDDLEWARE = ["myproject.middleware.TenantSessionMiddleware", ...]',
          'SESSION_COOKIE_SECURE = True',
        ].join('\n'),
      },
      howToFix:
        'Set `SESSION_COOKIE_SECURE = True` in the production settings. When the value comes from the ' +
        'environment, cast it to a boolean with a safe default: `env.bool("SESSION_COOKIE_SECURE", default=True)`. ' +
        'If the project really issues no session cookies, removing `django.contrib.sessions` from ' +
        '`INSTALLED_APPS` also clears the warning; the app is only needed for the database session backend and the ' +
        '`clearsessions` command.',
      references: [
        { title: 'Django settings: SESSION_COOKIE_SECURE', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-secure' },
        { title: 'Django system checks: security.W010', url: 'https://docs.djangoproject.com/en/stable/ref/checks/#security' },
        { title: 'Django: How to use sessions', url: 'https://docs.djangoproject.com/en/stable/topics/http/sessions/' },
        { title: "CWE-614: Sensitive Cookie in HTTPS Session Without 'Secure' Attribute", url: 'https://cwe.mitre.org/data/definitions/614.html' },
      ],
      limitations:
        'Django tests the exact strings `django.contrib.sessions` and the SessionMiddleware path, and so does the ' +
        'rule: an app config path (`django.contrib.sessions.apps.SessionsConfig`) does not count. Lists ponyguard ' +
        'cannot read completely are not judged.',
    },
  },
  check(context) {
    checkSessionCookieFlag(context, { flag: 'SESSION_COOKIE_SECURE', layout: 'app-only', djangoId: 'security.W010', consequence: SECURE_CONSEQUENCE, severity: 'medium' });
  },
});
