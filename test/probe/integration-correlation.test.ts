/**
 * Acceptance 4 of issue 8: `scan PATH --url URL` against a real Django site on 127.0.0.1. The project's settings
 * read DEBUG, SECURE_HSTS_SECONDS and the cookies' Secure flags from environment variables whose defaults are safe
 * (what the static scan evaluates); the deployment sets them otherwise. The correlation rules must report each
 * setting the site contradicts — at the setting, with the URL in the message — and nothing for a deployment that runs
 * the settings as written. Skips, saying why, only when the Debian packages or gunicorn are missing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/engine/scan.js';
import { createDjangoProject, djangoUnavailable, removeProject, startSites, type RunningSite } from './site/django-site.js';

const unavailable = await djangoUnavailable();
if (unavailable) console.warn(`integration-correlation: ${unavailable}`);

const CODES = ['WEB080', 'WEB081', 'WEB082'];
const PROBE = { insecure: true, timeouts: { connectMs: 2000, totalMs: 4000 } };

describe.skipIf(unavailable !== null)('scan --url against a real Django site', () => {
  let dir: string | undefined;
  let drifted: RunningSite | undefined;
  let faithful: RunningSite | undefined;

  beforeAll(async () => {
    dir = await createDjangoProject();
    [drifted, faithful] = await startSites(dir, [
      // The deployment overrides the safe defaults: DEBUG on, no HSTS, cookies without Secure.
      { tls: true, env: { DJANGO_DEBUG: '1', DJANGO_HSTS_SECONDS: '0', DJANGO_SECURE_COOKIES: '0' } },
      // The deployment runs the settings as written.
      { tls: true, env: {} },
    ]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([drifted?.stop(), faithful?.stop()]);
    await removeProject(dir);
  });

  const lineOf = (text: string): number => readFileSync(path.join(dir!, 'demo', 'settings.py'), 'utf8').split('\n').findIndex((line) => line.startsWith(text)) + 1;

  it('reports the three mismatches at their settings, with the URL', async () => {
    const url = `${drifted!.origin}/`;
    const { report } = await audit({ path: dir!, urls: [url], probe: PROBE, select: CODES, jobs: 1 });
    const found = report.findings.map((f) => `${f.ruleId} ${f.location.path}:${f.location.startLine}`).sort();
    expect(found).toEqual(
      [
        `WEB080 demo/settings.py:${lineOf('SECURE_HSTS_SECONDS =')}`,
        `WEB081 demo/settings.py:${lineOf('CSRF_COOKIE_SECURE =')}`,
        `WEB081 demo/settings.py:${lineOf('SESSION_COOKIE_SECURE =')}`,
        `WEB082 demo/settings.py:${lineOf('DEBUG =')}`,
      ].sort(),
    );
    for (const finding of report.findings) expect(finding.message).toContain(drifted!.origin);
    const debug = report.findings.find((f) => f.ruleId === 'WEB082')!;
    expect(debug.message).toMatch(/^demo\.settings says DEBUG = False, the default when DJANGO_DEBUG is not set, but https:\/\/127\.0\.0\.1:\d+\/ponyguard-[0-9a-f]+\/ answered 404 with Django's technical 404 page/);
    const hsts = report.findings.find((f) => f.ruleId === 'WEB080')!;
    expect(hsts.message).toContain('says SECURE_HSTS_SECONDS = 31536000, the default when DJANGO_HSTS_SECONDS is not set');
    const session = report.findings.find((f) => f.ruleId === 'WEB081' && f.message.includes('sessionid'))!;
    expect(session.message).toContain(`but ${url} sets the sessionid cookie without Secure (sessionid=********;`);
  }, 40_000);

  it('reports nothing for a deployment that runs the settings as written', async () => {
    const { report } = await audit({ path: dir!, urls: [`${faithful!.origin}/`], probe: PROBE, select: CODES, jobs: 1 });
    expect(report.findings).toEqual([]);
    expect(report.sites?.[0]?.status).toBe(200);
  }, 40_000);
});
