/**
 * What a live probe captures (issue 8). The retriever (src/probe/retrieve/) is the only code that touches the network;
 * it fills a `SiteCapture`, and every probe rule is a pure function of one. Captures are plain data: they can be
 * serialised as test fixtures and replayed without a network.
 */

/** A response header, name lower-cased, in the order received; repeated headers (Set-Cookie) stay separate. */
export type HeaderList = ReadonlyArray<readonly [name: string, value: string]>;

/** Why a request got no usable response. */
export type FetchErrorCode =
  | 'timeout' // connect or total timeout
  | 'connection-refused'
  | 'connection-reset'
  | 'dns' // the name does not resolve
  | 'tls' // handshake failed or the certificate was rejected (without --insecure)
  | 'too-many-redirects' // more than 10 hops, or a loop
  | 'invalid-url'
  | 'protocol'; // malformed HTTP

export interface FetchError {
  code: FetchErrorCode;
  /** One sentence for people: what happened, with the URL. */
  message: string;
}

/** One hop of a redirect chain: the URL requested and the status it answered with. */
export interface RedirectHop {
  url: string;
  status: number;
  /** The Location it pointed to (absolute), for 3xx hops. */
  location?: string;
}

export interface CapturedResponse {
  /** The URL that produced this response (after redirects). */
  url: string;
  status: number;
  headers: HeaderList;
  /** The body decoded as text (UTF-8 unless the Content-Type says otherwise), at most `bodyLimit` bytes of it. */
  body: string;
  /** The body was longer than the limit and was cut (the analysis sees its start). */
  bodyTruncated: boolean;
  /** Body length in bytes as received (up to the cut), for messages. */
  bodyBytes: number;
}

/** One request and what came of it: a response, or an error; plus the redirects followed on the way. */
export interface Exchange {
  request: { method: string; url: string; headers: Readonly<Record<string, string>> };
  /** Every hop before the final response (empty when there was no redirect). */
  redirects: RedirectHop[];
  response: CapturedResponse | null;
  error?: FetchError;
  durationMs: number;
}

/** TLS facts of the HTTPS endpoint, from `node:tls`. */
export interface TlsFacts {
  /** Negotiated protocol: `TLSv1.3`, `TLSv1.2`… */
  protocol: string | null;
  /** The certificate chain verified against the system's trust store. */
  trusted: boolean;
  /** OpenSSL's reason when not trusted (`DEPTH_ZERO_SELF_SIGNED_CERT`, `CERT_HAS_EXPIRED`…). */
  trustError: string | null;
  /** The certificate names the host (CN or subjectAltName). */
  hostnameMatches: boolean;
  validFrom: string | null;
  validTo: string | null;
  /** Whole days until `validTo` (negative once expired), from the probe's clock. */
  daysToExpiry: number | null;
  subject: string | null;
  issuer: string | null;
  /** Whether the server completes a handshake limited to TLS 1.0 / 1.1 (null: not tested or the local OpenSSL refuses it). */
  acceptsTls10: boolean | null;
  acceptsTls11: boolean | null;
}

/** The result of the opt-in brute-force test (`--active`). */
export interface ActiveLoginTest {
  loginUrl: string;
  attempts: AttemptResult[];
  /**
   * What stopped the attempts, if anything. `redirect`: after failures answered with the form, a failure was
   * redirected away from it (a lockout URL such as AXES_LOCKOUT_URL or DEFENDER_LOCKOUT_URL).
   */
  outcome: { kind: 'axes' | 'defender' | 'drf-throttle' | 'ratelimit' | 'http-429' | 'redirect' | 'none' | 'not-a-login-form' | 'error'; afterAttempts: number | null; detail: string };
}

export interface AttemptResult {
  status: number | null;
  /** A short classification of the answer: `form-error`, `locked`, `throttled`, `redirect`, `error`, `other` (none of those). */
  kind: string;
  retryAfter?: string;
}

/**
 * Everything the probe learned about one site. `main` is what the Observatory calls `auto`: the HTTPS response when
 * HTTPS worked, else the HTTP one.
 */
export interface SiteCapture {
  /** The URL as given on the command line. */
  target: string;
  /** scheme://host[:port] of the target. */
  origin: string;
  /** `http://host/path` fetched with redirects followed (the HTTP→HTTPS redirect test). Null when not tried. */
  http: Exchange | null;
  /** `https://host/path` fetched with redirects followed. Null when not tried. */
  https: Exchange | null;
  /** The response most checks read (https when it worked, else http). */
  main: Exchange;
  /** A path that cannot exist (`/ponyguard-<nonce>/`): the 404 page (DEBUG's technical 404). */
  notFound: Exchange | null;
  /** POST to the target without a CSRF token: the CSRF failure page (DEBUG's variant). */
  csrfFailure: Exchange | null;
  /** `/admin/` (and the login page it redirects to). */
  admin: Exchange | null;
  /** `/robots.txt` (more cookies; sometimes the admin path). */
  robots: Exchange | null;
  /** OPTIONS preflight to the final URL with a foreign `Origin`. */
  cors: Exchange | null;
  /** GET with `Origin: null` to the final URL (reflected null origin). */
  corsNull: Exchange | null;
  /** Paths that must never be served, by path: `/.git/HEAD`, `/.env`, `/settings.py`, `/static/…/settings.py`, `/media/`. */
  exposures: Record<string, Exchange>;
  tls: TlsFacts | null;
  active: ActiveLoginTest | null;
  /** How the probe ran, for messages and correlation. */
  options: {
    insecure: boolean;
    active: boolean;
    sentHeaders: string[];
    sentCookies: boolean;
    startedAt: string;
    /** The project's cookie names when known (`scan --url`: SESSION_COOKIE_NAME, CSRF_COOKIE_NAME), besides Django's defaults. */
    cookieNames?: { session?: string[]; csrf?: string[] };
  };
}

/** Header helpers over a `HeaderList` (names are compared lower-cased). */
export function headerValues(headers: HeaderList, name: string): string[] {
  const wanted = name.toLowerCase();
  return headers.filter(([n]) => n === wanted).map(([, v]) => v);
}

export function firstHeader(headers: HeaderList, name: string): string | undefined {
  return headerValues(headers, name)[0];
}
