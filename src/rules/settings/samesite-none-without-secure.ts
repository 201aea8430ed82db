import type { Severity } from '../../core/finding.js';
import { defineProjectRule } from '../../core/rule.js';
import { SESSION_MIDDLEWARE, checkExists, hasMiddleware } from '../../settings/django-checks.js';
import { checkSettings, unsetDefaults } from '../../settings/report.js';
import { display, pyRepr, truthy, type Value } from '../../settings/value.js';

interface CookiePair {
  samesite: string;
  secure: string;
  cookie: string;
  severity: Severity;
}

const PAIRS: CookiePair[] = [
  { samesite: 'SESSION_COOKIE_SAMESITE', secure: 'SESSION_COOKIE_SECURE', cookie: 'session', severity: 'medium' },
  { samesite: 'CSRF_COOKIE_SAMESITE', secure: 'CSRF_COOKIE_SECURE', cookie: 'CSRF', severity: 'low' },
];

function unsetVariables(value: Value): string[] {
  return [...new Set(unsetDefaults(value.env).map((use) => use.variable))];
}

export default defineProjectRule({
  meta: {
    code: 'SET205',
    name: 'samesite-none-without-secure',
    family: 'settings',
    severity: 'medium',
    confidence: 'high',
    cwe: [614, 1275],
    owasp: ['A05:2021-Security Misconfiguration', 'A01:2021-Broken Access Control'],
    aliases: [],
    status: 'stable',
    summary: "A session or CSRF cookie is sent with SameSite=None while its Secure flag is off.",
    fix: "Set the matching *_COOKIE_SECURE = True whenever *_COOKIE_SAMESITE = 'None' (or go back to 'Lax').",
    docs: {
      whatItDoes:
        "Reports a production settings module where `SESSION_COOKIE_SAMESITE` or `CSRF_COOKIE_SAMESITE` is the " +
        "string `'None'` (Django 3.1+) while the matching `SESSION_COOKIE_SECURE` / `CSRF_COOKIE_SECURE` is not " +
        'set to a true value, so Django emits `SameSite=None` without `Secure`. The finding is at the SameSite ' +
        'setting; the fix names the Secure setting to change. The session cookie is reported as medium, the CSRF ' +
        'cookie as low. The CSRF cookie is skipped when `CSRF_USE_SESSIONS` is on, the session cookie when ' +
        'SessionMiddleware is known to be absent. (Python `None`, which omits the attribute, is not this case.)',
      whyItMatters:
        '`SameSite=None` opts the cookie out of the browser\'s cross-site protection: it is sent on requests ' +
        'other sites trigger, which is exactly what cross-site request forgery needs. Browsers therefore only ' +
        'accept it together with `Secure`: Chrome, Edge and Firefox reject a `SameSite=None` cookie without ' +
        'Secure, so the embedded or cross-site login it was meant for silently breaks — and the usual quick fix ' +
        'under pressure is to weaken something else. Older browsers that still accept it send the session ' +
        'cookie cross-site and over plain HTTP, where anyone on the network can read it.',
      example: {
        bad: ['SESSION_COOKIE_SAMESITE = "None"  # the app is embedded in a partner site', 'SESSION_COOKIE_SECURE = False'].join('\n'),
        good: ['SESSION_COOKIE_SAMESITE = "None"', 'SESSION_COOKIE_SECURE = True', 'CSRF_COOKIE_SAMESITE = "None"', 'CSRF_COOKIE_SECURE = True'].join('\n'),
      },
      howToFix:
        "Set `SESSION_COOKIE_SECURE = True` (and `CSRF_COOKIE_SECURE = True`) whenever the SameSite setting is " +
        "`'None'`, and serve the site over HTTPS only. Better, ask whether cross-site cookies are needed at all: " +
        "`'Lax'` (the default) keeps ordinary links working and blocks cross-site POSTs; a third-party embed can " +
        'often use a token in the request instead of a cookie. If cross-site cookies are needed, also keep CSRF ' +
        'protection on every state-changing view and list the embedding origin in `CSRF_TRUSTED_ORIGINS`.',
      references: [
        { title: 'Django settings: SESSION_COOKIE_SAMESITE', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-samesite' },
        { title: 'Django settings: CSRF_COOKIE_SAMESITE', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#csrf-cookie-samesite' },
        { title: 'MDN: Set-Cookie SameSite=None requires Secure', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Set-Cookie#samesitesamesite-value' },
        { title: 'web.dev: SameSite cookies explained', url: 'https://web.dev/articles/samesite-cookies-explained' },
        { title: 'CWE-614: Sensitive Cookie in HTTPS Session Without Secure Attribute', url: 'https://cwe.mitre.org/data/definitions/614.html' },
        { title: 'CWE-1275: Sensitive Cookie with Improper SameSite Attribute', url: 'https://cwe.mitre.org/data/definitions/1275.html' },
      ],
      limitations:
        'The Secure flag is judged the way the cookie is written (any true value sets it), not with the `is True` ' +
        'test of `check --deploy` (Django\'s security.W012 and W016, reported by their own rules). ' +
        'Cookies set by your own code with `response.set_cookie(..., samesite="None")` are not covered.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      // The string 'None' is accepted from Django 3.1; older versions raise ValueError on it.
      if (!checkExists(settings, '3.1')) return;
      for (const pair of PAIRS) {
        const samesite = settings.get(pair.samesite);
        const value = samesite.value;
        if (samesite.source !== 'assigned' || value.t !== 'str' || value.v.toLowerCase() !== 'none') continue;
        if (pair.cookie === 'CSRF' && truthy(settings.get('CSRF_USE_SESSIONS').value) === true) continue;
        if (pair.cookie === 'session' && hasMiddleware(settings, SESSION_MIDDLEWARE) === false) continue;
        const secure = settings.get(pair.secure);
        if (truthy(secure.value) !== false) continue;

        const defaultAt = unsetDefaults(value.env).find((use) => use.defaultAt)?.defaultAt;
        const at = defaultAt ?? samesite.at;
        if (!at) continue;
        const notes: string[] = [];
        const sameVars = unsetVariables(value);
        const secureVars = unsetVariables(secure.value);
        if (sameVars.length > 0) notes.push(`${sameVars.join(', ')} not set, so the default ${pyRepr(value.v)} applies`);
        if (secureVars.length > 0) notes.push(`${secureVars.join(', ')} not set, so ${pair.secure} takes its default`);
        const secureState = secure.source === 'assigned' ? `is ${display(secure.value)}` : 'is not set';
        const note = !defaultAt && samesite.at && samesite.at.path !== settings.path ? ` — inherited from ${samesite.at.path}` : '';
        const fromEnv = (sameVars.length > 0 || secureVars.length > 0) && !settings.environment.given;
        report({
          setting: pair.secure,
          at,
          message:
            `${pair.samesite} is ${pyRepr(value.v)} but ${pair.secure} ${secureState}` +
            (notes.length > 0 ? ` (${notes.join('; ')})` : '') +
            `: browsers reject a SameSite=None cookie without Secure, and older ones send the ${pair.cookie} cookie on cross-site requests and over plain HTTP${note}`,
          lines: [`${pair.secure} = True`],
          severity: pair.severity,
          ...(fromEnv ? { confidence: 'medium' as const } : {}),
        });
      }
    });
  },
});
