/**
 * The two grades of a probed site, each explained line by line.
 *
 * **Observatory grade** (`observatoryGrade`): the MDN HTTP Observatory's algorithm (`analyzeScan` of
 * mdn/mdn-http-observatory, `../shared/reference/http-probe.md` B3) over the 12 tests of `observatory/tests.ts`:
 * start at 100; every test adds its modifier to the score with extra credit, only the negative ones to the uncurved
 * score; the score is the one with extra credit when the uncurved score is at least 90, else the uncurved one; the
 * letter comes from `GRADE_CHART` with the score floored at 0 and rounded down to a multiple of 5 (capped at 100).
 * Null when the site gave no response, or a status other than 2xx, 3xx, 401 or 403 (the Observatory's preconditions).
 *
 * **Django grade** (`djangoGrade`): ponyguard's own score of what only a Django-aware probe sees. Start at 100, add
 * each line's modifier (all ≤ 0), floor at 0, same letter chart (no extra credit):
 *
 * | test               | failing result               | modifier | when                                                        |
 * |--------------------|------------------------------|---------:|-------------------------------------------------------------|
 * | debug-mode         | debug-page-served            |      −40 | a technical 404/500 page or the CSRF page's DEBUG help       |
 * | exposed-files      | files-exposed                |      −40 | `/.git/HEAD`, `/.env`, a `settings.py` or a `/media/` listing served |
 * | session-cookie     | session-cookie-insecure      |      −20 | a session cookie without Secure or without HttpOnly         |
 * | csrf-cookie        | csrf-cookie-without-secure   |      −10 | a CSRF cookie without Secure                                 |
 * | admin-exposure     | admin-login-public           |      −10 | the admin login form answers 200 to anyone                  |
 * | server-banner      | development-server           |      −20 | `Server: WSGIServer/…` (`manage.py runserver` in production) |
 * |                    | version-disclosed            |       −5 | a version number in `Server` or `X-Powered-By`               |
 * | brute-force        | no-lockout-observed          |      −20 | `--active` ran N failed logins and nothing stopped them     |
 *
 * Every other result (nothing detected, not tested) is 0 and passes. Null when the site gave no response at all.
 */
import { letterFor, OBSERVATORY_GRADE_CHART } from '../core/grade-chart.js';
import type { Grade, GradeLine } from '../core/report.js';
import { adminSignals, DEBUG_PAGE_DESCRIPTIONS, debugSignals, directoryListings, exposedFiles } from './django/signals.js';
import type { SiteCapture } from './model.js';
import { allCookies, isCsrfCookie, isSessionCookie } from './observatory/cookies.js';
import { runObservatoryTests, SCORE_TABLE } from './observatory/tests.js';
import { serverBanners } from './observatory/banners.js';

/** The Observatory's `GRADE_CHART`: the lowest score of each letter. */
export const GRADE_CHART = OBSERVATORY_GRADE_CHART;

/** `MINIMUM_SCORE_FOR_EXTRA_CREDIT`. */
export const MINIMUM_SCORE_FOR_EXTRA_CREDIT = 90;

export function gradeForScore(score: number): string {
  const floored = Math.max(score, 0);
  const key = Math.min(floored - (floored % 5), 100);
  return letterFor(key, GRADE_CHART);
}

/** Score and letter from the lines' modifiers, with the Observatory's extra-credit rule. */
export function scoreLines(lines: readonly GradeLine[], extraCredit: boolean): { score: number; grade: string } {
  let withExtraCredit = 100;
  let uncurved = 100;
  for (const line of lines) {
    withExtraCredit += line.modifier;
    if (line.modifier < 0) uncurved += line.modifier;
  }
  const raw = extraCredit && uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withExtraCredit : uncurved;
  const score = Math.max(raw, 0);
  return { score, grade: gradeForScore(score) };
}

export function observatoryGrade(site: SiteCapture, now?: number): Grade | null {
  const outcomes = runObservatoryTests(site, now);
  if (!outcomes) return null;
  const lines: GradeLine[] = outcomes.map((o) => ({ test: o.test, result: o.result, modifier: SCORE_TABLE[o.result].modifier, pass: o.pass, description: SCORE_TABLE[o.result].description }));
  return { ...scoreLines(lines, true), lines };
}

// --- Django-specific signals (detectors of src/probe/django/signals.ts) ---------------------------------------------

