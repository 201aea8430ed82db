/**
 * The active login test (src/probe/active.ts) against scripted sites: each lockout and throttle the add-ons answer
 * with (`../shared/reference/http-probe.md` A8–A12), no lockout, pages without a login form, CSRF failures and
 * network errors. The real django-axes lockout is in test/probe/integration-django.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { classifyLoginAnswer, parseLoginForm, runActiveLoginTest, type LoginFetcher, type LoginRequest } from '../../src/probe/active.js';
import type { HeaderList } from '../../src/probe/model.js';
import { exchange } from './site/captures.js';

const LOGIN = 'https://shop.example/admin/login/?next=/admin/';
const FORM =
  '<form action="/admin/login/?next=/admin/" method="post" id="login-form"><input type="hidden" name="csrfmiddlewaretoken" value="tok&amp;1">' +
  '<input type="text" name="username" autofocus id="id_username"><input type="password" name="password" id="id_password">' +
  '<input type="hidden" name="next" value="/admin/"><input type="submit" value="Log in"></form>';
const ERRORNOTE = `<p class="errornote">Please enter the correct username and password for a staff account.</p>${FORM}`;

type Answer = { status: number; headers?: HeaderList; body?: string } | null;

/** A site whose n-th login POST (1-based) gets `post(n)`; GETs of the login page get the form and a csrftoken cookie. */
function site(post: (n: number, request: LoginRequest) => Answer, page: (n: number) => Answer = () => ({ status: 200, headers: [['set-cookie', 'csrftoken=c00kie; Path=/; SameSite=Lax']], body: FORM })) {
  const requests: LoginRequest[] = [];
  let posts = 0;
  let gets = 0;
  const fetcher: LoginFetcher = (request) => {
    requests.push(request);
    const answer = request.method === 'POST' ? post(++posts, request) : page(++gets);
    return Promise.resolve(exchange(request.url, answer, { method: request.method }));
  };
  return { fetcher, requests };
}

