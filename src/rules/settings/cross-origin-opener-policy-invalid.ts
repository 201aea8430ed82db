import { defineProjectRule } from '../../core/rule.js';
import { SECURITY_MIDDLEWARE, checkExists, hasMiddleware } from '../../settings/django-checks.js';
import { checkSettings } from '../../settings/report.js';
import { display } from '../../settings/value.js';

/** The values Django accepts for SECURE_CROSS_ORIGIN_OPENER_POLICY (E024), besides None. */
const COOP_VALUES = ['same-origin', 'same-origin-allow-popups', 'unsafe-none'];

export default defineProjectRule({
  meta: {
    code: 'SET024',
    name: 'cross-origin-opener-policy-invalid',
    family: 'settings',
    severity: 'low',
    confidence: 'high',
    cwe: [693, 1021],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: ['security.E024'],
    status: 'stable',
    summary: 'SECURE_CROSS_ORIGIN_OPENER_POLICY is not a valid Cross-Origin-Opener-Policy value.',
    fix: 'Set SECURE_CROSS_ORIGIN_OPENER_POLICY to "same-origin", "same-origin-allow-popups", "unsafe-none" or None.',
    docs: {
      whatItDoes:
        'Reports a production settings module where `django.middleware.security.SecurityMiddleware` is in ' +
        '`MIDDLEWARE` and `SECURE_CROSS_ORIGIN_OPENER_POLICY` is set to something other than `None`, ' +
        '`"same-origin"`, `"same-origin-allow-popups"` or `"unsafe-none"`. The comparison is exact and ' +
        'case-sensitive, as in Django. This is Django\'s `security.E024` check (Django 4.0 and later), an error ' +
        'that makes `manage.py check --deploy` fail.',
      whyItMatters:
        'SecurityMiddleware sends the value as the `Cross-Origin-Opener-Policy` header. Browsers ignore an unknown ' +
        'value and fall back to `unsafe-none`, so a page opened from another site (or that opens one) shares a ' +
        'browsing context group with it: the other window keeps a `window.opener` handle and can navigate your tab ' +
        '(reverse tabnabbing) or measure it for cross-site leaks (XS-Leaks), and the page cannot be cross-origin ' +
        'isolated. Because E024 is an error, it also breaks a deploy pipeline that runs `check --deploy`.',
      example: {
        bad: ['MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", ...]', 'SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin-allow-popup"  # typo'].join('\n'),
        good: ['MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", ...]', 'SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"'].join('\n'),
      },
      howToFix:
        'Use `"same-origin"` (Django\'s default) unless the site relies on popups from other origins keeping a ' +
        'reference to it, such as OAuth or payment popups: then use `"same-origin-allow-popups"`. Use `None` only ' +
        'when a proxy sets the header, and `"unsafe-none"` only to opt out explicitly.',
      references: [
        { title: 'Django: Cross-Origin Opener Policy (SecurityMiddleware)', url: 'https://docs.djangoproject.com/en/stable/ref/middleware/#cross-origin-opener-policy' },
        { title: 'Django settings: SECURE_CROSS_ORIGIN_OPENER_POLICY', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#secure-cross-origin-opener-policy' },
        { title: 'Django system checks: security.E024', url: 'https://docs.djangoproject.com/en/stable/ref/checks/#security' },
        { title: 'MDN: Cross-Origin-Opener-Policy', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Cross-Origin-Opener-Policy' },
        { title: 'CWE-1021: Improper Restriction of Rendered UI Layers or Frames', url: 'https://cwe.mitre.org/data/definitions/1021.html' },
      ],
      limitations:
        'A value ponyguard cannot evaluate is not judged, nor an unhashable one (a list or dict), which makes ' +
        'Django\'s own check crash instead of reporting E024.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      if (!checkExists(settings, '4.0')) return;
      if (hasMiddleware(settings, SECURITY_MIDDLEWARE) !== true) return;
      const policy = settings.get('SECURE_CROSS_ORIGIN_OPENER_POLICY');
      if (policy.source === 'opaque') return;
      const value = policy.value;
      // Django: `value is not None and value not in {…}`. Only hashable known values get that far.
      if (value.t === 'str') {
        if (COOP_VALUES.includes(value.v)) return;
      } else if (value.t !== 'int' && value.t !== 'float' && value.t !== 'bool' && value.t !== 'bytes') return;
      const hint = value.t === 'str' ? COOP_VALUES.find((v) => v === value.v.trim().toLowerCase()) : undefined;
      report({
        setting: 'SECURE_CROSS_ORIGIN_OPENER_POLICY',
        message:
          `SECURE_CROSS_ORIGIN_OPENER_POLICY is ${display(value)}, which is not a valid Cross-Origin-Opener-Policy value` +
          (hint ? ` (Django compares exactly: did you mean '${hint}'?)` : ''),
        lines: [`SECURE_CROSS_ORIGIN_OPENER_POLICY = "${hint ?? 'same-origin'}"`],
        djangoId: 'security.E024',
      });
    });
  },
});
