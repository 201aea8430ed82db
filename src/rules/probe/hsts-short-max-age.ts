import { defineProbeRule } from '../../core/rule.js';
import { firstHeader } from '../../probe/model.js';
import { responseEvidence } from '../../probe/observatory/evidence.js';
import { describeSeconds, ONE_YEAR, parseHsts, SIX_MONTHS } from '../../probe/observatory/hsts.js';
import { HSTS_REFERENCES } from '../../probe/observatory/references.js';

export default defineProbeRule({
  meta: {
    code: 'WEB003',
    name: 'hsts-short-max-age',
    family: 'probe',
    severity: 'medium',
    confidence: 'high',
    cwe: [319],
    owasp: ['A05:2021-Security Misconfiguration', 'A02:2021-Cryptographic Failures'],
    aliases: [],
    status: 'preview',
    summary: 'The Strict-Transport-Security max-age is shorter than one year.',
    fix: 'Raise SECURE_HSTS_SECONDS to 31536000 (one year) or more.',
    docs: {
      whatItDoes:
        'Reports a valid `Strict-Transport-Security` header whose `max-age` is under one year (31,536,000 s): at ' +
        'medium severity under six months (the MDN HTTP Observatory\'s threshold, `hsts-implemented-max-age-less-than-six-months`, ' +
        '−10), at low severity between six months and a year (the HSTS preload list and most hardening guides ask for a year).',
      whyItMatters:
        'HSTS protects a visitor only while the browser remembers it. With a short max-age, anyone who has not visited ' +
        'recently is back to trusting the first plain-HTTP request, which an attacker on the network can intercept.',
      example: {
        bad: ['SECURE_HSTS_SECONDS = 3600  # left at the testing value', '# Strict-Transport-Security: max-age=3600'].join('\n'),
        good: ['SECURE_HSTS_SECONDS = 31536000', '# Strict-Transport-Security: max-age=31536000; includeSubDomains'].join('\n'),
        language: 'python',
      },
      howToFix:
        'Once the site and its subdomains work over HTTPS, set `SECURE_HSTS_SECONDS = 31536000` (or 63072000, two ' +
        'years, as the preload list recommends) in the production settings, or raise the `max-age` the proxy sends.',
      references: [...HSTS_REFERENCES, { title: 'CWE-319: Cleartext Transmission of Sensitive Information', url: 'https://cwe.mitre.org/data/definitions/319.html' }],
    },
  },
  check(context) {
    const { site } = context;
    const response = site.https?.response;
    if (!response || !response.url.startsWith('https:')) return;
    const header = firstHeader(response.headers, 'strict-transport-security');
    if (header === undefined) return;
    const parsed = parseHsts(header);
    if (!parsed.ok || parsed.value.maxAge >= ONE_YEAR) return;
    const short = parsed.value.maxAge < SIX_MONTHS;
    context.report({
      url: response.url,
      key: short ? 'under-six-months' : 'under-one-year',
      severity: short ? 'medium' : 'low',
      message: `Strict-Transport-Security max-age is ${describeSeconds(parsed.value.maxAge)}, ${short ? 'under six months' : 'under one year'}: browsers forget HSTS quickly`,
      evidence: responseEvidence(site, response, ['strict-transport-security']),
    });
  },
});
