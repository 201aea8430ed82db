import { defineProjectRule } from '../../core/rule.js';
import { HTTPONLY_CONSEQUENCE } from './session-cookie-httponly-disabled.js';
import { checkSessionCookieFlag } from './session-cookie-insecure.js';

export default defineProjectRule({
  meta: {
    code: 'SET013',
    name: 'session-cookie-httponly-disabled-sessions-app',
    family: 'settings',
    severity: 'medium',
    confidence: 'high',
    cwe: [1004],
    owasp: ['A05:2021-Security Misconfiguration', 'A07:2021-Identification and Authentication Failures'],
    aliases: ['security.W013'],
    status: 'stable',
    summary: 'django.contrib.sessions is installed without SessionMiddleware and SESSION_COOKIE_HTTPONLY is not True.',
    fix: 'Remove the SESSION_COOKIE_HTTPONLY override (Django\'s default is True) or set SESSION_COOKIE_HTTPONLY = True.',
    docs: {
      whatItDoes:
        'Reports a production settings module where `django.contrib.sessions` is in `INSTALLED_APPS`, ' +
        '`django.contrib.sessions.middleware.SessionMiddleware` is not in `MIDDLEWARE`, and `SESSION_COOKIE_HTTPONLY` ' +
        'is overridden with a value that fails Django\'s test (falsy up to 4.0, anything but `True` from 4.1). ' +
        'This is Django\'s `security.W013` deployment check; Django raises `security.W015` (SET015) instead when the ' +
        'middleware is present too, and `security.W014` (SET014) for the middleware alone.',
      whyItMatters:
        'An installed sessions app means session cookies are probably issued, by a SessionMiddleware subclass under ' +
        'another path or by code that uses `SessionStore` directly, and they take their attributes from these ' +
        'settings. Without HttpOnly the cookie is readable from `document.cookie`, so an XSS flaw or a compromised ' +
        'script can steal it and hijack the session.',
      example: {
        bad: ['INSTALLED_APPS = ["django.contrib.sessions", ...]', 'MIDDLEWARE = ["myproject.middleware.SessionMiddleware", ...]', 'SESSION_COOKIE_HTTPONLY = False'].join('\n'),
        good: ['INSTALLED_APPS = ["django.contrib.sessions", ...]', 'MIDDLEWARE = ["myproject.middleware.SessionMiddleware", ...]', '# SESSION_COOKIE_HTTPONLY keeps its default, True'].join('\n'),
      },
      howToFix:
        'Delete the `SESSION_COOKIE_HTTPONLY` override, or set it to `True`. Front-end code that needs session ' +
        'information should get it from an endpoint, not from the cookie.',
      references: [
        { title: 'Django settings: SESSION_COOKIE_HTTPONLY', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-httponly' },
        { title: 'Django system checks: security.W013', url: 'https://docs.djangoproject.com/en/stable/ref/checks/#security' },
        { title: 'MDN: Set-Cookie HttpOnly attribute', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Set-Cookie#httponly' },
        { title: "CWE-1004: Sensitive Cookie Without 'HttpOnly' Flag", url: 'https://cwe.mitre.org/data/definitions/1004.html' },
      ],
      limitations:
        'Only the exact strings Django tests count: an app config path (`django.contrib.sessions.apps.SessionsConfig`) ' +
        'is not the sessions app for this check. Lists ponyguard cannot read completely are not judged.',
    },
  },
  check(context) {
    checkSessionCookieFlag(context, { flag: 'SESSION_COOKIE_HTTPONLY', layout: 'app-only', djangoId: 'security.W013', consequence: HTTPONLY_CONSEQUENCE, severity: 'medium' });
  },
});
