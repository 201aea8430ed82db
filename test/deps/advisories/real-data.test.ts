/**
 * The build on the real inputs of the reference pack (`../shared/data`, read at test time, never copied): Django
 * versions against known advisories, support windows, fixes, and the consistency of the counts. Skipped, with a
 * message, where the pack is absent. Also runs scripts/build-advisories.mjs (it needs `npm run build` first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAdvisoryDb } from '../../../src/deps/advisories/build.js';
import { indexAdvisoryDb, loadAdvisoryDb } from '../../../src/deps/advisories/db.js';
import { djangoAudit } from '../../../src/deps/advisories/django.js';
import { advisoriesForSpecifier, advisoriesForVersion } from '../../../src/deps/advisories/match.js';
import { compareVersions, seriesOf } from '../../../src/deps/advisories/versions.js';
import { HAVE_SHARED_DATA, REPO_ROOT, SHARED_DATA, realInputs } from './helpers.js';

if (!HAVE_SHARED_DATA) console.warn(`real-data advisory tests skipped: the reference pack's data is not at ${SHARED_DATA}`);

describe.skipIf(!HAVE_SHARED_DATA)('the database built from the real data', () => {
  const inputs = HAVE_SHARED_DATA ? realInputs() : { osv: [], djangoArchive: [], djangoReleases: [] };
  const db = indexAdvisoryDb(buildAdvisoryDb({ ...inputs, sources: [], builtAt: '2026-01-01T00:00:00.000Z' }));
  const today = new Date('2026-11-21T12:00:00Z');

  it('finds CVE-2022-28346 and CVE-2022-34265 (among others) in Django 3.2.10, through aliases', () => {
    const audit = advisoriesForVersion(db, 'Django', '3.2.10');
    const allIds = audit.matches.flatMap((m) => [m.id, ...m.aliases]);
    expect(allIds).toEqual(expect.arrayContaining(['CVE-2022-28346', 'CVE-2022-34265', 'CVE-2024-27351']));
    expect(audit.matches.length).toBeGreaterThan(10);
    const sqlInjection = audit.matches.find((m) => m.aliases.includes('CVE-2022-34265'));
    expect(sqlInjection).toMatchObject({ id: 'PYSEC-2022-213', fixedIn: ['3.2.14'], basis: 'range' });
  });

  it('says 3.2 is end of life on 2026-11-21, with its end date, and gives the right fixes', () => {
    const audit = djangoAudit(db, '3.2.10', today);
    expect(audit.series).toMatchObject({ series: '3.2', status: 'end-of-life', lts: true, endOfExtendedSupport: '2024-04-01', latestPatch: '3.2.25', isLatestPatch: false });
    expect(audit.cves).toEqual(expect.arrayContaining(['CVE-2022-28346', 'CVE-2022-34265']));
    // The highest in-series fix any match needs is the in-series upgrade, and it audits clean.
    const needed = audit.audit.matches.flatMap((m) => m.fixedIn.filter((f) => seriesOf(f) === '3.2'));
    expect(needed.sort(compareVersions).at(-1)).toBe('3.2.25');
    expect(audit.fix).toEqual({ inSeries: '3.2.25', overall: '3.2.25' });
    expect(advisoriesForVersion(db, 'django', '3.2.25').matches).toEqual([]);
    expect(audit.supportedUpgrade).toBe('5.2.14');
    expect(audit.unevaluated).toEqual(expect.arrayContaining(['CVE-2025-64459']));
  });

  it('has no advisory for the latest 5.2.x of the support data', () => {
    const latest = db.djangoReleases.find((r) => r.series === '5.2')?.lastRelease;
    expect(latest).toBe('5.2.14');
    expect(advisoriesForVersion(db, 'django', latest!).matches).toEqual([]);
    expect(djangoAudit(db, latest!, today).series.status).toBe('lts');
  });

  it('reproduces the PYSEC counts of the reference for the lockfile fixtures', () => {
    const pysec = (version: string) => advisoriesForVersion(db, 'django', version).matches.flatMap((m) => m.advisories).filter((a) => a.id.startsWith('PYSEC-')).length;
    expect(['1.11.20', '5.0', '5.1.6', '5.2.1', '5.2.16', '6.0.3'].map(pysec)).toEqual([10, 11, 0, 0, 0, 0]);
  });

  it('audits specifiers against the same data', () => {
    const ranged = advisoriesForSpecifier(db, 'django', '>=3.2,<4');
    expect(ranged.kind === 'audited' && ranged.matches.length).toBeGreaterThan(15);
    expect(advisoriesForSpecifier(db, 'django', '>=5.2.14,<5.3')).toMatchObject({ kind: 'audited', matches: [] });
  });

  it('keeps counts consistent with the records', () => {
    const { counts } = db.meta;
    expect(counts).toMatchObject({ recordsRead: 2661, withdrawn: 10, duplicates: 0, otherEcosystems: 0, djangoReleases: 17 });
    expect(counts.written).toBe(db.advisories.length);
    expect(counts.recordsRead - counts.withdrawn - counts.duplicates - counts.otherEcosystems + counts.djangoArchive.standalone).toBe(counts.written);
    expect(counts.djangoArchive.entries).toBe(inputs.djangoArchive.length);
    expect(counts.djangoArchive.merged + counts.djangoArchive.standalone).toBe(counts.djangoArchive.entries);
    expect(Object.values(counts.severitySources).reduce((a, b) => a + b, 0)).toBe(counts.written);
    for (const [name, count] of Object.entries(counts.byPackage)) expect(db.byPackage.get(name)?.length, name).toBe(count);
    expect(counts.byPackage.django).toBe(116 + counts.djangoArchive.standalone);
    expect(counts.skippedRanges).toEqual({ GIT: 1391 });
    expect(new Set(db.advisories.map((a) => a.id)).size).toBe(db.advisories.length);
  });

  it('writes and loads the same database through scripts/build-advisories.mjs', async () => {
    if (!existsSync(path.join(REPO_ROOT, 'dist', 'deps', 'advisories', 'build.js'))) throw new Error('dist/ is missing: run npm run build first');
    const out = path.join(await mkdtemp(path.join(os.tmpdir(), 'ponyguard-db-')), 'advisories.json');
    const run = spawnSync(process.execPath, ['scripts/build-advisories.mjs', '--shared', path.dirname(SHARED_DATA), '--out', out], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/advisories\.json: 2690 advisories for \d+ packages/);
    const loaded = await loadAdvisoryDb(out);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.db.meta.counts).toEqual(db.meta.counts);
    expect(loaded.db.meta.sources.map((s) => [s.file, s.sha256?.length])).toEqual([
      ['pypa-advisories-2024-10-10.jsonl', 64],
      ['django-security-archive.json', 64],
      ['django-release-support.json', 64],
    ]);
  });
});

describe('scripts/build-advisories.mjs without the reference pack', () => {
  it('says so, writes nothing and exits 0', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ponyguard-db-'));
    const out = path.join(dir, 'advisories.json');
    const run = spawnSync(process.execPath, ['scripts/build-advisories.mjs', '--shared', path.join(dir, 'absent'), '--out', out], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/input data not found .*not written/);
    expect(existsSync(out)).toBe(false);
  });

  it('rejects unknown arguments', () => {
    const run = spawnSync(process.execPath, ['scripts/build-advisories.mjs', '--outt', 'x'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/unknown argument --outt/);
  });
});
