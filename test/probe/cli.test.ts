/**
 * `ponyguard probe` and `scan --url` through the built CLI, against local servers on 127.0.0.1: findings, grades,
 * errors naming the URL or the file and line at fault, exit codes, and a JSON report that validates.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/report.js';
import { makeProject, REPO_ROOT, runCli } from '../helpers.js';
import { djangoLikeSite, startHttpServer, type TestServer } from './helpers/servers.js';

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile(JSON.parse(readFileSync(path.join(REPO_ROOT, 'docs', 'report.schema.json'), 'utf8')) as object);
}

describe('ponyguard probe', () => {
  let server: TestServer;
  let hardened: TestServer;
  beforeAll(async () => {
    server = await startHttpServer(djangoLikeSite());
    hardened = await startHttpServer(djangoLikeSite({}, { debug: false }));
  });
  afterAll(async () => {
    await Promise.all([server?.close(), hardened?.close()]);
  });

  it('prints findings, then each site with its grades explained, then the errors naming the URL', async () => {
    const result = await runCli(['probe', `${server.origin}/`, '--timeout', '5']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const out = result.stdout;
    expect(out).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ponyguard-[0-9a-f]{12}\/$/m);
    expect(out).toMatch(/high\s+WEB050 debug-page-served/);
    expect(out).toContain(`Sites (1)\n  ${server.origin}/ (200)`);
    expect(out).toMatch(/HTTP Observatory: [A-F][+-]? \(score \d+\)/);
    expect(out).toMatch(/Django: [A-F][+-]? \(score \d+\)/);
    expect(out).toMatch(/fail +-\d+ debug-mode /);
    expect(out).toContain(`Errors (1): these files or URLs were not fully scanned\n  https://127.0.0.1:${server.port}/  GET https://127.0.0.1:${server.port}/: TLS handshake failed (the port does not speak TLS)`);
    expect(out).toMatch(/\d+ findings? \(.*\) in \d+ URLs? · 1 error · 1 site probed in \d+\.\d s\n$/);
  });

  it('writes a JSON report that validates, with the sites and their grade lines; thresholds and --fail-on apply', async () => {
    const result = await runCli(['probe', `${server.origin}/`, `${hardened.origin}/`, '-f', 'json', '--fail-on', 'none', '--select', 'WEB050']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    const validate = validator();
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.findings.map((f) => [f.ruleId, new URL(f.location.path).origin])).toEqual([['WEB050', server.origin]]);
    expect(report.sites?.map((s) => [s.url, s.finalUrl, s.status])).toEqual([
      [`${server.origin}/`, `${server.origin}/`, 200],
      [`${hardened.origin}/`, `${hardened.origin}/`, 200],
    ]);
    for (const site of report.sites ?? []) {
      expect(site.observatory?.lines.length).toBeGreaterThan(0);
      expect(site.django?.lines.length).toBeGreaterThan(0);
    }
    expect(report.sites![1]!.django!.score).toBeGreaterThan(report.sites![0]!.django!.score);
    expect(report.target.root).toBe('');
    // The same site probed again: the same findings, fingerprints included (baselines work for probes).
    const again = JSON.parse((await runCli(['probe', `${server.origin}/`, '-f', 'json', '--fail-on', 'none', '--select', 'WEB050'])).stdout) as Report;
    expect(again.findings.map((f) => [f.location.path, f.fingerprint])).toEqual(report.findings.map((f) => [f.location.path, f.fingerprint]));
  });

  it('--urls-file: comments and blank lines skipped, each bad line an error naming file:line, the good ones probed', async () => {
    const dir = await makeProject({});
    const list = path.join(dir, 'sites.txt');
    await writeFile(list, ['# staging sites', '', `${server.origin}/   # the shop`, 'ftp://files.example.com/', `${server.origin}/`, 'http://exa mple.com/', `${hardened.origin}/`, ''].join('\n'));
    const result = await runCli(['probe', '--urls-file', list, '-f', 'json', '--fail-on', 'none']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.sites?.map((s) => s.url)).toEqual([`${server.origin}/`, `${hardened.origin}/`]);
    expect(report.errors.filter((e) => e.path === list)).toEqual([
      { path: list, line: 4, message: 'cannot probe this URL: only http:// and https:// URLs can be probed: "ftp://files.example.com/"' },
      { path: list, line: 6, message: 'cannot probe this URL: not a valid URL: "http://exa mple.com/"' },
    ]);
  });

  it('with nothing to probe, exits 2 naming what was wrong', async () => {
    const missing = await runCli(['probe', '--urls-file', 'no-such-list.txt']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('ponyguard: error: no URL to probe:\n  no-such-list.txt: cannot read the URL list: no such file\n');
    const none = await runCli(['probe']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no URL to probe: give one or more URLs, or --urls-file FILE');
    const bad = await runCli(['probe', 'gopher://x/']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('gopher://x/: cannot probe this URL: only http:// and https:// URLs can be probed');
  });

  it('refuses malformed options', async () => {
    for (const [args, message] of [
      [['--header', 'no colon here'], '--header "no colon here": expected "Name: value"'],
      [['--attempts', '5'], '--login-url and --attempts go with --active'],
      [['--active', '--attempts', '31'], "option '--attempts <n>' argument '31' is invalid"],
      [['--timeout', '0'], "option '--timeout <seconds>' argument '0' is invalid"],
    ] as const) {
      const result = await runCli(['probe', `${server.origin}/`, ...args]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(message);
    }
  });

  it('--active warns on standard error and records the login test; without it no login is sent', async () => {
    const before = server.requests.filter((r) => r.startsWith('POST /admin/login/')).length;
    const passive = await runCli(['probe', `${server.origin}/`, '-f', 'json', '--fail-on', 'none']);
    expect(passive.stderr).toBe('');
    expect(server.requests.filter((r) => r.startsWith('POST /admin/login/')).length).toBe(before);
    const result = await runCli(['probe', `${server.origin}/`, '--active', '--attempts', '3', '-f', 'json', '--fail-on', 'none', '--select', 'WEB057']);
    expect(result.stderr).toContain('warning: --active sends real failed logins');
    expect(result.stderr).toContain('real users');
    expect(result.code).toBe(0);
    expect(server.requests.filter((r) => r.startsWith('POST /admin/login/')).length).toBe(before + 3);
  });
});

describe('ponyguard scan --url', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startHttpServer(djangoLikeSite());
  });
  afterAll(async () => {
    await server?.close();
  });

  it('adds the live findings, the correlations at the settings and the site to the scan report', async () => {
    const project = await makeProject({
      'manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")\n',
      'requirements.txt': 'Django==4.2.1\n',
      'shop/__init__.py': '',
      'shop/urls.py': 'urlpatterns = []\n',
      'shop/settings.py': 'DEBUG = False\nSECRET_KEY = "x"\nALLOWED_HOSTS = ["shop.example"]\nCSRF_COOKIE_SECURE = True\nROOT_URLCONF = "shop.urls"\n',
    });
    const result = await runCli(['scan', project, '--url', `${server.origin}/`, '--url', 'ftp://nope/', '--select', 'WEB', '-f', 'json', '-q']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as Report;
    const validate = validator();
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    const at = report.findings.map((f) => `${f.ruleId} ${f.location.path.startsWith('http') ? new URL(f.location.path).origin : f.location.path}:${f.location.startLine}`);
    expect(at).toContain(`WEB050 ${server.origin}:1`);
    expect(at).toContain('WEB082 shop/settings.py:1');
    expect(at).toContain('WEB081 shop/settings.py:4');
    expect(report.sites?.map((s) => s.url)).toEqual([`${server.origin}/`]);
    expect(report.errors).toContainEqual({ path: 'ftp://nope/', line: null, message: 'cannot probe this URL: only http:// and https:// URLs can be probed: "ftp://nope/"' });
  });
});
