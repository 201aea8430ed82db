/**
 * Django-specific detectors over a captured site (issue 8): pure functions of the responses the retriever captured,
 * no network. Signatures are those of `../shared/reference/http-probe.md` Part A (Django 3.2 and main): the DEBUG
 * technical 404 and 500 pages (HTML and text), the DEBUG variant of the CSRF failure page, the URL patterns a debug
 * 404 lists, the admin login page, files that must never be served, media directory listings and version hints.
 * The Django-specific rules (WEB050+), the correlation rules (WEB080+) and the Django grade read these.
 */
import { firstHeader, headerValues, type CapturedResponse, type Exchange, type SiteCapture } from '../model.js';

/** One captured exchange of a site with a label saying which probe request it was. */
export interface LabelledExchange {
  /** `main`, `http`, `https`, `notFound`, `csrfFailure`, `admin`, `robots`, `cors`, `corsNull`, or `exposure <path>`. */
  label: string;
  exchange: Exchange;
}

/** Every exchange of a capture, each once (the main exchange is usually the http or https one). */
export function siteExchanges(site: SiteCapture): LabelledExchange[] {
  const out: LabelledExchange[] = [];
  const seen = new Set<Exchange>();
  const add = (label: string, exchange: Exchange | null): void => {
    if (!exchange || seen.has(exchange)) return;
    seen.add(exchange);
    out.push({ label, exchange });
  };
  add('main', site.main);
  add('http', site.http);
  add('https', site.https);
  add('notFound', site.notFound);
  add('csrfFailure', site.csrfFailure);
  add('admin', site.admin);
  add('robots', site.robots);
  add('cors', site.cors);
  add('corsNull', site.corsNull);
  for (const [path, exchange] of Object.entries(site.exposures)) add(`exposure ${path}`, exchange);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Text helpers

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Decodes the HTML entities Django's templates produce (`&lt;`, `&#x27;`, `&quot;`…). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** HTML to one line of text: tags removed, entities decoded, white space collapsed. */
export function textOf(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
}

/** The body's lines (as text) that contain one of the needles, at most `limit`, in order. */
function linesWith(body: string, needles: readonly string[], limit = 4): string[] {
  const out: string[] = [];
  for (const raw of body.split(/\r?\n/)) {
    if (!needles.some((needle) => raw.includes(needle))) continue;
    const line = textOf(raw);
    if (line && !out.includes(line)) out.push(line.length > 200 ? `${line.slice(0, 200)}…` : line);
    if (out.length >= limit) break;
  }
  return out;
}

function isHtml(response: CapturedResponse): boolean {
  const type = (firstHeader(response.headers, 'content-type') ?? '').toLowerCase();
  return type.includes('html') || /^\s*(<!doctype html|<html)/i.test(response.body);
}

// ---------------------------------------------------------------------------------------------------------------
// DEBUG = True pages

export type DebugPageKind = 'technical-404' | 'technical-500' | 'technical-500-text' | 'csrf-debug' | 'default-urlconf';

export interface DebugPage {
  kind: DebugPageKind;
  /** The label of the exchange it came from (see `siteExchanges`). */
  label: string;
  url: string;
  status: number;
  /** The lines of the page that give DEBUG away, as text. */
  evidence: string[];
}

export const DEBUG_PAGE_DESCRIPTIONS: Readonly<Record<DebugPageKind, string>> = {
  'technical-404': "Django's technical 404 page (it lists the URL patterns)",
  'technical-500': "Django's technical 500 page (traceback, settings, request META)",
  'technical-500-text': "Django's plain-text technical 500 page (traceback, installed apps and middleware)",
  'csrf-debug': "the DEBUG variant of Django's CSRF failure page",
  'default-urlconf': "Django's default \"The install worked successfully\" page",
};

/** Which DEBUG page a response is, if any. */
export function debugPageKind(response: CapturedResponse): DebugPageKind | null {
  const body = response.body;
  if (body.includes('<div id="traceback">') || (body.includes('Exception Type:') && body.includes('Django Version:') && body.includes('DEBUG = True'))) return 'technical-500';
  if (/^[\w.]+ at \/\S*\r?\n/.test(body) && body.includes('Request Method:') && body.includes('Django Version:') && body.includes('Python Executable:')) return 'technical-500-text';
  if (body.includes('CSRF verification failed') && (body.includes('Reason given for failure') || /help section of this page because you have <code>DEBUG\s*=\s*True/.test(body))) return 'csrf-debug';
  if (body.includes('Django tried these URL patterns') || (body.includes('Page not found') && body.includes('(404)') && /<code>DEBUG\s*=\s*True<\/code>/.test(body))) return 'technical-404';
  if (body.includes('The install worked successfully') && body.includes('DEBUG=True')) return 'default-urlconf';
  return null;
}

const DEBUG_EVIDENCE: Readonly<Record<DebugPageKind, readonly string[]>> = {
  'technical-404': ['<title>', 'Using the URLconf defined in', 'Django tried these URL patterns', 'DEBUG = True'],
  'technical-500': ['<title>', 'Django Version:', 'Exception Type:', 'Using settings module', 'DEBUG = True'],
  'technical-500-text': [' at /', 'Django Version:', 'Python Executable:', 'Python Version:'],
  'csrf-debug': ['CSRF verification failed', 'Reason given for failure', 'DEBUG = True'],
  'default-urlconf': ['The install worked successfully', 'DEBUG=True'],
};

/** Every DEBUG page the capture holds, one per exchange. */
export function debugSignals(site: SiteCapture): DebugPage[] {
  const out: DebugPage[] = [];
  for (const { label, exchange } of siteExchanges(site)) {
    const response = exchange.response;
    if (!response) continue;
    const kind = debugPageKind(response);
    if (!kind) continue;
    let evidence = linesWith(response.body, DEBUG_EVIDENCE[kind]);
    // The technical 404's key sentences span lines; keep them short.
    if (kind === 'technical-404') evidence = evidence.filter((line) => !line.startsWith('You’re seeing') || line.includes('DEBUG = True'));
    out.push({ kind, label, url: response.url, status: response.status, evidence: [`${exchange.request.method} ${exchange.request.url} → ${response.status}`, ...evidence] });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// URL patterns leaked by the technical 404

export interface LeakedPattern {
  /** The pattern as Django prints it (`admin/`, `api/<int:pk>/`, `^media/(?P<path>.*)$`); several for nested includes. */
  pattern: string;
  /** The URL name (`[name='…']`), if any. */
  name: string | null;
}

export interface LeakedPatterns {
  url: string;
  /** ROOT_URLCONF as the page names it (`demo.urls`). */
  urlconf: string | null;
  patterns: LeakedPattern[];
  /**
   * Where the admin (probably) is: include prefixes whose text says admin, and the prefix of the admin's own
   * patterns when the page listed them (`…/login/ [name='login']` next to `…/logout/`). `/`-prefixed paths.
   */
  adminPaths: string[];
}

/** The admin site's own URL names: a page listing several of them under one prefix has shown the admin. */
const ADMIN_URL_NAMES = new Set(['index', 'login', 'logout', 'password_change', 'password_change_done', 'jsi18n', 'view_on_site', 'autocomplete', 'app_list']);

/** Parses the URL pattern list of a technical 404 page; null when the response is not one or lists nothing. */
export function parseLeakedPatterns(response: CapturedResponse): LeakedPatterns | null {
  const body = response.body;
  const start = body.indexOf('Django tried these URL patterns');
  if (start < 0) return null;
  const end = body.indexOf('</ol>', start);
  const list = body.slice(start, end < 0 ? undefined : end);
  const patterns: LeakedPattern[] = [];
  for (const match of list.matchAll(/<li>([\s\S]*?)<\/li>/g)) {
    let text = textOf(match[1] ?? '');
    let name: string | null = null;
    const named = /\s*\[name=['"]([^'"]*)['"]\]\s*$/.exec(text);
    if (named) {
      name = named[1] ?? null;
      text = text.slice(0, named.index).trim();
    }
    patterns.push({ pattern: text, name });
  }
  const urlconf = /Using the URLconf defined in <code>([^<]+)<\/code>/.exec(body)?.[1] ?? null;
  return { url: response.url, urlconf: urlconf ? decodeEntities(urlconf) : null, patterns, adminPaths: adminPathsOf(patterns) };
}

/** A pattern as a URL path: `admin/` → `/admin/`; regex anchors dropped; null when it is a regex with groups. */
export function patternPath(pattern: string): string | null {
  const joined = pattern.split(/\s+/).map((part) => part.replace(/^\^/, '').replace(/\$$/, '')).join('');
  if (/[()[\]*+?|\\]/.test(joined)) return null;
  return `/${joined}`;
}

function adminPathsOf(patterns: readonly LeakedPattern[]): string[] {
  const out = new Set<string>();
  // Nested entries of an include: `prefix/ login/ [name='login']`; several admin names under one prefix.
  const byPrefix = new Map<string, Set<string>>();
  for (const { pattern, name } of patterns) {
    const parts = pattern.split(/\s+/);
    if (parts.length > 1 && name && ADMIN_URL_NAMES.has(name)) {
      const prefix = parts.slice(0, -1).join(' ');
      const names = byPrefix.get(prefix) ?? new Set<string>();
      names.add(name);
      byPrefix.set(prefix, names);
    }
  }
  for (const [prefix, names] of byPrefix) {
    const path = patternPath(prefix);
    if (path && names.has('login') && names.size >= 2) out.add(path);
  }
  // Top-level include prefixes (no name) whose text says admin: `admin/`, `secret-admin/`, `^django-admin/`.
  for (const { pattern, name } of patterns) {
    if (name !== null || pattern.includes(' ')) continue;
    if (!/admin/i.test(pattern)) continue;
    const path = patternPath(pattern);
    if (path && path.endsWith('/')) out.add(path);
  }
  return [...out];
}

/** The URL patterns every technical 404 of the capture leaked (usually the `notFound` exchange's). */
export function leakedUrlPatterns(site: SiteCapture): LeakedPatterns[] {
  const out: LeakedPatterns[] = [];
  for (const { exchange } of siteExchanges(site)) {
    const response = exchange.response;
    if (!response || debugPageKind(response) !== 'technical-404') continue;
    const parsed = parseLeakedPatterns(response);
    if (parsed && parsed.patterns.length > 0) out.push(parsed);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Admin

export interface AdminLogin {
  /** The URL of the login page. */
  url: string;
  /** The URL requested (before redirects), e.g. `/admin/`. */
  requested: string;
  /** The admin's path prefix (`/admin/`), from the login page URL or the form's action. */
  path: string;
  /** Whether the prefix is Django's default `/admin/`. */
  defaultPath: boolean;
  /** The markers that identified the page. */
  markers: string[];
}

/** Markers of Django's admin login page (structural ones first: titles and headers are configurable). */
export function adminLoginMarkers(body: string): string[] {
  const markers: string[] = [];
  if (body.includes('id="login-form"')) markers.push('id="login-form"');
  if (body.includes('csrfmiddlewaretoken')) markers.push('csrfmiddlewaretoken');
  if (body.includes('/static/admin/') || /admin\/css\/(base|login)\.css/.test(body)) markers.push('/static/admin/ stylesheets');
  if (body.includes('Django site admin') || body.includes('Django administration')) markers.push('Django administration');
  return markers;
}

/** Is the body Django's admin login page? Needs the login form plus one admin marker. */
export function isAdminLogin(body: string): boolean {
  const markers = adminLoginMarkers(body);
  return markers.includes('id="login-form"') && markers.length >= 2;
}

/** Admin login pages the capture reached (the `/admin/` exchange and any other that landed on one). */
export function adminSignals(site: SiteCapture): AdminLogin[] {
  const out: AdminLogin[] = [];
  const seen = new Set<string>();
  for (const { exchange } of siteExchanges(site)) {
    const response = exchange.response;
    if (!response || response.status !== 200 || !isAdminLogin(response.body)) continue;
    const path = adminPrefix(response);
    if (seen.has(path)) continue;
    seen.add(path);
    out.push({ url: response.url, requested: exchange.request.url, path, defaultPath: path === '/admin/', markers: adminLoginMarkers(response.body) });
  }
  return out;
}

function adminPrefix(response: CapturedResponse): string {
  let pathname = '/';
  try {
    pathname = new URL(response.url).pathname;
  } catch {
    // keep '/'
  }
  const action = /<form[^>]*id="login-form"[^>]*>/.exec(response.body)?.[0];
  const actionPath = action ? /action="([^"?]*)/.exec(action)?.[1] : undefined;
  const login = actionPath && actionPath.startsWith('/') ? decodeEntities(actionPath) : pathname;
  const match = /^(.*\/)login\/?$/.exec(login);
  return match?.[1] ?? login;
}

// ---------------------------------------------------------------------------------------------------------------
// Files that must never be served

export type ExposedKind = 'git-head' | 'env-file' | 'settings-module';

export interface ExposedFile {
  kind: ExposedKind;
  /** The probed path (`/.git/HEAD`). */
  path: string;
  url: string;
  /** What the content shows, with every value masked. */
  evidence: string[];
  /**
   * False when the content was not available as text (served as `application/octet-stream`, which the retriever
   * does not decode): the path answered 200 with a non-empty, non-HTML body, but what it holds was not checked.
   */
  confirmed: boolean;
}

const MASK = '********';

function looksLikeMarkup(response: CapturedResponse): boolean {
  return isHtml(response) || /^\s*</.test(response.body);
}

/** `.git/HEAD`: `ref: refs/heads/main` or a detached commit id. */
export function gitHeadEvidence(body: string): string[] | null {
  const text = body.trim();
  if (/^ref: refs\/[\w./-]+$/.test(text) || /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(text)) return [text];
  return null;
}

/** An environment file: `NAME=value` lines (mostly); the values are masked. */
export function envFileEvidence(body: string): string[] | null {
  const lines = body.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
  if (lines.length === 0) return null;
  const assignments = lines.map((line) => /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line)?.[1]).filter((name): name is string => name !== undefined);
  if (assignments.length === 0 || assignments.length < lines.length / 2) return null;
  return assignments.slice(0, 8).map((name) => `${name}=${MASK}`).concat(assignments.length > 8 ? [`… and ${assignments.length - 8} more`] : []);
}

const SETTINGS_NAMES = ['SECRET_KEY', 'INSTALLED_APPS', 'DATABASES', 'MIDDLEWARE', 'ROOT_URLCONF', 'ALLOWED_HOSTS', 'DEBUG'];

/** A Django settings module: two or more well-known setting assignments; the values are masked. */
export function settingsModuleEvidence(body: string): string[] | null {
  const found = SETTINGS_NAMES.filter((name) => new RegExp(`^${name}\\s*=`, 'm').test(body));
  if (found.length < 2) return null;
  return found.map((name) => `${name} = ${MASK}`);
}

/** Files the capture found served (status 200, content that really is such a file, not a catch-all page). */
export function exposedFiles(site: SiteCapture): ExposedFile[] {
  const out: ExposedFile[] = [];
  for (const [path, exchange] of Object.entries(site.exposures)) {
    const response = exchange.response;
    if (!response || response.status !== 200 || looksLikeMarkup(response)) continue;
    const base = path.replace(/\/+$/, '').split('/').pop() ?? '';
    let kind: ExposedKind | null = null;
    if (path.endsWith('.git/HEAD')) kind = 'git-head';
    else if (/^\.env(\.[\w-]+)?$/.test(base)) kind = 'env-file';
    else if (base.endsWith('.py')) kind = 'settings-module';
    if (!kind) continue;
    const type = firstHeader(response.headers, 'content-type') ?? 'no Content-Type';
    const request = `GET ${exchange.request.url} → ${response.status} (${response.bodyBytes} bytes, ${type})`;
    if (response.body === '' && response.bodyBytes > 0) {
      // Not decoded as text (a binary content type): a real file was served, its content is unknown.
      out.push({ kind, path, url: response.url, evidence: [request, 'the content was not decoded (binary content type), so it was not checked'], confirmed: false });
      continue;
    }
    const evidence = kind === 'git-head' ? gitHeadEvidence(response.body) : kind === 'env-file' ? envFileEvidence(response.body) : settingsModuleEvidence(response.body);
    if (evidence) out.push({ kind, path, url: response.url, evidence: [request, ...evidence], confirmed: true });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Directory listings

export interface DirectoryListing {
  path: string;
  url: string;
  /** The entries listed (names as linked), at most 20. */
  entries: string[];
  /** Who rendered it: Django's static `serve` with show_indexes, nginx/Apache autoindex. */
  server: 'django' | 'autoindex';
}

/** A directory listing page (`Index of /media/`), with its entries. */
export function directoryListing(response: CapturedResponse): Omit<DirectoryListing, 'path'> | null {
  if (response.status !== 200) return null;
  const body = response.body;
  if (!/<title>\s*Index of\b/i.test(body) && !/<h1>\s*Index of\b/i.test(body)) return null;
  const entries: string[] = [];
  for (const match of body.matchAll(/<a\s+href="([^"]+)"/gi)) {
    const href = decodeEntities(match[1] ?? '');
    if (href.startsWith('?') || href === '../' || href.startsWith('/') || /^[a-z]+:/i.test(href)) continue;
    if (!entries.includes(href)) entries.push(href);
    if (entries.length >= 20) break;
  }
  // Django's directory_index template: `<ul>` of `<li><a href="…">…</a></li>` and a `<meta name="robots" content="NONE,NOARCHIVE">`.
  const server = body.includes('NONE,NOARCHIVE') ? 'django' : 'autoindex';
  return { url: response.url, entries, server };
}

/** Directory listings among the probed paths (`/media/`, `/static/`). */
export function directoryListings(site: SiteCapture): DirectoryListing[] {
  const out: DirectoryListing[] = [];
  for (const [path, exchange] of Object.entries(site.exposures)) {
    const response = exchange.response;
    if (!response) continue;
    const listing = directoryListing(response);
    if (listing) out.push({ path, ...listing });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Version hints

export interface VersionHint {
  /** `exact` (the debug page says it), `range` (a static file that appeared in a release), `python` (the interpreter). */
  kind: 'exact' | 'range' | 'python' | 'runserver';
  /** `3.2.25`, `>= 3.1`, `CPython 3.11.2`. */
  version: string;
  url: string;
  evidence: string;
}

/** Admin stylesheets that appeared in a known release: their presence bounds the version from below. */
const ADMIN_ASSET_FLOORS: ReadonlyArray<readonly [asset: string, floor: string]> = [
  ['admin/css/dark_mode.css', '4.2'],
  ['admin/css/nav_sidebar.css', '3.1'],
];

/** What the capture tells about the Django (and Python) version. */
export function versionHints(site: SiteCapture): VersionHint[] {
  const out: VersionHint[] = [];
  const add = (hint: VersionHint): void => {
    if (!out.some((h) => h.kind === hint.kind && h.version === hint.version)) out.push(hint);
  };
  for (const { exchange } of siteExchanges(site)) {
    const response = exchange.response;
    if (!response) continue;
    const body = response.body;
    const django = /Django Version:(?:<\/th>\s*<td>|\s*)\s*(\d+\.\d+(?:\.\d+)?(?:[a-z]+\d*)?)/.exec(body);
    if (django?.[1]) add({ kind: 'exact', version: django[1], url: response.url, evidence: `Django Version: ${django[1]}` });
    const python = /Python Version:(?:<\/th>\s*<td>|\s*)\s*(\d+\.\d+\.\d+)/.exec(body);
    if (python?.[1]) add({ kind: 'python', version: python[1], url: response.url, evidence: `Python Version: ${python[1]}` });
    if (isAdminLogin(body)) {
      const floor = ADMIN_ASSET_FLOORS.find(([asset]) => body.includes(asset));
      if (floor) add({ kind: 'range', version: `>= ${floor[1]}`, url: response.url, evidence: `the admin links ${floor[0]} (added in Django ${floor[1]})` });
    }
    for (const server of headerValues(response.headers, 'server')) {
      const runserver = /^WSGIServer\/[\d.]+ (CPython\/[\d.]+)/.exec(server);
      if (runserver) add({ kind: 'runserver', version: runserver[1] ?? server, url: response.url, evidence: `Server: ${server}` });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Cookies

export interface SetCookie {
  name: string;
  /** Attribute names, lower-cased (`secure`, `httponly`, `samesite`…), with their values (empty for flags). */
  attributes: ReadonlyMap<string, string>;
  url: string;
  /** The header with the value masked. */
  masked: string;
}

/** Parses one `Set-Cookie` header value. */
export function parseSetCookie(header: string, url: string): SetCookie | null {
  const [pair = '', ...rest] = header.split(';');
  const eq = pair.indexOf('=');
  if (eq <= 0) return null;
  const name = pair.slice(0, eq).trim();
  const attributes = new Map<string, string>();
  for (const part of rest) {
    const at = part.indexOf('=');
    const key = (at < 0 ? part : part.slice(0, at)).trim().toLowerCase();
    if (key) attributes.set(key, at < 0 ? '' : part.slice(at + 1).trim());
  }
  return { name, attributes, url, masked: [`${name}=${MASK}`, ...rest.map((part) => part.trim())].join('; ') };
}

/** Every cookie the site set, in capture order (a name may appear several times). */
export function cookiesSet(site: SiteCapture): SetCookie[] {
  const out: SetCookie[] = [];
  for (const { exchange } of siteExchanges(site)) {
    const response = exchange.response;
    if (!response) continue;
    for (const header of headerValues(response.headers, 'set-cookie')) {
      const cookie = parseSetCookie(header, response.url);
      if (cookie) out.push(cookie);
    }
  }
  return out;
}
