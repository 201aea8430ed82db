import { defineProbeRule } from '../../core/rule.js';
import { mainPage, responseEvidence } from '../../probe/observatory/evidence.js';
import { isHtml } from '../../probe/observatory/html.js';
import { OBSERVATORY_REFERENCE, OWASP_HEADERS_REFERENCE } from '../../probe/observatory/references.js';
import { coopTest } from '../../probe/observatory/tests.js';

export default defineProbeRule({
  meta: {
    code: 'WEB018',
    name: 'coop-missing',
    family: 'probe',
    severity: 'info',
    confidence: 'high',
    cwe: [1021],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: ['cross-origin-opener-policy'],
    status: 'preview',
    summary: 'The page does not isolate its browsing context: no Cross-Origin-Opener-Policy (or unsafe-none).',
    fix: "Set SECURE_CROSS_ORIGIN_OPENER_POLICY = 'same-origin' (Django 4.0+ default) and keep SecurityMiddleware.",
    docs: {
      whatItDoes:
        'Informational. Reports an HTML page with no `Cross-Origin-Opener-Policy` header or with `unsafe-none`. Django ' +
        '4.0+ sends `same-origin` by default; its absence usually means Django 3.2 or older, the setting set to None, or ' +
        'a proxy that strips it. The MDN HTTP Observatory gives +10 for same-origin (as extra credit).',
      whyItMatters:
        'Without COOP, a page opened by another site (or that opens one) shares a browsing context group with it: the ' +
        'other site keeps a `window` handle, can navigate it (reverse tabnabbing) and count frames or time loads to ' +
        'learn about the user\'s session (XS-Leaks).',
      example: {
        bad: ['SECURE_CROSS_ORIGIN_OPENER_POLICY = None'].join('\n'),
        good: ["SECURE_CROSS_ORIGIN_OPENER_POLICY = 'same-origin'"].join('\n'),
        language: 'python',
      },
      howToFix:
        'On Django 4.0+, leave `SECURE_CROSS_ORIGIN_OPENER_POLICY` at `"same-origin"` (or `"same-origin-allow-popups"` ' +
        'when the site opens payment or OAuth pop-ups that must talk back). On older versions add the header in the web server.',
      references: [
        { title: 'Django settings: SECURE_CROSS_ORIGIN_OPENER_POLICY', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#secure-cross-origin-opener-policy' },
        { title: 'MDN: Cross-Origin-Opener-Policy', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Cross-Origin-Opener-Policy' },
        OWASP_HEADERS_REFERENCE,
        OBSERVATORY_REFERENCE,
      ],
    },
  },
  check(context) {
    const { site } = context;
    const page = mainPage(site);
    if (!page || !isHtml(page.response)) return;
    const { result } = coopTest(page);
    if (result === 'coop-not-implemented' || result === 'coop-implemented-with-unsafe-none') {
      context.report({ key: result, message: `${page.response.url} ${result === 'coop-not-implemented' ? 'sends no Cross-Origin-Opener-Policy' : 'opts out with Cross-Origin-Opener-Policy: unsafe-none'}: other sites that open it, or that it opens, keep a handle on its window`, evidence: responseEvidence(site, page.response, ['cross-origin-opener-policy']) });
    }
  },
});
