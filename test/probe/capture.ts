/**
 * Synthetic site captures for probe-rule and grade tests (no network): `captureWith(spec)` builds a complete
 * `SiteCapture` from the few things a test cares about, with sensible defaults (an HTTPS site at
 * `https://example.com/` that `http://` redirects to with a 301, a trusted certificate, nothing else probed).
 * `expectProbeFixture(code, file)` runs one rule over the cases of a JSON fixture whose lines carry `# expect: CODE`.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { ScanError } from '../../src/core/finding.js';
import { analyzeSite } from '../../src/engine/probe-phase.js';
import type { RawFinding } from '../../src/engine/raw-finding.js';
import type { ActiveLoginTest, CapturedResponse, Exchange, FetchError, HeaderList, RedirectHop, SiteCapture, TlsFacts } from '../../src/probe/model.js';
import { findRule } from '../../src/rules/index.js';

/** Headers as an object (a value list repeats the header, e.g. Set-Cookie) or as `[name, value]` pairs. */
export type HeaderSpec = Readonly<Record<string, string | readonly string[]>> | ReadonlyArray<readonly [string, string]>;

export interface ResponseSpec {
  /** The URL requested (default: the exchange's natural URL). */
  url?: string;
  /** The URL of the final response (default: the last redirect's Location, else `url`). */
  finalUrl?: string;
  method?: string;
  requestHeaders?: Record<string, string>;
  status?: number;
  headers?: HeaderSpec;
  body?: string;
  /** Hops before the final response, e.g. `[{ url: 'http://example.com/', status: 301, location: 'https://example.com/' }]`. */
  redirects?: RedirectHop[];
  /** No response: the request failed. */
  error?: FetchError;
}

export interface CaptureSpec {
  /** Default `https://example.com/`. The scheme says which variant is the main one. */
  target?: string;
  /** The main page's status, headers and body (shorthand for `https: {…}`, or `http: {…}` for an http target). */
  status?: number;
  headers?: HeaderSpec;
  body?: string;
  /**
   * The `https://` exchange: default the main page; `null` = not tried. For an `http://` target the default is
   * `null` (no HTTPS).
   */
  https?: ResponseSpec | null;
  /**
   * The `http://` exchange: default a 301 to the https URL ending at the main page (`'redirect'`); `null` = not tried.
   * For an `http://` target the default is the main page itself.
   */
  http?: ResponseSpec | 'redirect' | null;
  notFound?: ResponseSpec | null;
  csrfFailure?: ResponseSpec | null;
  admin?: ResponseSpec | null;
  robots?: ResponseSpec | null;
  cors?: ResponseSpec | null;
  corsNull?: ResponseSpec | null;
  exposures?: Record<string, ResponseSpec>;
  /** TLS facts over the defaults (trusted, TLS 1.3, 90 days to expiry); `null` = none (no HTTPS). */
  tls?: Partial<TlsFacts> | null;
  active?: ActiveLoginTest | null;
  options?: Partial<SiteCapture['options']>;
}

export function headerList(spec: HeaderSpec | undefined): HeaderList {
  if (!spec) return [];
  if (Array.isArray(spec)) return (spec as ReadonlyArray<readonly [string, string]>).map(([n, v]) => [n.toLowerCase(), v] as const);
  return Object.entries(spec as Record<string, string | readonly string[]>).flatMap(([n, v]) => (typeof v === 'string' ? [v] : v).map((one) => [n.toLowerCase(), one] as const));
}

export function response(url: string, spec: Pick<ResponseSpec, 'status' | 'headers' | 'body'> = {}): CapturedResponse {
  const body = spec.body ?? '';
  const headers = headerList(spec.headers);
  const withType = headers.some(([n]) => n === 'content-type') || body === '' ? headers : [['content-type', 'text/html; charset=utf-8'] as const, ...headers];
  return { url, status: spec.status ?? 200, headers: withType, body, bodyTruncated: false, bodyBytes: Buffer.byteLength(body) };
}

export function exchange(url: string, spec: ResponseSpec = {}): Exchange {
  const requested = spec.url ?? url;
  const redirects = spec.redirects ?? [];
  const finalUrl = spec.finalUrl ?? redirects[redirects.length - 1]?.location ?? requested;
  return {
    request: { method: spec.method ?? 'GET', url: requested, headers: spec.requestHeaders ?? {} },
    redirects,
    response: spec.error ? null : response(finalUrl, spec),
    ...(spec.error ? { error: spec.error } : {}),
    durationMs: 5,
  };
}

export const TRUSTED_TLS: TlsFacts = {
  protocol: 'TLSv1.3',
  trusted: true,
  trustError: null,
  hostnameMatches: true,
  validFrom: '2026-01-01T00:00:00.000Z',
  validTo: '2027-01-01T00:00:00.000Z',
  daysToExpiry: 90,
  subject: 'CN=example.com',
  issuer: "CN=R11, O=Let's Encrypt, C=US",
  acceptsTls10: false,
  acceptsTls11: false,
};

