/**
 * The MDN HTTP Observatory's 12 tests (mdn/mdn-http-observatory, `ALGORITHM_VERSION` 6) as pure functions of a
 * `SiteCapture`, each giving one of the test's results (its `Expectation` strings) and whether the test passes, and the
 * exact score table (`SCORE_TABLE` of `src/grader/charts.js`; `../shared/reference/http-probe.md` B1–B2).
 *
 * Known differences: no HSTS preload list (the `*-preloaded` results never occur); redirect hosts are compared
 * without the port; registrable domains are approximated (see `registrableDomain`); the HTML is scanned by a tolerant
 * tag scanner, so `html-not-parseable` never occurs.
 */
import { firstHeader, headerValues, type CapturedResponse, type SiteCapture } from '../model.js';
import { IGNORED_COOKIES, jarCookies, looksLikeCsrfCookie, looksLikeSessionCookie } from './cookies.js';
import { DANGEROUSLY_BROAD, UNSAFE_INLINE, analyzeCsp, effectiveSources, isNonceOrHash, type CspAnalysis } from './csp.js';
import { parseHsts, SIX_MONTHS } from './hsts.js';
import { httpEquiv, isHtml, metaNamed, registrableDomain, resolveUrl, responseTags, scriptTags, type HtmlTag } from './html.js';

export const OBSERVATORY_TESTS = [
  'content-security-policy',
  'cookies',
  'cross-origin-embedder-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-sharing',
  'redirection',
  'referrer-policy',
  'strict-transport-security',
  'subresource-integrity',
  'x-content-type-options',
  'x-frame-options',
  'cross-origin-resource-policy',
] as const;
export type ObservatoryTest = (typeof OBSERVATORY_TESTS)[number];

