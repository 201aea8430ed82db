import { defineProbeRule } from '../../core/rule.js';
import { firstHeader } from '../../probe/model.js';
import { isBroadSource } from '../../probe/observatory/csp.js';
import { mainPage, responseEvidence } from '../../probe/observatory/evidence.js';
import { isHtml } from '../../probe/observatory/html.js';
import { OBSERVATORY_REFERENCE, OWASP_HEADERS_REFERENCE } from '../../probe/observatory/references.js';
import { frameAncestors } from '../../probe/observatory/tests.js';

export default defineProbeRule({
  meta: {
    code: 'WEB014',
    name: 'clickjacking-protection-missing',
    family: 'probe',
    severity: 'medium',
    confidence: 'high',
    cwe: [1021],
    owasp: ['A05:2021-Security Misconfiguration', 'A04:2021-Insecure Design'],
    aliases: ['x-frame-options'],
    status: 'preview',
    summary: 'Any site can frame the page: no valid X-Frame-Options and no CSP frame-ancestors.',
    fix: "Keep XFrameOptionsMiddleware with X_FRAME_OPTIONS = 'DENY' (or 'SAMEORIGIN'), and add frame-ancestors 'self' to the CSP header.",
    docs: {
      whatItDoes:
        'For an HTML page, reports when neither an `X-Frame-Options: DENY|SAMEORIGIN` header nor a CSP ' +
        '`frame-ancestors` directive (in a header: a meta tag cannot set it) restricts framing; when X-Frame-Options ' +
        'is invalid or uses `ALLOW-FROM` (ignored by current browsers); and when `frame-ancestors` allows any site. ' +
        'When X-Frame-Options protects the page but its CSP has no `frame-ancestors`, an informational finding ' +
        'suggests adding it (the standard successor). The MDN HTTP Observatory\'s `x-frame-options` test.',
      whyItMatters:
        'A page that can be framed by any site is open to clickjacking: an attacker overlays it, invisible, on a page of ' +
        'their own and tricks a logged-in user into clicking buttons (change e-mail, transfer, delete) in the real site.',
      example: {
        bad: ['MIDDLEWARE = [...]  # XFrameOptionsMiddleware removed', '# no X-Frame-Options header, no frame-ancestors'].join('\n'),
        good: ['MIDDLEWARE = [..., "django.middleware.clickjacking.XFrameOptionsMiddleware"]', 'X_FRAME_OPTIONS = "DENY"', "# and in the CSP: frame-ancestors 'self'"].join('\n'),
        language: 'python',
      },
      howToFix:
        'Keep `django.middleware.clickjacking.XFrameOptionsMiddleware` in `MIDDLEWARE` with `X_FRAME_OPTIONS = "DENY"` ' +
        '(the default since Django 3.0) or `"SAMEORIGIN"`, and do not use `@xframe_options_exempt` on pages with ' +
        'actions. Add `frame-ancestors \'self\'` (or `\'none\'`) to the CSP header; list partner origins there instead ' +
        'of using `ALLOW-FROM`.',
      references: [
        { title: 'Django: clickjacking protection', url: 'https://docs.djangoproject.com/en/stable/ref/clickjacking/' },
        { title: 'Django settings: X_FRAME_OPTIONS', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#x-frame-options' },
        { title: 'MDN: X-Frame-Options', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/X-Frame-Options' },
        { title: 'OWASP Clickjacking Defense Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Clickjacking_Defense_Cheat_Sheet.html' },
        OWASP_HEADERS_REFERENCE,
        OBSERVATORY_REFERENCE,
      ],
    },
  },
  check(context) {
    const { site } = context;
    const page = mainPage(site);
    if (!page || !isHtml(page.response)) return;
    const evidence = responseEvidence(site, page.response, ['x-frame-options', 'content-security-policy']);
    const ancestors = frameAncestors(page);
    if (ancestors) {
      const broad = ancestors.filter(isBroadSource);
      if (broad.length > 0) context.report({ key: 'frame-ancestors-broad', message: `CSP frame-ancestors allows ${broad.join(', ')}: any site can frame ${page.response.url}`, evidence });
      return;
    }
    const xfo = firstHeader(page.response.headers, 'x-frame-options')?.trim();
    const lower = xfo?.toLowerCase();
    if (xfo === undefined) context.report({ key: 'missing', message: `${page.response.url} sends neither X-Frame-Options nor CSP frame-ancestors: any site can frame it (clickjacking)`, evidence });
    else if (lower!.startsWith('allow-from')) context.report({ key: 'allow-from', message: `X-Frame-Options: ${xfo} is ignored by current browsers, so any site can frame ${page.response.url}; use CSP frame-ancestors`, evidence });
    else if (lower !== 'deny' && lower !== 'sameorigin') context.report({ key: 'invalid', message: `X-Frame-Options: ${xfo} is not DENY or SAMEORIGIN; browsers ignore it and any site can frame ${page.response.url}`, evidence });
    else if (page.csp.policies.some((p) => p.origin === 'header')) context.report({ key: 'no-frame-ancestors', severity: 'info', message: `Framing is restricted by X-Frame-Options only; the CSP header has no frame-ancestors (its standard successor)`, evidence });
  },
});
