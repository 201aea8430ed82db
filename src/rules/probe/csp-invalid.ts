import { defineProbeRule } from '../../core/rule.js';
import { cspEvidence, scriptPolicy } from '../../probe/observatory/csp.js';
import { mainPage } from '../../probe/observatory/evidence.js';
import { CSP_REFERENCES, OBSERVATORY_REFERENCE } from '../../probe/observatory/references.js';

export default defineProbeRule({
  meta: {
    code: 'WEB007',
    name: 'csp-invalid',
    family: 'probe',
    severity: 'medium',
    confidence: 'high',
    cwe: [693],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: ['csp-header-invalid'],
    status: 'preview',
    summary: 'The Content-Security-Policy cannot be parsed, or uses strict-dynamic without a nonce or hash.',
    fix: 'Send a well-formed policy (directives separated by ";", sources by spaces, ASCII only); give \'strict-dynamic\' a nonce or hash.',
    docs: {
      whatItDoes:
        'Reports a `Content-Security-Policy` (header or `<meta>`) with a malformed directive name or characters a ' +
        'policy cannot hold, and a `script-src` with `\'strict-dynamic\'` but no nonce or hash (browsers that support ' +
        'strict-dynamic then run no script at all, and older ones fall back to the host list). The MDN HTTP ' +
        'Observatory\'s `csp-header-invalid` (−25).',
      whyItMatters:
        'A policy the browser cannot parse protects nothing, or less than intended: browsers skip unknown or broken ' +
        'directives and may fall back to allowing everything. A strict-dynamic policy without a nonce usually means the ' +
        'nonce middleware is not running, so the site either breaks or relies on a fallback nobody tested.',
      example: {
        bad: ["Content-Security-Policy: script-src 'strict-dynamic' https:; object-src 'none'"].join('\n'),
        good: ["Content-Security-Policy: script-src 'nonce-r4nd0m' 'strict-dynamic' https:; object-src 'none'; base-uri 'none'"].join('\n'),
        language: 'text',
      },
      howToFix:
        'Build the header with `SECURE_CSP` (Django 6.0+) or django-csp instead of by hand, and use `CSP.NONCE` ' +
        '(`{{ csp_nonce }}` in templates) with `\'strict-dynamic\'`. Check the header in the browser console, which ' +
        'names every directive it ignores.',
      references: [...CSP_REFERENCES, OBSERVATORY_REFERENCE],
    },
  },
  check(context) {
    const { site } = context;
    const page = mainPage(site);
    if (!page) return;
    const { csp } = page;
    if (csp.invalid) {
      context.report({ key: 'syntax', message: `The Content-Security-Policy of ${page.response.url} cannot be parsed: ${csp.invalid.reason}`, evidence: cspEvidence(csp) });
      return;
    }
    if (csp.policies.length > 0 && scriptPolicy(csp.policies).strictDynamicWithoutNonce) {
      context.report({ key: 'strict-dynamic-without-nonce', severity: 'low', message: `script-src uses 'strict-dynamic' without a nonce or hash: supporting browsers run no script at all, and the policy is treated as invalid`, evidence: cspEvidence(csp) });
    }
  },
});
