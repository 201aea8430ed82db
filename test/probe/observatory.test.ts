/**
 * The Observatory's 12 tests as pure analyzers of captured responses: every result each test can give (except the
 * preload-list ones and html-not-parseable, which ponyguard never produces), plus the parsers they rest on.
 */
import { describe, expect, it } from 'vitest';
import { parseSetCookie } from '../../src/probe/observatory/cookies.js';
import { analyzeCsp, effectiveSources, parsePolicy, scriptPolicy } from '../../src/probe/observatory/csp.js';
import { parseHsts } from '../../src/probe/observatory/hsts.js';
import { htmlTags, httpEquiv, pageResources, registrableDomain, scriptTags } from '../../src/probe/observatory/html.js';
import { coepTest, coopTest, corpTest, corsTest, cookiesTest, cspTest, hstsTest, pageFacts, redirectionTest, referrerPolicyTest, sriTest, structuredToken, xContentTypeOptionsTest, xFrameOptionsTest } from '../../src/probe/observatory/tests.js';
import { serverBanners } from '../../src/probe/observatory/banners.js';
import { captureWith, response, type CaptureSpec } from './capture.js';

const page = (spec: CaptureSpec) => pageFacts(captureWith(spec).main.response!);
const csp = (policy: string, extra: CaptureSpec = {}) => cspTest(page({ headers: { 'Content-Security-Policy': policy }, ...extra })).result;

describe('content-security-policy', () => {
  it.each([
    ["default-src 'none'", 'csp-implemented-with-no-unsafe-default-src-none'],
    ["default-src 'none'; script-src 'self'; style-src 'self'", 'csp-implemented-with-no-unsafe-default-src-none'],
    ["default-src 'self'", 'csp-implemented-with-no-unsafe'],
    ["default-src 'self'; style-src 'self' 'unsafe-inline'", 'csp-implemented-with-unsafe-inline-in-style-src-only'],
    ["default-src 'self'; img-src 'self' http://images.example.com", 'csp-implemented-with-insecure-scheme-in-passive-content-only'],
    ["default-src 'self'; script-src 'self' 'unsafe-eval'", 'csp-implemented-with-unsafe-eval'],
    ["default-src 'self'; script-src 'self' 'unsafe-inline'", 'csp-implemented-with-unsafe-inline'],
    ["default-src 'self'; script-src 'self' data:", 'csp-implemented-with-unsafe-inline'],
    ["default-src 'self'; script-src https:", 'csp-implemented-with-unsafe-inline'],
    ["default-src 'self'; object-src *", 'csp-implemented-with-unsafe-inline'],
    ["img-src 'self'", 'csp-implemented-with-unsafe-inline'], // no script-src or default-src counts as *
    ["default-src 'self'; script-src 'self' http://cdn.example.com", 'csp-implemented-with-insecure-scheme'],
    ["default-src 'self'; script-src 'self' 'nonce-abc' 'unsafe-inline'", 'csp-implemented-with-no-unsafe'],
    ["default-src 'self'; script-src 'nonce-abc' 'strict-dynamic' https: 'unsafe-inline'", 'csp-implemented-with-no-unsafe'],
    ["default-src 'self'; script-src 'strict-dynamic' https:", 'csp-header-invalid'],
    ["default-src 'self'; report-uri /a; report-uri /b", 'csp-implemented-but-duplicate-directives'],
    ["default-src 'self'; scr!pt-src 'self'", 'csp-header-invalid'],
  ])('%s → %s', (policy, expected) => {
    expect(csp(policy)).toBe(expected);
  });

  it('counts http: sources as insecure only on an https page', () => {
    expect(csp("default-src 'self'; script-src 'self' http://cdn.example.com", { target: 'http://example.com/' })).toBe('csp-implemented-with-no-unsafe');
  });

  it('tells a missing policy from a report-only one, and passes only the good results', () => {
    expect(cspTest(page({})).result).toBe('csp-not-implemented');
    expect(cspTest(page({ headers: { 'Content-Security-Policy-Report-Only': "default-src 'self'" } })).result).toBe('csp-not-implemented-but-reporting-enabled');
    expect(cspTest(page({ headers: { 'Content-Security-Policy': "default-src 'self'" } })).pass).toBe(true);
    expect(cspTest(page({ headers: { 'Content-Security-Policy': "default-src 'self'; style-src 'unsafe-inline'" } })).pass).toBe(true);
    expect(cspTest(page({ headers: { 'Content-Security-Policy': "script-src 'unsafe-eval'; default-src 'self'" } })).pass).toBe(false);
  });

  it('merges header and meta policies: a resource must satisfy both', () => {
    const body = `<html><head><meta http-equiv="Content-Security-Policy" content="script-src 'self'"></head></html>`;
    expect(csp("default-src 'self'; script-src 'self' 'unsafe-inline'", { body })).toBe('csp-implemented-with-no-unsafe');
    const metaOnly = page({ body: `<meta http-equiv="content-security-policy" content="default-src 'none'; frame-ancestors 'none'">` });
    expect(cspTest(metaOnly).result).toBe('csp-implemented-with-no-unsafe-default-src-none');
    expect(metaOnly.csp.ignoredInMeta).toEqual(['frame-ancestors']);
    // Two header policies joined by a comma: each falls back to its own default-src.
    const both = analyzeCsp(response('https://example.com/', { headers: { 'Content-Security-Policy': "default-src 'self', script-src 'self' 'unsafe-inline'" } }));
    expect(effectiveSources(both.policies, 'script-src')).toEqual(["'self'"]);
  });

  it('parses sources case-insensitively but keeps nonce values', () => {
    const policy = parsePolicy("Script-Src 'SELF' 'nonce-AbC'; object-src", 'header');
    expect(policy.directives.get('script-src')).toEqual(["'self'", "'nonce-AbC'"]);
    expect(policy.directives.get('object-src')).toEqual(["'none'"]);
    expect(scriptPolicy([policy])).toMatchObject({ nonceOrHash: true, strictDynamic: false });
  });
});

