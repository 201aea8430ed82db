/**
 * The bundled example projects: every planted problem whose rule exists is reported at the file and line that
 * examples/vulnerable-shop/EXPECTED.md gives, and the hardened variant has nothing at medium or above.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAMILIES } from '../src/core/finding.js';
import { DEFAULT_ADVISORY_DB } from '../src/deps/advisories/db.js';
import { audit } from '../src/engine/scan.js';
import { findRule } from '../src/rules/index.js';
import { REPO_ROOT } from './helpers.js';
import { commit, initRepo } from './secrets/git.js';
import { secretTokens } from './secrets/materialize.js';

const EXAMPLES = path.join(REPO_ROOT, 'examples');

interface ExpectedRow {
  id: number;
  problem: string;
  file: string;
  line: number;
  family: string;
  rule: string;
}

function expectedRows(): ExpectedRow[] {
  const text = readFileSync(path.join(EXAMPLES, 'vulnerable-shop', 'EXPECTED.md'), 'utf8');
  const rows: ExpectedRow[] = [];
  for (const line of text.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length !== 8 || !/^\d+$/.test(cells[1]!)) continue;
    rows.push({ id: Number(cells[1]), problem: cells[2]!, file: cells[3]!, line: Number(cells[4]), family: cells[5]!, rule: cells[6]! });
  }
  return rows;
}

/**
 * Without an advisory database (a checkout built without ../shared beside it) the dependency rules are left out of
 * the scans and their rows count as pending.
 */
const NO_DB = !existsSync(DEFAULT_ADVISORY_DB);
const WITHOUT_DB = NO_DB ? { ignore: ['DEP'] } : {};

/** The codes of a row's Rule cell ("PY301, PY811" when two rules report the same problem); none while pending. */
function ruleCodes(row: ExpectedRow): string[] {
  if (row.rule === 'pending' || (NO_DB && row.family === 'dependencies')) return [];
  return row.rule.split(',').map((code) => code.trim());
}

/** Rows about a secret only the git history holds (`[history: …]`): checked by the `scan --history` test. */
function isHistoryRow(row: ExpectedRow): boolean {
  return row.problem.includes('[history:');
}

/** The `[source FILE:LINE]` marks of a taint row's problem text. */
function sourcesOf(row: ExpectedRow): string[] {
  return [...row.problem.matchAll(/\[source ([^\]\s]+:\d+)\]/g)].map((m) => m[1]!);
}

describe('examples/vulnerable-shop', () => {
  const rows = expectedRows();

  it('EXPECTED.md is well formed and covers every required kind of problem', () => {
    expect(rows.length).toBeGreaterThanOrEqual(20);
    expect(rows.map((r) => r.id)).toEqual(rows.map((_, i) => i + 1));
    for (const row of rows) {
      expect(FAMILIES, `row ${row.id}`).toContain(row.family);
      if (!isHistoryRow(row)) expect(readFileSync(path.join(EXAMPLES, 'vulnerable-shop', row.file), 'utf8').split('\n').length, `row ${row.id}`).toBeGreaterThanOrEqual(row.line);
      for (const code of ruleCodes(row)) expect(findRule(code)?.meta.family, `row ${row.id}: ${code}`).toBe(row.family);
    }
    const families = new Set(rows.map((r) => r.family));
    for (const family of ['settings', 'code', 'dependencies', 'secrets', 'hardening', 'taint', 'templates']) expect(families).toContain(family);
  });

  it('reports every planted problem whose rule exists, at the expected line, and nothing unplanned', async () => {
    const { report, exitCode } = await audit({ path: path.join(EXAMPLES, 'vulnerable-shop'), jobs: 1, ...WITHOUT_DB });
    expect(exitCode).toBe(1);
    expect(report.errors).toEqual([]);
    expect(report.target.djangoVersion).toBe('3.2.10');
    const found = new Set(report.findings.map((f) => `${f.ruleId} ${f.location.path}:${f.location.startLine}`));
    const expected = rows.filter((r) => ruleCodes(r).length > 0 && !isHistoryRow(r));
    expect(expected.length).toBeGreaterThan(0);
    for (const row of expected) {
      for (const code of ruleCodes(row)) expect(found, `row ${row.id}: ${row.problem}`).toContain(`${code} ${row.file}:${row.line}`);
    }
    // Every finding is a planted problem: a new false positive in the example shows up here.
    const planted = new Set(expected.flatMap((r) => ruleCodes(r).map((code) => `${code} ${r.file}:${r.line}`)));
    expect([...found].filter((f) => !planted.has(f))).toEqual([]);

    // Taint rows: each `[source FILE:LINE]` is the first step of a finding's trace at that sink.
    const traced = new Set(report.findings.map((f) => `${f.ruleId} ${f.location.path}:${f.location.startLine} <- ${f.trace?.[0]?.path}:${f.trace?.[0]?.line}`));
    const taintRows = expected.filter((r) => r.family === 'taint');
    for (const row of taintRows) {
      expect(sourcesOf(row).length, `row ${row.id} names its sources`).toBeGreaterThan(0);
      for (const source of sourcesOf(row)) expect(traced, `row ${row.id}`).toContain(`${row.rule} ${row.file}:${row.line} <- ${source}`);
    }
    // A flow that crosses modules (request read in one file, sink in another) for every major class.
    const crossing = new Set(taintRows.filter((r) => sourcesOf(r).some((s) => !s.startsWith(`${r.file}:`))).map((r) => r.rule));
    for (const code of ['TNT001', 'TNT003', 'TNT004', 'TNT005', 'TNT008', 'TNT009', 'TNT010']) expect(crossing, code).toContain(code);
  });
});

