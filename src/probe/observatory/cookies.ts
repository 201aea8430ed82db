/**
 * Set-Cookie parsing and the cookies a site sets. The Observatory reads the cookie jar of its base-page session (the
 * main response and `/robots.txt`); the rules read every Set-Cookie the probe saw (the admin login page sets
 * `csrftoken`, a login sets `sessionid`).
 */
import { headerValues, type Exchange, type SiteCapture } from '../model.js';

export interface SetCookie {
  name: string;
  secure: boolean;
  httpOnly: boolean;
  /** The SameSite attribute as written (null when absent). */
  sameSite: string | null;
  /** Max-Age ≤ 0 or an Expires in the past: the header deletes the cookie. */
  deletes: boolean;
  domain: string | null;
  path: string | null;
  /** The header with the value masked, for evidence. */
  header: string;
  /** The URL of the response that set it. */
  url: string;
}

export function parseSetCookie(header: string, url: string, now = Date.now()): SetCookie | null {
  const parts = header.split(';');
  const pair = parts[0] ?? '';
  const eq = pair.indexOf('=');
  const name = (eq === -1 ? '' : pair.slice(0, eq)).trim();
  if (name === '') return null;
  let secure = false;
  let httpOnly = false;
  let sameSite: string | null = null;
  let deletes = false;
  let domain: string | null = null;
  let path: string | null = null;
  for (const raw of parts.slice(1)) {
    const at = raw.indexOf('=');
    const key = (at === -1 ? raw : raw.slice(0, at)).trim().toLowerCase();
    const value = at === -1 ? '' : raw.slice(at + 1).trim();
    if (key === 'secure') secure = true;
    else if (key === 'httponly') httpOnly = true;
    else if (key === 'samesite') sameSite = value;
    else if (key === 'max-age' && /^-?\d+$/.test(value) && Number(value) <= 0) deletes = true;
    else if (key === 'expires') {
      const when = Date.parse(value);
      if (Number.isFinite(when) && when < now) deletes = true;
    } else if (key === 'domain') domain = value.toLowerCase();
    else if (key === 'path') path = value;
  }
  const masked = `${name}=…${parts.length > 1 ? `;${parts.slice(1).join(';')}` : ''}`;
  return { name, secure, httpOnly, sameSite, deletes, domain, path, header: `Set-Cookie: ${masked}`, url };
}

/** The probe's clock when it captured the site (whether an Expires date had passed is judged then). */
export function captureTime(site: SiteCapture): number {
  const started = Date.parse(site.options.startedAt);
  return Number.isFinite(started) ? started : Date.now();
}

function exchangeCookies(exchange: Exchange | null | undefined, now: number): SetCookie[] {
  const response = exchange?.response;
  if (!response) return [];
  return headerValues(response.headers, 'set-cookie').flatMap((h) => parseSetCookie(h, response.url, now) ?? []);
}

/**
 * The cookie jar of the Observatory's session: cookies of the main response and `/robots.txt`, the last one of a
 * name/domain/path winning, deleted ones dropped.
 */
export function jarCookies(site: SiteCapture, now = captureTime(site)): SetCookie[] {
  const jar = new Map<string, SetCookie>();
  for (const cookie of [...exchangeCookies(site.main, now), ...exchangeCookies(site.robots, now)]) {
    const key = `${cookie.name}\n${cookie.domain ?? ''}\n${cookie.path ?? ''}`;
    jar.delete(key);
    if (!cookie.deletes) jar.set(key, cookie);
  }
  return [...jar.values()];
}

/** Every cookie set (not deleted) by any response of the probe, one per name (the first seen). */
export function allCookies(site: SiteCapture, now = captureTime(site)): SetCookie[] {
  const exchanges = [site.main, site.https, site.http, site.admin, site.robots, site.notFound, site.csrfFailure, site.cors, site.corsNull];
  const seen = new Map<string, SetCookie>();
  for (const cookie of exchanges.flatMap((e) => exchangeCookies(e, now))) if (!cookie.deletes && !seen.has(cookie.name)) seen.set(cookie.name, cookie);
  return [...seen.values()];
}

/** The Observatory's session-cookie test: the name contains `login` or `sess`. */
export function looksLikeSessionCookie(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.includes('sess') || lower.includes('login');
}

/** The Observatory's anti-CSRF test: the name contains `csrf`. */
export function looksLikeCsrfCookie(name: string): boolean {
  return name.toLowerCase().includes('csrf');
}

/** Cookies the Observatory ignores (load-balancer affinity). */
export const IGNORED_COOKIES = ['heroku-session-affinity'];

/** Option lists of the cookie rules (`session_cookies`, `csrf_cookies`) read as string arrays. */
function optionNames(options: Readonly<Record<string, unknown>> | undefined, name: string): string[] {
  const value = options?.[name];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * A session cookie: Django's `sessionid`, a name the capture or the rule options give (SESSION_COOKIE_NAME), or a
 * name containing `sess` or `login` (the Observatory's test).
 */
export function isSessionCookie(site: SiteCapture, name: string, options?: Readonly<Record<string, unknown>>): boolean {
  return name === 'sessionid' || (site.options.cookieNames?.session ?? []).includes(name) || optionNames(options, 'session_cookies').includes(name) || looksLikeSessionCookie(name);
}

/** A CSRF cookie: `csrftoken`, a configured name (CSRF_COOKIE_NAME), or a name containing `csrf`. */
export function isCsrfCookie(site: SiteCapture, name: string, options?: Readonly<Record<string, unknown>>): boolean {
  return name === 'csrftoken' || (site.options.cookieNames?.csrf ?? []).includes(name) || optionNames(options, 'csrf_cookies').includes(name) || looksLikeCsrfCookie(name);
}

/** The rule options that name a project's own cookies. */
export const COOKIE_NAME_OPTIONS = [
  { name: 'session_cookies', type: 'string-list', default: [] as readonly string[], description: 'Session cookie names besides sessionid and names containing "sess" or "login" (the project\'s SESSION_COOKIE_NAME).' },
  { name: 'csrf_cookies', type: 'string-list', default: [] as readonly string[], description: 'CSRF cookie names besides csrftoken and names containing "csrf" (the project\'s CSRF_COOKIE_NAME).' },
] as const;