export function captureWith(spec: CaptureSpec = {}): SiteCapture {
  const target = spec.target ?? 'https://example.com/';
  const url = new URL(target);
  const httpsUrl = `https://${url.host}${url.pathname}${url.search}`;
  const httpUrl = `http://${url.host}${url.pathname}${url.search}`;
  const page: ResponseSpec = { ...(spec.status !== undefined ? { status: spec.status } : {}), ...(spec.headers ? { headers: spec.headers } : {}), ...(spec.body !== undefined ? { body: spec.body } : {}) };
  const secure = url.protocol === 'https:';

  let https: Exchange | null;
  if (spec.https === null || (!secure && spec.https === undefined)) https = null;
  else https = exchange(httpsUrl, { ...page, ...spec.https });

  let http: Exchange | null;
  const httpSpec = spec.http;
  if (httpSpec === null) http = null;
  else if (httpSpec === 'redirect' || (httpSpec === undefined && secure)) {
    const final = https?.response;
    http = {
      request: { method: 'GET', url: httpUrl, headers: {} },
      redirects: [{ url: httpUrl, status: 301, location: httpsUrl }],
      response: final ? { ...final } : null,
      ...(final ? {} : { error: { code: 'connection-refused' as const, message: `${httpsUrl}: connection refused` } }),
      durationMs: 5,
    };
  } else http = exchange(httpUrl, { ...(secure ? {} : page), ...httpSpec });

  const main = https?.response ? https : (http ?? https ?? exchange(target, { error: { code: 'connection-refused', message: `${target}: connection refused` } }));
  const at = (path: string): string => new URL(path, main.response?.url ?? target).toString();
  const optional = (value: ResponseSpec | null | undefined, path: string, method = 'GET'): Exchange | null => (value ? exchange(at(path), { method, ...value }) : null);

  return {
    target,
    origin: url.origin,
    http,
    https,
    main,
    notFound: optional(spec.notFound, '/ponyguard-0f1e2d3c/'),
    csrfFailure: optional(spec.csrfFailure, '/', 'POST'),
    admin: optional(spec.admin, '/admin/'),
    robots: optional(spec.robots, '/robots.txt'),
    cors: spec.cors ? exchange(at('/'), { method: 'OPTIONS', requestHeaders: { Origin: 'https://ponyguard-cors-test.example', 'Access-Control-Request-Method': 'GET' }, ...spec.cors }) : null,
    corsNull: spec.corsNull ? exchange(at('/'), { requestHeaders: { Origin: 'null' }, ...spec.corsNull }) : null,
    exposures: Object.fromEntries(Object.entries(spec.exposures ?? {}).map(([path, value]) => [path, exchange(at(path), value)])),
    tls: spec.tls === null || (!secure && spec.tls === undefined) ? null : { ...TRUSTED_TLS, ...spec.tls },
    active: spec.active ?? null,
    options: { insecure: false, active: false, sentHeaders: [], sentCookies: false, startedAt: '2026-11-21T12:00:00.000Z', ...spec.options },
  };
}

/** Runs one probe rule on a capture; fails the test on a rule error. */
export function runProbeRule(code: string, site: SiteCapture, options: Record<string, unknown> = {}): RawFinding[] {
  const rule = findRule(code);
  if (!rule || rule.kind !== 'probe') throw new Error(`no probe rule ${code}`);
  const errors: ScanError[] = [];
  const findings = analyzeSite(site, [rule], { [code]: options }, errors);
  expect(errors).toEqual([]);
  return findings;
}

/** The cases of a probe-rule fixture: a capture spec each, with a `note` that says `# expect: CODE` when it must be reported. */
export interface FixtureCase {
  name: string;
  note?: string;
  capture: CaptureSpec;
}

export function fixtureCases(file: string): FixtureCase[] {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { cases?: FixtureCase[] };
  if (!Array.isArray(parsed.cases)) throw new Error(`${file}: a probe fixture is { "cases": [ { "name", "note"?, "capture" } ] }`);
  return parsed.cases;
}

/**
 * Runs a rule over every case of its fixture: a case whose note says `# expect: CODE` must give at least one finding
 * of the rule, every other case none. Returns the findings by case name.
 */
export function expectProbeFixture(code: string, file: string): Map<string, RawFinding[]> {
  const out = new Map<string, RawFinding[]>();
  const cases = fixtureCases(file);
  expect(cases.some((c) => new RegExp(`#\\s*expect:\\s*${code}\\b`).test(c.note ?? ''))).toBe(true);
  expect(cases.some((c) => !new RegExp(`#\\s*expect:\\s*${code}\\b`).test(c.note ?? ''))).toBe(true);
  for (const item of cases) {
    const findings = runProbeRule(code, captureWith(item.capture));
    const expected = new RegExp(`#\\s*expect:\\s*${code}\\b`).test(item.note ?? '');
    expect(findings.length > 0, `${item.name}: ${findings.map((f) => f.message).join(' | ') || 'no finding'}`).toBe(expected);
    out.set(item.name, findings);
  }
  return out;
}
