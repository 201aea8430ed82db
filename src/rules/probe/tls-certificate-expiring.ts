import { defineProbeRule } from '../../core/rule.js';
import { TLS_REFERENCES } from '../../probe/observatory/references.js';
import { tlsEvidence, tlsUrl } from '../../probe/observatory/tls.js';

export default defineProbeRule({
  meta: {
    code: 'WEB030',
    name: 'tls-certificate-expiring',
    family: 'probe',
    severity: 'medium',
    confidence: 'high',
    cwe: [298, 324],
    owasp: ['A02:2021-Cryptographic Failures'],
    aliases: [],
    status: 'preview',
    summary: 'The HTTPS certificate has expired or expires within 30 days.',
    fix: 'Renew the certificate and automate renewal (certbot renew / an ACME client on a timer), then reload the web server.',
    docs: {
      whatItDoes: 'Reports the HTTPS endpoint\'s certificate when it has expired (high), expires within 14 days (medium) or within 30 days (low), from the validity dates the probe read.',
      whyItMatters:
        'An expired certificate takes the site down for every browser (a full-page error) and breaks API clients; ' +
        'with HSTS users cannot even click through. Let\'s Encrypt certificates last 90 days, so fewer than 30 days ' +
        'left usually means automatic renewal has stopped working.',
      example: {
        bad: ['notAfter=Nov 30 12:00:00 2026 GMT   # 9 days left, renewal cron removed'].join('\n'),
        good: ['# systemd timer or cron: certbot renew --deploy-hook "systemctl reload nginx"'].join('\n'),
        language: 'text',
      },
      howToFix: 'Renew now, then make renewal automatic and monitored (ACME client with a deploy hook that reloads the server; an alert when fewer than 20 days remain).',
      references: [...TLS_REFERENCES, { title: 'Let\'s Encrypt: certificate lifetimes and renewal', url: 'https://letsencrypt.org/docs/faq/#what-is-the-lifetime-for-let-s-encrypt-certificates-for-how-long-are-they-valid' }],
    },
  },
  check(context) {
    const { site } = context;
    const tls = site.tls;
    if (!tls) return;
    const days = tls.daysToExpiry ?? (tls.trustError === 'CERT_HAS_EXPIRED' ? -1 : null);
    if (days === null || days >= 30) return;
    const host = new URL(tlsUrl(site)).host;
    if (days < 0) context.report({ url: tlsUrl(site), key: 'expired', severity: 'high', message: `The certificate of ${host} expired${tls.validTo ? ` on ${tls.validTo}` : ''}: browsers refuse the site`, evidence: tlsEvidence(tls) });
    else context.report({ url: tlsUrl(site), key: days < 14 ? 'expires-14' : 'expires-30', severity: days < 14 ? 'medium' : 'low', message: `The certificate of ${host} expires in ${days} day${days === 1 ? '' : 's'}${tls.validTo ? ` (${tls.validTo})` : ''}: check that renewal works`, evidence: tlsEvidence(tls) });
  },
});
