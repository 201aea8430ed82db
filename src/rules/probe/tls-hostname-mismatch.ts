import { defineProbeRule } from '../../core/rule.js';
import { TLS_REFERENCES } from '../../probe/observatory/references.js';
import { tlsEvidence, tlsUrl } from '../../probe/observatory/tls.js';

export default defineProbeRule({
  meta: {
    code: 'WEB031',
    name: 'tls-hostname-mismatch',
    family: 'probe',
    severity: 'high',
    confidence: 'high',
    cwe: [297],
    owasp: ['A02:2021-Cryptographic Failures', 'A07:2021-Identification and Authentication Failures'],
    aliases: [],
    status: 'preview',
    summary: 'The HTTPS certificate does not name the host it is served for.',
    fix: 'Serve a certificate whose subjectAltName includes this host name (add it to the certificate request, or fix the web server\'s server_name / SNI mapping).',
    docs: {
      whatItDoes: 'Reports an HTTPS endpoint whose certificate names neither the probed host in its subjectAltName nor (for old certificates) its common name.',
      whyItMatters:
        'Browsers reject the connection with a full-page error. It usually means the web server answers this name with ' +
        'another site\'s certificate (a missing `server_name`, a default virtual host), so users learn to click ' +
        'through warnings, and clients that skip the check can be intercepted.',
      example: {
        bad: ['$ openssl s_client -connect shop.example.com:443 -servername shop.example.com', 'subject=CN = default.example.net'].join('\n'),
        good: ['$ certbot certonly -d shop.example.com -d www.shop.example.com'].join('\n'),
        language: 'text',
      },
      howToFix: 'Issue a certificate for every name the site answers to (including `www.`), and make sure the web server picks it for this name (SNI, `server_name`).',
      references: [...TLS_REFERENCES, { title: 'CWE-297: Improper Validation of Certificate with Host Mismatch', url: 'https://cwe.mitre.org/data/definitions/297.html' }],
    },
  },
  check(context) {
    const { site } = context;
    const tls = site.tls;
    if (!tls || tls.hostnameMatches) return;
    const host = new URL(tlsUrl(site)).hostname;
    context.report({ url: tlsUrl(site), key: 'hostname-mismatch', message: `The certificate served for ${host} does not name it${tls.subject ? ` (subject ${tls.subject})` : ''}: browsers refuse the connection`, evidence: tlsEvidence(tls) });
  },
});