describe('cookies', () => {
  const cookies = (setCookie: string[], extra: CaptureSpec = {}) => cookiesTest(captureWith({ headers: { 'Set-Cookie': setCookie }, ...extra })).result;
  const hsts = { headers: { 'Strict-Transport-Security': 'max-age=31536000' } };

  it.each([
    [['a=1; Secure; SameSite=Lax', 'sessionid=2; Secure; HttpOnly; SameSite=Strict'], 'cookies-secure-with-httponly-sessions-and-samesite'],
    [['a=1; Secure', 'sessionid=2; Secure; HttpOnly; SameSite=Lax'], 'cookies-secure-with-httponly-sessions'],
    [['a=1; SameSite=Lax'], 'cookies-without-secure-flag'],
    [['a=1; Secure; SameSite=Bogus'], 'cookies-samesite-flag-invalid'],
    [['a=1; SameSite=None'], 'cookies-samesite-flag-invalid'],
    [['csrftoken=1; Secure'], 'cookies-anticsrf-without-samesite-flag'],
    [['sessionid=1; Secure; SameSite=Lax'], 'cookies-session-without-httponly-flag'],
    [['sessionid=1; HttpOnly; SameSite=Lax'], 'cookies-session-without-secure-flag'],
    [['csrftoken=1; SameSite=Lax', 'sessionid=1; HttpOnly; SameSite=Lax'], 'cookies-session-without-secure-flag'],
  ])('%j → %s', (setCookie, expected) => {
    expect(cookies(setCookie)).toBe(expected);
  });

  it('downgrades missing Secure flags when HSTS passes', () => {
    expect(cookiesTest(captureWith({ headers: { 'Set-Cookie': 'a=1; SameSite=Lax', ...hsts.headers } })).result).toBe('cookies-without-secure-flag-but-protected-by-hsts');
    expect(cookiesTest(captureWith({ headers: { 'Set-Cookie': 'sessionid=1; HttpOnly; SameSite=Lax', ...hsts.headers } })).result).toBe('cookies-session-without-secure-flag-but-protected-by-hsts');
  });

  it('reads the jar of the main page and /robots.txt only, without deleted or ignored cookies', () => {
    expect(cookiesTest(captureWith({})).result).toBe('cookies-not-found');
    expect(cookies(['sessionid=; Max-Age=0; Path=/', 'heroku-session-affinity=x'])).toBe('cookies-not-found');
    expect(cookiesTest(captureWith({ robots: { headers: { 'Set-Cookie': 'sessionid=1; Path=/' } } })).result).toBe('cookies-session-without-secure-flag');
    expect(cookiesTest(captureWith({ admin: { headers: { 'Set-Cookie': 'sessionid=1; Path=/' } } })).result).toBe('cookies-not-found');
    expect(cookiesTest(captureWith({})).pass).toBe(true);
    expect(cookiesTest(captureWith({ headers: { 'Set-Cookie': 'a=1; SameSite=Lax' } })).pass).toBe(false);
  });

  it('parses Set-Cookie attributes and masks the value in evidence', () => {
    expect(parseSetCookie('sessionid=s3cr3t; expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Path=/; SameSite=Lax; secure', 'https://x/', Date.parse('2026-01-01'))).toEqual({
      name: 'sessionid', secure: true, httpOnly: true, sameSite: 'Lax', deletes: true, domain: null, path: '/', url: 'https://x/',
      header: 'Set-Cookie: sessionid=…; expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Path=/; SameSite=Lax; secure',
    });
    expect(parseSetCookie('no-equals-sign', 'https://x/')).toBeNull();
  });
});

