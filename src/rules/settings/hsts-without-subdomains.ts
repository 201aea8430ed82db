import { defineProjectRule } from '../../core/rule.js';
import { SECURITY_MIDDLEWARE, hasMiddleware, notTrue } from '../../settings/django-checks.js';
import { checkSettings } from '../../settings/report.js';
import { display, truthy } from '../../settings/value.js';

export default defineProjectRule({
  meta: {
    code: 'SET005',
    name: 'hsts-without-subdomains',
    family: 'settings',
    severity: 'low',
    confidence: 'high',
    cwe: [319, 523],
    owasp: ['A05:2021-Security Misconfiguration', 'A02:2021-Cryptographic Failures'],
    aliases: ['security.W005'],
    status: 'stable',
    summary: 'HSTS is enabled but SECURE_HSTS_INCLUDE_SUBDOMAINS is not True, so subdomains can still be reached over plain HTTP.',
    fix: 'Set SECURE_HSTS_INCLUDE_SUBDOMAINS = True in the production settings once every subdomain is served over HTTPS.',
    docs: {
      whatItDoes:
        'Reports a production settings module where SecurityMiddleware is in `MIDDLEWARE`, `SECURE_HSTS_SECONDS` is ' +
        'set (truthy), and `SECURE_HSTS_INCLUDE_SUBDOMAINS` is not the boolean `True`, so the ' +
        '`Strict-Transport-Security` header lacks `includeSubDomains`. This is Django\'s `security.W005` deployment ' +
        'check. Django tests `is True`: `1` or the string `"True"` (a common result of reading an environment variable ' +
        'without a boolean cast) does not count and is reported. When HSTS is off, SET004 (`security.W004`) reports ' +
        'that instead; when SecurityMiddleware is missing, only SET001 (`security.W001`) is reported.',
      whyItMatters:
        'HSTS without `includeSubDomains` protects only the exact host that sent it. An attacker on the network can ' +
        'still lure the browser to `http://anything.example.com`, which is not covered, and use it to set or ' +
        'overwrite cookies for the parent domain (cookie tossing) or to phish under a trusted name. ' +
        '`includeSubDomains` is also required before a domain can be submitted to the browsers\' HSTS preload list.',
      example: {
        bad: ['MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", ...]', 'SECURE_HSTS_SECONDS = 31536000', '# SECURE_HSTS_INCLUDE_SUBDOMAINS is not set'].join('\n'),
        good: ['MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", ...]', 'SECURE_HSTS_SECONDS = 31536000', 'SECURE_HSTS_INCLUDE_SUBDOMAINS = True'].join('\n'),
      },
      howToFix:
        'First make sure every subdomain (including internal tools, mail web front-ends and legacy hosts) serves ' +
        'HTTPS: once browsers have seen `includeSubDomains` they refuse plain HTTP on all of them for the whole ' +
        'max-age. Then set `SECURE_HSTS_INCLUDE_SUBDOMAINS = True` (a real boolean; with django-environ use ' +
        '`env.bool(...)`, with python-decouple `config(..., cast=bool)`). If the header is set by a proxy or CDN ' +
        'with `includeSubDomains`, document it with `SILENCED_SYSTEM_CHECKS = ["security.W005"]`.',
      references: [
        { title: 'Django: HTTP Strict Transport Security', url: 'https://docs.djangoproject.com/en/stable/ref/middleware/#http-strict-transport-security' },
        { title: 'Django settings: SECURE_HSTS_INCLUDE_SUBDOMAINS', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#secure-hsts-include-subdomains' },
        { title: 'Django system checks: security.W005', url: 'https://docs.djangoproject.com/en/stable/ref/checks/#security' },
        { title: 'MDN: Strict-Transport-Security', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Strict-Transport-Security' },
        { title: 'OWASP HTTP Strict Transport Security Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/HTTP_Strict_Transport_Security_Cheat_Sheet.html' },
        { title: 'CWE-319: Cleartext Transmission of Sensitive Information', url: 'https://cwe.mitre.org/data/definitions/319.html' },
      ],
      limitations:
        'A site whose subdomains are deliberately left on HTTP (or belong to third parties) cannot use the flag; ' +
        'silence the check there. HSTS headers added by a proxy or CDN are invisible to a static scan.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      if (hasMiddleware(settings, SECURITY_MIDDLEWARE) !== true) return;
      if (truthy(settings.get('SECURE_HSTS_SECONDS').value) !== true) return;
      const flag = settings.get('SECURE_HSTS_INCLUDE_SUBDOMAINS');
      if (notTrue(flag.value) !== true) return;
      const quirk = truthy(flag.value) === true ? ' (Django requires the boolean True; a truthy value does not count)' : '';
      const what = flag.source === 'assigned' ? `SECURE_HSTS_INCLUDE_SUBDOMAINS is ${display(flag.value)}${quirk}` : 'SECURE_HSTS_INCLUDE_SUBDOMAINS is not set';
      report({
        setting: 'SECURE_HSTS_INCLUDE_SUBDOMAINS',
        message: `${what}: the HSTS header omits includeSubDomains, so subdomains can still be reached over plain HTTP`,
        lines: ['SECURE_HSTS_INCLUDE_SUBDOMAINS = True'],
        djangoId: 'security.W005',
      });
    });
  },
});