/** Every result, its modifier and a sentence (MDN's `SCORE_TABLE`, exact modifiers). */
export const SCORE_TABLE = {
  'csp-implemented-with-no-unsafe-default-src-none': { modifier: 10, description: "Content Security Policy (CSP) implemented with default-src 'none' and no 'unsafe'" },
  'csp-implemented-with-no-unsafe': { modifier: 5, description: "Content Security Policy (CSP) implemented without 'unsafe-inline' or 'unsafe-eval'" },
  'csp-implemented-with-unsafe-inline-in-style-src-only': { modifier: 0, description: "Content Security Policy (CSP) implemented with unsafe sources inside style-src; this includes 'unsafe-inline', data: or overly broad sources" },
  'csp-implemented-but-duplicate-directives': { modifier: 0, description: 'Content Security Policy (CSP) implemented, but contains duplicate report-uri or report-to directives' },
  'csp-implemented-with-insecure-scheme-in-passive-content-only': { modifier: -10, description: 'Content Security Policy (CSP) implemented, but secure site allows images or media to be loaded over HTTP' },
  'csp-implemented-with-unsafe-eval': { modifier: -10, description: "Content Security Policy (CSP) implemented, but allows 'unsafe-eval'" },
  'csp-implemented-with-unsafe-inline': { modifier: -20, description: "Content Security Policy (CSP) implemented unsafely; this includes 'unsafe-inline' or data: inside script-src, overly broad sources such as https: inside object-src or script-src, or not restricting the sources for object-src or script-src" },
  'csp-implemented-with-insecure-scheme': { modifier: -20, description: 'Content Security Policy (CSP) implemented, but secure site allows resources to be loaded over HTTP' },
  'csp-header-invalid': { modifier: -25, description: 'Content Security Policy (CSP) header cannot be parsed successfully' },
  'csp-not-implemented': { modifier: -25, description: 'Content Security Policy (CSP) header not implemented' },
  'csp-not-implemented-but-reporting-enabled': { modifier: -25, description: 'Content Security Policy (CSP) header not enforced, only reporting (Content-Security-Policy-Report-Only)' },
  'cookies-secure-with-httponly-sessions-and-samesite': { modifier: 5, description: 'All cookies use the Secure flag, session cookies use the HttpOnly flag, and cross-origin restrictions are in place via the SameSite flag' },
  'cookies-secure-with-httponly-sessions': { modifier: 0, description: 'All cookies use the Secure flag and all session cookies use the HttpOnly flag' },
  'cookies-not-found': { modifier: 0, description: 'No cookies detected' },
  'cookies-without-secure-flag-but-protected-by-hsts': { modifier: -5, description: 'Cookies set without using the Secure flag, but transmission over HTTP prevented by HSTS' },
  'cookies-session-without-secure-flag-but-protected-by-hsts': { modifier: -10, description: 'Session cookie set without the Secure flag, but transmission over HTTP prevented by HSTS' },
  'cookies-without-secure-flag': { modifier: -20, description: 'Cookies set without using the Secure flag or set over HTTP' },
  'cookies-samesite-flag-invalid': { modifier: -20, description: 'Cookies use the SameSite flag, but set to something other than Strict or Lax (or None without Secure)' },
  'cookies-anticsrf-without-samesite-flag': { modifier: -20, description: 'Anti-CSRF tokens set without using the SameSite flag' },
  'cookies-session-without-httponly-flag': { modifier: -30, description: 'Session cookie set without using the HttpOnly flag' },
  'cookies-session-without-secure-flag': { modifier: -40, description: 'Session cookie set without using the Secure flag or set over HTTP' },
  'cross-origin-resource-sharing-not-implemented': { modifier: 0, description: 'Content is not visible via cross-origin resource sharing (CORS) files or headers' },
  'cross-origin-resource-sharing-implemented-with-public-access': { modifier: 0, description: 'Public content is visible via cross-origin resource sharing (CORS) Access-Control-Allow-Origin header' },
  'cross-origin-resource-sharing-implemented-with-restricted-access': { modifier: 0, description: 'Content is visible via cross-origin resource sharing (CORS) files or headers, but is restricted to specific domains' },
  'cross-origin-resource-sharing-implemented-with-universal-access': { modifier: -50, description: 'Content is visible via cross-origin resource sharing (CORS) files or headers to any origin, with credentials' },
  'redirection-all-redirects-preloaded': { modifier: 0, description: 'All hosts redirected to are in the HTTP Strict Transport Security (HSTS) preload list' },
  'redirection-to-https': { modifier: 0, description: 'Initial redirection is to HTTPS on same host, final destination is HTTPS' },
  'redirection-not-needed-no-http': { modifier: 0, description: 'Not able to connect via HTTP, so no redirection necessary' },
  'redirection-off-host-from-http': { modifier: -5, description: 'Initial redirection from HTTP to HTTPS is to a different host, preventing HSTS' },
  'redirection-not-to-https-on-initial-redirection': { modifier: -10, description: 'Redirects to HTTPS eventually, but initial redirection is to another HTTP URL' },
  'redirection-not-to-https': { modifier: -20, description: 'Redirects, but final destination is not an HTTPS URL' },
  'redirection-missing': { modifier: -20, description: 'Does not redirect to an HTTPS site' },
  'redirection-invalid-cert': { modifier: -20, description: 'Invalid certificate chain encountered during redirection' },
  'referrer-policy-private': { modifier: 5, description: 'Referrer-Policy header set to no-referrer, same-origin, strict-origin or strict-origin-when-cross-origin' },
  'referrer-policy-not-implemented': { modifier: 0, description: 'Referrer-Policy header not implemented (the browser default, strict-origin-when-cross-origin, applies)' },
  'referrer-policy-unsafe': { modifier: -5, description: 'Referrer-Policy header set unsafely to origin, origin-when-cross-origin, unsafe-url or no-referrer-when-downgrade' },
  'referrer-policy-header-invalid': { modifier: -5, description: 'Referrer-Policy header cannot be recognized' },
  'hsts-preloaded': { modifier: 5, description: 'Preloaded via the HTTP Strict Transport Security (HSTS) preloading process' },
  'hsts-implemented-max-age-at-least-six-months': { modifier: 0, description: 'HTTP Strict Transport Security (HSTS) header set to a minimum of six months (15768000)' },
  'hsts-implemented-max-age-less-than-six-months': { modifier: -10, description: 'HTTP Strict Transport Security (HSTS) header set to less than six months (15768000)' },
  'hsts-not-implemented': { modifier: -20, description: 'HTTP Strict Transport Security (HSTS) header not implemented' },
  'hsts-header-invalid': { modifier: -20, description: 'HTTP Strict Transport Security (HSTS) header cannot be recognized' },
  'hsts-not-implemented-no-https': { modifier: -20, description: 'HTTP Strict Transport Security (HSTS) header cannot be set, as site contains an invalid certificate chain or is not served over HTTPS' },
  'hsts-invalid-cert': { modifier: -20, description: 'HTTP Strict Transport Security (HSTS) header cannot be set, as site contains an invalid certificate chain' },
  'sri-implemented-and-all-scripts-loaded-securely': { modifier: 5, description: 'Subresource Integrity (SRI) is implemented and all scripts are loaded from a similar origin' },
  'sri-implemented-and-external-scripts-loaded-securely': { modifier: 5, description: 'Subresource Integrity (SRI) is implemented and all scripts are loaded securely' },
  'sri-not-implemented-response-not-html': { modifier: 0, description: "Subresource Integrity (SRI) is only needed for HTML resources" },
  'sri-not-implemented-but-no-scripts-loaded': { modifier: 0, description: 'Subresource Integrity (SRI) is not needed since site contains no script tags' },
  'sri-not-implemented-but-all-scripts-loaded-from-secure-origin': { modifier: 0, description: 'Subresource Integrity (SRI) not implemented, but all scripts are loaded from a similar origin' },
  'sri-not-implemented-but-external-scripts-loaded-securely': { modifier: -5, description: 'Subresource Integrity (SRI) not implemented, but all external scripts are loaded over HTTPS' },
  'sri-implemented-but-external-scripts-not-loaded-securely': { modifier: -20, description: 'Subresource Integrity (SRI) implemented, but external scripts are loaded over HTTP or use protocol-relative URLs via src="//..."' },
  'sri-not-implemented-and-external-scripts-not-loaded-securely': { modifier: -50, description: 'Subresource Integrity (SRI) not implemented, and external scripts are loaded over HTTP or use protocol-relative URLs via src="//..."' },
  'html-not-parseable': { modifier: -20, description: 'Claims to be HTML, but cannot be parsed' },
  'x-content-type-options-nosniff': { modifier: 0, description: 'X-Content-Type-Options header set to nosniff' },
  'x-content-type-options-not-implemented': { modifier: -5, description: 'X-Content-Type-Options header not implemented' },
  'x-content-type-options-header-invalid': { modifier: -5, description: 'X-Content-Type-Options header cannot be recognized' },
  'x-frame-options-implemented-via-csp': { modifier: 5, description: 'X-Frame-Options (XFO) implemented via the CSP frame-ancestors directive' },
  'x-frame-options-sameorigin-or-deny': { modifier: 5, description: 'X-Frame-Options (XFO) header set to SAMEORIGIN or DENY' },
  'x-frame-options-allow-from-origin': { modifier: 0, description: 'X-Frame-Options (XFO) header uses ALLOW-FROM uri directive' },
  'x-frame-options-not-implemented': { modifier: -20, description: 'X-Frame-Options (XFO) header not implemented' },
  'x-frame-options-header-invalid': { modifier: -20, description: 'X-Frame-Options (XFO) header cannot be recognized' },
  'corp-implemented-with-same-origin': { modifier: 10, description: 'Cross-Origin-Resource-Policy (CORP) set to same-origin' },
  'corp-implemented-with-same-site': { modifier: 10, description: 'Cross-Origin-Resource-Policy (CORP) set to same-site' },
  'corp-implemented-with-cross-origin': { modifier: 0, description: 'Cross-Origin-Resource-Policy (CORP) set to cross-origin' },
  'corp-not-implemented': { modifier: 0, description: 'Cross-Origin-Resource-Policy (CORP) not implemented (defaults to cross-origin)' },
  'corp-header-invalid': { modifier: -5, description: 'Cross-Origin-Resource-Policy (CORP) header cannot be recognized' },
  'coep-implemented-with-require-corp': { modifier: 10, description: 'Cross-Origin-Embedder-Policy (COEP) set to require-corp' },
  'coep-implemented-with-credentialless': { modifier: 10, description: 'Cross-Origin-Embedder-Policy (COEP) set to credentialless' },
  'coep-implemented-with-unsafe-none': { modifier: 0, description: 'Cross-Origin-Embedder-Policy (COEP) set to unsafe-none' },
  'coep-not-implemented': { modifier: 0, description: 'Cross-Origin-Embedder-Policy (COEP) not implemented (defaults to unsafe-none)' },
  'coep-header-invalid': { modifier: -5, description: 'Cross-Origin-Embedder-Policy (COEP) header cannot be recognized' },
  'coop-implemented-with-same-origin': { modifier: 10, description: 'Cross-Origin-Opener-Policy (COOP) set to same-origin' },
  'coop-implemented-with-same-origin-allow-popups': { modifier: 10, description: 'Cross-Origin-Opener-Policy (COOP) set to same-origin-allow-popups' },
  'coop-implemented-with-noopener-allow-popups': { modifier: 10, description: 'Cross-Origin-Opener-Policy (COOP) set to noopener-allow-popups' },
  'coop-implemented-with-unsafe-none': { modifier: 0, description: 'Cross-Origin-Opener-Policy (COOP) set to unsafe-none' },
  'coop-not-implemented': { modifier: 0, description: 'Cross-Origin-Opener-Policy (COOP) not implemented (defaults to unsafe-none)' },
  'coop-header-invalid': { modifier: -5, description: 'Cross-Origin-Opener-Policy (COOP) header cannot be recognized' },
} as const satisfies Record<string, { modifier: number; description: string }>;

