import { defineProjectRule } from '../../core/rule.js';
import { checkSessionCookieFlag } from './session-cookie-insecure.js';

export const HTTPONLY_CONSEQUENCE =
  'JavaScript can read the session cookie, so any cross-site scripting flaw lets an attacker copy it and take over the session';

export default defineProjectRule({
  meta: {
    code: 'SET015',
    name: 'session-cookie-httponly-disabled',
    family: 'settings',
    severity: 'medium',
    confidence: 'high',
    cwe: [1004],
    owasp: ['A05:2021-Security Misconfiguration', 'A07:2021-Identification and Authentication Failures'],
    aliases: ['security.W015'],
    status: 'stable',
    summary: 'The session cookie is readable by JavaScript: SESSION_COOKIE_HTTPONLY is not True while sessions are in use.',
    fix: 'Remove the SESSION_COOKIE_HTTPONLY override (Django\'s default is True) or set SESSION_COOKIE_HTTPONLY = True.',
    docs: {
      whatItDoes:
        'Reports a production settings module where `django.contrib.sessions` is in `INSTALLED_APPS`, ' +
        '`django.contrib.sessions.middleware.SessionMiddleware` is in `MIDDLEWARE`, and `SESSION_COOKIE_HTTPONLY` ' +
        'has been overridden with a value that fails Django\'s test: a falsy value up to Django 4.0, anything but ' +
        '`True` from 4.1 (so `1` or `"True"` read from the environment warn on new versions). Django\'s default is ' +
        'True, so only an explicit override is ever reported. This is Django\'s `security.W015` deployment check; ' +
        'with only the app or only the middleware Django raises `security.W013` (SET013) or `security.W014` (SET014).',
      whyItMatters:
        'A session cookie without the HttpOnly attribute is visible to `document.cookie`. One stored or reflected ' +
        'XSS bug, or a compromised third-party script, is then enough to send the `sessionid` to an attacker, who ' +
        'replays it from anywhere until the session expires. HttpOnly does not stop XSS, but it keeps the ' +
        'long-lived credential out of its reach.',
      example: {
        bad: ['# A front-end needed to "see" the session', 'SESSION_COOKIE_HTTPONLY = False'].join('\n'),
        good: ['# The default; front-end code asks an API endpoint instead of reading the cookie', 'SESSION_COOKIE_HTTPONLY = True'].join('\n'),
      },
      howToFix:
        'Delete the override so Django\'s default (True) applies, or set `SESSION_COOKIE_HTTPONLY = True`. If ' +
        'JavaScript needs to know whether the user is logged in or who they are, expose that through an endpoint or ' +
        'a template variable rather than the session cookie. For AJAX requests that need the CSRF token, read the ' +
        'CSRF cookie or the token in the page; the session cookie is never needed in JavaScript.',
      references: [
        { title: 'Django settings: SESSION_COOKIE_HTTPONLY', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-httponly' },
        { title: 'Django system checks: security.W015', url: 'https://docs.djangoproject.com/en/stable/ref/checks/#security' },
        { title: 'MDN: Set-Cookie HttpOnly attribute', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Set-Cookie#httponly' },
        { title: "CWE-1004: Sensitive Cookie Without 'HttpOnly' Flag", url: 'https://cwe.mitre.org/data/definitions/1004.html' },
        { title: 'OWASP Session Management Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html' },
      ],
      limitations: 'A value ponyguard cannot evaluate, or an INSTALLED_APPS/MIDDLEWARE list it cannot read completely, is not judged.',
    },
  },
  check(context) {
    checkSessionCookieFlag(context, { flag: 'SESSION_COOKIE_HTTPONLY', layout: 'both', djangoId: 'security.W015', consequence: HTTPONLY_CONSEQUENCE, severity: 'medium' });
  },
});
