import { defineProjectRule } from '../../core/rule.js';
import { SECURITY_MIDDLEWARE, checkExists, hasMiddleware } from '../../settings/django-checks.js';
import { checkSettings } from '../../settings/report.js';

export default defineProjectRule({
  meta: {
    code: 'SET022',
    name: 'referrer-policy-missing',
    family: 'settings',
    severity: 'low',
    confidence: 'high',
    cwe: [200],
    owasp: ['A05:2021-Security Misconfiguration', 'A01:2021-Broken Access Control'],
    aliases: ['security.W022'],
    status: 'stable',
    summary: 'SecurityMiddleware sends no Referrer-Policy header: SECURE_REFERRER_POLICY is None.',
    fix: "Set SECURE_REFERRER_POLICY = 'same-origin' (or another policy that fits the site).",
    docs: {
      whatItDoes:
        'Reports a production settings module where `django.middleware.security.SecurityMiddleware` is in ' +
        '`MIDDLEWARE` and `SECURE_REFERRER_POLICY` is `None`, so Django sends no `Referrer-Policy` header. On ' +
        'Django 3.0 the default was None, so a 3.0 project that never sets it is reported at the first line of the ' +
        'module; from 3.1 the default is `\'same-origin\'` and only an explicit `None` is reported. This is ' +
        'Django\'s `security.W022` deployment check (Django 3.0 and later). Invalid policy values are a different ' +
        'check, `security.E023`.',
      whyItMatters:
        'Without a policy the browser\'s default decides what the `Referer` header reveals when users follow links ' +
        'or load third-party resources. Older browsers and some embedded web views send the full URL, so path ' +
        'segments and query strings (password-reset tokens, search terms, document ids, signed download links) ' +
        'leak to analytics, CDNs and every external site the page links to.',
      example: {
        bad: ['MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", ...]', 'SECURE_REFERRER_POLICY = None'].join('\n'),
        good: ['MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", ...]', 'SECURE_REFERRER_POLICY = "same-origin"'].join('\n'),
      },
      howToFix:
        "Set `SECURE_REFERRER_POLICY = 'same-origin'` (Django's default since 3.1): full referrers inside the site, " +
        "none to other sites. If other sites must see where visitors come from, `'strict-origin-when-cross-origin'` " +
        'sends only the origin, and only over HTTPS. Several policies can be given as a list or a comma-separated ' +
        'string to provide fallbacks for older browsers. If a proxy sets the header instead, silence ' +
        '`security.W022` to document it.',
      references: [
        { title: 'Django: Referrer Policy', url: 'https://docs.djangoproject.com/en/stable/ref/middleware/#referrer-policy' },
        { title: 'Django settings: SECURE_REFERRER_POLICY', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#secure-referrer-policy' },
        { title: 'Django system checks: security.W022', url: 'https://docs.djangoproject.com/en/stable/ref/checks/#security' },
        { title: 'MDN: Referrer-Policy', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Referrer-Policy' },
        { title: 'CWE-200: Exposure of Sensitive Information to an Unauthorized Actor', url: 'https://cwe.mitre.org/data/definitions/200.html' },
      ],
      limitations:
        'A header set by a proxy, a `<meta name="referrer">` tag or per-link `rel="noreferrer"` is invisible to the ' +
        'settings check. A value ponyguard cannot evaluate is not judged.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      if (!checkExists(settings, '3.0')) return;
      if (hasMiddleware(settings, SECURITY_MIDDLEWARE) !== true) return;
      const policy = settings.get('SECURE_REFERRER_POLICY');
      if (policy.value.t !== 'none') return;
      const what = policy.source === 'assigned' ? 'SECURE_REFERRER_POLICY is None' : "SECURE_REFERRER_POLICY is not set and Django 3.0's default is None";
      report({
        setting: 'SECURE_REFERRER_POLICY',
        message: `${what}: no Referrer-Policy header, so browsers may send full URLs (paths, query strings) to other sites`,
        lines: ["SECURE_REFERRER_POLICY = 'same-origin'"],
        djangoId: 'security.W022',
      });
    });
  },
});
