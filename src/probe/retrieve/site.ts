/**
 * Captures one live site (`retrieveSite`) or many with bounded concurrency (`probeSites`): the only code of the probe
 * that touches the network. It fetches the `http://` and `https://` variants of the target (redirects followed and
 * recorded), then, from the origin the site settled on, a path that cannot exist (the 404 page), a POST without a
 * CSRF token, `/admin/`, `/robots.txt`, a CORS preflight with a foreign Origin, a GET with `Origin: null` and the
 * paths that must never be served; and the TLS facts of the HTTPS port. Failures become `Exchange.error`s; the rest
 * of the capture goes on.
 */
import { createHash } from 'node:crypto';
import type { ScanError } from '../../core/finding.js';
import { runActiveLoginTest } from '../active.js';
import type { Exchange, SiteCapture } from '../model.js';
import { createHttpClient, DEFAULT_BODY_LIMIT, DEFAULT_CONNECT_MS, DEFAULT_TOTAL_MS, type HttpClient } from './fetch.js';
import { collectTlsFacts } from './tls.js';

/** What `--active` asks for: the brute-force test of src/probe/active.ts, after the capture. */
export interface ActiveOptions {
  /** The login form to try (default: the admin login page the capture found, else `/admin/login/`). */
  loginUrl?: string;
  /** Failed logins to send at most (default 10, max 30). */
  attempts?: number;
}

export interface RetrieveOptions {
  /** Accept invalid certificates (still recorded in `tls.trusted`). */
  insecure?: boolean;
  /** Sent with every request, over http as well as https. */
  headers?: Record<string, string>;
  /** `a=b; c=d`, sent with every request, over http as well as https. */
  cookie?: string;
  timeouts?: { connectMs?: number; totalMs?: number };
  /** Bytes of each body kept (default 2 MiB); the rest is not read. */
  bodyLimit?: number;
  active?: ActiveOptions;
  now?: () => Date;
}

export interface ProbeSitesOptions extends RetrieveOptions {
  /** Sites probed at the same time (default 4). */
  concurrency?: number;
  /** Simultaneous connections per origin (default 6); overall at most concurrency × maxSockets. */
  maxSockets?: number;
  onSiteDone?: (done: number, total: number) => void;
}

export interface SiteResult {
  target: string;
  /** Null when the target is not a URL that can be probed (`error` says why). */
  site: SiteCapture | null;
  error?: string;
}

export const EXPOSURE_PATHS = ['/.git/HEAD', '/.env', '/settings.py', '/static/settings.py', '/media/'] as const;
export const FOREIGN_ORIGIN = 'https://ponyguard.invalid';
export const DEFAULT_CONCURRENCY = 4;
export const DEFAULT_MAX_SOCKETS = 6;

/** A target as given (`https://host/path`, or a bare `host[:port][/path]`, taken as https) → URL, or why not. */
export function parseTarget(raw: string): { url: URL } | { error: string } {
  const text = raw.trim();
  if (text === '') return { error: 'empty URL' };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { error: `not a valid URL: ${JSON.stringify(raw)}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { error: `only http:// and https:// URLs can be probed: ${JSON.stringify(raw)}` };
  if (!url.hostname) return { error: `no host name in ${JSON.stringify(raw)}` };
  url.hash = '';
  return { url };
}

export async function retrieveSite(target: string, options: RetrieveOptions = {}): Promise<SiteCapture> {
  const client = clientFor(options, DEFAULT_MAX_SOCKETS, DEFAULT_MAX_SOCKETS);
  try {
    return await captureSite(target, client, options);
  } finally {
    client.destroy();
  }
}

/** Probes every target, `concurrency` sites at a time, all through one pool of connections. Results in input order. */
export async function probeSites(targets: readonly string[], options: ProbeSitesOptions = {}): Promise<SiteResult[]> {
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  const maxSockets = Math.max(1, options.maxSockets ?? DEFAULT_MAX_SOCKETS);
  const client = clientFor(options, maxSockets, concurrency * maxSockets);
  const results: SiteResult[] = new Array<SiteResult>(targets.length);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < targets.length) {
      const index = next++;
      const target = targets[index]!;
      try {
        results[index] = { target, site: await captureSite(target, client, options) };
      } catch (error) {
        results[index] = { target, site: null, error: (error as Error).message };
      }
      options.onSiteDone?.(++done, targets.length);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker));
  } finally {
    client.destroy();
  }
  return results;
}

