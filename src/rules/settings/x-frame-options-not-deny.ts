import { defineProjectRule } from '../../core/rule.js';
import { CLICKJACKING_MIDDLEWARE, checkExists, hasMiddleware, middlewareSetting } from '../../settings/django-checks.js';
import { checkSettings } from '../../settings/report.js';
import { display, pyEquals, str } from '../../settings/value.js';

export default defineProjectRule({
  meta: {
    code: 'SET019',
    name: 'x-frame-options-not-deny',
    family: 'settings',
    severity: 'low',
    confidence: 'high',
    cwe: [1021],
    owasp: ['A05:2021-Security Misconfiguration', 'A04:2021-Insecure Design'],
    aliases: ['security.W019'],
    status: 'stable',
    summary: "XFrameOptionsMiddleware is enabled but X_FRAME_OPTIONS is not 'DENY', so pages can be framed by the same origin.",
    fix: "Set X_FRAME_OPTIONS = 'DENY' unless the site frames its own pages.",
    docs: {
      whatItDoes:
        'Reports a production settings module where `django.middleware.clickjacking.XFrameOptionsMiddleware` is in ' +
        '`MIDDLEWARE` and `X_FRAME_OPTIONS` is not exactly the string `\'DENY\'` (the comparison is case-sensitive, ' +
        'as in Django: `\'deny\'` and `\'DENY \'` are reported). Before Django 3.0 the default was `\'SAMEORIGIN\'`, ' +
        'so on those versions a module that never sets it is reported at its first line; from 3.0 the default is ' +
        '`\'DENY\'`. This is Django\'s `security.W019` deployment check.',
      whyItMatters:
        'With `SAMEORIGIN`, any page of the same origin may frame every other page. That is safe only as long as ' +
        'no page of the origin can be made to frame attacker-chosen URLs: user-generated HTML that allows iframes, ' +
        'an open redirect rendered in a frame, or an XSS on a minor page turns it back into a clickjacking vector ' +
        'against sensitive pages (password change, payment confirmation, admin actions). A value browsers do not ' +
        'understand (a typo, `ALLOW-FROM`, which modern browsers ignore) gives no protection at all.',
      example: {
        bad: ['MIDDLEWARE = [..., "django.middleware.clickjacking.XFrameOptionsMiddleware"]', 'X_FRAME_OPTIONS = "SAMEORIGIN"'].join('\n'),
        good: [
          'MIDDLEWARE = [..., "django.middleware.clickjacking.XFrameOptionsMiddleware"]',
          'X_FRAME_OPTIONS = "DENY"',
          '# views that must be framed by the site itself use @xframe_options_sameorigin',
        ].join('\n'),
      },
      howToFix:
        "Set `X_FRAME_OPTIONS = 'DENY'` (or, on Django 3.0 and later, remove the override: DENY is the default). " +
        'If a few views must be framed by the site itself (the admin\'s related-object popups do not need it; some ' +
        'CMS editors and PDF previews do), decorate just those views with ' +
        '`@xframe_options_sameorigin` instead of relaxing the whole site, or silence `security.W019` to document ' +
        'a site-wide choice. For framing by other origins, use a Content-Security-Policy `frame-ancestors` ' +
        'directive, which X-Frame-Options cannot express.',
      references: [
        { title: 'Django: Clickjacking protection', url: 'https://docs.djangoproject.com/en/stable/ref/clickjacking/' },
        { title: 'Django settings: X_FRAME_OPTIONS', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#x-frame-options' },
        { title: 'Django system checks: security.W019', url: 'https://docs.djangoproject.com/en/stable/ref/checks/#security' },
        { title: 'MDN: X-Frame-Options', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/X-Frame-Options' },
        { title: 'CWE-1021: Improper Restriction of Rendered UI Layers or Frames', url: 'https://cwe.mitre.org/data/definitions/1021.html' },
      ],
      limitations:
        'Per-view decorators (`@xframe_options_exempt`, `@xframe_options_sameorigin`) and a CSP `frame-ancestors` ' +
        'header are not taken into account. A value ponyguard cannot evaluate is not judged.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      if (!checkExists(settings, '1.8')) return;
      if (hasMiddleware(settings, CLICKJACKING_MIDDLEWARE) !== true) return;
      const option = settings.get('X_FRAME_OPTIONS');
      // An arbitrary object may define __eq__ (a lazy string, a str subclass): only judge plain values.
      if (option.value.t === 'object') return;
      if (pyEquals(option.value, str('DENY')) !== false) return;
      const value = option.value;
      const what =
        option.source === 'assigned'
          ? `X_FRAME_OPTIONS is ${display(value)}`
          : `X_FRAME_OPTIONS is not set and this Django version's default is ${display(value)}`;
      const header = value.t === 'str' ? value.v.trim().toUpperCase() : undefined;
      let consequence: string;
      if (header === 'DENY') {
        consequence = `the middleware upper-cases it and sends DENY, but Django's check compares the setting with 'DENY' exactly and raises security.W019`;
      } else if (header === 'SAMEORIGIN') {
        consequence = 'any page of the same origin can frame the site, so one page that frames attacker-chosen content re-opens clickjacking';
      } else {
        consequence = 'browsers ignore an X-Frame-Options value they do not recognise, so any site may frame the pages';
      }
      report({
        setting: 'X_FRAME_OPTIONS',
        message: `${what} while XFrameOptionsMiddleware is in ${middlewareSetting(settings)}: ${consequence}`,
        ...(header === 'DENY' ? { severity: 'info' as const } : header === 'SAMEORIGIN' ? {} : { severity: 'medium' as const }),
        lines: ["X_FRAME_OPTIONS = 'DENY'"],
        djangoId: 'security.W019',
      });
    });
  },
});
