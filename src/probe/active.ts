/**
 * The opt-in brute-force test (`probe --active`): up to N failed logins against a login form, CSRF handled, to see
 * whether the site locks out or throttles — and after how many attempts. It sends real login attempts, which can
 * lock out the scanner's IP and, behind the same IP, real users; it never runs unless asked for.
 *
 * The test talks to the site through a `LoginFetcher` (one HTTP request, no cookie state of its own): the retriever's
 * client (src/probe/retrieve/fetch.ts) is one. Cookies (the `csrftoken` above all) are kept here, between requests.
 *
 * Each attempt is a GET of the login page (a fresh `csrfmiddlewaretoken` from the form, the `csrftoken` cookie)
 * and a POST of a random non-existent username with a wrong password, with `Referer` and `Origin` set as a browser
 * would (Django's CSRF check wants them over HTTPS). Answers are classified as the add-ons give them
 * (`../shared/reference/http-probe.md` A8–A12): django-axes (403, or 429 upstream, "Account locked: too many login
 * attempts"), django-defender (200 with the lockout text instead of the form), DRF throttling (429 with
 * Retry-After), django-ratelimit (403 after POSTs that were answered normally), another 429, a redirect away from
 * the form after failures (a lockout URL), or none.
 */
import { randomBytes } from 'node:crypto';
import { firstHeader, headerValues, type ActiveLoginTest, type AttemptResult, type Exchange } from './model.js';
import { decodeEntities, textOf } from './django/signals.js';

export const DEFAULT_LOGIN_ATTEMPTS = 10;
export const MAX_LOGIN_ATTEMPTS = 30;

/** One HTTP request of the test. `follow: false` asks for the first response (no redirect following). */
export interface LoginRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  follow: boolean;
}

/**
 * Does one request and answers with the exchange (a response or an error, never a rejection for network
 * failures). It must not keep cookies itself: the test sends them in a `Cookie` header.
 */
export type LoginFetcher = (request: LoginRequest) => Promise<Exchange>;

export interface ActiveLoginOptions {
  /** Failed logins to try at most (default 10, at most 30). */
  attempts?: number;
  /** The username to try (default: a random one that cannot exist, `ponyguard-probe-<hex>`). */
  username?: string;
  /** Called after each attempt (progress). */
  onAttempt?: (index: number, result: AttemptResult) => void;
}

type OutcomeKind = ActiveLoginTest['outcome']['kind'];

/** A login form: where it posts and what it sends. */
export interface LoginForm {
  action: string;
  /** Hidden inputs (`csrfmiddlewaretoken`, `next`), in order. */
  hidden: Array<[string, string]>;
  usernameField: string;
  passwordField: string;
}

/** The first `<form>` with a password input, resolved against the page URL; null when the page has none. */
export function parseLoginForm(html: string, pageUrl: string): LoginForm | null {
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const attributes = attributesOf(match[1] ?? '');
    const inner = match[2] ?? '';
    const inputs = [...inner.matchAll(/<input\b([^>]*)>/gi)].map((input) => attributesOf(input[1] ?? ''));
    const password = inputs.find((input) => (input.get('type') ?? '').toLowerCase() === 'password' && input.get('name'));
    if (!password) continue;
    if ((attributes.get('method') ?? 'get').toLowerCase() !== 'post') continue;
    const hidden: Array<[string, string]> = [];
    let username: string | undefined;
    for (const input of inputs) {
      const name = input.get('name');
      if (!name) continue;
      const type = (input.get('type') ?? 'text').toLowerCase();
      if (type === 'hidden') hidden.push([name, input.get('value') ?? '']);
      else if (username === undefined && ['text', 'email'].includes(type) && input !== password) username = name;
    }
    // A named username field beats the first text input (some forms put a search box first).
    const named = inputs.find((input) => /^(username|email|login|user)$/i.test(input.get('name') ?? ''));
    const usernameField = named?.get('name') ?? username;
    if (!usernameField) continue;
    let action = pageUrl;
    const raw = attributes.get('action');
    if (raw !== undefined && raw.trim() !== '') {
      try {
        action = new URL(raw, pageUrl).href;
      } catch {
        action = pageUrl;
      }
    }
    return { action, hidden, usernameField, passwordField: password.get('name')! };
  }
  return null;
}

