import { defineProbeRule } from '../../core/rule.js';
import { firstHeader } from '../../probe/model.js';
import { responseEvidence } from '../../probe/observatory/evidence.js';
import { parseHsts } from '../../probe/observatory/hsts.js';
import { HSTS_REFERENCES } from '../../probe/observatory/references.js';

export default defineProbeRule({
  meta: {
    code: 'WEB002',
    name: 'hsts-missing',
    family: 'probe',
    severity: 'medium',
    confidence: 'high',
    cwe: [319, 523],
    owasp: ['A05:2021-Security Misconfiguration', 'A02:2021-Cryptographic Failures'],
    aliases: ['strict-transport-security'],
    status: 'preview',
    summary: 'The HTTPS response sends no valid Strict-Transport-Security header.',
    fix: 'Set SECURE_HSTS_SECONDS = 31536000 (one year) so that SecurityMiddleware sends Strict-Transport-Security on every HTTPS response.',
    docs: {
      whatItDoes:
        'Reads the `Strict-Transport-Security` header of the `https://` response (the first one, as browsers do) and ' +
        'reports when it is absent or cannot be used: sent twice (a `,` in the value), `max-age` missing, not a number or ' +
        '0. The MDN HTTP Observatory results `hsts-not-implemented` and `hsts-header-invalid` (−20 each).',
      whyItMatters:
        'Without HSTS, every visit that starts from an `http://` link or a typed domain is exposed to SSL stripping: ' +
        'an attacker on the network answers the plain-HTTP request and keeps the victim on HTTP, reading passwords and ' +
        'session cookies. HSTS makes the browser upgrade to HTTPS itself for the max-age period.',
      example: {
        bad: ['$ curl -sI https://shop.example.com/ | grep -i strict', '(nothing)'].join('\n'),
        good: ['# settings.py', 'SECURE_HSTS_SECONDS = 31536000', 'SECURE_HSTS_INCLUDE_SUBDOMAINS = True', '', '$ curl -sI https://shop.example.com/ | grep -i strict', 'strict-transport-security: max-age=31536000; includeSubDomains'].join('\n'),
        language: 'text',
      },
      howToFix:
        'Set `SECURE_HSTS_SECONDS` in the production settings (start with 3600 while checking that every page and ' +
        'subdomain works over HTTPS, then one year), with `SecurityMiddleware` first in `MIDDLEWARE`. If a proxy or CDN ' +
        'sets the header, make it send exactly one header with `max-age=<seconds>`; if the settings already set it but ' +
        'the header is missing, a proxy strips it or the deployment runs other settings.',
      references: [...HSTS_REFERENCES, { title: 'CWE-523: Unprotected Transport of Credentials', url: 'https://cwe.mitre.org/data/definitions/523.html' }],
      limitations: 'Only the probed URL is checked; Django sends HSTS only on requests it sees as secure (`request.is_secure()`).',
    },
  },
  check(context) {
    const { site } = context;
    const response = site.https?.response;
    if (!response || !response.url.startsWith('https:')) return;
    const header = firstHeader(response.headers, 'strict-transport-security');
    const evidence = responseEvidence(site, response, ['strict-transport-security']);
    if (header === undefined) {
      context.report({ url: response.url, key: 'missing', message: `${response.url} sends no Strict-Transport-Security header: browsers may still reach the site over plain HTTP`, evidence });
      return;
    }
    const parsed = parseHsts(header);
    if (!parsed.ok) context.report({ url: response.url, key: 'invalid', message: `The Strict-Transport-Security header of ${response.url} is unusable: ${parsed.reason}`, evidence });
  },
});
