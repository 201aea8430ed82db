import { defineProbeRule } from '../../core/rule.js';
import { TLS_REFERENCES } from '../../probe/observatory/references.js';
import { tlsEvidence, tlsUrl } from '../../probe/observatory/tls.js';

export default defineProbeRule({
  meta: {
    code: 'WEB029',
    name: 'tls-certificate-untrusted',
    family: 'probe',
    severity: 'high',
    confidence: 'high',
    cwe: [295],
    owasp: ['A02:2021-Cryptographic Failures', 'A07:2021-Identification and Authentication Failures'],
    aliases: ['hsts-invalid-cert', 'redirection-invalid-cert'],
    status: 'preview',
    summary: 'The HTTPS certificate is not trusted: self-signed, from an unknown authority, or with an incomplete chain.',
    fix: 'Serve a certificate from a public CA (e.g. Let\'s Encrypt) with its full chain (fullchain.pem) in the web server.',
    docs: {
      whatItDoes:
        'Reports an HTTPS endpoint whose certificate chain does not verify against the system\'s trust store ' +
        '(OpenSSL\'s reason is in the message: `DEPTH_ZERO_SELF_SIGNED_CERT`, `SELF_SIGNED_CERT_IN_CHAIN`, ' +
        '`UNABLE_TO_VERIFY_LEAF_SIGNATURE` for a missing intermediate…). Expired certificates are WEB030\'s; a name ' +
        'mismatch is WEB031\'s. With `--insecure` the probe goes on and reports this finding anyway.',
      whyItMatters:
        'Browsers show a full-page warning; users who learn to click through it will also click through an attacker\'s ' +
        'certificate, which removes everything HTTPS protects. HSTS cannot be set on a site with an invalid ' +
        'certificate (the Observatory\'s `hsts-invalid-cert`), and API clients that disable verification to cope are ' +
        'open to interception.',
      example: {
        bad: ['ssl_certificate     /etc/ssl/self-signed.pem;', '# or: ssl_certificate cert.pem;  (leaf only, no intermediate)'].join('\n'),
        good: ['ssl_certificate     /etc/letsencrypt/live/shop.example.com/fullchain.pem;', 'ssl_certificate_key /etc/letsencrypt/live/shop.example.com/privkey.pem;'].join('\n'),
        language: 'nginx',
      },
      howToFix: 'Get a certificate from a public CA (ACME/Let\'s Encrypt automates it) and configure the full chain file, not the leaf alone. Internal sites need the internal CA installed on every client, not disabled verification.',
      references: [...TLS_REFERENCES, { title: 'CWE-295: Improper Certificate Validation', url: 'https://cwe.mitre.org/data/definitions/295.html' }],
    },
  },
  check(context) {
    const { site } = context;
    const tls = site.tls;
    if (!tls || tls.trusted || tls.trustError === 'CERT_HAS_EXPIRED') return;
    const selfSigned = /SELF_SIGNED/.test(tls.trustError ?? '');
    context.report({
      url: tlsUrl(site),
      key: `untrusted:${tls.trustError ?? 'unknown'}`,
      message: `The certificate of ${new URL(tlsUrl(site)).host} is not trusted${tls.trustError ? ` (${tls.trustError})` : ''}${selfSigned ? ': it is self-signed' : ''}; browsers show a warning and HSTS cannot be set`,
      evidence: tlsEvidence(tls),
    });
  },
});
