import { defineProbeRule } from '../../core/rule.js';
import { cspEvidence, effectiveSources, isBroadSource } from '../../probe/observatory/csp.js';
import { mainPage } from '../../probe/observatory/evidence.js';
import { CSP_REFERENCES, OBSERVATORY_REFERENCE } from '../../probe/observatory/references.js';

export default defineProbeRule({
  meta: {
    code: 'WEB011',
    name: 'csp-object-src-unrestricted',
    family: 'probe',
    severity: 'low',
    confidence: 'high',
    cwe: [693],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: [],
    status: 'preview',
    summary: "The Content-Security-Policy does not restrict plugins: object-src (or default-src) is missing or broad.",
    fix: "Add object-src 'none' to the policy (SECURE_CSP[\"object-src\"] = [CSP.NONE]).",
    docs: {
      whatItDoes: "Reports a policy where neither `object-src` nor `default-src` is set, or the effective `object-src` contains a broad source (`*`, `https:`…). `<object>` and `<embed>` then load from anywhere.",
      whyItMatters:
        'Plugin content (`<object data>`, `<embed>`) can run script in the page\'s origin in some browsers and bypasses ' +
        'script-src restrictions; CSP guides and the MDN Observatory require `object-src` to be locked down ' +
        '(a broad object-src counts as `csp-implemented-with-unsafe-inline`, −20).',
      example: {
        bad: ["Content-Security-Policy: script-src 'self'"].join('\n'),
        good: ["Content-Security-Policy: script-src 'self'; object-src 'none'"].join('\n'),
        language: 'text',
      },
      howToFix: "Add `object-src 'none'` (few sites need plugins), or `default-src 'self'` with no wider object-src.",
      references: [...CSP_REFERENCES, OBSERVATORY_REFERENCE],
    },
  },
  check(context) {
    const { site } = context;
    const page = mainPage(site);
    if (!page || page.csp.policies.length === 0) return;
    const object = effectiveSources(page.csp.policies, 'object-src');
    if (!object) {
      context.report({ key: 'missing', message: `The Content-Security-Policy of ${page.response.url} sets neither object-src nor default-src: plugins may load from anywhere`, evidence: cspEvidence(page.csp) });
      return;
    }
    const broad = object.filter(isBroadSource);
    if (broad.length > 0) context.report({ key: `broad:${broad.join(' ')}`, message: `object-src allows plugins from ${broad.join(', ')}; use object-src 'none'`, evidence: cspEvidence(page.csp) });
  },
});
