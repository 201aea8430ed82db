import { defineProjectRule } from '../../core/rule.js';
import { SECURITY_MIDDLEWARE, hasMiddleware, middlewareSetting } from '../../settings/django-checks.js';
import { atLeast } from '../../settings/django-defaults.js';
import { checkSettings } from '../../settings/report.js';
import type { SettingsSnapshot } from '../../settings/snapshot.js';
import { pyRepr, stringItems } from '../../settings/value.js';

/** What SecurityMiddleware would do for this Django version, for the message. */
function lostProtections(settings: SettingsSnapshot): string {
  const version = settings.django.version;
  const headers = ['Strict-Transport-Security', 'X-Content-Type-Options'];
  if (atLeast(version, '3.0')) headers.push('Referrer-Policy');
  if (atLeast(version, '4.0')) headers.push('Cross-Origin-Opener-Policy');
  else headers.push('X-XSS-Protection');
  return `Django sends no ${headers.slice(0, -1).join(', ')} or ${headers[headers.length - 1]!} header and never redirects HTTP to HTTPS, whatever the SECURE_* settings say`;
}

/** The middleware setting rewritten with SecurityMiddleware first, as Django's documentation recommends. */
function fixedLine(name: string, settings: SettingsSnapshot): string {
  const value = settings.get(name).value;
  const items = [SECURITY_MIDDLEWARE, ...(stringItems(value) ?? [])].map((item) => pyRepr(item));
  if (value.t === 'tuple') return `${name} = (${items.join(', ')}${items.length === 1 ? ',' : ''})`;
  return `${name} = [${items.join(', ')}]`;
}

export default defineProjectRule({
  meta: {
    code: 'SET001',
    name: 'security-middleware-missing',
    family: 'settings',
    severity: 'medium',
    confidence: 'high',
    cwe: [693, 319],
    owasp: ['A05:2021-Security Misconfiguration', 'A02:2021-Cryptographic Failures'],
    aliases: ['security.W001'],
    status: 'stable',
    summary: "django.middleware.security.SecurityMiddleware is not in MIDDLEWARE, so Django's HTTPS and security-header settings have no effect.",
    fix: "Add 'django.middleware.security.SecurityMiddleware' as the first entry of MIDDLEWARE in the production settings.",
    docs: {
      whatItDoes:
        'Reports a production settings module whose final `MIDDLEWARE` list (after `from .base import *`, `+=`, ' +
        'environment reads and `if` branches) does not contain the exact string ' +
        "`'django.middleware.security.SecurityMiddleware'`, including a module that never sets `MIDDLEWARE` (Django's " +
        "default is an empty list). This is Django's `security.W001` deployment check. Like Django, the test is an " +
        'exact string match: a subclass under another dotted path does not count. For Django 1.8–1.9 (and 1.10–1.11 ' +
        'when `MIDDLEWARE` is `None`) the old `MIDDLEWARE_CLASSES` setting is judged instead. When SecurityMiddleware ' +
        'is missing, Django reports only this check and none of the HSTS, SSL-redirect, nosniff or referrer-policy ' +
        'checks, and ponyguard does the same.',
      whyItMatters:
        'SecurityMiddleware is what turns `SECURE_HSTS_SECONDS`, `SECURE_SSL_REDIRECT`, `SECURE_CONTENT_TYPE_NOSNIFF`, ' +
        '`SECURE_REFERRER_POLICY` and `SECURE_CROSS_ORIGIN_OPENER_POLICY` into response headers and redirects. ' +
        'Without it those settings are silently ignored: plain-HTTP requests are served instead of redirected, ' +
        'browsers never learn to insist on HTTPS (leaving users open to SSL stripping on hostile networks), and ' +
        'responses lack the headers that stop MIME sniffing and leaking full URLs in the Referer header. A settings ' +
        'file can look hardened while none of it is applied.',
      example: {
        bad: [
          'MIDDLEWARE = [',
          '    "django.contrib.sessions.middleware.SessionMiddleware",',
          '    "django.middleware.common.CommonMiddleware",',
          '    "django.middleware.csrf.CsrfViewMiddleware",',
          ']',
          'SECURE_SSL_REDIRECT = True  # has no effect without SecurityMiddleware',
        ].join('\n'),
        good: [
          'MIDDLEWARE = [',
          '    "django.middleware.security.SecurityMiddleware",',
          '    "django.contrib.sessions.middleware.SessionMiddleware",',
          '    "django.middleware.common.CommonMiddleware",',
          '    "django.middleware.csrf.CsrfViewMiddleware",',
          ']',
          'SECURE_SSL_REDIRECT = True',
        ].join('\n'),
      },
      howToFix:
        "Put `'django.middleware.security.SecurityMiddleware'` at the top of `MIDDLEWARE` (before anything that may " +
        'return a response or redirect, such as CommonMiddleware; a CORS middleware may stay above it). Then review ' +
        'the settings it activates: with it in place ponyguard also judges `SECURE_HSTS_SECONDS`, ' +
        '`SECURE_SSL_REDIRECT`, `SECURE_CONTENT_TYPE_NOSNIFF` and `SECURE_REFERRER_POLICY`. If a reverse proxy really ' +
        'sets every one of these headers and redirects, you may silence the check with ' +
        '`SILENCED_SYSTEM_CHECKS = ["security.W001"]`, but the middleware costs almost nothing and also protects ' +
        'direct access to the application server.',
      references: [
        { title: 'Django: Security middleware', url: 'https://docs.djangoproject.com/en/stable/ref/middleware/#module-django.middleware.security' },
        { title: 'Django: Middleware ordering', url: 'https://docs.djangoproject.com/en/stable/ref/middleware/#middleware-ordering' },
        { title: 'Django system checks: security.W001', url: 'https://docs.djangoproject.com/en/stable/ref/checks/#security' },
        { title: 'CWE-693: Protection Mechanism Failure', url: 'https://cwe.mitre.org/data/definitions/693.html' },
        { title: 'OWASP A05:2021 Security Misconfiguration', url: 'https://owasp.org/Top10/A05_2021-Security_Misconfiguration/' },
      ],
      limitations:
        'A project that installs its own subclass of SecurityMiddleware under another dotted path is reported, as ' +
        'Django reports it. Headers set by a proxy or CDN are invisible to a static scan; the live probe sees them. ' +
        'A MIDDLEWARE list with entries ponyguard cannot evaluate is not judged.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      if (hasMiddleware(settings, SECURITY_MIDDLEWARE) !== false) return;
      const name = middlewareSetting(settings);
      const resolved = settings.get(name);
      const what =
        resolved.source === 'assigned'
          ? `${name} does not include '${SECURITY_MIDDLEWARE}'`
          : `${name} is not set, so Django's default ${name === 'MIDDLEWARE' ? '(an empty list)' : '(CommonMiddleware and CsrfViewMiddleware only)'} lacks SecurityMiddleware`;
      report({
        setting: name,
        message: `${what}: ${lostProtections(settings)}`,
        lines: [fixedLine(name, settings)],
        djangoId: 'security.W001',
      });
    });
  },
});
