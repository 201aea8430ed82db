import { defineProjectRule } from '../../core/rule.js';
import { CLICKJACKING_MIDDLEWARE, hasMiddleware, middlewareSetting } from '../../settings/django-checks.js';
import { checkSettings } from '../../settings/report.js';
import type { SettingsSnapshot } from '../../settings/snapshot.js';
import { pyRepr, stringItems } from '../../settings/value.js';

/** The middleware setting rewritten with XFrameOptionsMiddleware last, where `startproject` puts it. */
function fixedLine(name: string, settings: SettingsSnapshot): string {
  const value = settings.get(name).value;
  const items = [...(stringItems(value) ?? []), CLICKJACKING_MIDDLEWARE].map((item) => pyRepr(item));
  if (value.t === 'tuple') return `${name} = (${items.join(', ')}${items.length === 1 ? ',' : ''})`;
  return `${name} = [${items.join(', ')}]`;
}

export default defineProjectRule({
  meta: {
    code: 'SET002',
    name: 'clickjacking-middleware-missing',
    family: 'settings',
    severity: 'medium',
    confidence: 'high',
    cwe: [1021],
    owasp: ['A05:2021-Security Misconfiguration', 'A04:2021-Insecure Design'],
    aliases: ['security.W002'],
    status: 'stable',
    summary: 'django.middleware.clickjacking.XFrameOptionsMiddleware is not in MIDDLEWARE, so pages carry no X-Frame-Options header and can be framed by any site.',
    fix: "Add 'django.middleware.clickjacking.XFrameOptionsMiddleware' to MIDDLEWARE in the production settings.",
    docs: {
      whatItDoes:
        'Reports a production settings module whose final `MIDDLEWARE` list does not contain the exact string ' +
        "`'django.middleware.clickjacking.XFrameOptionsMiddleware'`, including a module that never sets " +
        "`MIDDLEWARE` (Django's default is empty). This is Django's `security.W002` deployment check; unlike the " +
        'HSTS and SSL checks it does not depend on SecurityMiddleware. Split settings, `+=` and environment-driven ' +
        'lists are evaluated; for Django before 2.0 the old `MIDDLEWARE_CLASSES` setting is judged when it is the ' +
        'one in force.',
      whyItMatters:
        'Without an `X-Frame-Options` header (or a CSP `frame-ancestors` directive) any website can load your pages ' +
        'in an invisible `<iframe>` and trick a logged-in user into clicking buttons there: changing an email ' +
        'address, confirming a payment, granting an OAuth permission. This is clickjacking. XFrameOptionsMiddleware ' +
        "adds `X-Frame-Options: DENY` (the default since Django 3.0; `SAMEORIGIN` before) to every response that " +
        'does not opt out with `@xframe_options_exempt`.',
      example: {
        bad: [
          'MIDDLEWARE = [',
          '    "django.middleware.security.SecurityMiddleware",',
          '    "django.contrib.sessions.middleware.SessionMiddleware",',
          '    "django.middleware.csrf.CsrfViewMiddleware",',
          '    "django.contrib.auth.middleware.AuthenticationMiddleware",',
          ']',
        ].join('\n'),
        good: [
          'MIDDLEWARE = [',
          '    "django.middleware.security.SecurityMiddleware",',
          '    "django.contrib.sessions.middleware.SessionMiddleware",',
          '    "django.middleware.csrf.CsrfViewMiddleware",',
          '    "django.contrib.auth.middleware.AuthenticationMiddleware",',
          '    "django.middleware.clickjacking.XFrameOptionsMiddleware",',
          ']',
        ].join('\n'),
      },
      howToFix:
        "Add `'django.middleware.clickjacking.XFrameOptionsMiddleware'` to `MIDDLEWARE` (at the end, as " +
        '`startproject` does) and keep `X_FRAME_OPTIONS = "DENY"` unless your own pages frame each other, in which ' +
        'case use `"SAMEORIGIN"`. Views that must be embeddable elsewhere (a widget, an oEmbed endpoint) can use ' +
        '`@xframe_options_exempt` individually. If a Content-Security-Policy with `frame-ancestors` is already sent ' +
        'for every response (by django-csp, Django 6.0\'s CSP support, or the web server), the header is redundant ' +
        'for modern browsers and the check may be silenced with `SILENCED_SYSTEM_CHECKS = ["security.W002"]`.',
      references: [
        { title: 'Django: Clickjacking protection', url: 'https://docs.djangoproject.com/en/stable/ref/clickjacking/' },
        { title: 'Django system checks: security.W002', url: 'https://docs.djangoproject.com/en/stable/ref/checks/#security' },
        { title: 'MDN: X-Frame-Options', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/X-Frame-Options' },
        { title: 'OWASP Clickjacking Defense Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Clickjacking_Defense_Cheat_Sheet.html' },
        { title: 'CWE-1021: Improper Restriction of Rendered UI Layers or Frames', url: 'https://cwe.mitre.org/data/definitions/1021.html' },
      ],
      limitations:
        'A `frame-ancestors` policy sent by a proxy, a CDN or a CSP package is not taken into account, exactly as ' +
        'Django does not; the live probe sees the headers actually served. A MIDDLEWARE list with entries ponyguard ' +
        'cannot evaluate is not judged.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      if (hasMiddleware(settings, CLICKJACKING_MIDDLEWARE) !== false) return;
      const name = middlewareSetting(settings);
      const what = settings.get(name).source === 'assigned' ? `${name} does not include '${CLICKJACKING_MIDDLEWARE}'` : `${name} is not set, so Django's default lacks XFrameOptionsMiddleware`;
      report({
        setting: name,
        message: `${what}: responses carry no X-Frame-Options header, so other sites can frame the pages (clickjacking)`,
        lines: [fixedLine(name, settings)],
        djangoId: 'security.W002',
      });
    });
  },
});
