import { defineProjectRule } from '../../core/rule.js';
import { SECURITY_MIDDLEWARE, hasMiddleware, notTrue } from '../../settings/django-checks.js';
import { checkSettings } from '../../settings/report.js';
import { display, truthy } from '../../settings/value.js';

export default defineProjectRule({
  meta: {
    code: 'SET006',
    name: 'content-type-nosniff-disabled',
    family: 'settings',
    severity: 'low',
    confidence: 'high',
    cwe: [693, 79],
    owasp: ['A05:2021-Security Misconfiguration', 'A03:2021-Injection'],
    aliases: ['security.W006'],
    status: 'stable',
    summary: 'SECURE_CONTENT_TYPE_NOSNIFF is not True, so responses lack X-Content-Type-Options: nosniff and browsers may sniff uploads as HTML or script.',
    fix: 'Set SECURE_CONTENT_TYPE_NOSNIFF = True in the production settings (or remove the assignment on Django 3.0+, where True is the default).',
    docs: {
      whatItDoes:
        'Reports a production settings module where SecurityMiddleware is in `MIDDLEWARE` and ' +
        '`SECURE_CONTENT_TYPE_NOSNIFF` is not the boolean `True`. This is Django\'s `security.W006` deployment check. ' +
        'Since Django 3.0 the default is `True`, so the rule fires only when a module turns it off or assigns a ' +
        'non-boolean (Django tests `is True`: `1` or `"True"` from an environment variable does not count); on ' +
        'Django 1.8–2.2 (from a `requirements.txt` pin) a module that does not set it is reported too. Without ' +
        'SecurityMiddleware only SET001 (`security.W001`) is reported.',
      whyItMatters:
        'Without `X-Content-Type-Options: nosniff`, browsers may ignore the declared `Content-Type` and guess the ' +
        'type from the bytes. A user-uploaded "image" or a JSON API response containing markup can then be ' +
        'rendered as HTML or executed as a script in your origin, turning an upload feature or a reflected JSON ' +
        'value into stored or reflected cross-site scripting. The header also makes browsers block style sheets and ' +
        'scripts served with the wrong type.',
      example: {
        bad: ['MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", ...]', 'SECURE_CONTENT_TYPE_NOSNIFF = False'].join('\n'),
        good: ['MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", ...]', 'SECURE_CONTENT_TYPE_NOSNIFF = True  # the default since Django 3.0'].join('\n'),
      },
      howToFix:
        'Remove the assignment (Django 3.0 and later default to `True`) or set `SECURE_CONTENT_TYPE_NOSNIFF = True` ' +
        'as a real boolean. If a file was being served with a wrong type and nosniff "broke" it, fix the type ' +
        '(`mimetypes.add_type`, the web server\'s MIME map, or an explicit `content_type=` on the response) instead ' +
        'of disabling the header.',
      references: [
        { title: 'Django: X-Content-Type-Options: nosniff', url: 'https://docs.djangoproject.com/en/stable/ref/middleware/#x-content-type-options-nosniff' },
        { title: 'Django settings: SECURE_CONTENT_TYPE_NOSNIFF', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#secure-content-type-nosniff' },
        { title: 'Django system checks: security.W006', url: 'https://docs.djangoproject.com/en/stable/ref/checks/#security' },
        { title: 'MDN: X-Content-Type-Options', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/X-Content-Type-Options' },
        { title: 'CWE-693: Protection Mechanism Failure', url: 'https://cwe.mitre.org/data/definitions/693.html' },
      ],
      limitations: 'A header added by a proxy or CDN is invisible to a static scan; the live probe sees it.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      if (hasMiddleware(settings, SECURITY_MIDDLEWARE) !== true) return;
      const flag = settings.get('SECURE_CONTENT_TYPE_NOSNIFF');
      if (notTrue(flag.value) !== true) return;
      const quirk = truthy(flag.value) === true ? ' (Django requires the boolean True; a truthy value does not count)' : '';
      const what =
        flag.source === 'assigned'
          ? `SECURE_CONTENT_TYPE_NOSNIFF is ${display(flag.value)}${quirk}`
          : `SECURE_CONTENT_TYPE_NOSNIFF is not set (its default is ${display(flag.value)} before Django 3.0)`;
      report({
        setting: 'SECURE_CONTENT_TYPE_NOSNIFF',
        message: `${what}: responses lack X-Content-Type-Options: nosniff, so browsers may sniff content as HTML or script`,
        lines: ['SECURE_CONTENT_TYPE_NOSNIFF = True'],
        djangoId: 'security.W006',
      });
    });
  },
});