function clientFor(options: RetrieveOptions, maxSockets: number, maxTotalSockets: number): HttpClient {
  return createHttpClient({
    insecure: options.insecure ?? false,
    headers: options.headers ?? {},
    ...(options.cookie ? { cookie: options.cookie } : {}),
    connectMs: options.timeouts?.connectMs ?? DEFAULT_CONNECT_MS,
    totalMs: options.timeouts?.totalMs ?? DEFAULT_TOTAL_MS,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    maxSockets,
    maxTotalSockets,
  });
}

async function captureSite(target: string, client: HttpClient, options: RetrieveOptions): Promise<SiteCapture> {
  const parsed = parseTarget(target);
  if ('error' in parsed) throw new Error(parsed.error);
  const now = options.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const url = parsed.url;
  const httpUrl = new URL(url.href);
  httpUrl.protocol = 'http:';
  const httpsUrl = new URL(url.href);
  httpsUrl.protocol = 'https:';
  const host = httpsUrl.hostname.replace(/^\[(.*)\]$/, '$1');
  const tlsPort = Number(httpsUrl.port || 443);
  const timeouts = { connectMs: client.options.connectMs, totalMs: client.options.totalMs };
  const fetch = client.fetch;

  const [http, https, tls] = await Promise.all([
    fetch({ url: httpUrl.href }),
    fetch({ url: httpsUrl.href }),
    collectTlsFacts(host, tlsPort, { ...timeouts, now }).catch(() => null),
  ]);
  const main = https.response ? https : http.response ? http : url.protocol === 'https:' ? https : http;

  const capture: SiteCapture = {
    target,
    origin: url.origin,
    http,
    https,
    main,
    notFound: null,
    csrfFailure: null,
    admin: null,
    robots: null,
    cors: null,
    corsNull: null,
    exposures: {},
    tls,
    active: null,
    options: {
      insecure: client.options.insecure,
      active: options.active !== undefined,
      sentHeaders: Object.keys(client.options.headers),
      sentCookies: Boolean(client.options.cookie),
      startedAt,
    },
  };
  // A site that answered neither over http nor https gets no further requests.
  if (!main.response) return capture;

  const final = new URL(main.response.url);
  const at = (path: string): string => new URL(path, final.origin).href;
  // A path no site routes, the same on every run for an origin: findings located at it keep their fingerprint.
  const nonce = createHash('sha256').update(final.origin).digest('hex').slice(0, 12);
  const [notFound, csrfFailure, admin, robots, cors, corsNull, ...exposures] = await Promise.all([
    fetch({ url: at(`/ponyguard-${nonce}/`) }),
    fetch({ method: 'POST', url: final.href, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'ponyguard=probe', follow: false }),
    fetch({ url: at('/admin/') }),
    fetch({ url: at('/robots.txt') }),
    fetch({ method: 'OPTIONS', url: final.href, headers: { Origin: FOREIGN_ORIGIN, 'Access-Control-Request-Method': 'GET' }, follow: false }),
    fetch({ url: final.href, headers: { Origin: 'null' }, follow: false }),
    ...EXPOSURE_PATHS.map((path) => fetch({ url: at(path), follow: false })),
  ]);
  Object.assign(capture, { notFound, csrfFailure, admin, robots, cors, corsNull });
  EXPOSURE_PATHS.forEach((path, i) => (capture.exposures[path] = exposures[i]!));

  if (options.active) {
    const adminPage = capture.admin?.response;
    // A relative --login-url is taken on the origin the site settled on.
    const given = options.active.loginUrl;
    const loginUrl = given !== undefined ? (URL.canParse(given, final.origin) ? new URL(given, final.origin).href : given) : adminPage && adminPage.status === 200 ? adminPage.url : at('/admin/login/');
    try {
      capture.active = await runActiveLoginTest(loginUrl, fetch, options.active.attempts !== undefined ? { attempts: options.active.attempts } : {});
    } catch (error) {
      capture.active = { loginUrl, attempts: [], outcome: { kind: 'error', afterAttempts: null, detail: `the login test could not run: ${(error as Error).message}` } };
    }
  }
  return capture;
}

/** Every request of a capture that got no response, as report errors naming the URL. */
export function captureErrors(site: SiteCapture): ScanError[] {
  const exchanges: Array<Exchange | null> = [site.http, site.https, site.notFound, site.csrfFailure, site.admin, site.robots, site.cors, site.corsNull, ...Object.values(site.exposures)];
  const errors: ScanError[] = [];
  for (const exchange of exchanges) if (exchange?.error) errors.push({ path: exchange.request.url, line: null, message: exchange.error.message });
  if (!site.main.response) errors.push({ path: site.target, line: null, message: `${site.target}: the site answered neither over http nor over https; nothing else was requested` });
  return errors;
}
