/** Helpers of the TLS rules: the URL of the HTTPS endpoint and the certificate facts as evidence. */
import type { SiteCapture, TlsFacts } from '../model.js';

/** `https://host[:port]/`: the endpoint the TLS facts are about. */
export function tlsUrl(site: SiteCapture): string {
  const requested = site.https?.request.url;
  if (requested) return new URL('/', requested).toString();
  const origin = new URL(site.origin);
  return `https://${origin.host}/`;
}

export function tlsEvidence(tls: TlsFacts): string[] {
  const lines = [
    `protocol: ${tls.protocol ?? 'unknown'}`,
    `trusted: ${tls.trusted ? 'yes' : `no${tls.trustError ? ` (${tls.trustError})` : ''}`}`,
    `hostname matches: ${tls.hostnameMatches ? 'yes' : 'no'}`,
  ];
  if (tls.subject) lines.push(`subject: ${tls.subject}`);
  if (tls.issuer) lines.push(`issuer: ${tls.issuer}`);
  if (tls.validFrom || tls.validTo) lines.push(`valid: ${tls.validFrom ?? '?'} → ${tls.validTo ?? '?'}${tls.daysToExpiry !== null ? ` (${tls.daysToExpiry} days left)` : ''}`);
  if (tls.acceptsTls10 !== null || tls.acceptsTls11 !== null) lines.push(`accepts TLS 1.0: ${tls.acceptsTls10 ?? 'not tested'}; TLS 1.1: ${tls.acceptsTls11 ?? 'not tested'}`);
  return lines;
}
