import { defineProbeRule } from '../../core/rule.js';
import { cspEvidence, scriptPolicy } from '../../probe/observatory/csp.js';
import { mainPage } from '../../probe/observatory/evidence.js';
import { CSP_REFERENCES, OBSERVATORY_REFERENCE } from '../../probe/observatory/references.js';

export default defineProbeRule({
  meta: {
    code: 'WEB008',
    name: 'csp-unsafe-inline',
    family: 'probe',
    severity: 'medium',
    confidence: 'high',
    cwe: [79, 693],
    owasp: ['A03:2021-Injection', 'A05:2021-Security Misconfiguration'],
    aliases: ['csp-implemented-with-unsafe-inline'],
    status: 'preview',
    summary: "The Content-Security-Policy allows inline scripts ('unsafe-inline' without a nonce or hash).",
    fix: "Remove 'unsafe-inline' from script-src and mark the page's own inline scripts with a nonce (CSP.NONCE / {{ csp_nonce }}) or hash.",
    docs: {
      whatItDoes:
        'Reports a policy whose effective script sources (`script-src`, else `default-src`; every policy must allow a ' +
        'script for it to run) include `\'unsafe-inline\'` with no nonce or hash beside it. With a nonce or hash, ' +
        'browsers ignore `\'unsafe-inline\'` (it is only a fallback for CSP1 browsers), so that case passes.',
      whyItMatters:
        "Cross-site scripting almost always injects inline script: `<script>…</script>`, `onerror=` attributes, " +
        "`javascript:` URLs. `'unsafe-inline'` allows all of them, which removes the main protection a CSP gives.",
      example: {
        bad: ["Content-Security-Policy: default-src 'self'; script-src 'self' 'unsafe-inline'"].join('\n'),
        good: ["Content-Security-Policy: default-src 'self'; script-src 'self' 'nonce-2726c7f26c'", '<script nonce="{{ csp_nonce }}">…</script>'].join('\n'),
        language: 'text',
      },
      howToFix:
        'Move inline scripts and event-handler attributes to static files, or add a nonce: on Django 6.0+ put ' +
        '`CSP.NONCE` in `SECURE_CSP["script-src"]` and `nonce="{{ csp_nonce }}"` on each `<script>` (django-csp: ' +
        '`CSP_INCLUDE_NONCE_IN` and `{{ request.csp_nonce }}`), then drop `\'unsafe-inline\'`.',
      references: [...CSP_REFERENCES, OBSERVATORY_REFERENCE, { title: 'CWE-79: Cross-site Scripting', url: 'https://cwe.mitre.org/data/definitions/79.html' }],
    },
  },
  check(context) {
    const { site } = context;
    const page = mainPage(site);
    if (!page || page.csp.policies.length === 0) return;
    const script = scriptPolicy(page.csp.policies);
    if (script.sources?.includes("'unsafe-inline'")) {
      context.report({ key: 'script-unsafe-inline', message: `The Content-Security-Policy of ${page.response.url} allows inline scripts ('unsafe-inline' in script-src without a nonce or hash)`, evidence: cspEvidence(page.csp) });
    }
  },
});
