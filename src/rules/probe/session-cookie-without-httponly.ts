import { defineProbeRule } from '../../core/rule.js';
import { allCookies, COOKIE_NAME_OPTIONS, isSessionCookie } from '../../probe/observatory/cookies.js';
import { COOKIE_REFERENCES, OBSERVATORY_REFERENCE } from '../../probe/observatory/references.js';

export default defineProbeRule({
  meta: {
    code: 'WEB021',
    name: 'session-cookie-without-httponly',
    family: 'probe',
    severity: 'medium',
    confidence: 'high',
    cwe: [1004],
    owasp: ['A05:2021-Security Misconfiguration', 'A07:2021-Identification and Authentication Failures'],
    aliases: ['cookies-session-without-httponly-flag'],
    status: 'preview',
    summary: 'The session cookie is set without HttpOnly, so page scripts can read it.',
    fix: 'Keep SESSION_COOKIE_HTTPONLY = True (the default).',
    docs: {
      whatItDoes:
        'Reports a session cookie (`sessionid`, the configured `SESSION_COOKIE_NAME` from the capture or the ' +
        '`session_cookies` option, or a name containing `sess`/`login`) set without `HttpOnly`. The CSRF cookie is ' +
        'not reported: Django\'s JavaScript-readable CSRF cookie is by design (`CSRF_COOKIE_HTTPONLY` adds little).',
      whyItMatters:
        'Any script running in the page (an XSS payload, a compromised third-party script) can read a cookie without ' +
        'HttpOnly from `document.cookie` and send it away: the attacker then has the user\'s session from anywhere.',
      example: {
        bad: ['SESSION_COOKIE_HTTPONLY = False'].join('\n'),
        good: ['SESSION_COOKIE_HTTPONLY = True  # the default'].join('\n'),
        language: 'python',
      },
      howToFix: 'Remove `SESSION_COOKIE_HTTPONLY = False` from the settings; for session-like cookies the code sets itself, pass `httponly=True` to `set_cookie`.',
      references: [
        { title: 'Django settings: SESSION_COOKIE_HTTPONLY', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-httponly' },
        ...COOKIE_REFERENCES,
        OBSERVATORY_REFERENCE,
        { title: 'CWE-1004: Sensitive Cookie Without HttpOnly Flag', url: 'https://cwe.mitre.org/data/definitions/1004.html' },
      ],
      limitations: 'The session cookie is usually set only after login; probe with --cookie or --header to see it.',
    },
    options: COOKIE_NAME_OPTIONS,
  },
  check(context) {
    const { site, options } = context;
    for (const cookie of allCookies(site)) {
      if (cookie.httpOnly || !isSessionCookie(site, cookie.name, options)) continue;
      context.report({ url: cookie.url, key: cookie.name, message: `The session cookie ${cookie.name} is set without HttpOnly: any script in the page can read and steal it`, evidence: [`GET ${cookie.url}`, cookie.header] });
    }
  },
});
