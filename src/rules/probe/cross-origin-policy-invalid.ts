import { defineProbeRule } from '../../core/rule.js';
import { mainPage, responseEvidence } from '../../probe/observatory/evidence.js';
import { OBSERVATORY_REFERENCE } from '../../probe/observatory/references.js';
import { coepTest, coopTest, corpTest } from '../../probe/observatory/tests.js';

export default defineProbeRule({
  meta: {
    code: 'WEB017',
    name: 'cross-origin-policy-invalid',
    family: 'probe',
    severity: 'low',
    confidence: 'high',
    cwe: [693],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: ['coop-header-invalid', 'coep-header-invalid', 'corp-header-invalid'],
    status: 'preview',
    summary: 'A Cross-Origin-Opener-Policy, -Embedder-Policy or -Resource-Policy header has a value browsers do not recognise.',
    fix: "Use a recognised value: COOP same-origin (SECURE_CROSS_ORIGIN_OPENER_POLICY), COEP require-corp or credentialless, CORP same-origin or same-site.",
    docs: {
      whatItDoes:
        'Reports a COOP, COEP or CORP header on the main response whose value is not one of the policy\'s tokens ' +
        '(COOP: `same-origin`, `same-origin-allow-popups`, `noopener-allow-popups`, `unsafe-none`; COEP: ' +
        '`require-corp`, `credentialless`, `unsafe-none`; CORP: `same-origin`, `same-site`, `cross-origin`). The MDN ' +
        'HTTP Observatory results `coop-`, `coep-` and `corp-header-invalid` (−5 each).',
      whyItMatters:
        'Browsers ignore an unrecognised value and apply the permissive default: the page stays reachable by ' +
        'cross-origin windows (XS-Leaks, tabnabbing through `window.opener`) or its resources embeddable by any site ' +
        '(Spectre-style side channels), while the configuration suggests otherwise.',
      example: {
        bad: ['SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin-only"', '# Cross-Origin-Opener-Policy: same-origin-only'].join('\n'),
        good: ['SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"'].join('\n'),
        language: 'python',
      },
      howToFix:
        'For COOP, set `SECURE_CROSS_ORIGIN_OPENER_POLICY` (Django 4.0+, default `"same-origin"`). COEP and CORP have no ' +
        'Django setting: set them in the web server or a small middleware, with exactly one of the recognised values.',
      references: [
        { title: 'Django settings: SECURE_CROSS_ORIGIN_OPENER_POLICY', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#secure-cross-origin-opener-policy' },
        { title: 'MDN: Cross-Origin-Opener-Policy', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Cross-Origin-Opener-Policy' },
        { title: 'MDN: Cross-Origin-Embedder-Policy', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Cross-Origin-Embedder-Policy' },
        { title: 'MDN: Cross-Origin-Resource-Policy', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Cross-Origin-Resource-Policy' },
        OBSERVATORY_REFERENCE,
      ],
    },
  },
  check(context) {
    const { site } = context;
    const page = mainPage(site);
    if (!page) return;
    const checks = [
      { outcome: coopTest(page), header: 'cross-origin-opener-policy', name: 'Cross-Origin-Opener-Policy' },
      { outcome: coepTest(page), header: 'cross-origin-embedder-policy', name: 'Cross-Origin-Embedder-Policy' },
      { outcome: corpTest(page), header: 'cross-origin-resource-policy', name: 'Cross-Origin-Resource-Policy' },
    ];
    for (const { outcome, header, name } of checks) {
      if (!outcome.result.endsWith('-header-invalid')) continue;
      context.report({ key: header, message: `${name} on ${page.response.url} has a value browsers do not recognise, so the permissive default applies`, evidence: responseEvidence(site, page.response, [header]) });
    }
  },
});
