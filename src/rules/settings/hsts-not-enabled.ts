import { defineProjectRule } from '../../core/rule.js';
import { SECURITY_MIDDLEWARE, hasMiddleware } from '../../settings/django-checks.js';
import { checkSettings } from '../../settings/report.js';
import { display, truthy } from '../../settings/value.js';

export default defineProjectRule({
  meta: {
    code: 'SET004',
    name: 'hsts-not-enabled',
    family: 'settings',
    severity: 'medium',
    confidence: 'high',
    cwe: [319, 523],
    owasp: ['A05:2021-Security Misconfiguration', 'A02:2021-Cryptographic Failures'],
    aliases: ['security.W004'],
    status: 'stable',
    summary: 'HTTP Strict Transport Security is off: SECURE_HSTS_SECONDS is not set.',
    fix: 'Set SECURE_HSTS_SECONDS = 31536000 (one year) in the production settings, after HTTPS works on every subdomain.',
    docs: {
      whatItDoes:
        'Reports a production settings module where `django.middleware.security.SecurityMiddleware` is in ' +
        '`MIDDLEWARE` and `SECURE_HSTS_SECONDS` is not set or is falsy (0, None), so Django sends no ' +
        '`Strict-Transport-Security` header. This is Django\'s `security.W004` deployment check, evaluated statically ' +
        '(through split settings and environment defaults) instead of by importing the project.',
      whyItMatters:
        'Without HSTS a browser that types the bare domain, follows an old `http://` link or joins a hostile Wi-Fi ' +
        'first talks plain HTTP. An attacker on the network can answer that request (SSL stripping), keep the ' +
        'victim on HTTP and read or change everything, including session cookies that are not marked Secure. HSTS ' +
        'makes the browser refuse plain HTTP for the domain for the max-age period.',
      example: {
        bad: ['MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", ...]', '# SECURE_HSTS_SECONDS is not set'].join('\n'),
        good: [
          'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", ...]',
          'SECURE_HSTS_SECONDS = 31536000  # one year',
          'SECURE_HSTS_INCLUDE_SUBDOMAINS = True',
          'SECURE_HSTS_PRELOAD = True',
        ].join('\n'),
      },
      howToFix:
        'Serve the whole site (and, for includeSubDomains, every subdomain) over HTTPS first, then set ' +
        '`SECURE_HSTS_SECONDS` in the production settings. Start small (3600) while you check that nothing breaks, ' +
        'then raise it to one year (31536000) and add `SECURE_HSTS_INCLUDE_SUBDOMAINS = True` and, once eligible, ' +
        '`SECURE_HSTS_PRELOAD = True`. If a proxy or CDN already adds the header, ponyguard\'s live probe can confirm ' +
        'it; silence the check with `SILENCED_SYSTEM_CHECKS = ["security.W004"]` to document that choice.',
      references: [
        { title: 'Django: HTTP Strict Transport Security', url: 'https://docs.djangoproject.com/en/stable/ref/middleware/#http-strict-transport-security' },
        { title: 'Django settings: SECURE_HSTS_SECONDS', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#secure-hsts-seconds' },
        { title: 'Django system checks: security.W004', url: 'https://docs.djangoproject.com/en/stable/ref/checks/#security' },
        { title: 'MDN: Strict-Transport-Security', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Strict-Transport-Security' },
        { title: 'CWE-319: Cleartext Transmission of Sensitive Information', url: 'https://cwe.mitre.org/data/definitions/319.html' },
      ],
      limitations: 'HSTS added by a proxy or CDN is invisible to a static scan; the live probe sees it.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      if (hasMiddleware(settings, SECURITY_MIDDLEWARE) !== true) return;
      const seconds = settings.get('SECURE_HSTS_SECONDS');
      if (truthy(seconds.value) !== false) return;
      const what = seconds.source === 'assigned' ? `SECURE_HSTS_SECONDS is ${display(seconds.value)}` : 'SECURE_HSTS_SECONDS is not set';
      report({
        setting: 'SECURE_HSTS_SECONDS',
        message: `${what}: no Strict-Transport-Security header, so browsers may still use plain HTTP`,
        lines: ['SECURE_HSTS_SECONDS = 31536000  # one year; start lower while testing'],
        djangoId: 'security.W004',
      });
    });
  },
});
