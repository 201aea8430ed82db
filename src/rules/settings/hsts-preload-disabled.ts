import { defineProjectRule } from '../../core/rule.js';
import { SECURITY_MIDDLEWARE, checkExists, hasMiddleware, notTrue } from '../../settings/django-checks.js';
import { checkSettings } from '../../settings/report.js';
import { display, truthy } from '../../settings/value.js';

export default defineProjectRule({
  meta: {
    code: 'SET021',
    name: 'hsts-preload-disabled',
    family: 'settings',
    severity: 'low',
    confidence: 'high',
    cwe: [319, 523],
    owasp: ['A05:2021-Security Misconfiguration', 'A02:2021-Cryptographic Failures'],
    aliases: ['security.W021'],
    status: 'stable',
    summary: 'HSTS is enabled without the preload directive: SECURE_HSTS_PRELOAD is not True.',
    fix: 'Set SECURE_HSTS_PRELOAD = True once the domain qualifies for browser preload lists, or silence security.W021 to record the decision.',
    docs: {
      whatItDoes:
        'Reports a production settings module where `django.middleware.security.SecurityMiddleware` is in ' +
        '`MIDDLEWARE`, `SECURE_HSTS_SECONDS` is set (truthy), and `SECURE_HSTS_PRELOAD` is not exactly `True` ' +
        '(Django\'s default is False; `1` or `"true"` do not count). This is Django\'s `security.W021` deployment ' +
        'check, added in Django 1.11: the rule does not fire for earlier versions, or when HSTS itself is off ' +
        '(that is SET004, `security.W004`).',
      whyItMatters:
        'A Strict-Transport-Security header only protects a browser that has already received it over HTTPS. The ' +
        'very first visit, and the first visit after the max-age expires, can still start over plain HTTP and be ' +
        'stripped by a network attacker. Browsers ship a built-in list of preloaded HSTS domains that are never ' +
        'contacted over HTTP; the `preload` directive is the site owner\'s consent to be put on that list.',
      example: {
        bad: ['SECURE_HSTS_SECONDS = 31536000', 'SECURE_HSTS_INCLUDE_SUBDOMAINS = True', '# SECURE_HSTS_PRELOAD is not set'].join('\n'),
        good: ['SECURE_HSTS_SECONDS = 31536000', 'SECURE_HSTS_INCLUDE_SUBDOMAINS = True', 'SECURE_HSTS_PRELOAD = True'].join('\n'),
      },
      howToFix:
        'Preloading is hard to undo (removal from browser lists takes months) and applies to every subdomain, so ' +
        'first make sure the apex domain and all subdomains serve HTTPS. The hstspreload.org submission form also ' +
        'requires `includeSubDomains` and a max-age of at least one year: set `SECURE_HSTS_SECONDS = 31536000`, ' +
        '`SECURE_HSTS_INCLUDE_SUBDOMAINS = True` and `SECURE_HSTS_PRELOAD = True`, deploy, then submit the domain. ' +
        'If you decide not to preload (internal hosts, subdomains on plain HTTP), add `"security.W021"` to ' +
        '`SILENCED_SYSTEM_CHECKS` so the choice is documented.',
      references: [
        { title: 'Django settings: SECURE_HSTS_PRELOAD', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#secure-hsts-preload' },
        { title: 'Django: HTTP Strict Transport Security', url: 'https://docs.djangoproject.com/en/stable/ref/middleware/#http-strict-transport-security' },
        { title: 'Django system checks: security.W021', url: 'https://docs.djangoproject.com/en/stable/ref/checks/#security' },
        { title: 'HSTS preload list submission', url: 'https://hstspreload.org/' },
        { title: 'MDN: Strict-Transport-Security preload', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Strict-Transport-Security#preloading_strict_transport_security' },
        { title: 'CWE-319: Cleartext Transmission of Sensitive Information', url: 'https://cwe.mitre.org/data/definitions/319.html' },
      ],
      limitations:
        'Django only checks the directive, not whether the domain is on the list or qualifies for it (preload with a ' +
        'short max-age or without includeSubDomains passes). HSTS added by a proxy or CDN is invisible to a static ' +
        'scan.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      if (!checkExists(settings, '1.11')) return;
      if (hasMiddleware(settings, SECURITY_MIDDLEWARE) !== true) return;
      if (truthy(settings.get('SECURE_HSTS_SECONDS').value) !== true) return;
      const preload = settings.get('SECURE_HSTS_PRELOAD');
      if (notTrue(preload.value) !== true) return;
      const what = preload.source === 'assigned' ? `SECURE_HSTS_PRELOAD is ${display(preload.value)}` : 'SECURE_HSTS_PRELOAD is not set';
      const strictOnly = truthy(preload.value) === true;
      report({
        setting: 'SECURE_HSTS_PRELOAD',
        message: strictOnly
          ? `${what}, not True: the middleware does add the preload directive, but Django's check accepts only True and raises security.W021`
          : `${what}: the HSTS header has no preload directive, so browsers cannot preload the domain and a first visit can still go over plain HTTP`,
        ...(strictOnly ? { severity: 'info' as const } : {}),
        lines: ['SECURE_HSTS_PRELOAD = True'],
        djangoId: 'security.W021',
      });
    });
  },
});
