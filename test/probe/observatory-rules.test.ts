/**
 * The Observatory-family rules (WEB001–WEB049) together on captured sites: what a bare Django 3.2 startproject site
 * on gunicorn (HTTP only, `../shared/reference/http-probe.md` A7/C4) and a hardened one are reported for.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScanError } from '../../src/core/finding.js';
import { analyzeSite } from '../../src/engine/probe-phase.js';
import type { SiteCapture } from '../../src/probe/model.js';
import { probeRules } from '../../src/rules/index.js';

const FIXTURES = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures');
const load = (name: string): SiteCapture => JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as SiteCapture;
const observatoryRules = probeRules().filter((rule) => rule.meta.code >= 'WEB001' && rule.meta.code <= 'WEB049');

function run(site: SiteCapture) {
  const errors: ScanError[] = [];
  const findings = analyzeSite(site, observatoryRules, {}, errors);
  expect(errors).toEqual([]);
  return findings;
}

describe('Observatory rules on captured Django sites', () => {
  it('covers WEB001–WEB032', () => {
    expect(observatoryRules.map((r) => r.meta.code)).toEqual(Array.from({ length: 32 }, (_, i) => `WEB${String(i + 1).padStart(3, '0')}`));
  });

  it('a bare Django 3.2 site over HTTP: no redirect to HTTPS, no CSP, no COOP, no Permissions-Policy', () => {
    const findings = run(load('django-3.2-startproject.json'));
    expect(findings.map((f) => f.ruleId)).toEqual(['WEB001', 'WEB006', 'WEB018', 'WEB019']);
    expect(findings[0]!.message).toBe('http://127.0.0.1:8765/ is served over plain HTTP (status 200) instead of redirecting to HTTPS; HTTPS does not answer (https://127.0.0.1:8765/: the server does not speak TLS (wrong version number))');
    expect(findings.every((f) => f.location.path === 'http://127.0.0.1:8765/')).toBe(true);
  });

  it('a hardened Django site: nothing to report', () => {
    expect(run(load('django-hardened.json'))).toEqual([]);
  });
});