export function djangoGrade(site: SiteCapture, now?: number): Grade | null {
  if (!site.main.response && !site.http?.response && !site.https?.response) return null;
  const lines: GradeLine[] = [];
  const line = (test: string, result: string, modifier: number, description: string): void => {
    lines.push({ test, result, modifier, pass: modifier === 0, description });
  };

  const debug = debugSignals(site)[0];
  if (debug) line('debug-mode', 'debug-page-served', -40, `DEBUG is on: ${debug.url} serves ${DEBUG_PAGE_DESCRIPTIONS[debug.kind]}`);
  else line('debug-mode', 'debug-not-detected', 0, 'No DEBUG page seen (the 404 and CSRF failure pages are the production ones)');

  const exposed = [...exposedFiles(site).map((f) => f.path), ...directoryListings(site).map((l) => l.path)].sort();
  if (exposed.length > 0) line('exposed-files', 'files-exposed', -40, `Served files that must never be public: ${exposed.join(', ')}`);
  else line('exposed-files', Object.keys(site.exposures).length > 0 ? 'no-files-exposed' : 'not-probed', 0, Object.keys(site.exposures).length > 0 ? `None of ${Object.keys(site.exposures).length} sensitive paths is served` : 'Sensitive paths were not probed');

  const cookies = allCookies(site, now);
  const session = cookies.filter((c) => isSessionCookie(site, c.name));
  const badSession = session.filter((c) => !c.secure || !c.httpOnly);
  if (badSession.length > 0) line('session-cookie', 'session-cookie-insecure', -20, `Session cookie ${badSession.map((c) => `${c.name} (${[!c.secure ? 'no Secure' : '', !c.httpOnly ? 'no HttpOnly' : ''].filter(Boolean).join(', ')})`).join(', ')}`);
  else line('session-cookie', session.length > 0 ? 'session-cookie-secure' : 'session-cookie-not-seen', 0, session.length > 0 ? 'The session cookie is Secure and HttpOnly' : 'No session cookie was set to an anonymous visitor');

  const csrf = cookies.filter((c) => isCsrfCookie(site, c.name));
  const badCsrf = csrf.filter((c) => !c.secure);
  if (badCsrf.length > 0) line('csrf-cookie', 'csrf-cookie-without-secure', -10, `CSRF cookie ${badCsrf.map((c) => c.name).join(', ')} without Secure`);
  else line('csrf-cookie', csrf.length > 0 ? 'csrf-cookie-secure' : 'csrf-cookie-not-seen', 0, csrf.length > 0 ? 'The CSRF cookie is Secure' : 'No CSRF cookie was set');

  const admin = adminSignals(site)[0];
  if (admin) line('admin-exposure', 'admin-login-public', -10, `The admin login form answers anyone at ${admin.url}`);
  else line('admin-exposure', 'admin-not-public', 0, 'No admin login form answered at the probed admin URL');

  const banners = serverBanners(site.main.response?.headers ?? []);
  if (banners.some((b) => b.developmentServer)) line('server-banner', 'development-server', -20, `Django's development server (manage.py runserver) answers: ${banners.find((b) => b.developmentServer)!.header}`);
  else if (banners.some((b) => b.versions.length > 0)) line('server-banner', 'version-disclosed', -5, `Software versions disclosed: ${banners.filter((b) => b.versions.length > 0).map((b) => b.header).join('; ')}`);
  else line('server-banner', 'no-version-disclosed', 0, 'No software version in Server or X-Powered-By');

  const active = site.active;
  if (active && active.outcome.kind === 'none') line('brute-force', 'no-lockout-observed', -20, `${active.attempts.length} failed logins at ${active.loginUrl} were neither locked out nor throttled`);
  else if (active && active.outcome.kind !== 'not-a-login-form' && active.outcome.kind !== 'error') line('brute-force', 'lockout-observed', 0, `Failed logins were stopped (${active.outcome.kind}) after ${active.outcome.afterAttempts ?? '?'} attempts`);
  else line('brute-force', 'not-tested', 0, active ? `The login test did not run: ${active.outcome.detail}` : 'Not tested (the login test runs only with --active)');

  return { ...scoreLines(lines, false), lines };
}

/** Both grades of a site, for `Report.sites`. */
export function gradeSite(site: SiteCapture, now?: number): { observatory: Grade | null; django: Grade | null } {
  return { observatory: observatoryGrade(site, now), django: djangoGrade(site, now) };
}
