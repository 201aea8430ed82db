import { defineProbeRule } from '../../core/rule.js';
import { firstHeader } from '../../probe/model.js';
import { responseEvidence } from '../../probe/observatory/evidence.js';
import { parseHsts } from '../../probe/observatory/hsts.js';
import { HSTS_REFERENCES } from '../../probe/observatory/references.js';

export default defineProbeRule({
  meta: {
    code: 'WEB004',
    name: 'hsts-without-include-subdomains',
    family: 'probe',
    severity: 'low',
    confidence: 'high',
    cwe: [319],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: [],
    status: 'preview',
    summary: 'The Strict-Transport-Security header does not cover subdomains (no includeSubDomains).',
    fix: 'Set SECURE_HSTS_INCLUDE_SUBDOMAINS = True once every subdomain serves HTTPS.',
    docs: {
      whatItDoes: 'Reports a valid `Strict-Transport-Security` header on the HTTPS response that lacks the `includeSubDomains` directive.',
      whyItMatters:
        'Without `includeSubDomains`, an attacker can send a victim to `http://anything.example.com`, which HSTS does ' +
        'not protect, and use it to set or overwrite cookies for the whole domain (cookie tossing) or to phish under ' +
        'the real domain name. It is also required for the HSTS preload list.',
      example: {
        bad: ['SECURE_HSTS_SECONDS = 31536000', '# Strict-Transport-Security: max-age=31536000'].join('\n'),
        good: ['SECURE_HSTS_SECONDS = 31536000', 'SECURE_HSTS_INCLUDE_SUBDOMAINS = True', '# Strict-Transport-Security: max-age=31536000; includeSubDomains'].join('\n'),
        language: 'python',
      },
      howToFix:
        'Check that every subdomain (including internal ones users visit) serves HTTPS, then set ' +
        '`SECURE_HSTS_INCLUDE_SUBDOMAINS = True` (or add `includeSubDomains` where the proxy sets the header).',
      references: [{ title: 'Django settings: SECURE_HSTS_INCLUDE_SUBDOMAINS', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#secure-hsts-include-subdomains' }, ...HSTS_REFERENCES],
      limitations: 'A site served on a subdomain may rightly leave the directive to the parent domain.',
    },
  },
  check(context) {
    const { site } = context;
    const response = site.https?.response;
    if (!response || !response.url.startsWith('https:')) return;
    const header = firstHeader(response.headers, 'strict-transport-security');
    if (header === undefined) return;
    const parsed = parseHsts(header);
    if (!parsed.ok || parsed.value.includeSubDomains) return;
    context.report({ url: response.url, key: 'no-include-subdomains', message: `Strict-Transport-Security on ${new URL(response.url).hostname} has no includeSubDomains: its subdomains can still be reached over plain HTTP`, evidence: responseEvidence(site, response, ['strict-transport-security']) });
  },
});
