import { defineProbeRule } from '../../core/rule.js';
import { TLS_REFERENCES } from '../../probe/observatory/references.js';
import { tlsEvidence, tlsUrl } from '../../probe/observatory/tls.js';

export default defineProbeRule({
  meta: {
    code: 'WEB032',
    name: 'tls-legacy-protocol',
    family: 'probe',
    severity: 'medium',
    confidence: 'high',
    cwe: [326, 327],
    owasp: ['A02:2021-Cryptographic Failures'],
    aliases: [],
    status: 'preview',
    summary: 'The HTTPS endpoint accepts TLS 1.0 or TLS 1.1.',
    fix: 'Allow only TLS 1.2 and 1.3 in the web server (nginx: ssl_protocols TLSv1.2 TLSv1.3;).',
    docs: {
      whatItDoes: 'Reports an HTTPS endpoint that completes a handshake limited to TLS 1.0 or TLS 1.1, or that negotiated one of them with the probe.',
      whyItMatters:
        'TLS 1.0 and 1.1 are deprecated (RFC 8996): they rely on SHA-1 and MD5 in the handshake and on CBC constructions ' +
        'with known attacks (BEAST, POODLE-style padding oracles). A man-in-the-middle can try to push clients down to ' +
        'them; PCI DSS and current browsers no longer accept them.',
      example: {
        bad: ['ssl_protocols TLSv1 TLSv1.1 TLSv1.2;'].join('\n'),
        good: ['ssl_protocols TLSv1.2 TLSv1.3;'].join('\n'),
        language: 'nginx',
      },
      howToFix: 'Disable TLS 1.0 and 1.1 in the TLS terminator (nginx `ssl_protocols`, Apache `SSLProtocol -all +TLSv1.2 +TLSv1.3`, the load balancer\'s security policy). Mozilla\'s "intermediate" configuration is a good default.',
      references: [...TLS_REFERENCES, { title: 'RFC 8996: Deprecating TLS 1.0 and TLS 1.1', url: 'https://www.rfc-editor.org/rfc/rfc8996' }],
      limitations: 'When the local OpenSSL refuses to offer TLS 1.0/1.1, the probe cannot test them and nothing is reported.',
    },
  },
  check(context) {
    const { site } = context;
    const tls = site.tls;
    if (!tls) return;
    const legacy = [tls.acceptsTls10 || tls.protocol === 'TLSv1' ? 'TLS 1.0' : '', tls.acceptsTls11 || tls.protocol === 'TLSv1.1' ? 'TLS 1.1' : ''].filter(Boolean);
    if (legacy.length === 0) return;
    context.report({ url: tlsUrl(site), key: legacy.join(','), message: `${new URL(tlsUrl(site)).host} accepts ${legacy.join(' and ')}, deprecated protocols with known weaknesses`, evidence: tlsEvidence(tls) });
  },
});
