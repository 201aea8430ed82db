import { defineProbeRule } from '../../core/rule.js';
import { cspEvidence } from '../../probe/observatory/csp.js';
import { mainPage } from '../../probe/observatory/evidence.js';
import { CSP_REFERENCES } from '../../probe/observatory/references.js';

export default defineProbeRule({
  meta: {
    code: 'WEB013',
    name: 'csp-meta-limits',
    family: 'probe',
    severity: 'low',
    confidence: 'high',
    cwe: [693, 1021],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: [],
    status: 'preview',
    summary: 'The Content-Security-Policy relies on a <meta> tag, which cannot carry frame-ancestors, report-uri or sandbox.',
    fix: 'Send the policy as a Content-Security-Policy header (SECURE_CSP or the web server) instead of a <meta http-equiv> tag.',
    docs: {
      whatItDoes:
        'Reports a `<meta http-equiv="Content-Security-Policy">` that contains `frame-ancestors`, `report-uri` or ' +
        '`sandbox` (browsers ignore them in a meta tag: low), and a page whose only policy is a meta tag (info: it ' +
        'applies only to what follows the tag, and cannot prevent framing or report violations).',
      whyItMatters:
        'A `frame-ancestors` written in a meta tag looks like clickjacking protection but is ignored; reports that ' +
        'never arrive hide attacks. A meta policy also does not cover anything the page loads before the tag.',
      example: {
        bad: ['<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; frame-ancestors \'none\'">'].join('\n'),
        good: ["Content-Security-Policy: default-src 'self'; frame-ancestors 'none'"].join('\n'),
        language: 'html',
      },
      howToFix: 'Move the policy to a response header: `SECURE_CSP` (Django 6.0+), django-csp, or the web server configuration. Keep `frame-ancestors` in the header (and `X_FRAME_OPTIONS = "DENY"`).',
      references: [...CSP_REFERENCES, { title: 'CSP Level 3: the meta element', url: 'https://www.w3.org/TR/CSP3/#meta-element' }],
    },
  },
  check(context) {
    const { site } = context;
    const page = mainPage(site);
    if (!page) return;
    const metas = page.csp.policies.filter((p) => p.origin === 'meta');
    const ignored = page.csp.ignoredInMeta;
    if (ignored.length > 0) context.report({ key: `ignored:${ignored.join(',')}`, message: `The <meta> Content-Security-Policy of ${page.response.url} sets ${ignored.join(', ')}, which browsers ignore in a meta tag`, evidence: cspEvidence(page.csp) });
    else if (metas.length > 0 && metas.length === page.csp.policies.length) context.report({ key: 'meta-only', severity: 'info', message: `${page.response.url} sets its Content-Security-Policy only in a <meta> tag: it cannot prevent framing or report violations`, evidence: cspEvidence(page.csp) });
  },
});