describe('cross-origin-embedder/opener/resource-policy', () => {
  const facts = (headers: Record<string, string>) => page({ headers });
  it.each([
    ['require-corp', 'coep-implemented-with-require-corp'],
    ['credentialless', 'coep-implemented-with-credentialless'],
    ['unsafe-none', 'coep-implemented-with-unsafe-none'],
    ['require-corp; report-to="coep"', 'coep-implemented-with-require-corp'],
    ['"require-corp"', 'coep-header-invalid'],
    ['bogus', 'coep-header-invalid'],
  ])('COEP %s → %s', (value, expected) => {
    expect(coepTest(facts({ 'Cross-Origin-Embedder-Policy': value })).result).toBe(expected);
  });
  it.each([
    ['same-origin', 'coop-implemented-with-same-origin'],
    ['same-origin-allow-popups', 'coop-implemented-with-same-origin-allow-popups'],
    ['noopener-allow-popups', 'coop-implemented-with-noopener-allow-popups'],
    ['unsafe-none', 'coop-implemented-with-unsafe-none'],
    ['same origin', 'coop-header-invalid'],
  ])('COOP %s → %s', (value, expected) => {
    expect(coopTest(facts({ 'Cross-Origin-Opener-Policy': value })).result).toBe(expected);
  });
  it.each([
    ['same-origin', 'corp-implemented-with-same-origin'],
    ['same-site', 'corp-implemented-with-same-site'],
    ['cross-origin', 'corp-implemented-with-cross-origin'],
    ['anyone', 'corp-header-invalid'],
  ])('CORP %s → %s', (value, expected) => {
    expect(corpTest(facts({ 'Cross-Origin-Resource-Policy': value })).result).toBe(expected);
  });
  it('defaults to not-implemented (0, passing); invalid values fail', () => {
    expect([coepTest(facts({})), coopTest(facts({})), corpTest(facts({}))].map((o) => [o.result, o.pass])).toEqual([['coep-not-implemented', true], ['coop-not-implemented', true], ['corp-not-implemented', true]]);
    expect(coopTest(facts({ 'Cross-Origin-Opener-Policy': 'nope' })).pass).toBe(false);
    expect(structuredToken('same-origin;report-to="x"')).toBe('same-origin');
  });
});

describe('cross-origin-resource-sharing', () => {
  const cors = (headers: Record<string, string> | undefined) => corsTest(captureWith(headers ? { cors: { headers } } : {}));
  it.each([
    [undefined, 'cross-origin-resource-sharing-not-implemented', true],
    [{}, 'cross-origin-resource-sharing-not-implemented', true],
    [{ 'Access-Control-Allow-Origin': '*' }, 'cross-origin-resource-sharing-implemented-with-public-access', true],
    [{ 'Access-Control-Allow-Origin': 'https://app.example.com', 'Access-Control-Allow-Credentials': 'true' }, 'cross-origin-resource-sharing-implemented-with-restricted-access', true],
    [{ 'Access-Control-Allow-Origin': 'https://ponyguard-cors-test.example' }, 'cross-origin-resource-sharing-implemented-with-restricted-access', true],
    [{ 'Access-Control-Allow-Origin': 'https://ponyguard-cors-test.example', 'Access-Control-Allow-Credentials': 'true' }, 'cross-origin-resource-sharing-implemented-with-universal-access', false],
  ])('%j → %s', (headers, expected, pass) => {
    expect(cors(headers)).toMatchObject({ result: expected, pass });
  });
});