/**
 * A git repository made of a copy of vulnerable-shop, committed, then a Stripe live key (generated here, never
 * committed to ponyguard) added in shop/settings/local.py and deleted by the next commit.
 */
async function historyCopy(): Promise<{ dir: string; ids: Record<string, string>; key: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ponyguard-vulnerable-history-'));
  await cp(path.join(EXAMPLES, 'vulnerable-shop'), dir, { recursive: true });
  initRepo(dir);
  const ids: Record<string, string> = {};
  ids.initial = commit(dir, 'vulnerable shop', '2025-05-01T10:00:00Z');
  const key = secretTokens(88).stripe_live!;
  await writeFile(path.join(dir, 'shop/settings/local.py'), `# Local overrides.\nfrom .base import *  # noqa\nSTRIPE_SECRET_KEY = "${key}"\n`);
  ids.added = commit(dir, 'local settings for the payment test', '2025-05-02T10:00:00Z');
  await rm(path.join(dir, 'shop/settings/local.py'));
  ids.deleted = commit(dir, 'oops, no secrets in git', '2025-05-02T10:05:00Z');
  return { dir, ids, key };
}

describe('examples/vulnerable-shop with its git history (scan --history)', () => {
  it('reports the secret only the history holds at the commit that added it, and no output shows it', async () => {
    const { dir, ids, key } = await historyCopy();
    try {
      const { report } = await audit({ path: dir, jobs: 1, history: true, select: ['SEC', 'SET201', 'SET218'] });
      const historyRows = expectedRows().filter(isHistoryRow);
      expect(historyRows.length).toBeGreaterThan(0);
      for (const row of historyRows) {
        const finding = report.findings.find((f) => f.ruleId === row.rule && f.location.path === row.file && f.location.startLine === row.line);
        expect(finding, `row ${row.id}`).toBeDefined();
        expect(finding!.commit).toMatchObject({ id: ids.added, inWorkingTree: false });
      }
      // Secrets still in the tree carry the commit that introduced them.
      const tree = report.findings.filter((f) => f.commit?.inWorkingTree);
      expect(tree.map((f) => `${f.ruleId} ${f.location.path}:${f.location.startLine}`)).toEqual(['SEC002 shop/settings/production.py:27', 'SEC002 shop/settings/production.py:28']);
      expect(tree.every((f) => f.commit?.id === ids.initial)).toBe(true);
      expect(JSON.stringify(report)).not.toContain(key.slice(4));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('examples/hardened-shop', () => {
  it('has no finding at medium severity or above', async () => {
    const { report, exitCode } = await audit({ path: path.join(EXAMPLES, 'hardened-shop'), jobs: 1, severityThreshold: 'medium', ...WITHOUT_DB });
    expect(report.errors).toEqual([]);
    expect(report.findings.map((f) => `${f.ruleId} ${f.location.path}:${f.location.startLine}`)).toEqual([]);
    expect(exitCode).toBe(0);
  });
});

describe('the examples are real Django projects (Debian python3-django as the oracle)', () => {
  const manage = (variant: string, args: string[], env: Record<string, string>) =>
    spawnSync('/usr/bin/python3', ['manage.py', ...args], {
      cwd: path.join(EXAMPLES, variant),
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', PYTHONDONTWRITEBYTECODE: '1', ...env },
      encoding: 'utf8',
    });

  it.each(['vulnerable-shop', 'hardened-shop'])('%s passes manage.py check', (variant) => {
    const result = manage(variant, ['check'], { DJANGO_SECRET_KEY: 'x' });
    expect(result.stderr + result.stdout).toContain('System check identified no issues');
    expect(result.status).toBe(0);
  });

  it("reports exactly the security checks Django's check --deploy reports, on both projects", async () => {
    const production = { DJANGO_SETTINGS_MODULE: 'shop.settings.production' };
    const djangoIds = (output: string) => [...new Set(output.match(/\b(security\.[WE]\d{3}|4_0\.E\d{3})\b/g) ?? [])].sort();
    const vulnerable = manage('vulnerable-shop', ['check', '--deploy'], { ...production, DJANGO_SECRET_KEY: 'x' });
    const hardened = manage('hardened-shop', ['check', '--deploy'], {
      ...production,
      DJANGO_SECRET_KEY: 'k'.repeat(20) + 'Q9#x!t2@Lw$8zR^p5&mB*v0(nC)y3_hG-fJ+dK=sA',
      DJANGO_ALLOWED_HOSTS: 'shop.example.com',
      DJANGO_EMAIL_HOST_USER: 'postmaster',
      DJANGO_EMAIL_HOST_PASSWORD: 'secret',
    });
    expect(hardened.status, hardened.stderr).toBe(0);
    const ours = async (variant: string) => {
      const { report } = await audit({ path: path.join(EXAMPLES, variant), jobs: 1, settings: 'shop.settings.production' });
      return [...new Set(report.findings.flatMap((f) => f.aliases).filter((a) => /^(security|4_0)\./.test(a)))].sort();
    };
    const expectedVulnerable = djangoIds(vulnerable.stderr + vulnerable.stdout);
    expect(expectedVulnerable).toContain('security.W018');
    expect(await ours('vulnerable-shop')).toEqual(expectedVulnerable);
    expect(djangoIds(hardened.stderr + hardened.stdout)).toEqual([]);
    expect(await ours('hardened-shop')).toEqual([]);
  });
});
