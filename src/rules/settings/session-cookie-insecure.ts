import type { Severity } from '../../core/finding.js';
import { defineProjectRule, type ProjectRuleContext } from '../../core/rule.js';
import { SESSIONS_APP, SESSION_MIDDLEWARE, checkExists, cookieFlagFails, middlewareSetting, sessionLayout, type SessionLayout } from '../../settings/django-checks.js';
import { checkSettings } from '../../settings/report.js';
import { display, truthy } from '../../settings/value.js';

/** One of Django's session-cookie checks: W010/W011/W012 (Secure) or W013/W014/W015 (HttpOnly). */
export interface SessionCookieCheck {
  flag: 'SESSION_COOKIE_SECURE' | 'SESSION_COOKIE_HTTPONLY';
  /** The INSTALLED_APPS/MIDDLEWARE layout this Django id is raised for. */
  layout: Exclude<SessionLayout, 'neither'>;
  djangoId: string;
  /** What an attacker gains when the flag is missing, appended to the message. */
  consequence: string;
  /** Default severity when the cookie really lacks the attribute. */
  severity: Severity;
}

/**
 * Django's `check_session_cookie_secure` / `check_session_cookie_httponly`: the flag fails (`not value` before 4.1,
 * `value is not True` from 4.1), then the sessions app raises W010/W013, SessionMiddleware raises W011/W014, and
 * both together are replaced by W012/W015. Shared by the six session-cookie rules.
 */
export function checkSessionCookieFlag(context: ProjectRuleContext, check: SessionCookieCheck): void {
  checkSettings(context, (settings, report) => {
    if (!checkExists(settings, '1.8')) return;
    const flag = settings.get(check.flag);
    if (flag.source === 'opaque' || cookieFlagFails(settings, flag.value) !== true) return;
    if (sessionLayout(settings) !== check.layout) return;

    const middleware = middlewareSetting(settings);
    const where =
      check.layout === 'app-only'
        ? `'${SESSIONS_APP}' is in INSTALLED_APPS (SessionMiddleware is not in ${middleware}) and `
        : check.layout === 'middleware-only'
          ? `'${SESSION_MIDDLEWARE}' is in ${middleware} (the sessions app is not installed) and `
          : '';
    // From 4.1 Django wants exactly True; a truthy value still makes the cookie carry the attribute at runtime.
    const strictOnly = truthy(flag.value) === true;
    let message: string;
    if (strictOnly) {
      const attribute = check.flag === 'SESSION_COOKIE_SECURE' ? 'Secure' : 'HttpOnly';
      message = `${where}${check.flag} is ${display(flag.value)}, not True: the cookie does get the ${attribute} attribute, but Django 4.1 and later accept only True and raise ${check.djangoId}`;
    } else {
      const what = flag.source === 'assigned' ? `${check.flag} is ${display(flag.value)}` : `${check.flag} is not set (Django's default is ${display(flag.value)})`;
      message = `${where}${what}: ${check.consequence}`;
    }
    report({
      setting: check.flag,
      message,
      lines: [`${check.flag} = True`],
      djangoId: check.djangoId,
      severity: strictOnly ? 'low' : check.severity,
    });
  });
}

export const SECURE_CONSEQUENCE =
  'the session cookie is also sent over plain HTTP, where anyone on the network path can copy it and take over the session';

export default defineProjectRule({
  meta: {
    code: 'SET012',
    name: 'session-cookie-insecure',
    family: 'settings',
    severity: 'medium',
    confidence: 'high',
    cwe: [614, 319],
    owasp: ['A05:2021-Security Misconfiguration', 'A07:2021-Identification and Authentication Failures'],
    aliases: ['security.W012'],
    status: 'stable',
    summary: 'The session cookie is not marked Secure: SESSION_COOKIE_SECURE is not True while sessions are in use.',
    fix: 'Set SESSION_COOKIE_SECURE = True in the production settings.',
    docs: {
      whatItDoes:
        'Reports a production settings module where both `django.contrib.sessions` is in `INSTALLED_APPS` and ' +
        '`django.contrib.sessions.middleware.SessionMiddleware` is in `MIDDLEWARE` (the normal `startproject` ' +
        'layout) and `SESSION_COOKIE_SECURE` is not set to True. Django\'s default is False, so a module that never ' +
        'sets it is reported at its first line. The test follows the project\'s Django version: up to Django 4.0 any ' +
        'truthy value (`1`, `"yes"`) passes; from 4.1 only the constant `True` does. This is Django\'s ' +
        '`security.W012` deployment check; when only the app or only the middleware is present Django raises ' +
        '`security.W010` (SET010) or `security.W011` (SET011) instead.',
      whyItMatters:
        'Without the Secure attribute the browser also sends the `sessionid` cookie on plain-HTTP requests: a ' +
        'bookmarked `http://` link, a mixed-content image, or a request an attacker provokes on a hostile Wi-Fi. ' +
        'Anyone who can observe that request copies the cookie and is logged in as the victim, including into the ' +
        'admin. HSTS narrows the window but does not protect the first visit or subdomains it does not cover.',
      example: {
        bad: [
          'INSTALLED_APPS = ["django.contrib.sessions", ...]',
          'MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware", ...]',
          '# SESSION_COOKIE_SECURE is not set: the default is False',
        ].join('\n'),
        good: [
          'INSTALLED_APPS = ["django.contrib.sessions", ...]',
          'MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware", ...]',
          'SESSION_COOKIE_SECURE = True',
        ].join('\n'),
      },
      howToFix:
        'Set `SESSION_COOKIE_SECURE = True` in the production settings (keep it False in local development over ' +
        'plain HTTP, or the browser drops the cookie and you cannot log in). When the value comes from the ' +
        'environment, cast it to a real boolean (`env.bool("SESSION_COOKIE_SECURE", default=True)`) and make the ' +
        'default the safe one. Behind a TLS-terminating proxy the flag is still right: it is the browser that must ' +
        'only send the cookie over HTTPS. Set `CSRF_COOKIE_SECURE = True` at the same time.',
      references: [
        { title: 'Django settings: SESSION_COOKIE_SECURE', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-secure' },
        { title: 'Django deployment checklist: SESSION_COOKIE_SECURE', url: 'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#session-cookie-secure' },
        { title: 'Django system checks: security.W012', url: 'https://docs.djangoproject.com/en/stable/ref/checks/#security' },
        { title: 'MDN: Set-Cookie Secure attribute', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Set-Cookie#secure' },
        { title: "CWE-614: Sensitive Cookie in HTTPS Session Without 'Secure' Attribute", url: 'https://cwe.mitre.org/data/definitions/614.html' },
      ],
      limitations:
        'The rule judges the settings only. A value ponyguard cannot evaluate, or an INSTALLED_APPS/MIDDLEWARE list ' +
        'it cannot read completely, is not judged. A proxy that rewrites Set-Cookie headers is invisible to a ' +
        'static scan.',
    },
  },
  check(context) {
    checkSessionCookieFlag(context, { flag: 'SESSION_COOKIE_SECURE', layout: 'both', djangoId: 'security.W012', consequence: SECURE_CONSEQUENCE, severity: 'medium' });
  },
});
