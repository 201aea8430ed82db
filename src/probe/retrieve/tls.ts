/**
 * TLS facts of an HTTPS endpoint via `node:tls`: the negotiated protocol, whether the chain is trusted, whether the
 * certificate names the host, its validity, and whether the server still completes TLS 1.0 / 1.1 handshakes.
 * Every handshake accepts any certificate: trust is recorded, never enforced here.
 */
import net from 'node:net';
import tls from 'node:tls';
import type { TlsFacts } from '../model.js';
import { CONNECT_TIMEOUT, errorCode, ownError, TOTAL_TIMEOUT } from './errors.js';

export interface TlsOptions {
  connectMs: number;
  totalMs: number;
  now: () => Date;
}

const DAY_MS = 86_400_000;

/** Null when no TLS handshake completed (the HTTPS exchange's error says why). */
export async function collectTlsFacts(host: string, port: number, options: TlsOptions): Promise<TlsFacts | null> {
  const first = await handshake(host, port, options, {});
  if (!first.ok) return null;
  const { socket } = first;
  const cert = socket.getPeerCertificate(false);
  const protocol = socket.getProtocol();
  const trusted = socket.authorized;
  const trustError = socket.authorizationError ? String(socket.authorizationError) : null;
  socket.destroy();
  const hasCert = cert && Object.keys(cert).length > 0;
  const identityError = hasCert ? tls.checkServerIdentity(host, cert) : new Error('no certificate');
  const validFrom = hasCert ? isoDate(cert.valid_from) : null;
  const validTo = hasCert ? isoDate(cert.valid_to) : null;
  const daysToExpiry = validTo ? Math.floor((Date.parse(validTo) - options.now().getTime()) / DAY_MS) : null;
  // One handshake at a time: a site holds at most one connection outside the HTTP agents.
  const acceptsTls10 = await legacy(host, port, options, 'TLSv1');
  const acceptsTls11 = await legacy(host, port, options, 'TLSv1.1');
  return {
    protocol: protocol ?? null,
    trusted,
    trustError,
    hostnameMatches: identityError === undefined,
    validFrom,
    validTo,
    daysToExpiry,
    subject: hasCert ? describeName(cert.subject) : null,
    issuer: hasCert ? describeName(cert.issuer) : null,
    acceptsTls10,
    acceptsTls11,
  };
}

/** True: the server completed a handshake limited to that version; false: it refused; null: unknown. */
async function legacy(host: string, port: number, options: TlsOptions, version: 'TLSv1' | 'TLSv1.1'): Promise<boolean | null> {
  const result = await handshake(host, port, options, { minVersion: version, maxVersion: version, ciphers: 'DEFAULT:@SECLEVEL=0' });
  if (result.ok) {
    const negotiated = result.socket.getProtocol();
    result.socket.destroy();
    return negotiated === version;
  }
  const code = result.code;
  // The local OpenSSL would not even offer the version: nothing learned about the server.
  if (code === 'ERR_SSL_NO_PROTOCOLS_AVAILABLE' || code === 'ERR_SSL_NO_CIPHERS_AVAILABLE' || code === 'ERR_TLS_INVALID_PROTOCOL_VERSION' || result.local) return null;
  if (code === CONNECT_TIMEOUT || code === TOTAL_TIMEOUT || code === 'ECONNREFUSED') return null;
  return false;
}

type Handshake = { ok: true; socket: tls.TLSSocket } | { ok: false; code: string; local: boolean };

function handshake(host: string, port: number, options: TlsOptions, extra: tls.ConnectionOptions): Promise<Handshake> {
  return new Promise((resolve) => {
    let socket: tls.TLSSocket;
    try {
      socket = tls.connect({
        host,
        port,
        ...(net.isIP(host) ? {} : { servername: host }),
        rejectUnauthorized: false,
        // Hostname matching is judged separately, so `authorized` reflects the chain alone.
        checkServerIdentity: () => undefined,
        ...extra,
      });
    } catch (error) {
      resolve({ ok: false, code: errorCode(error), local: true });
      return;
    }
    let settled = false;
    const settle = (result: Handshake): void => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(totalTimer);
      if (!result.ok) socket.destroy();
      resolve(result);
    };
    const connectTimer = setTimeout(() => socket.destroy(ownError(CONNECT_TIMEOUT, 'connect timeout')), options.connectMs);
    const totalTimer = setTimeout(() => socket.destroy(ownError(TOTAL_TIMEOUT, 'handshake timeout')), options.totalMs);
    socket.once('connect', () => clearTimeout(connectTimer));
    socket.once('secureConnect', () => settle({ ok: true, socket }));
    socket.on('error', (error) => settle({ ok: false, code: errorCode(error), local: false }));
    socket.once('close', () => settle({ ok: false, code: 'ECONNRESET', local: false }));
  });
}

function isoDate(text: string | undefined): string | null {
  if (!text) return null;
  const time = Date.parse(text);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

function describeName(name: tls.Certificate | undefined): string | null {
  if (!name) return null;
  const parts = Object.entries(name)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : String(value)}`);
  return parts.length > 0 ? parts.join(', ') : null;
}