describe('redirection', () => {
  const hop = (url: string, location: string, status = 301) => ({ url, status, location });
  it.each<[string, CaptureSpec, string, boolean]>([
    ['same-host 301 to https', {}, 'redirection-to-https', true],
    ['no http answer', { http: { error: { code: 'connection-refused', message: 'refused' } } }, 'redirection-not-needed-no-http', true],
    ['http not tried', { http: null }, 'redirection-not-needed-no-http', true],
    ['served over http', { http: { status: 200 } }, 'redirection-missing', false],
    ['redirect to another http page', { http: { redirects: [hop('http://example.com/', 'http://example.com/home/')] } }, 'redirection-not-to-https', false],
    ['a redirect loop', { http: { error: { code: 'too-many-redirects', message: 'loop' } } }, 'redirection-not-to-https', false],
    ['http hop first', { http: { redirects: [hop('http://example.com/', 'http://www.example.com/'), hop('http://www.example.com/', 'https://www.example.com/')] } }, 'redirection-not-to-https-on-initial-redirection', false],
    ['off host', { http: { redirects: [hop('http://example.com/', 'https://www.example.com/')] } }, 'redirection-off-host-from-http', false],
    ['invalid certificate', { tls: { trusted: false, trustError: 'DEPTH_ZERO_SELF_SIGNED_CERT' } }, 'redirection-invalid-cert', false],
    ['certificate rejected', { http: { error: { code: 'tls', message: 'self-signed' } } }, 'redirection-invalid-cert', false],
  ])('%s → %s', (_name, spec, expected, pass) => {
    expect(redirectionTest(captureWith(spec))).toMatchObject({ result: expected, pass });
  });
  it('compares hosts without the port (HSTS ignores ports)', () => {
    const site = captureWith({ target: 'https://127.0.0.1:8443/', http: { url: 'http://127.0.0.1:8080/', redirects: [hop('http://127.0.0.1:8080/', 'https://127.0.0.1:8443/')] } });
    expect(redirectionTest(site).result).toBe('redirection-to-https');
  });
});

describe('referrer-policy', () => {
  const referrer = (spec: CaptureSpec) => referrerPolicyTest(page(spec));
  it.each([
    ['no-referrer', 'referrer-policy-private'],
    ['same-origin', 'referrer-policy-private'],
    ['strict-origin', 'referrer-policy-private'],
    ['strict-origin-when-cross-origin', 'referrer-policy-private'],
    ['unsafe-url', 'referrer-policy-unsafe'],
    ['origin', 'referrer-policy-unsafe'],
    ['origin-when-cross-origin', 'referrer-policy-unsafe'],
    ['no-referrer-when-downgrade', 'referrer-policy-unsafe'],
    ['no-referrer, bogus', 'referrer-policy-private'],
    ['unsafe-url, strict-origin', 'referrer-policy-private'],
    ['strict-origin, unsafe-url', 'referrer-policy-unsafe'],
    ['sometimes', 'referrer-policy-header-invalid'],
  ])('%s → %s', (value, expected) => {
    expect(referrer({ headers: { 'Referrer-Policy': value } }).result).toBe(expected);
  });
  it('reads the meta tag after the header, and passes when not implemented', () => {
    expect(referrer({ headers: { 'Referrer-Policy': 'no-referrer' }, body: '<meta name="referrer" content="unsafe-url">' }).result).toBe('referrer-policy-unsafe');
    expect(referrer({})).toMatchObject({ result: 'referrer-policy-not-implemented', pass: true });
  });
});

