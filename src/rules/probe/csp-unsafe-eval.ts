import { defineProbeRule } from '../../core/rule.js';
import { cspEvidence, scriptPolicy } from '../../probe/observatory/csp.js';
import { mainPage } from '../../probe/observatory/evidence.js';
import { CSP_REFERENCES, OBSERVATORY_REFERENCE } from '../../probe/observatory/references.js';

export default defineProbeRule({
  meta: {
    code: 'WEB009',
    name: 'csp-unsafe-eval',
    family: 'probe',
    severity: 'low',
    confidence: 'high',
    cwe: [95, 693],
    owasp: ['A03:2021-Injection', 'A05:2021-Security Misconfiguration'],
    aliases: ['csp-implemented-with-unsafe-eval'],
    status: 'preview',
    summary: "The Content-Security-Policy allows eval() ('unsafe-eval' in script-src).",
    fix: "Remove 'unsafe-eval' from script-src (SECURE_CSP / django-csp) and replace eval, new Function and string timers in the scripts.",
    docs: {
      whatItDoes: "Reports a policy whose effective script sources include `'unsafe-eval'` (a nonce or strict-dynamic does not neutralise it). The MDN HTTP Observatory's `csp-implemented-with-unsafe-eval` (−10).",
      whyItMatters:
        '`eval`, `new Function` and `setTimeout("string")` turn data into code. Many DOM-based XSS bugs and script ' +
        'gadgets in libraries need them; blocking them stops those attacks even when the attacker controls a string ' +
        'the page evaluates.',
      example: {
        bad: ["Content-Security-Policy: script-src 'self' 'unsafe-eval'"].join('\n'),
        good: ["Content-Security-Policy: script-src 'self'"].join('\n'),
        language: 'text',
      },
      howToFix:
        'Find what needs eval (the browser console reports each blocked call under a report-only policy), upgrade or ' +
        'replace those libraries (template engines precompiled at build time, JSON.parse instead of eval), then drop ' +
        '`\'unsafe-eval\'` from the policy.',
      references: [...CSP_REFERENCES, OBSERVATORY_REFERENCE],
    },
  },
  check(context) {
    const { site } = context;
    const page = mainPage(site);
    if (!page || page.csp.policies.length === 0) return;
    if (scriptPolicy(page.csp.policies).sources?.includes("'unsafe-eval'")) {
      context.report({ key: 'script-unsafe-eval', message: `The Content-Security-Policy of ${page.response.url} allows eval() and new Function ('unsafe-eval' in script-src)`, evidence: cspEvidence(page.csp) });
    }
  },
});