function attributesOf(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const match of text.matchAll(/([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    const name = (match[1] ?? '').toLowerCase();
    if (!out.has(name)) out.set(name, decodeEntities(match[2] ?? match[3] ?? match[4] ?? ''));
  }
  return out;
}

/** Cookies kept between the requests of the test. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  update(exchange: Exchange): void {
    for (const header of headerValues(exchange.response?.headers ?? [], 'set-cookie')) {
      const [pair = ''] = header.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = /;\s*max-age=0\b/i.test(header) || /;\s*expires=Thu, 01 Jan 1970/i.test(header);
      if (expired || value === '""' || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  header(): Record<string, string> {
    return this.cookies.size === 0 ? {} : { Cookie: [...this.cookies].map(([n, v]) => `${n}=${v}`).join('; ') };
  }
}

const LOCK_TEXT = /Account locked|too many (failed )?login attempts|locked out/i;

interface Classified {
  result: AttemptResult;
  /** Set when the answer stops the test: what stopped it. */
  stop?: { kind: OutcomeKind; detail: string };
}

function excerpt(body: string): string {
  const text = textOf(body);
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

/** Classifies the answer to one failed login. `formErrors` counts the earlier attempts answered with the form. */
export function classifyLoginAnswer(exchange: Exchange, loginPageUrl: string, formErrors: number, attempt: number): Classified {
  const response = exchange.response;
  if (!response) {
    const message = exchange.error?.message ?? `no answer from ${exchange.request.url}`;
    const detail = attempt > 1 ? `the site stopped answering after ${attempt - 1} failed logins (${message}); a firewall ban would look like this` : message;
    return { result: { status: null, kind: 'error' }, stop: { kind: 'error', detail } };
  }
  const { status, body } = response;
  const retryAfter = firstHeader(response.headers, 'retry-after');
  const withRetry = (result: AttemptResult): AttemptResult => (retryAfter !== undefined ? { ...result, retryAfter } : result);
  const after = `after ${attempt} failed login${attempt === 1 ? '' : 's'}`;
  const quoted = `"${excerpt(body)}"`;
  if (status === 429) {
    if (LOCK_TEXT.test(body)) return { result: withRetry({ status, kind: 'locked' }), stop: { kind: 'axes', detail: `locked out ${after}: 429 ${quoted} (django-axes)` } };
    if (retryAfter !== undefined) return { result: withRetry({ status, kind: 'throttled' }), stop: { kind: 'drf-throttle', detail: `throttled ${after}: 429 with Retry-After: ${retryAfter} ${quoted} (Django REST framework's throttling answers so)` } };
    return { result: { status, kind: 'throttled' }, stop: { kind: 'http-429', detail: `throttled ${after}: 429 Too Many Requests ${quoted}` } };
  }
  if (status === 403) {
    if (LOCK_TEXT.test(body)) return { result: withRetry({ status, kind: 'locked' }), stop: { kind: 'axes', detail: `locked out ${after}: 403 ${quoted} (django-axes)` } };
    if (body.includes('CSRF verification failed')) {
      return { result: { status, kind: 'error' }, stop: { kind: 'error', detail: `the login POST to ${exchange.request.url} failed Django's CSRF check (${excerpt(body)}); no login was tried` } };
    }
    if (formErrors > 0) return { result: { status, kind: 'throttled' }, stop: { kind: 'ratelimit', detail: `refused ${after}: 403 after ${formErrors} normal answer${formErrors === 1 ? '' : 's'} (django-ratelimit's default answer) ${quoted}` } };
    return { result: { status, kind: 'error' }, stop: { kind: 'error', detail: `the first login POST to ${exchange.request.url} was refused with 403 ${quoted}: not a throttle the test can tell apart from a firewall or a broken form` } };
  }
  if (status >= 300 && status < 400) {
    const location = firstHeader(response.headers, 'location');
    let target: URL | null = null;
    try {
      target = location ? new URL(location, response.url) : null;
    } catch {
      target = null;
    }
    const back = target !== null && target.pathname === new URL(loginPageUrl).pathname;
    if (back) return { result: { status, kind: 'form-error' } };
    if (formErrors > 0) return { result: { status, kind: 'redirect' }, stop: { kind: 'redirect', detail: `redirected away from the login form ${after} (to ${target?.href ?? location ?? '?'}): a lockout page such as AXES_LOCKOUT_URL or DEFENDER_LOCKOUT_URL` } };
    return { result: { status, kind: 'redirect' }, stop: { kind: 'error', detail: `the first failed login to ${exchange.request.url} was redirected to ${target?.href ?? location ?? '?'}: the form does not behave as a login form` } };
  }
  if (status >= 400) {
    return { result: { status, kind: 'error' }, stop: { kind: 'error', detail: `the login POST to ${exchange.request.url} answered ${status} ${quoted}` } };
  }
  if (LOCK_TEXT.test(body) && !/type=["']?password/i.test(body)) {
    return { result: { status, kind: 'locked' }, stop: { kind: 'defender', detail: `locked out ${after}: ${status} ${quoted} (django-defender answers a lockout with 200)` } };
  }
  if (/type=["']?password/i.test(body)) return { result: { status, kind: 'form-error' } };
  return { result: { status, kind: 'other' } };
}

function checkAttempts(attempts: number): void {
  if (!Number.isInteger(attempts) || attempts < 1 || attempts > MAX_LOGIN_ATTEMPTS) {
    throw new RangeError(`the number of login attempts must be a whole number from 1 to ${MAX_LOGIN_ATTEMPTS}, not ${String(attempts)}`);
  }
}

/**
 * Runs the test against `loginUrl` (the admin login page, or the page holding a login form). Never throws for what
 * the site does: network errors and pages without a login form become the outcome. Throws a RangeError for a bad
 * number of attempts and a TypeError for a URL that is not http(s).
 */
export async function runActiveLoginTest(loginUrl: string, fetcher: LoginFetcher, options: ActiveLoginOptions = {}): Promise<ActiveLoginTest> {
  const attempts = options.attempts ?? DEFAULT_LOGIN_ATTEMPTS;
  checkAttempts(attempts);
  let origin: string;
  try {
    const parsed = new URL(loginUrl);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new TypeError('not http(s)');
    origin = parsed.origin;
  } catch {
    throw new TypeError(`the login URL ${loginUrl} is not an http:// or https:// URL`);
  }
  const username = options.username ?? `ponyguard-probe-${randomBytes(6).toString('hex')}`;
  const jar = new CookieJar();
  const results: AttemptResult[] = [];
  const finish = (kind: OutcomeKind, afterAttempts: number | null, detail: string): ActiveLoginTest => ({ loginUrl, attempts: results, outcome: { kind, afterAttempts, detail } });
  let formErrors = 0;

  for (let attempt = 1; attempt <= attempts; attempt++) {
    const page = await fetcher({ method: 'GET', url: loginUrl, headers: { Accept: 'text/html', ...jar.header() }, follow: true });
    jar.update(page);
    const pageResponse = page.response;
    const form = pageResponse && pageResponse.status === 200 ? parseLoginForm(pageResponse.body, pageResponse.url) : null;
    if (!pageResponse || !form) {
      if (attempt === 1) {
        if (!pageResponse) return finish('error', null, `the login page ${loginUrl} could not be fetched: ${page.error?.message ?? 'no response'}`);
        return finish('not-a-login-form', null, `${loginUrl} answered ${pageResponse.status} without a login form (a POST form with a password field); no login was tried`);
      }
      // The page itself changed after failures: a lockout shown on GET (defender, axes with a template) or a ban.
      const classified = classifyLoginAnswer(page, loginUrl, formErrors, attempt - 1);
      if (classified.stop) return finish(classified.stop.kind, attempt - 1, `${classified.stop.detail} (the login page itself)`);
      return finish('error', attempt - 1, `the login page ${loginUrl} stopped showing its form after ${attempt - 1} failed logins (${pageResponse?.status ?? "no answer"})`);
    }
    const fields = new URLSearchParams();
    for (const [name, value] of form.hidden) fields.append(name, value);
    fields.set(form.usernameField, username);
    fields.set(form.passwordField, `wrong-${randomBytes(8).toString('hex')}`);
    const csrf = jar.get('csrftoken');
    const headers: Record<string, string> = {
      Accept: 'text/html',
      'Content-Type': 'application/x-www-form-urlencoded',
      Referer: pageResponse.url,
      Origin: origin,
      ...(csrf !== undefined && !form.hidden.some(([name]) => name === 'csrfmiddlewaretoken') ? { 'X-CSRFToken': csrf } : {}),
      ...jar.header(),
    };
    const answer = await fetcher({ method: 'POST', url: form.action, headers, body: fields.toString(), follow: false });
    jar.update(answer);
    const classified = classifyLoginAnswer(answer, pageResponse.url, formErrors, attempt);
    results.push(classified.result);
    options.onAttempt?.(attempt, classified.result);
    if (classified.stop) {
      const after = classified.stop.kind === 'error' ? (attempt > 1 ? attempt - 1 : null) : attempt;
      return finish(classified.stop.kind, after, classified.stop.detail);
    }
    if (classified.result.kind === 'form-error') formErrors++;
  }
  return finish('none', null, `${attempts} failed logins as ${username} were all answered normally (${formErrors} with the login form again): no lockout or throttle appeared`);
}