describe('runActiveLoginTest', () => {
  it('detects django-axes (403 "Account locked" on the 3rd failure) and sends what Django\'s CSRF check wants', async () => {
    const { fetcher, requests } = site((n) => (n < 3 ? { status: 200, body: ERRORNOTE } : { status: 403, body: 'Account locked: too many login attempts. Contact an admin to unlock your account.' }));
    const result = await runActiveLoginTest(LOGIN, fetcher, { username: 'nobody-here' });
    expect(result.outcome).toEqual({ kind: 'axes', afterAttempts: 3, detail: 'locked out after 3 failed logins: 403 "Account locked: too many login attempts. Contact an admin to unlock your account." (django-axes)' });
    expect(result.attempts.map((a) => a.kind)).toEqual(['form-error', 'form-error', 'locked']);
    const post = requests.find((r) => r.method === 'POST')!;
    expect(post.url).toBe(LOGIN);
    expect(post.follow).toBe(false);
    expect(post.headers).toMatchObject({ Cookie: 'csrftoken=c00kie', Referer: LOGIN, Origin: 'https://shop.example', 'Content-Type': 'application/x-www-form-urlencoded' });
    const fields = new URLSearchParams(post.body);
    expect(fields.get('csrfmiddlewaretoken')).toBe('tok&1');
    expect(fields.get('username')).toBe('nobody-here');
    expect(fields.get('next')).toBe('/admin/');
    expect(fields.get('password')).toMatch(/^wrong-[0-9a-f]{16}$/);
    // It stopped at the lockout: three GETs and three POSTs.
    expect(requests.length).toBe(6);
  });

  it('detects django-axes answering 429 (newer releases) and django-defender (200 with the lockout text)', async () => {
    const axes = await runActiveLoginTest(LOGIN, site((n) => (n < 3 ? { status: 200, body: ERRORNOTE } : { status: 429, body: 'Account locked: too many login attempts. Please try again later.' })).fetcher);
    expect(axes.outcome).toMatchObject({ kind: 'axes', afterAttempts: 3 });
    const defender = await runActiveLoginTest(LOGIN, site((n) => (n < 4 ? { status: 200, body: ERRORNOTE } : { status: 200, body: 'Account locked: too many login attempts.  Please try again later.' })).fetcher);
    expect(defender.outcome).toMatchObject({ kind: 'defender', afterAttempts: 4 });
    expect(defender.outcome.detail).toContain('django-defender answers a lockout with 200');
  });

  it('detects DRF throttling (429 with Retry-After), another 429, and django-ratelimit (403 after normal answers)', async () => {
    const drf = await runActiveLoginTest(LOGIN, site((n) => (n < 2 ? { status: 200, body: ERRORNOTE } : { status: 429, headers: [['retry-after', '60']], body: '{"detail":"Request was throttled. Expected available in 60 seconds."}' })).fetcher);
    expect(drf.outcome).toMatchObject({ kind: 'drf-throttle', afterAttempts: 2 });
    expect(drf.attempts[1]).toEqual({ status: 429, kind: 'throttled', retryAfter: '60' });
    const plain = await runActiveLoginTest(LOGIN, site(() => ({ status: 429, body: 'slow down' })).fetcher);
    expect(plain.outcome).toMatchObject({ kind: 'http-429', afterAttempts: 1 });
    const ratelimit = await runActiveLoginTest(LOGIN, site((n) => (n < 5 ? { status: 200, body: ERRORNOTE } : { status: 403, body: '<title>403 Forbidden</title><h1>403 Forbidden</h1>' })).fetcher);
    expect(ratelimit.outcome).toMatchObject({ kind: 'ratelimit', afterAttempts: 5 });
  });

  it('detects a redirect away from the form after failures (a lockout URL); a redirect back to the form is a failure', async () => {
    const back = (n: number): Answer => (n < 3 ? { status: 302, headers: [['location', '/admin/login/?next=/admin/']] } : { status: 302, headers: [['location', '/locked-out/']] });
    const result = await runActiveLoginTest(LOGIN, site(back).fetcher);
    expect(result.outcome).toMatchObject({ kind: 'redirect', afterAttempts: 3 });
    expect(result.outcome.detail).toContain('to https://shop.example/locked-out/');
  });

  it('reports none after N normal answers, and never sends more than asked', async () => {
    const { fetcher, requests } = site(() => ({ status: 200, body: ERRORNOTE }));
    const result = await runActiveLoginTest(LOGIN, fetcher, { attempts: 4 });
    expect(result.outcome.kind).toBe('none');
    expect(result.outcome.afterAttempts).toBeNull();
    expect(result.attempts).toHaveLength(4);
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(4);
    expect(result.outcome.detail).toMatch(/^4 failed logins as ponyguard-probe-[0-9a-f]{12} were all answered normally/);
  });

  it('sends no login to a page without a login form, or when the page cannot be fetched', async () => {
    const noForm = site(() => ({ status: 200 }), () => ({ status: 200, body: '<form method="get"><input name="q"></form>' }));
    const result = await runActiveLoginTest('https://shop.example/', noForm.fetcher);
    expect(result.outcome).toEqual({ kind: 'not-a-login-form', afterAttempts: null, detail: 'https://shop.example/ answered 200 without a login form (a POST form with a password field); no login was tried' });
    expect(noForm.requests.every((r) => r.method === 'GET')).toBe(true);
    const down = site(() => null, () => null);
    const error = await runActiveLoginTest(LOGIN, down.fetcher);
    expect(error.outcome).toEqual({ kind: 'error', afterAttempts: null, detail: `the login page ${LOGIN} could not be fetched: GET ${LOGIN}: connection refused` });
  });

  it('stops with an error naming the URL when the CSRF check fails, and when the site stops answering', async () => {
    const csrf = await runActiveLoginTest(LOGIN, site(() => ({ status: 403, body: '<h1>Forbidden <span>(403)</span></h1><p>CSRF verification failed. Request aborted.</p>' })).fetcher);
    expect(csrf.outcome.kind).toBe('error');
    expect(csrf.outcome.afterAttempts).toBeNull();
    expect(csrf.outcome.detail).toContain(`the login POST to ${LOGIN} failed Django's CSRF check`);
    const banned = await runActiveLoginTest(LOGIN, site((n) => (n < 3 ? { status: 200, body: ERRORNOTE } : null)).fetcher);
    expect(banned.outcome).toMatchObject({ kind: 'error', afterAttempts: 2 });
    expect(banned.outcome.detail).toContain('the site stopped answering after 2 failed logins');
  });

  it('rejects a bad number of attempts and a URL that is not http(s)', async () => {
    const { fetcher } = site(() => ({ status: 200, body: ERRORNOTE }));
    await expect(runActiveLoginTest(LOGIN, fetcher, { attempts: 31 })).rejects.toThrow('the number of login attempts must be a whole number from 1 to 30, not 31');
    await expect(runActiveLoginTest(LOGIN, fetcher, { attempts: 0 })).rejects.toThrow(RangeError);
    await expect(runActiveLoginTest('ftp://shop.example/login', fetcher)).rejects.toThrow('the login URL ftp://shop.example/login is not an http:// or https:// URL');
  });
});

describe('parseLoginForm', () => {
  it('reads the admin form: action, hidden fields, field names', () => {
    expect(parseLoginForm(FORM, LOGIN)).toEqual({
      action: LOGIN,
      hidden: [['csrfmiddlewaretoken', 'tok&1'], ['next', '/admin/']],
      usernameField: 'username',
      passwordField: 'password',
    });
  });

  it('skips forms without a password field, prefers a field named like a username, and defaults the action to the page', () => {
    const html = "<form action='/search' method='get'><input name='q'></form><form method=POST><input type=text name=promo><input type=email name=login><input type=password name=pw></form>";
    expect(parseLoginForm(html, 'https://shop.example/accounts/login/')).toEqual({ action: 'https://shop.example/accounts/login/', hidden: [], usernameField: 'login', passwordField: 'pw' });
    expect(parseLoginForm('<p>no form</p>', LOGIN)).toBeNull();
  });
});

describe('classifyLoginAnswer', () => {
  it('takes a 200 with the form for a failure, and a 200 without form or lockout text for something else', () => {
    expect(classifyLoginAnswer(exchange(LOGIN, { status: 200, body: ERRORNOTE }), LOGIN, 0, 1)).toEqual({ result: { status: 200, kind: 'form-error' } });
    expect(classifyLoginAnswer(exchange(LOGIN, { status: 200, body: '<p>Welcome</p>' }), LOGIN, 0, 1)).toEqual({ result: { status: 200, kind: 'other' } });
    expect(classifyLoginAnswer(exchange(LOGIN, { status: 500, body: 'Server Error (500)' }), LOGIN, 1, 2).stop).toEqual({ kind: 'error', detail: `the login POST to ${LOGIN} answered 500 "Server Error (500)"` });
  });
});