describe('strict-transport-security', () => {
  const hsts = (spec: CaptureSpec) => hstsTest(captureWith(spec));
  it.each<[string, CaptureSpec, string, boolean]>([
    ['a year', { headers: { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } }, 'hsts-implemented-max-age-at-least-six-months', true],
    ['six months exactly', { headers: { 'Strict-Transport-Security': 'max-age=15552000' } }, 'hsts-implemented-max-age-at-least-six-months', true],
    ['one day', { headers: { 'Strict-Transport-Security': 'max-age=86400' } }, 'hsts-implemented-max-age-less-than-six-months', false],
    ['missing', {}, 'hsts-not-implemented', false],
    ['sent twice', { headers: { 'Strict-Transport-Security': 'max-age=31536000, max-age=31536000' } }, 'hsts-header-invalid', false],
    ['max-age=0', { headers: { 'Strict-Transport-Security': 'max-age=0' } }, 'hsts-header-invalid', false],
    ['no max-age', { headers: { 'Strict-Transport-Security': 'includeSubDomains' } }, 'hsts-header-invalid', false],
    ['no https', { target: 'http://example.com/' }, 'hsts-not-implemented-no-https', false],
    ['https refused', { https: { error: { code: 'connection-refused', message: 'refused' } }, http: { status: 200 } }, 'hsts-not-implemented-no-https', false],
    ['untrusted certificate', { headers: { 'Strict-Transport-Security': 'max-age=31536000' }, tls: { trusted: false, trustError: 'DEPTH_ZERO_SELF_SIGNED_CERT' } }, 'hsts-invalid-cert', false],
  ])('%s → %s', (_name, spec, expected, pass) => {
    expect(hsts(spec)).toMatchObject({ result: expected, pass });
  });
  it('parses the directives', () => {
    expect(parseHsts('max-age="31536000"; includeSubDomains; preload')).toEqual({ ok: true, value: { maxAge: 31536000, includeSubDomains: true, preload: true } });
    expect(parseHsts('max-age=abc')).toMatchObject({ ok: false });
  });
});

describe('subresource-integrity', () => {
  const sri = (body: string, target?: string, contentType = 'text/html') => sriTest(page({ ...(target ? { target } : {}), headers: { 'Content-Type': contentType }, body }));
  it.each([
    ['<script src="/static/app.js" integrity="sha384-x"></script>', 'sri-implemented-and-all-scripts-loaded-securely', true],
    ['<script src="https://cdn.other.net/a.js" integrity="sha384-x"></script>', 'sri-implemented-and-external-scripts-loaded-securely', true],
    ['<p>no scripts</p><script>inline()</script>', 'sri-not-implemented-but-no-scripts-loaded', true],
    ['<script src="/static/app.js"></script><script src="https://static.example.com/b.js"></script>', 'sri-not-implemented-but-all-scripts-loaded-from-secure-origin', true],
    ['<script src="https://cdn.other.net/a.js"></script>', 'sri-not-implemented-but-external-scripts-loaded-securely', false],
    ['<script src="http://cdn.other.net/a.js" integrity="sha384-x"></script>', 'sri-implemented-but-external-scripts-not-loaded-securely', false],
    ['<script src="//cdn.other.net/a.js" integrity="sha384-x"></script>', 'sri-implemented-but-external-scripts-not-loaded-securely', false],
    ['<script src="http://cdn.other.net/a.js"></script>', 'sri-not-implemented-and-external-scripts-not-loaded-securely', false],
    ['<script src="https://cdn.other.net/a.js" integrity="sha384-x"></script><script src="http://cdn.other.net/b.js"></script>', 'sri-not-implemented-and-external-scripts-not-loaded-securely', false],
  ])('%s → %s', (body, expected, pass) => {
    expect(sri(body)).toMatchObject({ result: expected, pass });
  });
  it('skips non-HTML responses and script-like text in comments', () => {
    expect(sri('{"script": "<script src=http://x/a.js>"}', undefined, 'application/json').result).toBe('sri-not-implemented-response-not-html');
    expect(sri('<!-- <script src="http://cdn.other.net/a.js"></script> -->').result).toBe('sri-not-implemented-but-no-scripts-loaded');
  });
  it('approximates registrable domains', () => {
    expect(registrableDomain('static.shop.example.com')).toBe('example.com');
    expect(registrableDomain('cdn.shop.co.uk')).toBe('shop.co.uk');
    expect(registrableDomain('127.0.0.1')).toBe('127.0.0.1');
  });
});