export type Expectation = keyof typeof SCORE_TABLE;

export interface TestOutcome {
  test: ObservatoryTest;
  result: Expectation;
  pass: boolean;
}

/** What every test reads from the main response, computed once. */
export interface PageFacts {
  response: CapturedResponse;
  tags: HtmlTag[];
  csp: CspAnalysis;
  https: boolean;
}

export function pageFacts(response: CapturedResponse): PageFacts {
  const tags = responseTags(response);
  return { response, tags, csp: analyzeCsp(response, tags), https: response.url.startsWith('https:') };
}

function outcome(test: ObservatoryTest, result: Expectation, passing: readonly Expectation[]): TestOutcome {
  return { test, result, pass: passing.includes(result) };
}

// --- content-security-policy -----------------------------------------------------------------------------------

const PASSIVE_DIRECTIVES = ['img-src', 'media-src'];
const NON_FETCH_DIRECTIVES = ['base-uri', 'sandbox', 'form-action', 'frame-ancestors', 'navigate-to', 'report-uri', 'report-to', 'upgrade-insecure-requests', 'block-all-mixed-content', 'require-sri-for', 'require-trusted-types-for', 'trusted-types', 'plugin-types', 'referrer', 'reflected-xss', 'webrtc'];

export function cspTest(page: PageFacts): TestOutcome {
  const { csp } = page;
  const passing: Expectation[] = ['csp-implemented-with-no-unsafe', 'csp-implemented-with-no-unsafe-default-src-none', 'csp-implemented-with-unsafe-inline-in-style-src-only', 'csp-implemented-with-insecure-scheme-in-passive-content-only', 'csp-implemented-but-duplicate-directives'];
  const done = (result: Expectation): TestOutcome => outcome('content-security-policy', result, passing);
  if (csp.invalid) return done('csp-header-invalid');
  if (csp.policies.length === 0) return done(csp.reportOnly.length > 0 ? 'csp-not-implemented-but-reporting-enabled' : 'csp-not-implemented');
  const { policies } = csp;
  const script = new Set(effectiveSources(policies, 'script-src') ?? ['*']);
  const style = new Set(effectiveSources(policies, 'style-src') ?? ['*']);
  const object = new Set(effectiveSources(policies, 'object-src') ?? ['*']);
  for (const list of [script, style]) if ([...list].some(isNonceOrHash)) list.delete("'unsafe-inline'");
  if (script.has("'strict-dynamic'")) {
    if (![...script].some(isNonceOrHash)) return done('csp-header-invalid');
    for (const source of [...script]) if (source === "'self'" || source === "'unsafe-inline'" || DANGEROUSLY_BROAD.some((b) => source.startsWith(b))) script.delete(source);
  }
  const directives = new Set(policies.flatMap((p) => [...p.directives.keys()]));
  const active = [...script, ...style, ...object];
  for (const directive of directives) {
    if (directive === 'script-src' || PASSIVE_DIRECTIVES.includes(directive) || NON_FETCH_DIRECTIVES.includes(directive)) continue;
    active.push(...(effectiveSources(policies, directive) ?? []));
  }
  const passive = PASSIVE_DIRECTIVES.flatMap((d) => effectiveSources(policies, d) ?? []);
  const insecure = (s: string): boolean => s.includes('http:') || s.includes('ftp:');
  const broadOrInline = [...DANGEROUSLY_BROAD, ...UNSAFE_INLINE];
  let result: Expectation;
  if (broadOrInline.some((s) => script.has(s)) || DANGEROUSLY_BROAD.some((s) => object.has(s))) result = 'csp-implemented-with-unsafe-inline';
  else if (page.https && active.some(insecure) && !script.has("'strict-dynamic'")) result = 'csp-implemented-with-insecure-scheme';
  else if (script.has("'unsafe-eval'") || style.has("'unsafe-eval'")) result = 'csp-implemented-with-unsafe-eval';
  else if (page.https && passive.some(insecure)) result = 'csp-implemented-with-insecure-scheme-in-passive-content-only';
  else if (broadOrInline.some((s) => style.has(s))) result = 'csp-implemented-with-unsafe-inline-in-style-src-only';
  else if (policies.some((p) => { const d = p.directives.get('default-src'); return d !== undefined && d.length === 1 && d[0] === "'none'"; })) result = 'csp-implemented-with-no-unsafe-default-src-none';
  else result = 'csp-implemented-with-no-unsafe';
  const duplicateReporting = policies.some((p) => p.duplicates.some((d) => d === 'report-uri' || d === 'report-to'));
  if (duplicateReporting && (result === 'csp-implemented-with-no-unsafe' || result === 'csp-implemented-with-no-unsafe-default-src-none')) result = 'csp-implemented-but-duplicate-directives';
  return done(result);
}

