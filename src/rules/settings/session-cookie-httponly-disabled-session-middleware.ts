import { defineProjectRule } from '../../core/rule.js';
import { HTTPONLY_CONSEQUENCE } from './session-cookie-httponly-disabled.js';
import { checkSessionCookieFlag } from './session-cookie-insecure.js';

export default defineProjectRule({
  meta: {
    code: 'SET014',
    name: 'session-cookie-httponly-disabled-session-middleware',
    family: 'settings',
    severity: 'medium',
    confidence: 'high',
    cwe: [1004],
    owasp: ['A05:2021-Security Misconfiguration', 'A07:2021-Identification and Authentication Failures'],
    aliases: ['security.W014'],
    status: 'stable',
    summary: 'SessionMiddleware is enabled without the sessions app and SESSION_COOKIE_HTTPONLY is not True.',
    fix: 'Remove the SESSION_COOKIE_HTTPONLY override (Django\'s default is True) or set SESSION_COOKIE_HTTPONLY = True.',
    docs: {
      whatItDoes:
        'Reports a production settings module where `django.contrib.sessions.middleware.SessionMiddleware` is in ' +
        '`MIDDLEWARE`, `django.contrib.sessions` is not in `INSTALLED_APPS` (common with cookie- or cache-backed ' +
        'sessions), and `SESSION_COOKIE_HTTPONLY` is overridden with a value that fails Django\'s test: falsy up to ' +
        '4.0, anything but `True` from 4.1. This is Django\'s `security.W014` deployment check; with the app ' +
        'installed as well Django raises `security.W015` (SET015).',
      whyItMatters:
        'SessionMiddleware issues the `sessionid` cookie with these settings. Without HttpOnly, `document.cookie` ' +
        'exposes it to every script on the page, so a single XSS flaw or a compromised third-party script can ' +
        'exfiltrate it and the attacker replays the session from anywhere. With the `signed_cookies` backend the ' +
        'cookie also carries the session data.',
      example: {
        bad: ['MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware", ...]', 'SESSION_COOKIE_HTTPONLY = 0'].join('\n'),
        good: ['MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware", ...]', 'SESSION_COOKIE_HTTPONLY = True'].join('\n'),
      },
      howToFix:
        'Delete the override so the default (True) applies, or set `SESSION_COOKIE_HTTPONLY = True` as a real ' +
        'boolean: from Django 4.1 the check rejects `1` and strings.',
      references: [
        { title: 'Django settings: SESSION_COOKIE_HTTPONLY', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-httponly' },
        { title: 'Django system checks: security.W014', url: 'https://docs.djangoproject.com/en/stable/ref/checks/#security' },
        { title: 'MDN: Set-Cookie HttpOnly attribute', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Set-Cookie#httponly' },
        { title: "CWE-1004: Sensitive Cookie Without 'HttpOnly' Flag", url: 'https://cwe.mitre.org/data/definitions/1004.html' },
      ],
      limitations: 'Only the exact SessionMiddleware path counts, as in Django. Lists ponyguard cannot read completely are not judged.',
    },
  },
  check(context) {
    checkSessionCookieFlag(context, { flag: 'SESSION_COOKIE_HTTPONLY', layout: 'middleware-only', djangoId: 'security.W014', consequence: HTTPONLY_CONSEQUENCE, severity: 'medium' });
  },
});
