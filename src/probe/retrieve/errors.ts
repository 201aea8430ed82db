/** Node's network errors as the probe's `FetchError`s: a code and one sentence naming the URL. */
import type { FetchError, FetchErrorCode } from '../model.js';

/** Errors the retriever raises itself (timeouts, the body cap), recognised by their code. */
export const CONNECT_TIMEOUT = 'PONYGUARD_CONNECT_TIMEOUT';
export const TOTAL_TIMEOUT = 'PONYGUARD_TOTAL_TIMEOUT';

export function ownError(code: string, message: string): Error & { code: string } {
  return Object.assign(new Error(message), { code });
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
]);

/** The `code` of a Node error, or ''. */
export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

export function classify(error: unknown): FetchErrorCode {
  const code = errorCode(error);
  const message = (error as Error).message ?? '';
  if (code === CONNECT_TIMEOUT || code === TOTAL_TIMEOUT || code === 'ETIMEDOUT') return 'timeout';
  if (code === 'ECONNREFUSED') return 'connection-refused';
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED' || code === 'ERR_STREAM_PREMATURE_CLOSE') return 'connection-reset';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME' || code === 'EAI_FAIL') return 'dns';
  if (TLS_CODES.has(code) || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || /certificate|SSL routines|TLS/i.test(message)) return 'tls';
  if (code === 'ERR_INVALID_URL') return 'invalid-url';
  return 'protocol';
}

/** A sentence for people: what went wrong with `method url`. */
export function describe(error: unknown, method: string, url: string, detail: { connectMs: number; totalMs: number; insecure: boolean }): FetchError {
  const code = classify(error);
  const raw = error as { code?: unknown; message?: string };
  const errCode = typeof raw.code === 'string' ? raw.code : '';
  const what = `${method} ${url}`;
  let message: string;
  switch (code) {
    case 'timeout':
      message =
        errCode === CONNECT_TIMEOUT
          ? `${what}: no connection within ${seconds(detail.connectMs)} (connect timeout)`
          : `${what}: no complete answer within ${seconds(detail.totalMs)} (timeout)`;
      break;
    case 'connection-refused':
      message = `${what}: connection refused (nothing listens on that port)`;
      break;
    case 'connection-reset':
      message = `${what}: the server closed or reset the connection before the response was complete`;
      break;
    case 'dns':
      message = `${what}: the host name does not resolve (${errCode || raw.message})`;
      break;
    case 'tls':
      message =
        errCode === 'ERR_SSL_WRONG_VERSION_NUMBER' || /wrong version number|packet length too long/i.test(raw.message ?? '')
          ? `${what}: TLS handshake failed (the port does not speak TLS)`
          : TLS_CODES.has(errCode) && errCode !== 'EPROTO'
            ? `${what}: the certificate was rejected (${errCode}: ${raw.message})${detail.insecure ? '' : '; use --insecure to probe it anyway'}`
            : `${what}: TLS handshake failed (${errCode ? `${errCode}: ` : ''}${raw.message})`;
      break;
    case 'invalid-url':
      message = `${what}: invalid URL`;
      break;
    default:
      message = `${what}: malformed or unexpected answer (${errCode ? `${errCode}: ` : ''}${raw.message})`;
  }
  return { code, message };
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