describe('x-content-type-options and x-frame-options', () => {
  it.each([
    [{ 'X-Content-Type-Options': 'nosniff' }, 'x-content-type-options-nosniff', true],
    [{ 'X-Content-Type-Options': 'NoSniff ' }, 'x-content-type-options-nosniff', true],
    [{ 'X-Content-Type-Options': 'sniff' }, 'x-content-type-options-header-invalid', false],
    [{}, 'x-content-type-options-not-implemented', false],
  ])('XCTO %j → %s', (headers, expected, pass) => {
    expect(xContentTypeOptionsTest(page({ headers }))).toMatchObject({ result: expected, pass });
  });
  it.each([
    [{ 'X-Frame-Options': 'DENY' }, 'x-frame-options-sameorigin-or-deny', true],
    [{ 'X-Frame-Options': 'sameorigin' }, 'x-frame-options-sameorigin-or-deny', true],
    [{ 'X-Frame-Options': 'ALLOW-FROM https://partner.example' }, 'x-frame-options-allow-from-origin', true],
    [{ 'X-Frame-Options': 'allowall' }, 'x-frame-options-header-invalid', false],
    [{}, 'x-frame-options-not-implemented', false],
    [{ 'Content-Security-Policy': "frame-ancestors 'self'" }, 'x-frame-options-implemented-via-csp', true],
    [{ 'X-Frame-Options': 'allowall', 'Content-Security-Policy': "default-src 'self'; frame-ancestors *" }, 'x-frame-options-implemented-via-csp', true],
  ])('XFO %j → %s', (headers, expected, pass) => {
    expect(xFrameOptionsTest(page({ headers }))).toMatchObject({ result: expected, pass });
  });
  it('ignores frame-ancestors in a meta policy', () => {
    expect(xFrameOptionsTest(page({ body: `<meta http-equiv="Content-Security-Policy" content="frame-ancestors 'none'">` })).result).toBe('x-frame-options-not-implemented');
  });
});

describe('HTML extraction and banners', () => {
  it('finds tags with their lines, not inside scripts or comments', () => {
    const html = '<html>\n<head>\n<meta http-equiv="Content-Security-Policy" content="default-src &#39;self&#39;">\n<script>var s = "<script src=http://evil/x.js>";</script>\n<!-- <img src="http://old/x.png"> -->\n<script src=/a.js integrity=sha384-abc></script>\n<img src="http://img.example.com/x.png">\n<form action="http://example.com/login/"></form>\n</head>';
    const tags = htmlTags(html);
    expect(httpEquiv(tags, 'content-security-policy')).toEqual(["default-src 'self'"]);
    expect(scriptTags(tags)).toEqual([{ src: '/a.js', integrity: 'sha384-abc', line: 6 }]);
    expect(pageResources(tags).map((r) => [r.kind, r.url, r.active, r.line])).toEqual([
      ['script', '/a.js', true, 6],
      ['img', 'http://img.example.com/x.png', false, 7],
      ['form', 'http://example.com/login/', true, 8],
    ]);
  });

  it('reads versions from Server and X-Powered-By and recognises runserver', () => {
    const banners = serverBanners([['server', 'nginx/1.18.0 (Ubuntu)'], ['x-powered-by', 'PHP/7.4.3'], ['x-aspnet-version', '4.0.30319'], ['content-type', 'text/html']]);
    expect(banners.map((b) => [b.header, b.versions])).toEqual([['Server: nginx/1.18.0 (Ubuntu)', ['nginx/1.18.0']], ['X-Powered-By: PHP/7.4.3', ['PHP/7.4.3']], ['X-Aspnet-Version: 4.0.30319', ['4.0.30319']]]);
    expect(serverBanners([['server', 'gunicorn']])[0]!.versions).toEqual([]);
    expect(serverBanners([['server', 'WSGIServer/0.2 CPython/3.11.2']])[0]!.developmentServer).toBe(true);
  });
});