// --- cookies ------------------------------------------------------------------------------------------------------

const COOKIE_ORDER: readonly Expectation[] = [
  'cookies-secure-with-httponly-sessions-and-samesite',
  'cookies-secure-with-httponly-sessions',
  'cookies-without-secure-flag-but-protected-by-hsts',
  'cookies-session-without-secure-flag-but-protected-by-hsts',
  'cookies-without-secure-flag',
  'cookies-samesite-flag-invalid',
  'cookies-anticsrf-without-samesite-flag',
  'cookies-session-without-httponly-flag',
  'cookies-session-without-secure-flag',
];

/** The cookie jar judged cookie by cookie, keeping the worst result (the Observatory's `onlyIfWorse`). */
export function cookiesTest(site: SiteCapture, now?: number): TestOutcome {
  const passing: Expectation[] = ['cookies-not-found', 'cookies-secure-with-httponly-sessions', 'cookies-secure-with-httponly-sessions-and-samesite'];
  const cookies = jarCookies(site, now).filter((c) => !IGNORED_COOKIES.includes(c.name.toLowerCase()));
  if (cookies.length === 0) return outcome('cookies', 'cookies-not-found', passing);
  const hsts = hstsTest(site).pass;
  let result: Expectation = COOKIE_ORDER[0]!;
  const worse = (candidate: Expectation): void => {
    if (COOKIE_ORDER.indexOf(candidate) > COOKIE_ORDER.indexOf(result)) result = candidate;
  };
  for (const cookie of cookies) {
    const sameSite = cookie.sameSite?.trim().toLowerCase() ?? null;
    let hasSameSite = false;
    if (sameSite !== null) {
      if (sameSite === 'strict' || sameSite === 'lax' || (sameSite === 'none' && cookie.secure)) hasSameSite = true;
      else worse('cookies-samesite-flag-invalid');
    }
    const session = looksLikeSessionCookie(cookie.name);
    const csrf = looksLikeCsrfCookie(cookie.name);
    if (!cookie.secure) worse(hsts ? 'cookies-without-secure-flag-but-protected-by-hsts' : 'cookies-without-secure-flag');
    if (csrf && !hasSameSite) worse('cookies-anticsrf-without-samesite-flag');
    if (session && !cookie.secure) worse(hsts ? 'cookies-session-without-secure-flag-but-protected-by-hsts' : 'cookies-session-without-secure-flag');
    if (session && !cookie.httpOnly) worse('cookies-session-without-httponly-flag');
    if (!hasSameSite) worse('cookies-secure-with-httponly-sessions');
  }
  return outcome('cookies', result, passing);
}

