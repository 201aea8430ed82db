import { defineProbeRule } from '../../core/rule.js';
import { allCookies, COOKIE_NAME_OPTIONS, isCsrfCookie, isSessionCookie } from '../../probe/observatory/cookies.js';
import { COOKIE_REFERENCES, OBSERVATORY_REFERENCE } from '../../probe/observatory/references.js';

export default defineProbeRule({
  meta: {
    code: 'WEB022',
    name: 'cookie-samesite-weak',
    family: 'probe',
    severity: 'low',
    confidence: 'high',
    cwe: [1275, 352],
    owasp: ['A01:2021-Broken Access Control', 'A05:2021-Security Misconfiguration'],
    aliases: ['cookies-samesite-flag-invalid', 'cookies-anticsrf-without-samesite-flag'],
    status: 'preview',
    summary: 'A cookie has no usable SameSite attribute: SameSite=None without Secure, an unknown value, or none on the session or CSRF cookie.',
    fix: "Keep SESSION_COOKIE_SAMESITE and CSRF_COOKIE_SAMESITE at 'Lax' (or 'Strict'); a cookie with SameSite=None must also be Secure.",
    docs: {
      whatItDoes:
        'Reports cookies set with `SameSite=None` but without `Secure` (browsers reject them: medium), with a SameSite ' +
        'value other than Strict, Lax or None (ignored: low), and session or CSRF cookies with no SameSite at all or ' +
        'with `SameSite=None` (low). The MDN HTTP Observatory\'s `cookies-samesite-flag-invalid` and ' +
        '`cookies-anticsrf-without-samesite-flag` (−20 each).',
      whyItMatters:
        'SameSite=Lax keeps browsers from sending the cookie on cross-site POSTs, iframes and fetches: a strong ' +
        'defence in depth against CSRF and cross-site leaks. Browsers disagree on the default when the attribute is ' +
        'missing (Safari and Firefox send it everywhere), and `None` turns the protection off.',
      example: {
        bad: ["SESSION_COOKIE_SAMESITE = None  # no attribute at all", "CSRF_COOKIE_SAMESITE = 'None'  # and CSRF_COOKIE_SECURE = False"].join('\n'),
        good: ["SESSION_COOKIE_SAMESITE = 'Lax'  # the default", "CSRF_COOKIE_SAMESITE = 'Lax'"].join('\n'),
        language: 'python',
      },
      howToFix:
        "Leave `SESSION_COOKIE_SAMESITE` and `CSRF_COOKIE_SAMESITE` at `'Lax'` (Django's default) or use `'Strict'`. If " +
        "cross-site use really needs `'None'`, also set the matching `*_COOKIE_SECURE = True`. For cookies set in code, pass `samesite='Lax'` to `set_cookie`.",
      references: [
        { title: 'Django settings: SESSION_COOKIE_SAMESITE', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-samesite' },
        { title: 'Django settings: CSRF_COOKIE_SAMESITE', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#csrf-cookie-samesite' },
        ...COOKIE_REFERENCES,
        OBSERVATORY_REFERENCE,
      ],
    },
    options: COOKIE_NAME_OPTIONS,
  },
  check(context) {
    const { site, options } = context;
    for (const cookie of allCookies(site)) {
      const value = cookie.sameSite?.trim().toLowerCase() ?? null;
      const role = isSessionCookie(site, cookie.name, options) ? 'session cookie' : isCsrfCookie(site, cookie.name, options) ? 'CSRF cookie' : null;
      const evidence = [`GET ${cookie.url}`, cookie.header];
      const base = { url: cookie.url, evidence };
      if (value === 'none' && !cookie.secure) context.report({ ...base, key: `${cookie.name}:none-without-secure`, severity: 'medium', message: `The cookie ${cookie.name} has SameSite=None without Secure: browsers reject it, or treat it as Lax` });
      else if (value !== null && value !== 'strict' && value !== 'lax' && value !== 'none') context.report({ ...base, key: `${cookie.name}:invalid`, message: `The cookie ${cookie.name} has SameSite=${cookie.sameSite ?? ''}, which browsers do not recognise` });
      else if (role && value === null) context.report({ ...base, key: `${cookie.name}:missing`, message: `The ${role} ${cookie.name} has no SameSite attribute: some browsers send it on cross-site requests` });
      else if (role && value === 'none') context.report({ ...base, key: `${cookie.name}:none`, message: `The ${role} ${cookie.name} has SameSite=None: browsers send it on every cross-site request` });
    }
  },
});
