import { defineProjectRule } from '../../core/rule.js';
import { SECURITY_MIDDLEWARE, checkExists, hasMiddleware, notTrue } from '../../settings/django-checks.js';
import { checkSettings } from '../../settings/report.js';
import { display, truthy } from '../../settings/value.js';

export default defineProjectRule({
  meta: {
    code: 'SET007',
    name: 'browser-xss-filter-disabled',
    family: 'settings',
    severity: 'low',
    confidence: 'high',
    cwe: [79, 693],
    owasp: ['A03:2021-Injection', 'A05:2021-Security Misconfiguration'],
    aliases: ['security.W007'],
    status: 'stable',
    summary: 'On Django before 3.0, SECURE_BROWSER_XSS_FILTER is not True, so responses lack the X-XSS-Protection: 1; mode=block header.',
    fix: 'Set SECURE_BROWSER_XSS_FILTER = True in the production settings, and plan the upgrade to a supported Django release.',
    docs: {
      whatItDoes:
        'Reports a production settings module of a project pinned to Django 1.8–2.2 where SecurityMiddleware is in ' +
        '`MIDDLEWARE` and `SECURE_BROWSER_XSS_FILTER` is not the boolean `True` (including when it is not set: its ' +
        'default was `False`). This is Django\'s `security.W007` deployment check, which Django removed in 3.0 ' +
        '(the setting itself was removed in 4.0); projects on Django 3.0 or later, or without a version pin, are ' +
        'never reported. Like Django, the test is `is True`, so `1` or `"True"` does not count.',
      whyItMatters:
        'The header asked the XSS auditors of older browsers (Internet Explorer, legacy Edge, Safari and Chrome ' +
        'before 78) to block a page when a reflected script was detected in it. On a project old enough to be ' +
        'pinned to Django before 3.0, users on such browsers lose that last-line defence against reflected ' +
        'cross-site scripting. Modern browsers have removed the auditor and ignore the header; the lasting ' +
        'protection is output escaping plus a Content-Security-Policy. Running a Django release this old is ' +
        'itself the larger risk: it no longer receives security fixes.',
      example: {
        bad: ['# requirements.txt: Django==2.2.28', 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", ...]', '# SECURE_BROWSER_XSS_FILTER is not set (default False)'].join('\n'),
        good: ['# requirements.txt: Django==2.2.28', 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", ...]', 'SECURE_BROWSER_XSS_FILTER = True'].join('\n'),
      },
      howToFix:
        'While on Django before 3.0, set `SECURE_BROWSER_XSS_FILTER = True` (a real boolean) so SecurityMiddleware ' +
        'sends `X-XSS-Protection: 1; mode=block`. Then upgrade Django: the check and, from 4.0, the setting are gone, ' +
        'and a `SECURE_BROWSER_XSS_FILTER` line left in the settings is simply ignored. Rely on template ' +
        'auto-escaping and a Content-Security-Policy for XSS protection in current browsers.',
      references: [
        { title: 'Django 2.2 settings: SECURE_BROWSER_XSS_FILTER', url: 'https://docs.djangoproject.com/en/2.2/ref/settings/#secure-browser-xss-filter' },
        { title: 'Django 2.2: X-XSS-Protection: 1; mode=block', url: 'https://docs.djangoproject.com/en/2.2/ref/middleware/#x-xss-protection-1-mode-block' },
        { title: 'Django 3.0 release notes: security.W007 removed', url: 'https://docs.djangoproject.com/en/stable/releases/3.0/' },
        { title: 'MDN: X-XSS-Protection', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/X-XSS-Protection' },
        { title: 'CWE-79: Improper Neutralization of Input During Web Page Generation', url: 'https://cwe.mitre.org/data/definitions/79.html' },
      ],
      limitations:
        'Only judged when the project pins Django below 3.0; without a pin ponyguard assumes the newest Django, ' +
        'which has no such check.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      if (!checkExists(settings, '1.8', '3.0')) return;
      if (hasMiddleware(settings, SECURITY_MIDDLEWARE) !== true) return;
      const flag = settings.get('SECURE_BROWSER_XSS_FILTER');
      if (notTrue(flag.value) !== true) return;
      const quirk = truthy(flag.value) === true ? ' (Django requires the boolean True; a truthy value does not count)' : '';
      const what = flag.source === 'assigned' ? `SECURE_BROWSER_XSS_FILTER is ${display(flag.value)}${quirk}` : 'SECURE_BROWSER_XSS_FILTER is not set (default False)';
      report({
        setting: 'SECURE_BROWSER_XSS_FILTER',
        message: `${what}: responses lack X-XSS-Protection: 1; mode=block, the XSS filter of older browsers`,
        lines: ['SECURE_BROWSER_XSS_FILTER = True'],
        djangoId: 'security.W007',
      });
    });
  },
});