// --- cross-origin policies (COEP, COOP, CORP) ---------------------------------------------------------------------

/** An RFC 8941 token item with optional parameters (`same-origin; report-to="x"`); null when it is not one. */
export function structuredToken(value: string): string | null {
  const match = /^\s*([A-Za-z*][A-Za-z0-9:/!#$%&'*+\-.^_`|~]*)\s*((?:;\s*[a-z*][a-z0-9_\-.*]*(?:=(?:"(?:[^"\\]|\\.)*"|[A-Za-z*][A-Za-z0-9:/!#$%&'*+\-.^_`|~]*|-?\d+(?:\.\d+)?|\?[01]))?\s*)*)$/.exec(value);
  return match ? match[1]! : null;
}

function policyHeader(page: PageFacts, header: string, withMeta = false): string | undefined {
  return firstHeader(page.response.headers, header) ?? (withMeta ? httpEquiv(page.tags, header)[0] : undefined);
}

export function coepTest(page: PageFacts): TestOutcome {
  const passing: Expectation[] = ['coep-implemented-with-require-corp', 'coep-implemented-with-credentialless', 'coep-implemented-with-unsafe-none', 'coep-not-implemented'];
  const value = policyHeader(page, 'cross-origin-embedder-policy');
  if (value === undefined) return outcome('cross-origin-embedder-policy', 'coep-not-implemented', passing);
  const token = structuredToken(value);
  const result: Expectation = token === 'require-corp' ? 'coep-implemented-with-require-corp' : token === 'credentialless' ? 'coep-implemented-with-credentialless' : token === 'unsafe-none' ? 'coep-implemented-with-unsafe-none' : 'coep-header-invalid';
  return outcome('cross-origin-embedder-policy', result, passing);
}

export function coopTest(page: PageFacts): TestOutcome {
  const passing: Expectation[] = ['coop-implemented-with-same-origin', 'coop-implemented-with-same-origin-allow-popups', 'coop-implemented-with-noopener-allow-popups', 'coop-implemented-with-unsafe-none', 'coop-not-implemented'];
  const value = policyHeader(page, 'cross-origin-opener-policy');
  if (value === undefined) return outcome('cross-origin-opener-policy', 'coop-not-implemented', passing);
  const results: Record<string, Expectation> = {
    'same-origin': 'coop-implemented-with-same-origin',
    'same-origin-allow-popups': 'coop-implemented-with-same-origin-allow-popups',
    'noopener-allow-popups': 'coop-implemented-with-noopener-allow-popups',
    'unsafe-none': 'coop-implemented-with-unsafe-none',
  };
  return outcome('cross-origin-opener-policy', results[structuredToken(value) ?? ''] ?? 'coop-header-invalid', passing);
}

export function corpTest(page: PageFacts): TestOutcome {
  const passing: Expectation[] = ['corp-implemented-with-same-origin', 'corp-implemented-with-same-site', 'corp-implemented-with-cross-origin', 'corp-not-implemented'];
  const value = policyHeader(page, 'cross-origin-resource-policy', true);
  if (value === undefined) return outcome('cross-origin-resource-policy', 'corp-not-implemented', passing);
  const results: Record<string, Expectation> = { 'same-origin': 'corp-implemented-with-same-origin', 'same-site': 'corp-implemented-with-same-site', 'cross-origin': 'corp-implemented-with-cross-origin' };
  return outcome('cross-origin-resource-policy', results[value.trim().toLowerCase()] ?? 'corp-header-invalid', passing);
}

// --- cross-origin-resource-sharing --------------------------------------------------------------------------------

/** The `Origin` the probe sent with the preflight (compared with what the site allows). */
export function sentOrigin(request: { headers: Readonly<Record<string, string>> }): string | undefined {
  for (const [name, value] of Object.entries(request.headers)) if (name.toLowerCase() === 'origin') return value;
  return undefined;
}

export function corsTest(site: SiteCapture): TestOutcome {
  const passing: Expectation[] = ['cross-origin-resource-sharing-not-implemented', 'cross-origin-resource-sharing-implemented-with-public-access', 'cross-origin-resource-sharing-implemented-with-restricted-access'];
  const response = site.cors?.response;
  const acao = response ? firstHeader(response.headers, 'access-control-allow-origin')?.trim() : undefined;
  if (!response || acao === undefined) return outcome('cross-origin-resource-sharing', 'cross-origin-resource-sharing-not-implemented', passing);
  const credentials = firstHeader(response.headers, 'access-control-allow-credentials')?.trim().toLowerCase() === 'true';
  let result: Expectation = 'cross-origin-resource-sharing-implemented-with-restricted-access';
  if (acao === '*') result = 'cross-origin-resource-sharing-implemented-with-public-access';
  else if (acao === sentOrigin(site.cors!.request) && credentials) result = 'cross-origin-resource-sharing-implemented-with-universal-access';
  return outcome('cross-origin-resource-sharing', result, passing);
}

// --- redirection --------------------------------------------------------------------------------------------------

/** The URLs of the `http://` exchange: every hop, then the final response. Empty when there was no answer. */
export function redirectRoute(site: SiteCapture): string[] {
  const exchange = site.http;
  if (!exchange?.response) return [];
  return [...exchange.redirects.map((hop) => hop.url), exchange.response.url];
}

export function redirectionTest(site: SiteCapture): TestOutcome {
  const passing: Expectation[] = ['redirection-not-needed-no-http', 'redirection-all-redirects-preloaded', 'redirection-to-https'];
  const done = (result: Expectation): TestOutcome => outcome('redirection', result, passing);
  const exchange = site.http;
  if (exchange?.error?.code === 'tls') return done('redirection-invalid-cert');
  if (exchange?.error?.code === 'too-many-redirects') return done('redirection-not-to-https');
  const route = redirectRoute(site);
  if (route.length === 0) return done('redirection-not-needed-no-http');
  if (route.length === 1) return done('redirection-missing');
  const urls = route.map((u) => resolveUrl(u, site.target));
  const last = urls[urls.length - 1];
  if (last?.protocol !== 'https:') return done('redirection-not-to-https');
  if (urls[1]?.protocol === 'http:') return done('redirection-not-to-https-on-initial-redirection');
  if (urls[0]?.protocol === 'http:' && urls[1]?.protocol === 'https:' && urls[0].hostname.toLowerCase() !== urls[1].hostname.toLowerCase()) return done('redirection-off-host-from-http');
  if (site.tls && !site.tls.trusted && last.hostname === new URL(site.origin).hostname) return done('redirection-invalid-cert');
  return done('redirection-to-https');
}

// --- referrer-policy ----------------------------------------------------------------------------------------------

const REFERRER_PRIVATE = ['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'];
const REFERRER_UNSAFE = ['origin', 'origin-when-cross-origin', 'unsafe-url', 'no-referrer-when-downgrade'];

/** The policy in force: the last recognised token of the header values then the meta tags; `null` when none is set. */
export function referrerPolicy(page: PageFacts): { policy: string | null; present: boolean; values: string[] } {
  const values = [...headerValues(page.response.headers, 'referrer-policy'), ...metaNamed(page.tags, 'referrer')];
  if (values.length === 0) return { policy: null, present: false, values };
  const tokens = values.flatMap((v) => v.toLowerCase().split(',')).map((t) => t.trim()).filter((t) => REFERRER_PRIVATE.includes(t) || REFERRER_UNSAFE.includes(t));
  return { policy: tokens[tokens.length - 1] ?? null, present: true, values };
}

export function referrerPolicyTest(page: PageFacts): TestOutcome {
  const passing: Expectation[] = ['referrer-policy-private', 'referrer-policy-not-implemented'];
  const { policy, present } = referrerPolicy(page);
  if (!present) return outcome('referrer-policy', 'referrer-policy-not-implemented', passing);
  const result: Expectation = policy === null ? 'referrer-policy-header-invalid' : REFERRER_PRIVATE.includes(policy) ? 'referrer-policy-private' : 'referrer-policy-unsafe';
  return outcome('referrer-policy', result, passing);
}

export function isUnsafeReferrerPolicy(policy: string): boolean {
  return REFERRER_UNSAFE.includes(policy);
}

// --- strict-transport-security ------------------------------------------------------------------------------------

export function hstsTest(site: SiteCapture): TestOutcome {
  const passing: Expectation[] = ['hsts-implemented-max-age-at-least-six-months', 'hsts-preloaded'];
  const done = (result: Expectation): TestOutcome => outcome('strict-transport-security', result, passing);
  const exchange = site.https;
  if (exchange?.error?.code === 'tls') return done('hsts-invalid-cert');
  const response = exchange?.response;
  if (!response || !response.url.startsWith('https:')) return done('hsts-not-implemented-no-https');
  if (site.tls && !site.tls.trusted) return done('hsts-invalid-cert');
  const header = firstHeader(response.headers, 'strict-transport-security');
  if (header === undefined) return done('hsts-not-implemented');
  const parsed = parseHsts(header);
  if (!parsed.ok) return done('hsts-header-invalid');
  return done(parsed.value.maxAge < SIX_MONTHS ? 'hsts-implemented-max-age-less-than-six-months' : 'hsts-implemented-max-age-at-least-six-months');
}

// --- subresource-integrity ----------------------------------------------------------------------------------------

const SRI_ORDER: readonly Expectation[] = [
  'sri-implemented-and-all-scripts-loaded-securely',
  'sri-implemented-and-external-scripts-loaded-securely',
  'sri-implemented-but-external-scripts-not-loaded-securely',
  'sri-not-implemented-but-external-scripts-loaded-securely',
  'sri-not-implemented-and-external-scripts-not-loaded-securely',
];

/** A script from another registrable domain, or protocol-relative (`//host/x.js`): the Observatory's "external". */
export function isExternalScript(src: string, pageUrl: string): boolean {
  if (/^\s*\/\//.test(src)) return true;
  const url = resolveUrl(src, pageUrl);
  if (!url || !/^https?:$/.test(url.protocol)) return false;
  return registrableDomain(url.hostname) !== registrableDomain(new URL(pageUrl).hostname);
}

export function sriTest(page: PageFacts): TestOutcome {
  const passing: Expectation[] = ['sri-implemented-and-all-scripts-loaded-securely', 'sri-implemented-and-external-scripts-loaded-securely', 'sri-not-implemented-response-not-html', 'sri-not-implemented-but-all-scripts-loaded-from-secure-origin', 'sri-not-implemented-but-no-scripts-loaded'];
  const done = (result: Expectation): TestOutcome => outcome('subresource-integrity', result, passing);
  if (!isHtml(page.response)) return done('sri-not-implemented-response-not-html');
  const scripts = scriptTags(page.tags);
  if (scripts.length === 0) return done('sri-not-implemented-but-no-scripts-loaded');
  const pageUrl = page.response.url;
  let result: Expectation | null = null;
  const worse = (candidate: Expectation): void => {
    if (result === null || SRI_ORDER.indexOf(candidate) > SRI_ORDER.indexOf(result)) result = candidate;
  };
  for (const script of scripts) {
    if (!isExternalScript(script.src, pageUrl)) continue;
    const secure = resolveUrl(script.src, pageUrl)?.protocol === 'https:' && !/^\s*\/\//.test(script.src);
    if (script.integrity && secure) worse('sri-implemented-and-external-scripts-loaded-securely');
    else if (script.integrity) worse('sri-implemented-but-external-scripts-not-loaded-securely');
    else if (secure) worse('sri-not-implemented-but-external-scripts-loaded-securely');
    else worse('sri-not-implemented-and-external-scripts-not-loaded-securely');
  }
  if (result === null) {
    const allWithIntegrity = scripts.every((s) => s.integrity !== null);
    return done(allWithIntegrity ? 'sri-implemented-and-all-scripts-loaded-securely' : 'sri-not-implemented-but-all-scripts-loaded-from-secure-origin');
  }
  return done(result);
}

// --- x-content-type-options, x-frame-options ----------------------------------------------------------------------

export function xContentTypeOptionsTest(page: PageFacts): TestOutcome {
  const value = firstHeader(page.response.headers, 'x-content-type-options');
  const result: Expectation = value === undefined ? 'x-content-type-options-not-implemented' : value.trim().toLowerCase() === 'nosniff' ? 'x-content-type-options-nosniff' : 'x-content-type-options-header-invalid';
  return outcome('x-content-type-options', result, ['x-content-type-options-nosniff']);
}

/** `frame-ancestors` of the header policies (a meta policy cannot set it); undefined when absent. */
export function frameAncestors(page: PageFacts): string[] | undefined {
  return effectiveSources(page.csp.policies.filter((p) => p.origin === 'header'), 'frame-ancestors');
}

export function xFrameOptionsTest(page: PageFacts): TestOutcome {
  const passing: Expectation[] = ['x-frame-options-sameorigin-or-deny', 'x-frame-options-allow-from-origin', 'x-frame-options-implemented-via-csp'];
  if (frameAncestors(page) !== undefined) return outcome('x-frame-options', 'x-frame-options-implemented-via-csp', passing);
  const value = firstHeader(page.response.headers, 'x-frame-options')?.trim().toLowerCase();
  let result: Expectation;
  if (value === undefined) result = 'x-frame-options-not-implemented';
  else if (value === 'deny' || value === 'sameorigin') result = 'x-frame-options-sameorigin-or-deny';
  else if (value.startsWith('allow-from ')) result = 'x-frame-options-allow-from-origin';
  else result = 'x-frame-options-header-invalid';
  return outcome('x-frame-options', result, passing);
}

// --- all tests ----------------------------------------------------------------------------------------------------

/** The Observatory's preconditions: a response with status 2xx, 3xx, 401 or 403. */
export function observatoryPrecondition(site: SiteCapture): string | null {
  const response = site.main.response;
  if (!response) return `${site.target}: the site seems to be down (${site.main.error?.message ?? 'no response'})`;
  const { status } = response;
  if ((status >= 200 && status < 400) || status === 401 || status === 403) return null;
  return `${response.url} answered ${status}; the Observatory grades only sites that answer 2xx, 3xx, 401 or 403`;
}

/** Runs the 12 tests, in the Observatory's order. Null when the preconditions fail. */
export function runObservatoryTests(site: SiteCapture, now?: number): TestOutcome[] | null {
  if (observatoryPrecondition(site) !== null) return null;
  const page = pageFacts(site.main.response!);
  const byName: Record<ObservatoryTest, () => TestOutcome> = {
    'content-security-policy': () => cspTest(page),
    cookies: () => cookiesTest(site, now),
    'cross-origin-embedder-policy': () => coepTest(page),
    'cross-origin-opener-policy': () => coopTest(page),
    'cross-origin-resource-sharing': () => corsTest(site),
    redirection: () => redirectionTest(site),
    'referrer-policy': () => referrerPolicyTest(page),
    'strict-transport-security': () => hstsTest(site),
    'subresource-integrity': () => sriTest(page),
    'x-content-type-options': () => xContentTypeOptionsTest(page),
    'x-frame-options': () => xFrameOptionsTest(page),
    'cross-origin-resource-policy': () => corpTest(page),
  };
  return OBSERVATORY_TESTS.map((name) => byName[name]());
}
