/**
 * The probe's HTTP client over `node:http`/`node:https`: one request at a time as the probe describes it, redirects
 * followed by hand (cap 10, loops detected, every hop recorded), connect and total timeouts, a body cap that stops
 * reading and drops the connection, bodies decoded as text. All connections go through two shared agents, so the
 * number of simultaneous sockets is bounded per origin (`maxSockets`) and per agent (`maxTotalSockets`).
 */
import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { VERSION } from '../../core/version.js';
import type { CapturedResponse, Exchange, FetchError, HeaderList, RedirectHop } from '../model.js';
import { CONNECT_TIMEOUT, describe, ownError, TOTAL_TIMEOUT } from './errors.js';

export const DEFAULT_CONNECT_MS = 5_000;
export const DEFAULT_TOTAL_MS = 15_000;
export const DEFAULT_BODY_LIMIT = 2 * 1024 * 1024;
export const MAX_REDIRECTS = 10;
export const USER_AGENT = `Mozilla/5.0 (compatible; ponyguard/${VERSION}; +https://github.com/ponyguard/ponyguard)`;

export interface ClientOptions {
  /** Accept any certificate (the TLS facts still record whether it was trusted). */
  insecure: boolean;
  /** Sent with every request, over http too. */
  headers: Readonly<Record<string, string>>;
  /** `a=b; c=d`, sent with every request, over http too. */
  cookie?: string;
  connectMs: number;
  /** Per request (each redirect hop), counted from the moment it has a connection. */
  totalMs: number;
  bodyLimit: number;
  /** Simultaneous connections per origin. */
  maxSockets: number;
  /** Simultaneous connections overall. */
  maxTotalSockets: number;
}

export interface FetchRequest {
  method?: string;
  url: string;
  /** Added to (and overriding) the defaults and the user's headers; a `Cookie` is appended to the user's cookie. */
  headers?: Readonly<Record<string, string>>;
  body?: string;
  /** Follow redirects (default true). */
  follow?: boolean;
}

/** What the active login test and the site capture use to talk to a site. */
export type Fetcher = (request: FetchRequest) => Promise<Exchange>;

export interface HttpClient {
  fetch: Fetcher;
  options: ClientOptions;
  /** Closes the idle connections. */
  destroy(): void;
}

/** Header names whose values are not recorded in captures (they may be credentials). */
const REDACTED = '[redacted]';

