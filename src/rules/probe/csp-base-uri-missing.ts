import { defineProbeRule } from '../../core/rule.js';
import { cspEvidence, effectiveSources, isBroadSource, scriptPolicy } from '../../probe/observatory/csp.js';
import { mainPage } from '../../probe/observatory/evidence.js';
import { CSP_REFERENCES } from '../../probe/observatory/references.js';

export default defineProbeRule({
  meta: {
    code: 'WEB012',
    name: 'csp-base-uri-missing',
    family: 'probe',
    severity: 'low',
    confidence: 'high',
    cwe: [693],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: [],
    status: 'preview',
    summary: 'The Content-Security-Policy does not restrict <base> (no base-uri directive).',
    fix: "Add base-uri 'none' (or 'self') to the policy (SECURE_CSP[\"base-uri\"] = [CSP.NONE]).",
    docs: {
      whatItDoes: '`base-uri` does not fall back to `default-src`. Reports a policy with no `base-uri` directive, or one with a broad source; at low severity when scripts are controlled by nonces or `strict-dynamic` (where `<base>` injection is a known bypass), info otherwise.',
      whyItMatters:
        'An injected `<base href="https://evil.example/">` makes every relative URL of the page, including ' +
        '`<script src="/static/app.js" nonce=…>`, load from the attacker\'s host with the page\'s valid nonce: a ' +
        'classic bypass of nonce-based policies that needs no script injection at all.',
      example: {
        bad: ["Content-Security-Policy: script-src 'nonce-2726c7f26c' 'strict-dynamic'; object-src 'none'"].join('\n'),
        good: ["Content-Security-Policy: script-src 'nonce-2726c7f26c' 'strict-dynamic'; object-src 'none'; base-uri 'none'"].join('\n'),
        language: 'text',
      },
      howToFix: "Add `base-uri 'none'`, or `'self'` if the templates use a `<base>` tag.",
      references: [...CSP_REFERENCES, { title: 'MDN: CSP base-uri', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Content-Security-Policy/base-uri' }],
    },
  },
  check(context) {
    const { site } = context;
    const page = mainPage(site);
    if (!page || page.csp.policies.length === 0) return;
    const base = effectiveSources(page.csp.policies, 'base-uri');
    const script = scriptPolicy(page.csp.policies);
    const severity = script.nonceOrHash || script.strictDynamic ? 'low' : 'info';
    if (!base) context.report({ key: 'missing', severity, message: `The Content-Security-Policy of ${page.response.url} has no base-uri: an injected <base> tag can redirect the page's relative script URLs`, evidence: cspEvidence(page.csp) });
    else if (base.some(isBroadSource)) context.report({ key: 'broad', severity, message: `base-uri allows ${base.filter(isBroadSource).join(', ')}: an injected <base> tag can point relative URLs anywhere`, evidence: cspEvidence(page.csp) });
  },
});
