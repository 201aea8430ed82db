import { defineProjectRule } from '../../core/rule.js';
import { CLICKJACKING_MIDDLEWARE, hasMiddleware, middlewareSetting } from '../../settings/django-checks.js';
import { atLeast } from '../../settings/django-defaults.js';
import { checkSettings } from '../../settings/report.js';
import type { SettingsSnapshot } from '../../settings/snapshot.js';
import { dictGet, display, iterate, pyRepr, truthy, type Value } from '../../settings/value.js';

/** Does a directive value restrict framing (known, present, and not `*`)? */
function restricts(value: Value | undefined): boolean {
  if (!value || truthy(value) !== true) return false;
  const items = value.t === 'str' ? value.v.split(/\s+/).map((v) => ({ t: 'str' as const, v })) : iterate(value);
  return items !== undefined && !items.some((item) => item.t === 'str' && item.v.trim() === '*');
}

/**
 * Is a CSP `frame-ancestors` directive configured (Django 6.0's SECURE_CSP, django-csp 3 or 4) with some CSP
 * middleware installed? Browsers that support CSP then ignore X-Frame-Options.
 */
function hasFrameAncestors(settings: SettingsSnapshot): boolean {
  const middleware = settings.strings(middlewareSetting(settings)) ?? [];
  if (!middleware.some((entry) => /csp|contentsecuritypolicy/i.test(entry))) return false;
  const candidates: Array<Value | undefined> = [settings.get('CSP_FRAME_ANCESTORS').value];
  const policy = settings.get('CONTENT_SECURITY_POLICY').value;
  const directives = dictGet(policy, 'DIRECTIVES');
  if (directives) candidates.push(dictGet(directives, 'frame-ancestors'));
  if (atLeast(settings.django.version, '6.0')) candidates.push(dictGet(settings.get('SECURE_CSP').value, 'frame-ancestors'));
  return candidates.some(restricts);
}

export default defineProjectRule({
  meta: {
    code: 'SET213',
    name: 'x-frame-options-invalid',
    family: 'settings',
    severity: 'medium',
    confidence: 'high',
    cwe: [1021],
    owasp: ['A05:2021-Security Misconfiguration', 'A04:2021-Insecure Design'],
    aliases: [],
    status: 'stable',
    summary: "X_FRAME_OPTIONS is neither 'DENY' nor 'SAMEORIGIN', so browsers ignore the header and any site can frame the pages.",
    fix: "Set X_FRAME_OPTIONS = 'DENY' (or 'SAMEORIGIN' when the site frames its own pages); allow other origins with a CSP frame-ancestors directive instead of ALLOW-FROM.",
    docs: {
      whatItDoes:
        'Reports a production settings module whose `X_FRAME_OPTIONS` is a string that is not `DENY` or ' +
        '`SAMEORIGIN` once Django upper-cases it, while `XFrameOptionsMiddleware` is (or may be) installed: ' +
        '`ALLOW-FROM https://partner.example`, an empty string, or a typo such as `SAME-ORIGIN` or `DENNY`. ' +
        "Django's `security.W019` only warns that the value is not `DENY` — it fires for the legitimate " +
        '`SAMEORIGIN` too, so projects often silence it, and it then hides the values that give no protection at all. ' +
        'When a CSP `frame-ancestors` directive is configured the finding is downgraded to low severity.',
      whyItMatters:
        'Browsers accept exactly two values. `ALLOW-FROM` was only ever supported by old Internet Explorer and ' +
        'Firefox and is ignored by every current browser, and an unknown value is treated as if the header were ' +
        'absent. The page can then be loaded in a transparent `<iframe>` on an attacker\'s site, which overlays ' +
        'it with bait so a logged-in victim clicks "delete", "transfer" or "authorize" without knowing ' +
        '(clickjacking). The setting looks configured, so nobody notices.',
      example: {
        bad: 'X_FRAME_OPTIONS = "ALLOW-FROM https://partner.example"',
        good: [
          'X_FRAME_OPTIONS = "SAMEORIGIN"',
          '# Django 6.0: let the partner frame the site through CSP, which replaces ALLOW-FROM',
          'from django.utils.csp import CSP',
          'SECURE_CSP = {"frame-ancestors": [CSP.SELF, "https://partner.example"]}',
        ].join('\n'),
      },
      howToFix:
        "Use `X_FRAME_OPTIONS = 'DENY'` unless your own pages frame each other, then `'SAMEORIGIN'`. To let " +
        'specific other origins embed the site, send a Content-Security-Policy `frame-ancestors` directive ' +
        "listing them (Django 6.0's `SECURE_CSP` with `ContentSecurityPolicyMiddleware`, or django-csp); browsers " +
        'that understand CSP use it and ignore X-Frame-Options. For a single embeddable view, use ' +
        '`@xframe_options_exempt` together with a per-view `frame-ancestors` policy rather than weakening the ' +
        'header for the whole site.',
      references: [
        { title: 'Django: Clickjacking protection', url: 'https://docs.djangoproject.com/en/stable/ref/clickjacking/' },
        { title: 'Django settings: X_FRAME_OPTIONS', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#x-frame-options' },
        { title: 'MDN: X-Frame-Options', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/X-Frame-Options' },
        { title: 'MDN: CSP frame-ancestors', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Content-Security-Policy/frame-ancestors' },
        { title: 'OWASP Clickjacking Defense Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Clickjacking_Defense_Cheat_Sheet.html' },
        { title: 'CWE-1021: Improper Restriction of Rendered UI Layers or Frames', url: 'https://cwe.mitre.org/data/definitions/1021.html' },
      ],
      limitations:
        'Headers set by a proxy or CDN, and per-view decorators (`@xframe_options_sameorigin`, ' +
        '`@xframe_options_exempt`), are not seen. A non-string value (None, a number) makes the middleware fail ' +
        'instead of sending a header and is not reported here.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      if (hasMiddleware(settings, CLICKJACKING_MIDDLEWARE) === false) return; // the setting is unused (SET002's case)
      const resolved = settings.get('X_FRAME_OPTIONS');
      if (resolved.source !== 'assigned' || resolved.value.t !== 'str') return;
      const sent = resolved.value.v.toUpperCase().trim();
      if (sent === 'DENY' || sent === 'SAMEORIGIN') return;
      const allowFrom = /^ALLOW-FROM\b\s*(.*)$/.exec(sent);
      const origin = allowFrom ? resolved.value.v.trim().slice('ALLOW-FROM'.length).trim() : '';
      const why = allowFrom
        ? 'ALLOW-FROM is obsolete and every current browser ignores it'
        : sent === ''
          ? 'an empty header is ignored by browsers'
          : "browsers only understand 'DENY' and 'SAMEORIGIN' and ignore any other value";
      const frameAncestors = hasFrameAncestors(settings);
      const impact = frameAncestors
        ? "; the CSP frame-ancestors directive still protects browsers that support CSP, so only old browsers are exposed"
        : ', so the pages can be framed by any site (clickjacking)';
      report({
        setting: 'X_FRAME_OPTIONS',
        message: `X_FRAME_OPTIONS is ${display(resolved.value)}: ${why}${impact}`,
        lines: [
          allowFrom
            ? `X_FRAME_OPTIONS = 'SAMEORIGIN'  # allow ${origin ? pyRepr(origin) : 'other origins'} with a CSP frame-ancestors directive instead`
            : "X_FRAME_OPTIONS = 'DENY'  # or 'SAMEORIGIN' if the site frames its own pages",
        ],
        ...(frameAncestors ? { severity: 'low' as const } : {}),
      });
    });
  },
});