export function createHttpClient(options: ClientOptions): HttpClient {
  // No keep-alive: an idle connection kept for a finished site would hold a slot of `maxTotalSockets` that a waiting
  // site needs; every request gets a fresh connection, closed with its response.
  const agentOptions = { keepAlive: false, maxSockets: options.maxSockets, maxTotalSockets: options.maxTotalSockets };
  const agents = {
    http: new http.Agent(agentOptions),
    https: new https.Agent({ ...agentOptions, rejectUnauthorized: !options.insecure }),
  };
  const userHeaderNames = new Set(Object.keys(options.headers).map((name) => name.toLowerCase()));
  const fetch: Fetcher = async (request) => {
    const started = performance.now();
    const method = (request.method ?? 'GET').toUpperCase();
    const sent: Record<string, string> = {
      'User-Agent': USER_AGENT,
      Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
      'Accept-Encoding': 'gzip, deflate, br',
      ...options.headers,
      ...(request.headers ?? {}),
    };
    const extraCookie = Object.entries(request.headers ?? {}).find(([name]) => name.toLowerCase() === 'cookie')?.[1];
    for (const name of Object.keys(sent)) if (name.toLowerCase() === 'cookie') delete sent[name];
    const cookie = [options.cookie, extraCookie].filter((c): c is string => typeof c === 'string' && c.trim() !== '').join('; ');
    if (cookie) sent['Cookie'] = cookie;
    const recorded: Record<string, string> = {};
    for (const [name, value] of Object.entries(sent)) recorded[name] = name.toLowerCase() === 'cookie' || userHeaderNames.has(name.toLowerCase()) ? REDACTED : value;

    const redirects: RedirectHop[] = [];
    const exchange = (response: CapturedResponse | null, error?: FetchError): Exchange => ({
      request: { method, url: request.url, headers: recorded },
      redirects,
      response,
      ...(error ? { error } : {}),
      durationMs: Math.round(performance.now() - started),
    });
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return exchange(null, { code: 'invalid-url', message: `${method} ${request.url}: not a valid URL` });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return exchange(null, { code: 'invalid-url', message: `${method} ${request.url}: only http:// and https:// URLs can be probed` });

    let hopMethod = method;
    let body = request.body;
    const seen = new Set([`${hopMethod} ${url.href}`]);
    for (;;) {
      const hop = await requestOnce(url, hopMethod, sent, body, agents, options);
      if ('error' in hop) return exchange(null, describe(hop.error, hopMethod, url.href, options));
      const response = hop.response;
      const location = firstValue(response.headers, 'location');
      if (request.follow === false || !REDIRECT_STATUSES.has(response.status) || location === undefined) return exchange(response);
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        return exchange(response);
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:') return exchange(response);
      redirects.push({ url: url.href, status: response.status, location: next.href });
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && hopMethod === 'POST')) {
        hopMethod = 'GET';
        body = undefined;
      }
      const key = `${hopMethod} ${next.href}`;
      if (seen.has(key)) {
        const chain = [...redirects.map((r) => r.url), next.href].join(' → ');
        return exchange(null, { code: 'too-many-redirects', message: `${method} ${request.url}: redirect loop (${chain})` });
      }
      if (redirects.length > MAX_REDIRECTS) {
        return exchange(null, { code: 'too-many-redirects', message: `${method} ${request.url}: more than ${MAX_REDIRECTS} redirects (last to ${next.href})` });
      }
      seen.add(key);
      url = next;
    }
  };
  return {
    fetch,
    options,
    destroy: () => {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

function firstValue(headers: HeaderList, name: string): string | undefined {
  return headers.find(([n]) => n === name)?.[1];
}

type Hop = { response: CapturedResponse } | { error: unknown };

function requestOnce(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  agents: { http: http.Agent; https: https.Agent },
  options: ClientOptions,
): Promise<Hop> {
  return new Promise((resolve) => {
    let settled = false;
    let connectTimer: NodeJS.Timeout | undefined;
    let totalTimer: NodeJS.Timeout | undefined;
    const finish = (hop: Hop): void => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(totalTimer);
      resolve(hop);
    };
    const module = url.protocol === 'https:' ? https : http;
    const requestHeaders: Record<string, string> = { ...headers };
    if (body !== undefined) requestHeaders['Content-Length'] = String(Buffer.byteLength(body));
    let req: http.ClientRequest;
    try {
      req = module.request(url, { method, headers: requestHeaders, agent: url.protocol === 'https:' ? agents.https : agents.http });
    } catch (error) {
      finish({ error });
      return;
    }
    req.on('socket', (socket) => {
      totalTimer = setTimeout(() => req.destroy(ownError(TOTAL_TIMEOUT, 'total timeout')), options.totalMs);
      if (socket.connecting) {
        connectTimer = setTimeout(() => req.destroy(ownError(CONNECT_TIMEOUT, 'connect timeout')), options.connectMs);
        socket.once('connect', () => clearTimeout(connectTimer));
      }
    });
    req.on('error', (error) => finish({ error }));
    req.on('response', (res) => {
      const headerList: Array<readonly [string, string]> = [];
      for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) headerList.push([res.rawHeaders[i]!.toLowerCase(), res.rawHeaders[i + 1]!]);
      const chunks: Buffer[] = [];
      let bytes = 0;
      let truncated = false;
      const done = (): void => {
        const buffer = Buffer.concat(chunks, bytes);
        finish({
          response: {
            url: url.href,
            status: res.statusCode ?? 0,
            headers: headerList,
            body: decodeBody(buffer, firstValue(headerList, 'content-type')),
            bodyTruncated: truncated,
            bodyBytes: bytes,
          },
        });
      };
      let stream: Readable = res;
      const encoding = (firstValue(headerList, 'content-encoding') ?? '').trim().toLowerCase();
      const decoder =
        encoding === 'gzip' || encoding === 'x-gzip'
          ? zlib.createGunzip()
          : encoding === 'deflate'
            ? zlib.createInflate()
            : encoding === 'br'
              ? zlib.createBrotliDecompress()
              : null;
      if (decoder) {
        stream = res.pipe(decoder);
        decoder.on('error', (error) => {
          finish({ error: ownError('ERR_CONTENT_DECODING', `cannot decode the ${encoding} body: ${error.message}`) });
          req.destroy();
        });
      }
      stream.on('data', (chunk: Buffer) => {
        if (settled) return;
        const room = options.bodyLimit - bytes;
        if (chunk.length > room) {
          chunks.push(chunk.subarray(0, room));
          bytes += room;
          truncated = true;
          done();
          // Stop reading: the rest of the body is not needed, and the connection cannot be reused mid-body.
          req.destroy();
          return;
        }
        chunks.push(chunk);
        bytes += chunk.length;
      });
      stream.on('end', done);
      res.on('error', (error) => finish({ error }));
      res.on('close', () => {
        if (!res.complete) finish({ error: ownError('ECONNRESET', 'the connection closed before the end of the response') });
      });
    });
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const BINARY_TYPES = /^(image|audio|video|font)\/|^application\/(zip|gzip|x-gzip|x-tar|pdf|wasm|x-7z-compressed|vnd\.)/i;

/**
 * The body as text: the Content-Type's charset (UTF-8 by default); binary content gives an empty string.
 * `application/octet-stream` is decoded when it holds no NUL byte: servers send `.env`, `settings.py` and `.git/HEAD`
 * with that type, and those are exactly the bodies the exposure checks must read.
 */
export function decodeBody(buffer: Buffer, contentType: string | undefined): string {
  if (buffer.length === 0) return '';
  const type = (contentType ?? '').trim();
  if (BINARY_TYPES.test(type)) return '';
  if (buffer.subarray(0, 1024).includes(0)) return '';
  const charset = /;\s*charset\s*=\s*"?([\w.:-]+)"?/i.exec(type)?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(buffer);
  } catch {
    return new TextDecoder('utf-8').decode(buffer);
  }
}
