import { defineProbeRule } from '../../core/rule.js';
import { allCookies, COOKIE_NAME_OPTIONS, isCsrfCookie, isSessionCookie } from '../../probe/observatory/cookies.js';
import { COOKIE_REFERENCES, OBSERVATORY_REFERENCE } from '../../probe/observatory/references.js';
import { hstsTest } from '../../probe/observatory/tests.js';

export default defineProbeRule({
  meta: {
    code: 'WEB020',
    name: 'cookie-without-secure',
    family: 'probe',
    severity: 'medium',
    confidence: 'high',
    cwe: [614, 319],
    owasp: ['A02:2021-Cryptographic Failures', 'A05:2021-Security Misconfiguration'],
    aliases: ['cookies-without-secure-flag', 'cookies-session-without-secure-flag'],
    status: 'preview',
    summary: 'A site served over HTTPS sets a cookie without the Secure attribute.',
    fix: 'Set SESSION_COOKIE_SECURE = True and CSRF_COOKIE_SECURE = True (and LANGUAGE_COOKIE_SECURE = True), so that browsers send the cookies only over HTTPS.',
    docs: {
      whatItDoes:
        'On a site that answers over HTTPS, reports every cookie the probe saw set (main page, admin login, ' +
        '`/robots.txt`, error pages) without `Secure`: at high severity for the session cookie (`sessionid`, the ' +
        'configured `SESSION_COOKIE_NAME`, or a name containing `sess`/`login`), medium for the CSRF cookie, low for ' +
        'others; one step lower when a valid HSTS header keeps browsers off plain HTTP (the MDN HTTP Observatory\'s ' +
        '`…-but-protected-by-hsts` results).',
      whyItMatters:
        'A cookie without Secure is sent on any plain-HTTP request to the host, which an attacker on the network can ' +
        'trigger (an `<img src="http://site/">` on any page) and read. A stolen session cookie is a logged-in session.',
      example: {
        bad: ['# Set-Cookie: sessionid=…; HttpOnly; Path=/; SameSite=Lax', 'SESSION_COOKIE_SECURE = False'].join('\n'),
        good: ['SESSION_COOKIE_SECURE = True', 'CSRF_COOKIE_SECURE = True', '# Set-Cookie: sessionid=…; HttpOnly; Path=/; SameSite=Lax; Secure'].join('\n'),
        language: 'python',
      },
      howToFix:
        'Set `SESSION_COOKIE_SECURE = True`, `CSRF_COOKIE_SECURE = True` and `LANGUAGE_COOKIE_SECURE = True` in the ' +
        'production settings; for cookies the code sets, pass `secure=True` to `set_cookie`. Behind a TLS-terminating ' +
        'proxy these still work (the flag does not depend on `request.is_secure()`).',
      references: [
        { title: 'Django settings: SESSION_COOKIE_SECURE', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-secure' },
        { title: 'Django settings: CSRF_COOKIE_SECURE', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#csrf-cookie-secure' },
        ...COOKIE_REFERENCES,
        OBSERVATORY_REFERENCE,
        { title: 'CWE-614: Sensitive Cookie in HTTPS Session Without Secure Attribute', url: 'https://cwe.mitre.org/data/definitions/614.html' },
      ],
      limitations: 'Only cookies set to an anonymous visitor (or with --cookie/--header) are seen: sessionid is usually set after login.',
    },
    options: COOKIE_NAME_OPTIONS,
  },
  check(context) {
    const { site, options } = context;
    if (!site.https?.response?.url.startsWith('https:')) return;
    const hsts = hstsTest(site).pass;
    for (const cookie of allCookies(site)) {
      if (cookie.secure) continue;
      const session = isSessionCookie(site, cookie.name, options);
      const csrf = !session && isCsrfCookie(site, cookie.name, options);
      const levels = ['low', 'medium', 'high'] as const;
      const level = (session ? 2 : csrf ? 1 : 0) - (hsts ? 1 : 0);
      const what = session ? 'session cookie' : csrf ? 'CSRF cookie' : 'cookie';
      const setting = session ? ' (SESSION_COOKIE_SECURE)' : csrf ? ' (CSRF_COOKIE_SECURE)' : cookie.name === 'django_language' ? ' (LANGUAGE_COOKIE_SECURE)' : '';
      context.report({
        url: cookie.url,
        key: cookie.name,
        severity: levels[Math.max(level, 0)],
        message: `The ${what} ${cookie.name} is set without Secure${setting}: browsers also send it over plain HTTP${hsts ? ' (HSTS limits that to first visits)' : ''}`,
        evidence: [`GET ${cookie.url}`, cookie.header],
      });
    }
  },
});
