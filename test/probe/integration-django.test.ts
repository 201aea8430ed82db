/**
 * Acceptance 2 of issue 8: the probe against a real Django (Debian's 3.2 with django-axes 5.39 and DRF, under
 * gunicorn) on 127.0.0.1 — an insecure deployment over plain HTTP and over TLS, and a hardened one over TLS (a self-signed
 * certificate), both captured by the retriever (`retrieveSite`) and judged by the probe rules, with `--active`.
 * Skips, saying why, only when the Debian packages or gunicorn are missing (CI installs them).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanError } from '../../src/core/finding.js';
import { analyzeSite } from '../../src/engine/probe-phase.js';
import type { RawFinding } from '../../src/engine/raw-finding.js';
import { firstHeader, headerValues, type SiteCapture } from '../../src/probe/model.js';
import { retrieveSite } from '../../src/probe/retrieve/site.js';
import { gradeSite } from '../../src/probe/grade.js';
import { findRule, probeRules } from '../../src/rules/index.js';
import { createDjangoProject, djangoUnavailable, removeProject, startSites, type RunningSite } from './site/django-site.js';

const unavailable = await djangoUnavailable();
if (unavailable) console.warn(`integration-django: ${unavailable}`);

/** Plain-HTTP gunicorn never answers the probe's https:// attempt: keep that timeout short. */
const TIMEOUTS = { connectMs: 2000, totalMs: 4000 };

function judge(site: SiteCapture): RawFinding[] {
  const errors: ScanError[] = [];
  const findings = analyzeSite(site, probeRules(), {}, errors);
  expect(errors).toEqual([]);
  return findings;
}

const mine = (findings: RawFinding[]): string[] => findings.map((f) => f.ruleId).filter((code) => code >= 'WEB050').sort();

describe.skipIf(unavailable !== null)('the probe against a real Django site', () => {
  let dir: string | undefined;
  let insecure: RunningSite | undefined;
  let hardened: RunningSite | undefined;
  let insecureTls: RunningSite | undefined;

  beforeAll(async () => {
    dir = await createDjangoProject();
    [insecure, hardened, insecureTls] = await startSites(dir, [
      { tls: false, env: { DJANGO_DEBUG: '1', DJANGO_HSTS_SECONDS: '0', DJANGO_SECURE_COOKIES: '0' } },
      { tls: true, env: { DJANGO_HARDENED: '1' } },
      { tls: true, env: { DJANGO_DEBUG: '1', DJANGO_HSTS_SECONDS: '0', DJANGO_SECURE_COOKIES: '0' } },
    ]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([insecure?.stop(), hardened?.stop(), insecureTls?.stop()]);
    await removeProject(dir);
  });

  it('reports the insecure deployment: DEBUG pages, leaked patterns with the renamed admin, exposed files, the media listing, no lockout', async () => {
    const site = await retrieveSite(`${insecure!.origin}/`, { timeouts: TIMEOUTS, active: { loginUrl: `${insecure!.origin}/ops-admin/login/`, attempts: 4 } });
    const findings = judge(site);
    expect(mine(findings)).toEqual(['WEB050', 'WEB051', 'WEB053', 'WEB053', 'WEB054', 'WEB057']);
    const by = (code: string) => findings.filter((f) => f.ruleId === code);
    expect(by('WEB050')[0]!.message).toContain("Django's technical 404 page (it lists the URL patterns); the DEBUG variant of Django's CSRF failure page");
    expect(by('WEB051')[0]!.message).toContain('the admin is at /ops-admin/ (renamed, and disclosed here)');
    expect(by('WEB053').map((f) => new URL(f.location.path).pathname).sort()).toEqual(['/.env', '/static/settings.py']);
    expect(by('WEB054')[0]!.message).toContain('entries such as invoice-0001.pdf, avatar.png');
    expect(site.active!.outcome.kind).toBe('none');
    expect(site.active!.attempts.map((a) => a.kind)).toEqual(['form-error', 'form-error', 'form-error', 'form-error']);
    // What makes the deployment insecure is really on the wire.
    const cookies = headerValues(site.main.response!.headers, 'set-cookie');
    expect(cookies.some((c) => c.startsWith('sessionid=') && !/;\s*secure/i.test(c))).toBe(true);
    expect(firstHeader(site.main.response!.headers, 'strict-transport-security')).toBeUndefined();
  }, 40_000);

  it('passes the hardened deployment over TLS, and --active sees the axes lockout on the 3rd failure (403)', async () => {
    const site = await retrieveSite(`${hardened!.origin}/`, { insecure: true, timeouts: TIMEOUTS, active: { attempts: 5 } });
    expect(site.tls?.trusted).toBe(false);
    const main = site.main.response!;
    expect(main.url).toBe(`${hardened!.origin}/`);
    expect(firstHeader(main.headers, 'strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(firstHeader(main.headers, 'content-security-policy')).toContain("object-src 'none'");
    expect(headerValues(main.headers, 'set-cookie').every((c) => /;\s*secure/i.test(c))).toBe(true);

    expect(site.active!.loginUrl).toBe(`${hardened!.origin}/admin/login/?next=/admin/`);
    expect(site.active!.outcome).toEqual({
      kind: 'axes',
      afterAttempts: 3,
      detail: 'locked out after 3 failed logins: 403 "Account locked: too many login attempts. Contact an admin to unlock your account." (django-axes)',
    });
    expect(site.active!.attempts.map((a) => `${a.status} ${a.kind}`)).toEqual(['200 form-error', '200 form-error', '403 locked']);

    const findings = judge(site);
    // Only the admin login at its default path remains (low: the lockout was seen), and the admin's version floor.
    expect(mine(findings)).toEqual(['WEB052', 'WEB055']);
    const admin = findings.find((f) => f.ruleId === 'WEB052')!;
    expect(admin.severity).toBe('low');
    expect(admin.message).toContain('failed logins were stopped after 3 attempts (axes)');
    expect(findings.find((f) => f.ruleId === 'WEB055')!.severity).toBe('info');
  }, 40_000);

  it('over TLS, the insecure deployment lacks HSTS and sends cookies without Secure; the hardened one has no header finding at medium or above, and grades better', async () => {
    const bad = await retrieveSite(`${insecureTls!.origin}/`, { insecure: true, timeouts: TIMEOUTS });
    const good = await retrieveSite(`${hardened!.origin}/`, { insecure: true, timeouts: TIMEOUTS });
    const badFindings = judge(bad);
    const codes = new Set(badFindings.map((f) => f.ruleId));
    for (const code of ['WEB002', 'WEB020', 'WEB029', 'WEB050']) expect(codes, code).toContain(code);
    const insecureCookies = badFindings.filter((f) => f.ruleId === 'WEB020').map((f) => f.message).join('\n');
    expect(insecureCookies).toContain('sessionid');
    expect(insecureCookies).toContain('csrftoken');
    const serious = judge(good).filter((f) => f.ruleId < 'WEB050' && f.ruleId !== 'WEB029' && ['critical', 'high', 'medium'].includes(f.severity ?? findRule(f.ruleId)!.meta.severity));
    expect(serious.map((f) => `${f.ruleId} ${f.message}`)).toEqual([]);
    const [badGrade, goodGrade] = [gradeSite(bad), gradeSite(good)];
    expect(goodGrade.observatory!.score).toBeGreaterThan(badGrade.observatory!.score);
    expect(goodGrade.django!.score).toBeGreaterThan(badGrade.django!.score);
  }, 40_000);
});
