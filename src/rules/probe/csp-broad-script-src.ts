import { defineProbeRule } from '../../core/rule.js';
import { cspEvidence, isBroadSource, scriptPolicy } from '../../probe/observatory/csp.js';
import { mainPage } from '../../probe/observatory/evidence.js';
import { CSP_REFERENCES, OBSERVATORY_REFERENCE } from '../../probe/observatory/references.js';

export default defineProbeRule({
  meta: {
    code: 'WEB010',
    name: 'csp-broad-script-src',
    family: 'probe',
    severity: 'medium',
    confidence: 'high',
    cwe: [79, 693],
    owasp: ['A03:2021-Injection', 'A05:2021-Security Misconfiguration'],
    aliases: [],
    status: 'preview',
    summary: 'The Content-Security-Policy lets scripts load from anywhere: no script-src, or *, http:, https:, data: or a plain-HTTP source in it.',
    fix: "Restrict script-src to 'self' plus nonces (or the exact hosts needed, over https), with no wildcard, scheme-only or data: source.",
    docs: {
      whatItDoes:
        'Reports a policy whose effective script sources do not restrict scripts: neither `script-src` nor ' +
        '`default-src` is set, or they contain `*`, a scheme alone (`https:`, `http:`, `ftp:`), `data:`, a scheme ' +
        'wildcard (`https://*`) or a plain-HTTP host on an HTTPS page. With a nonce or hash and `\'strict-dynamic\'`, ' +
        'browsers ignore host and scheme sources, so those are not reported.',
      whyItMatters:
        'An attacker who can inject a `<script src>` tag loads it from a host they control, or inlines it as a `data:` ' +
        'URL; `https:` allows any HTTPS site on the internet. Such a policy looks protective but stops nothing.',
      example: {
        bad: ["Content-Security-Policy: default-src 'self'; script-src 'self' https: data:"].join('\n'),
        good: ["Content-Security-Policy: default-src 'self'; script-src 'self' https://cdn.example.com 'nonce-2726c7f26c'"].join('\n'),
        language: 'text',
      },
      howToFix:
        'List only the origins that serve your scripts (`\'self\'`, the exact CDN host over https) or move to a nonce ' +
        'based policy with `\'strict-dynamic\'`. In `SECURE_CSP` (Django 6.0+) or django-csp\'s `CSP_SCRIPT_SRC`, ' +
        'never use `"*"`, `"https:"` or `"data:"` for scripts.',
      references: [...CSP_REFERENCES, OBSERVATORY_REFERENCE],
    },
  },
  check(context) {
    const { site } = context;
    const page = mainPage(site);
    if (!page || page.csp.policies.length === 0) return;
    const script = scriptPolicy(page.csp.policies);
    if (script.strictDynamicWithoutNonce) return;
    if (!script.sources) {
      context.report({ key: 'no-script-src', message: `The Content-Security-Policy of ${page.response.url} sets neither script-src nor default-src: scripts may load from anywhere`, evidence: cspEvidence(page.csp) });
      return;
    }
    const broad = script.sources.filter((s) => isBroadSource(s) || s === 'data:' || (page.https && s.startsWith('http://')));
    if (broad.length > 0) context.report({ key: `broad:${broad.join(' ')}`, message: `script-src allows scripts from ${broad.join(', ')}: an injected <script src> can load attacker code`, evidence: cspEvidence(page.csp) });
  },
});
