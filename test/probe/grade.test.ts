/**
 * The two grades. Observatory: the score table, the extra-credit rule and the grade chart of the MDN HTTP Observatory
 * (`../shared/reference/http-probe.md` B2/B3), checked on header sets built to reproduce its documented fixtures and on
 * a bare and a hardened Django site. Django: ponyguard's own formula, line by line.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Grade } from '../../src/core/report.js';
import { djangoGrade, gradeForScore, gradeSite, observatoryGrade, scoreLines } from '../../src/probe/grade.js';
import type { SiteCapture } from '../../src/probe/model.js';
import { OBSERVATORY_TESTS, SCORE_TABLE } from '../../src/probe/observatory/tests.js';
import { captureWith } from './capture.js';

const FIXTURES = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures');
const load = (name: string): SiteCapture => JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as SiteCapture;
const NOW = Date.parse('2026-11-21T12:00:00Z');

function results(grade: Grade | null): Record<string, string> {
  return Object.fromEntries((grade?.lines ?? []).map((l) => [l.test, l.result]));
}

describe('grade chart (GRADE_CHART)', () => {
  it.each([
    [165, 'A+'], [100, 'A+'], [99, 'A'], [90, 'A'], [89, 'A-'], [85, 'A-'], [84, 'B+'], [80, 'B+'], [79, 'B'], [70, 'B'], [69, 'B-'], [65, 'B-'],
    [64, 'C+'], [60, 'C+'], [59, 'C'], [50, 'C'], [49, 'C-'], [45, 'C-'], [44, 'D+'], [40, 'D+'], [39, 'D'], [30, 'D'], [29, 'D-'], [25, 'D-'], [24, 'F'], [0, 'F'], [-30, 'F'],
  ])('%i → %s', (score, grade) => {
    expect(gradeForScore(score)).toBe(grade);
  });
});

describe('score computation (analyzeScan)', () => {
  const line = (modifier: number) => ({ test: 't', result: 'r', modifier, pass: modifier >= 0, description: '' });

  it('adds bonuses only when the uncurved score is at least 90', () => {
    expect(scoreLines([line(-10), line(5), line(10)], true)).toEqual({ score: 105, grade: 'A+' });
    expect(scoreLines([line(-15), line(5), line(10)], true)).toEqual({ score: 85, grade: 'A-' });
  });

  it('never goes below 0, and the Django grade has no extra credit', () => {
    expect(scoreLines([line(-50), line(-50), line(-25)], true)).toEqual({ score: 0, grade: 'F' });
    expect(scoreLines([line(5)], false)).toEqual({ score: 100, grade: 'A+' });
  });

  it('has the exact modifiers of the score table', () => {
    expect(SCORE_TABLE['csp-implemented-with-no-unsafe-default-src-none'].modifier).toBe(10);
    expect(SCORE_TABLE['csp-not-implemented-but-reporting-enabled'].modifier).toBe(-25);
    expect(SCORE_TABLE['cookies-session-without-secure-flag'].modifier).toBe(-40);
    expect(SCORE_TABLE['cookies-session-without-httponly-flag'].modifier).toBe(-30);
    expect(SCORE_TABLE['cross-origin-resource-sharing-implemented-with-universal-access'].modifier).toBe(-50);
    expect(SCORE_TABLE['redirection-off-host-from-http'].modifier).toBe(-5);
    expect(SCORE_TABLE['hsts-implemented-max-age-less-than-six-months'].modifier).toBe(-10);
    expect(SCORE_TABLE['sri-not-implemented-and-external-scripts-not-loaded-securely'].modifier).toBe(-50);
    expect(SCORE_TABLE['x-frame-options-sameorigin-or-deny'].modifier).toBe(5);
    expect(SCORE_TABLE['coop-implemented-with-noopener-allow-popups'].modifier).toBe(10);
    expect(SCORE_TABLE['corp-header-invalid'].modifier).toBe(-5);
    // The per-test maxima add up to 165 (100 + 65 of extra credit).
    const max = (prefixes: string[]) => Math.max(...Object.entries(SCORE_TABLE).filter(([k]) => prefixes.some((p) => k.startsWith(p))).map(([, v]) => v.modifier));
    const perTest = [['csp-'], ['cookies-'], ['coep-'], ['coop-'], ['cross-origin-resource-sharing-'], ['redirection-'], ['referrer-policy-'], ['hsts-'], ['sri-'], ['x-content-type-options-'], ['x-frame-options-'], ['corp-']];
    expect(100 + perTest.reduce((sum, p) => sum + max(p), 0)).toBe(165);
  });
});

describe('Observatory grade on documented and Django header sets', () => {
  it('observatory.mozilla.org → 110, A+ (a strict CSP, X-Frame-Options, HSTS, nosniff, no cookies)', () => {
    const site = captureWith({
      headers: {
        'Content-Security-Policy': "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'",
        'Strict-Transport-Security': 'max-age=63072000',
        'X-Content-Type-Options': 'nosniff',
        'X-Frame-Options': 'DENY',
      },
      body: '<!doctype html><html><head><script src="/app.js"></script></head><body></body></html>',
    });
    const grade = observatoryGrade(site, NOW)!;
    expect(grade.lines.map((l) => l.test)).toEqual([...OBSERVATORY_TESTS]);
    expect(results(grade)).toMatchObject({ 'content-security-policy': 'csp-implemented-with-no-unsafe', 'x-frame-options': 'x-frame-options-sameorigin-or-deny', 'referrer-policy': 'referrer-policy-not-implemented' });
    expect({ score: grade.score, grade: grade.grade }).toEqual({ score: 110, grade: 'A+' });
  });

  it('mozilla.org → 75, B (unsafe-inline in script-src, third-party scripts without SRI; bonuses lost)', () => {
    const site = captureWith({
      headers: {
        'Content-Security-Policy': "default-src 'self'; script-src 'self' 'unsafe-inline' https://www.googletagmanager.com",
        'Strict-Transport-Security': 'max-age=31536000',
        'X-Content-Type-Options': 'nosniff',
        'X-Frame-Options': 'DENY',
        'Referrer-Policy': 'strict-origin-when-cross-origin',
      },
      body: '<!doctype html><html><head><script src="https://www.googletagmanager.com/gtm.js"></script></head></html>',
    });
    const grade = observatoryGrade(site, NOW)!;
    expect(results(grade)).toMatchObject({ 'content-security-policy': 'csp-implemented-with-unsafe-inline', 'subresource-integrity': 'sri-not-implemented-but-external-scripts-loaded-securely', 'referrer-policy': 'referrer-policy-private' });
    expect({ score: grade.score, grade: grade.grade }).toEqual({ score: 75, grade: 'B' });
  });

  it('a bare Django 3.2 startproject site on gunicorn, HTTP only → 35, D', () => {
    const grade = observatoryGrade(load('django-3.2-startproject.json'), NOW)!;
    expect(grade.lines).toEqual([
      { test: 'content-security-policy', result: 'csp-not-implemented', modifier: -25, pass: false, description: SCORE_TABLE['csp-not-implemented'].description },
      { test: 'cookies', result: 'cookies-not-found', modifier: 0, pass: true, description: SCORE_TABLE['cookies-not-found'].description },
      { test: 'cross-origin-embedder-policy', result: 'coep-not-implemented', modifier: 0, pass: true, description: SCORE_TABLE['coep-not-implemented'].description },
      { test: 'cross-origin-opener-policy', result: 'coop-not-implemented', modifier: 0, pass: true, description: SCORE_TABLE['coop-not-implemented'].description },
      { test: 'cross-origin-resource-sharing', result: 'cross-origin-resource-sharing-not-implemented', modifier: 0, pass: true, description: SCORE_TABLE['cross-origin-resource-sharing-not-implemented'].description },
      { test: 'redirection', result: 'redirection-missing', modifier: -20, pass: false, description: SCORE_TABLE['redirection-missing'].description },
      { test: 'referrer-policy', result: 'referrer-policy-private', modifier: 5, pass: true, description: SCORE_TABLE['referrer-policy-private'].description },
      { test: 'strict-transport-security', result: 'hsts-not-implemented-no-https', modifier: -20, pass: false, description: SCORE_TABLE['hsts-not-implemented-no-https'].description },
      { test: 'subresource-integrity', result: 'sri-not-implemented-but-no-scripts-loaded', modifier: 0, pass: true, description: SCORE_TABLE['sri-not-implemented-but-no-scripts-loaded'].description },
      { test: 'x-content-type-options', result: 'x-content-type-options-nosniff', modifier: 0, pass: true, description: SCORE_TABLE['x-content-type-options-nosniff'].description },
      { test: 'x-frame-options', result: 'x-frame-options-sameorigin-or-deny', modifier: 5, pass: true, description: SCORE_TABLE['x-frame-options-sameorigin-or-deny'].description },
      { test: 'cross-origin-resource-policy', result: 'corp-not-implemented', modifier: 0, pass: true, description: SCORE_TABLE['corp-not-implemented'].description },
    ]);
    // 100 − 25 − 20 − 20 = 35: below 90, so the +5 bonuses do not count.
    expect({ score: grade.score, grade: grade.grade }).toEqual({ score: 35, grade: 'D' });
  });

  it('the same site behind HTTPS with Django 4+ defaults and session cookies → 0, F', () => {
    const site = captureWith({
      headers: {
        'X-Frame-Options': 'DENY',
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'same-origin',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Set-Cookie': ['csrftoken=abc; Max-Age=31449600; Path=/; SameSite=Lax', 'sessionid=def; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax'],
      },
      body: '<!doctype html><html><body><form method="post"></form></body></html>',
      http: { status: 200 },
    });
    const grade = observatoryGrade(site, NOW)!;
    expect(results(grade)).toMatchObject({ cookies: 'cookies-session-without-secure-flag', redirection: 'redirection-missing', 'strict-transport-security': 'hsts-not-implemented' });
    // 100 − 25 (CSP) − 40 (cookies) − 20 (redirect) − 20 (HSTS) = −5 → 0.
    expect({ score: grade.score, grade: grade.grade }).toEqual({ score: 0, grade: 'F' });
  });

  it('a hardened Django site → 145, A+ (every bonus but COEP and SRI)', () => {
    const grade = observatoryGrade(load('django-hardened.json'), NOW)!;
    expect(results(grade)).toEqual({
      'content-security-policy': 'csp-implemented-with-no-unsafe-default-src-none',
      cookies: 'cookies-secure-with-httponly-sessions-and-samesite',
      'cross-origin-embedder-policy': 'coep-not-implemented',
      'cross-origin-opener-policy': 'coop-implemented-with-same-origin',
      'cross-origin-resource-sharing': 'cross-origin-resource-sharing-not-implemented',
      redirection: 'redirection-to-https',
      'referrer-policy': 'referrer-policy-private',
      'strict-transport-security': 'hsts-implemented-max-age-at-least-six-months',
      'subresource-integrity': 'sri-not-implemented-but-all-scripts-loaded-from-secure-origin',
      'x-content-type-options': 'x-content-type-options-nosniff',
      'x-frame-options': 'x-frame-options-implemented-via-csp',
      'cross-origin-resource-policy': 'corp-implemented-with-same-origin',
    });
    expect(grade.lines.every((l) => l.pass)).toBe(true);
    expect({ score: grade.score, grade: grade.grade }).toEqual({ score: 145, grade: 'A+' });
  });

  it('is null when the site did not answer or answered 500 (the Observatory refuses to grade it)', () => {
    expect(observatoryGrade(captureWith({ https: { error: { code: 'connection-refused', message: 'refused' } }, http: { error: { code: 'connection-refused', message: 'refused' } } }), NOW)).toBeNull();
    expect(observatoryGrade(captureWith({ status: 500 }), NOW)).toBeNull();
    expect(observatoryGrade(captureWith({ status: 403 }), NOW)).not.toBeNull();
  });
});

describe('Django grade', () => {
  it('a bare Django 3.2 site: only the public admin login and the CSRF cookie without Secure cost points', () => {
    const grade = djangoGrade(load('django-3.2-startproject.json'), NOW)!;
    expect(grade.lines.map((l) => [l.test, l.result, l.modifier])).toEqual([
      ['debug-mode', 'debug-not-detected', 0],
      ['exposed-files', 'no-files-exposed', 0],
      ['session-cookie', 'session-cookie-not-seen', 0],
      ['csrf-cookie', 'csrf-cookie-without-secure', -10],
      ['admin-exposure', 'admin-login-public', -10],
      ['server-banner', 'no-version-disclosed', 0],
      ['brute-force', 'not-tested', 0],
    ]);
    expect({ score: grade.score, grade: grade.grade }).toEqual({ score: 80, grade: 'B+' });
  });

  it('follows the documented formula: DEBUG −40, exposed files −40, session cookie −20, CSRF cookie −10, admin −10, runserver −20, no lockout −20', () => {
    const site = captureWith({
      headers: { Server: 'WSGIServer/0.2 CPython/3.11.2', 'Set-Cookie': ['sessionid=x; Path=/; SameSite=Lax', 'csrftoken=y; Path=/; SameSite=Lax'] },
      body: '<html></html>',
      notFound: { status: 404, body: '<title>Page not found at /x/</title>\n<p>Using the URLconf defined in <code>demo.urls</code>, Django tried these URL patterns, in this order:</p>\n<p>You’re seeing this error because you have <code>DEBUG = True</code> in your Django settings file.</p>' },
      exposures: { '/.env': { status: 200, headers: { 'Content-Type': 'text/plain' }, body: 'SECRET_KEY=abc\nDEBUG=1\n' } },
      admin: { body: '<form action="/admin/login/" method="post" id="login-form"><input type="hidden" name="csrfmiddlewaretoken" value="x"></form><link href="/static/admin/css/base.css">' },
      active: { loginUrl: 'https://example.com/admin/login/', attempts: Array.from({ length: 10 }, () => ({ status: 200, kind: 'form-error' })), outcome: { kind: 'none', afterAttempts: null, detail: '10 failures, no lockout' } },
    });
    const grade = djangoGrade(site, NOW)!;
    expect(Object.fromEntries(grade.lines.map((l) => [l.test, l.modifier]))).toEqual({
      'debug-mode': -40,
      'exposed-files': -40,
      'session-cookie': -20,
      'csrf-cookie': -10,
      'admin-exposure': -10,
      'server-banner': -20,
      'brute-force': -20,
    });
    expect(grade.lines.filter((l) => l.modifier < 0).every((l) => !l.pass)).toBe(true);
    expect({ score: grade.score, grade: grade.grade }).toEqual({ score: 0, grade: 'F' });
  });

  it('a hardened site with a lockout observed scores 100', () => {
    const site = load('django-hardened.json');
    const grade = djangoGrade({ ...site, active: { loginUrl: 'https://shop.example.com/admin/login/', attempts: [], outcome: { kind: 'axes', afterAttempts: 3, detail: 'axes 403' } } }, NOW)!;
    expect(grade.lines.find((l) => l.test === 'brute-force')).toMatchObject({ result: 'lockout-observed', modifier: 0, pass: true });
    expect(grade.lines.find((l) => l.test === 'session-cookie')).toMatchObject({ result: 'session-cookie-secure', modifier: 0 });
    expect({ score: grade.score, grade: grade.grade }).toEqual({ score: 100, grade: 'A+' });
  });

  it('a version banner costs 5; gradeSite returns both grades, null when nothing answered', () => {
    const site = captureWith({ headers: { Server: 'nginx/1.18.0 (Ubuntu)' } });
    expect(djangoGrade(site, NOW)!.lines.find((l) => l.test === 'server-banner')).toMatchObject({ result: 'version-disclosed', modifier: -5 });
    expect(gradeSite(site, NOW).observatory).not.toBeNull();
    const down = captureWith({ https: { error: { code: 'timeout', message: 'timed out' } }, http: { error: { code: 'timeout', message: 'timed out' } } });
    expect(gradeSite(down, NOW)).toEqual({ observatory: null, django: null });
  });
});
