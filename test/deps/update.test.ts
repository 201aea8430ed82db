/**
 * `db update` in process (src/deps/advisories/update.ts, store.ts, osv-archive.ts): OSV archives served from a local
 * HTTP server or read from disk, the Django data carried over, conditional requests, atomic replacement, and a
 * previous database left byte-for-byte intact by every failure. Every test has its own cache and bundled database.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { buildAdvisoryDb } from '../../src/deps/advisories/build.js';
import { checkOsvRecord, readOsvTexts, readOsvZip } from '../../src/deps/advisories/osv-archive.js';
import {
  activeAdvisoryDb,
  ageDays,
  cacheDir,
  chooseAdvisoryDb,
  dataDate,
  loadActiveAdvisoryDb,
  readDbMeta,
  readFetchState,
  writeFileAtomic,
  type DbCandidate,
} from '../../src/deps/advisories/store.js';
import type { AdvisoryDbFile, DbMeta, DbSource } from '../../src/deps/advisories/types.js';
import { DbUpdateError, djangoArchiveOf, djangoSupportOf, updateAdvisoryDb, type UpdateOptions } from '../../src/deps/advisories/update.js';
import { archiveEntry, osv } from './advisories/helpers.js';
import { TODAY, osvRecord, readDbFile, sampleArchive, startServer, tempDir, zipHandler, zipRecords, type TestServer } from './osv-fixtures.js';

const DJANGO_SOURCES: DbSource[] = [
  { file: 'django-security-archive.json', name: "Django's archive of security issues", date: '2026-05-14', commit: null, sha256: null },
  { file: 'django-release-support.json', name: 'Django release series support', date: '2026-05-14', commit: null, sha256: null },
];

/** A stand-in for the bundled database: one PyPA record for django merged with an archive entry, one archive-only entry, one release series. */
function bundledDb(): AdvisoryDbFile {
  return buildAdvisoryDb({
    osv: [osv('PYSEC-2020-1', [[{ introduced: '3.0' }, { fixed: '3.0.5' }]], [], { name: 'django', aliases: ['CVE-2020-1111'] })],
    djangoArchive: [archiveEntry('CVE-2020-1111', ['3.0.5', '2.2.12'], { severity: 'high' }), archiveEntry('NO-CVE-2013-02-19', ['1.4.4'])],
    djangoReleases: [
      {
        series: '5.2',
        lts: true,
        release_date: '2025-04-02',
        end_of_mainstream_support: '2025-12-31',
        end_of_extended_support: '2028-04-30',
        last_release: '5.2.8',
        last_release_date: '2025-11-05',
      },
    ],
    sources: [{ file: 'pypa.jsonl', name: 'PyPA advisory database', date: '2024-10-10', commit: null, sha256: null }, ...DJANGO_SOURCES],
    builtAt: '2026-05-15T00:00:00.000Z',
  });
}

let cache: string;
let bundledFile: string;
let options: UpdateOptions;
let server: TestServer | null = null;

beforeEach(async () => {
  cache = await tempDir();
  const bundledDir = await tempDir('ponyguard-bundled-');
  bundledFile = path.join(bundledDir, 'advisories.json');
  await writeFile(bundledFile, JSON.stringify(bundledDb()));
  options = { env: { PONYGUARD_CACHE_DIR: cache }, bundledFile };
});

afterEach(async () => {
  await server?.close();
  server = null;
});

const cacheFile = (): string => path.join(cache, 'advisories.json');

async function serve(handler: Parameters<typeof startServer>[0]): Promise<string> {
  server = await startServer(handler);
  return server.url;
}

/** Runs a successful update from `url` and returns the bytes of the cached database. */
async function updatedFrom(url: string): Promise<Buffer> {
  const result = await updateAdvisoryDb({ ...options, source: url });
  expect(result.status).toBe('updated');
  return readFile(cacheFile());
}

/** Expects `run` to fail with a DbUpdateError matching `message`, leaving the cache exactly as `before`. */
async function expectFailure(run: Promise<unknown>, message: RegExp, before: Buffer): Promise<void> {
  const error: unknown = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DbUpdateError);
  expect((error as DbUpdateError).exitCode).toBe(3);
  expect((error as Error).message).toMatch(message);
  expect((error as Error).message).toMatch(/the advisory database was not changed/);
  expect((await readFile(cacheFile())).equals(before)).toBe(true);
}

describe('db update over HTTP', () => {
  it('writes the cache, records the fetch, carries the Django data over, and becomes the active database', async () => {
    const url = await serve(zipHandler(sampleArchive()));
    const result = await updateAdvisoryDb({ ...options, source: url });
    expect(result).toMatchObject({ status: 'updated', source: url, file: cacheFile(), active: 'cache', carriedFrom: { origin: 'bundled', file: bundledFile } });
    const db = await readDbFile(cacheFile());
    expect(db.meta.format).toBe(1);
    expect(db.meta.sources[0]).toMatchObject({ file: url, name: expect.stringMatching(/^OSV/) as unknown, date: TODAY, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown });
    expect(db.meta.sources.slice(1)).toEqual(DJANGO_SOURCES);
    expect(db.meta.licences.map((l) => l.data)).toContain('GitHub Advisory Database records');
    const ids = db.advisories.map((a) => a.id).sort();
    // The new records, and the Django archive: its own advisories, and its entry merged into a record (which the new archive lacks, so it stands alone).
    expect(ids).toEqual(['CVE-2020-1111', 'GHSA-aaaa-bbbb-cccc', 'NO-CVE-2013-02-19', 'PYSEC-2099-1']);
    expect(db.advisories.find((a) => a.id === 'CVE-2020-1111')).toMatchObject({ severity: 'high', severitySource: 'django', sources: ['django'] });
    expect(db.djangoReleases).toEqual(bundledDb().djangoReleases);
    expect(db.advisories.find((a) => a.id === 'PYSEC-2099-1')?.affected[0]?.package).toBe('demo-pkg');

    const state = await readFetchState(cache);
    expect(state).toMatchObject({ source: url, etag: '"v1"', lastModified: 'Sat, 21 Nov 2026 10:00:00 GMT', sha256: db.meta.sources[0]?.sha256 });

    const active = await activeAdvisoryDb({ ...options, now: Date.parse(`${TODAY}T12:00:00Z`) });
    expect(active).toMatchObject({ origin: 'cache', file: cacheFile(), ageDays: 0 });
    const loaded = await loadActiveAdvisoryDb(options);
    expect(loaded.active?.origin).toBe('cache');
    expect(loaded.result.ok && [...loaded.result.db.byPackage.keys()].sort()).toEqual(['demo-pkg', 'django', 'other']);
  });

  it('sends If-None-Match and If-Modified-Since, and leaves everything untouched on 304', async () => {
    const url = await serve(zipHandler(sampleArchive()));
    const before = await updatedFrom(url);
    const { mtimeMs } = await stat(cacheFile());
    const sidecar = await readFile(path.join(cache, 'advisories.fetch.json'));
    const result = await updateAdvisoryDb({ ...options, source: url });
    expect(result).toMatchObject({ status: 'not-modified', source: url, file: cacheFile() });
    expect(server?.requests[0]?.headers['if-none-match']).toBeUndefined();
    expect(server?.requests[1]?.headers).toMatchObject({ 'if-none-match': '"v1"', 'if-modified-since': 'Sat, 21 Nov 2026 10:00:00 GMT' });
    expect((await readFile(cacheFile())).equals(before)).toBe(true);
    expect((await stat(cacheFile())).mtimeMs).toBe(mtimeMs);
    expect((await readFile(path.join(cache, 'advisories.fetch.json'))).equals(sidecar)).toBe(true);
  });

  it('asks unconditionally when the cached database is gone, or came from elsewhere', async () => {
    const url = await serve(zipHandler(sampleArchive()));
    await updatedFrom(url);
    await updateAdvisoryDb({ ...options, source: `${url}?other` });
    expect(server?.requests[1]?.headers['if-none-match']).toBeUndefined();
    await writeFile(cacheFile(), 'damaged');
    expect((await updateAdvisoryDb({ ...options, source: `${url}?other` })).status).toBe('updated');
    expect(server?.requests[2]?.headers['if-none-match']).toBeUndefined();
  });

  it('keeps the previous database when the download is not a zip archive', async () => {
    let body: Uint8Array = sampleArchive();
    const url = await serve((request, response) => zipHandler(body, `"${body.length}"`)(request, response));
    const before = await updatedFrom(url);
    body = Buffer.from('this is not a zip archive at all, just garbage bytes');
    await expectFailure(updateAdvisoryDb({ ...options, source: url }), /not a valid zip archive/, before);
    expect(await readFetchState(cache)).toMatchObject({ etag: `"${sampleArchive().length}"` });
  });

  it('keeps the previous database when an entry is not JSON or records are of OSV schema 2', async () => {
    let body = sampleArchive();
    const url = await serve((request, response) => zipHandler(body, `"${body.length}"`)(request, response));
    const before = await updatedFrom(url);
    body = zipRecords({ 'PYSEC-2099-1.json': osvRecord('PYSEC-2099-1', 'demo', '1.0'), 'PYSEC-2099-2.json': '{"id": "PYSEC-2099-2", "affected": [' });
    await expectFailure(updateAdvisoryDb({ ...options, source: url }), /PYSEC-2099-2\.json: not JSON/, before);
    body = zipRecords({ 'PYSEC-2099-3.json': osvRecord('PYSEC-2099-3', 'demo', '1.0', { schema_version: '2.0.0' }) });
    await expectFailure(updateAdvisoryDb({ ...options, source: url }), /OSV schema version "2\.0\.0"; this ponyguard reads schema 1\.x/, before);
  });

  it('keeps the previous database when no record is usable', async () => {
    let body = sampleArchive();
    const url = await serve((request, response) => zipHandler(body, `"${body.length}"`)(request, response));
    const before = await updatedFrom(url);
    const npm = osvRecord('GHSA-1111-2222-3333', 'left-pad', '1.0');
    npm.affected = [{ package: { ecosystem: 'npm', name: 'left-pad' } }];
    body = zipRecords({ 'GHSA-1111-2222-3333.json': npm, 'PYSEC-2099-9.json': osvRecord('PYSEC-2099-9', 'demo', '1.0', { withdrawn: `${TODAY}T00:00:00Z` }) });
    await expectFailure(updateAdvisoryDb({ ...options, source: url }), /no usable PyPI advisory \(2 records read: 1 withdrawn, 1 without a PyPI package/, before);
    body = zipRecords({});
    await expectFailure(updateAdvisoryDb({ ...options, source: url }), /no usable PyPI advisory/, before);
    body = zipRecords({ 'a.json': { id: 'X-1', affected: 'none' }, 'b.json': { id: 'X-2', affected: [{ package: { name: 'x' } }] } });
    await expectFailure(updateAdvisoryDb({ ...options, source: url }), /no usable PyPI advisory \(.*2 malformed/, before);
    body = zipRecords({ 'a.json': { id: 'X-1', affected: 'none' }, 'b.json': { id: 'X-2', aliases: 'X' }, 'c.json': osvRecord('PYSEC-2099-1', 'demo', '1.0') });
    await expectFailure(updateAdvisoryDb({ ...options, source: url }), /most records are not OSV records \(2 of 3: X-1: affected is not a list; X-2: aliases/, before);
  });

  it('keeps the previous database on HTTP errors and network errors', async () => {
    let status = 200;
    const url = await serve((request, response) => {
      if (status === 200) return zipHandler(sampleArchive())(request, response);
      response.writeHead(status);
      response.end('server error');
    });
    const before = await updatedFrom(url);
    status = 500;
    await expectFailure(updateAdvisoryDb({ ...options, source: url }), /answered HTTP 500 Internal Server Error/, before);
    status = 404;
    await expectFailure(updateAdvisoryDb({ ...options, source: url }), /answered HTTP 404/, before);
    await server?.close();
    server = null;
    await expectFailure(updateAdvisoryDb({ ...options, source: url }), /cannot fetch http:\/\/127\.0\.0\.1:\d+\/PyPI\/all\.zip: fetch failed \(ECONNREFUSED\)/, before);
  });

  it('skips records whose shape the build cannot read, and says so', async () => {
    const bad = osvRecord('PYSEC-2099-7', 'demo', '1.0');
    bad.affected = [{ package: { ecosystem: 'PyPI', name: 'demo' }, ranges: [{ type: 'ECOSYSTEM', events: [{ fixedd: '1.0' }] }] }] as never;
    const url = await serve(zipHandler(zipRecords({ 'PYSEC-2099-1.json': osvRecord('PYSEC-2099-1', 'demo', '1.0'), 'PYSEC-2099-7.json': bad })));
    const result = await updateAdvisoryDb({ ...options, source: url });
    expect(result.status === 'updated' && result.skipped).toEqual([
      { entry: 'PYSEC-2099-7.json', id: 'PYSEC-2099-7', problem: 'affected[0]: ranges[0] has an event without introduced, fixed, last_affected or limit' },
    ]);
  });
});

describe('db update from local sources', () => {
  it('reads a directory of OSV .json files, recursively', async () => {
    const dir = await tempDir('ponyguard-osv-dir-');
    await mkdir(path.join(dir, 'demo'));
    await writeFile(path.join(dir, 'demo', 'PYSEC-2099-1.json'), JSON.stringify(osvRecord('PYSEC-2099-1', 'demo', '1.0')));
    await writeFile(path.join(dir, 'GHSA-aaaa-bbbb-cccc.json'), JSON.stringify(osvRecord('GHSA-aaaa-bbbb-cccc', 'other', '2.0')));
    await writeFile(path.join(dir, 'README.md'), 'not a record');
    const result = await updateAdvisoryDb({ ...options, source: dir });
    expect(result).toMatchObject({ status: 'updated', source: dir, active: 'cache' });
    const db = await readDbFile(cacheFile());
    expect(db.meta.sources[0]).toMatchObject({ file: dir, name: 'OSV records (directory)', date: TODAY, sha256: null });
    expect(db.meta.counts.recordsRead).toBe(2);
    expect(await readFetchState(cache)).toMatchObject({ source: dir, etag: null, sha256: null });
  });

  it('reads a local zip archive, relative to the working directory or as a file: URL', async () => {
    const dir = await tempDir('ponyguard-osv-zip-');
    await writeFile(path.join(dir, 'all.zip'), sampleArchive());
    const result = await updateAdvisoryDb({ ...options, source: 'all.zip', cwd: dir });
    expect(result).toMatchObject({ status: 'updated', source: path.join(dir, 'all.zip') });
    const db = await readDbFile(cacheFile());
    expect(db.meta.sources[0]).toMatchObject({ name: 'OSV records (zip archive)', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown });
    expect(db.meta.counts.written).toBe(4);
    expect((await updateAdvisoryDb({ ...options, source: pathToFileURL(path.join(dir, 'all.zip')).href })).status).toBe('updated');
  });

  it('keeps the previous database when a local zip is damaged', async () => {
    const dir = await tempDir('ponyguard-osv-zip-');
    await writeFile(path.join(dir, 'all.zip'), sampleArchive());
    const before = await updatedFrom(path.join(dir, 'all.zip'));
    await writeFile(path.join(dir, 'all.zip'), sampleArchive().subarray(0, 100));
    await expectFailure(updateAdvisoryDb({ ...options, source: path.join(dir, 'all.zip') }), /not a valid zip archive/, before);
  });

  it('calls a missing source or another URL scheme a usage error', async () => {
    await expect(updateAdvisoryDb({ ...options, source: path.join(cache, 'nothing.zip') })).rejects.toThrow(UsageError);
    await expect(updateAdvisoryDb({ ...options, source: 'ftp://example.org/all.zip' })).rejects.toThrow(/only http\(s\) URLs, files and directories/);
    expect(existsSync(cacheFile())).toBe(false);
  });

  it('works without any previous database (no Django data to carry)', async () => {
    const url = await serve(zipHandler(sampleArchive()));
    const result = await updateAdvisoryDb({ ...options, bundledFile: path.join(cache, 'no-bundled.json'), source: url });
    expect(result).toMatchObject({ status: 'updated', carriedFrom: null });
    const db = await readDbFile(cacheFile());
    expect(db.djangoReleases).toEqual([]);
    expect(db.meta.sources).toHaveLength(1);
  });
});

describe('carrying the Django data over', () => {
  it('gives back the archive entries and the support table the database was built from', () => {
    const db = bundledDb();
    expect(djangoSupportOf(db)).toEqual([
      {
        series: '5.2',
        lts: true,
        release_date: '2025-04-02',
        end_of_mainstream_support: '2025-12-31',
        end_of_extended_support: '2028-04-30',
        last_release: '5.2.8',
        last_release_date: '2025-11-05',
      },
    ]);
    // Sorted as the advisories are, by id.
    expect(djangoArchiveOf(db)).toEqual([
      {
        id: 'NO-CVE-2013-02-19',
        cves: [],
        date: '2025-01-01',
        severity: null,
        summary: 'Archive summary of NO-CVE-2013-02-19.',
        advisory_url: 'https://www.djangoproject.com/weblog/NO-CVE-2013-02-19/',
        fixed_versions: ['1.4.4'],
      },
      {
        id: 'CVE-2020-1111',
        cves: ['CVE-2020-1111'],
        date: '2023-01-01',
        severity: 'high',
        summary: 'Archive summary of CVE-2020-1111.',
        advisory_url: 'https://www.djangoproject.com/weblog/CVE-2020-1111/',
        // Only the range the archive added (2.2.x); the record's own 3.0 range stays the record's.
        fixed_versions: ['2.2.12'],
      },
    ]);
  });

  it('rebuilds the same database from the same records', async () => {
    const records = [osv('PYSEC-2020-1', [[{ introduced: '3.0' }, { fixed: '3.0.5' }]], [], { name: 'django', aliases: ['CVE-2020-1111'] })];
    const dir = await tempDir('ponyguard-osv-dir-');
    await writeFile(path.join(dir, 'PYSEC-2020-1.json'), JSON.stringify(records[0]));
    await updateAdvisoryDb({ ...options, source: dir });
    const rebuilt = await readDbFile(cacheFile());
    expect(rebuilt.advisories).toEqual(bundledDb().advisories);
    expect(rebuilt.meta.counts.djangoArchive).toEqual(bundledDb().meta.counts.djangoArchive);
  });
});

describe('the cache directory and the choice of database', () => {
  it('follows PONYGUARD_CACHE_DIR, then XDG_CACHE_HOME, then the platform default', () => {
    expect(cacheDir({ PONYGUARD_CACHE_DIR: '/x/y', XDG_CACHE_HOME: '/c' }, 'linux', '/home/u')).toBe('/x/y');
    expect(cacheDir({ XDG_CACHE_HOME: '/c' }, 'linux', '/home/u')).toBe('/c/ponyguard');
    expect(cacheDir({ XDG_CACHE_HOME: 'relative', PONYGUARD_CACHE_DIR: '' }, 'linux', '/home/u')).toBe('/home/u/.cache/ponyguard');
    expect(cacheDir({}, 'darwin', '/Users/u')).toBe('/Users/u/.cache/ponyguard');
    expect(cacheDir({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32', 'C:\\Users\\u')).toBe('C:\\Users\\u\\AppData\\Local\\ponyguard');
    expect(cacheDir({}, 'win32', 'C:\\Users\\u')).toBe('C:\\Users\\u\\AppData\\Local\\ponyguard');
  });

  const meta = (date: string | null, builtAt: string, djangoDate = '2026-05-14'): DbMeta =>
    ({ ...bundledDb().meta, builtAt, sources: [{ file: 'f', name: 'OSV records', date, commit: null, sha256: null }, { ...DJANGO_SOURCES[0]!, date: djangoDate }] });
  const candidate = (origin: 'cache' | 'bundled', m: DbMeta): DbCandidate => ({ file: origin, origin, meta: m });

  it('dates a database by its advisory data, not by Django support tables', () => {
    expect(dataDate(meta('2024-10-10', '2026-05-15T00:00:00Z'))).toBe('2024-10-10');
    expect(dataDate(meta(null, '2026-05-15T00:00:00Z'))).toBe('2026-05-14');
    expect(dataDate({ ...meta(null, '2026-05-15T00:00:00Z'), sources: [] })).toBe('2026-05-15');
    expect(ageDays(meta('2024-10-10', 'x'), Date.parse('2024-11-10T23:00:00Z'))).toBe(31);
    expect(ageDays(meta('2030-01-01', 'x'), Date.parse('2024-11-10T23:00:00Z'))).toBe(0);
  });

  it('chooses the newer database by data date, then build date, falling back to whichever exists', () => {
    const old = candidate('bundled', meta('2024-10-10', '2026-05-15T00:00:00Z'));
    const fresh = candidate('cache', meta('2026-11-20', '2026-11-21T00:00:00Z'));
    expect(chooseAdvisoryDb(fresh, old)).toBe(fresh);
    expect(chooseAdvisoryDb(candidate('cache', meta('2024-01-01', '2027-01-01T00:00:00Z')), old)).toBe(old);
    expect(chooseAdvisoryDb(candidate('cache', meta('2024-10-10', '2026-06-01T00:00:00Z')), old)?.origin).toBe('cache');
    expect(chooseAdvisoryDb(candidate('cache', meta('2024-10-10', '2026-05-15T00:00:00Z')), old)?.origin).toBe('bundled');
    expect(chooseAdvisoryDb(null, old)).toBe(old);
    expect(chooseAdvisoryDb(fresh, null)).toBe(fresh);
    expect(chooseAdvisoryDb(null, null)).toBeNull();
  });

  it('uses the bundled database when the cache is missing, damaged or older', async () => {
    expect(await activeAdvisoryDb(options)).toMatchObject({ origin: 'bundled', file: bundledFile });
    await writeFile(cacheFile(), '{"meta":{"format":1,');
    expect(await activeAdvisoryDb(options)).toMatchObject({ origin: 'bundled' });
    const older = { ...bundledDb(), meta: { ...bundledDb().meta, builtAt: '2020-01-01T00:00:00.000Z', sources: [{ file: 'x', name: 'OSV', date: '2020-01-01', commit: null, sha256: null }] } };
    await writeFile(cacheFile(), JSON.stringify(older));
    expect(await activeAdvisoryDb(options)).toMatchObject({ origin: 'bundled' });
    expect(await activeAdvisoryDb({ ...options, bundledFile: path.join(cache, 'none.json') })).toMatchObject({ origin: 'cache', file: cacheFile() });
    expect(await activeAdvisoryDb({ env: { PONYGUARD_CACHE_DIR: path.join(cache, 'empty') }, bundledFile: path.join(cache, 'none.json') })).toBeNull();
  });

  it('falls back to the other database when the active one is damaged past its meta', async () => {
    const url = await serve(zipHandler(sampleArchive()));
    const whole = await updatedFrom(url);
    await writeFile(cacheFile(), whole.subarray(0, whole.length - 50));
    expect((await activeAdvisoryDb(options))?.origin).toBe('cache');
    const loaded = await loadActiveAdvisoryDb(options);
    expect(loaded.active).toMatchObject({ origin: 'bundled', file: bundledFile });
    expect(loaded.result.ok).toBe(true);
  });

  it('reads the meta alone, and files of another layout whole', async () => {
    const db = bundledDb();
    const compact = await readDbMeta(bundledFile);
    expect(compact).toEqual({ ok: true, meta: db.meta });
    const pretty = path.join(cache, 'pretty.json');
    await writeFile(pretty, JSON.stringify({ advisories: db.advisories, djangoReleases: db.djangoReleases, meta: db.meta }, null, 2));
    expect(await readDbMeta(pretty)).toEqual({ ok: true, meta: db.meta });
    const tricky = { ...db.meta, sources: [{ file: 'a}"b{', name: 'quote " and \\ brace }', date: null, commit: null, sha256: null }] };
    await writeFile(pretty, JSON.stringify({ ...db, meta: tricky }));
    expect(await readDbMeta(pretty)).toEqual({ ok: true, meta: tricky });
    await writeFile(pretty, JSON.stringify({ ...db, meta: { ...db.meta, format: 2 } }));
    expect(await readDbMeta(pretty)).toMatchObject({ ok: false, error: { kind: 'invalid', message: expect.stringMatching(/format 2/) as unknown } });
    expect(await readDbMeta(path.join(cache, 'missing.json'))).toMatchObject({ ok: false, error: { kind: 'missing' } });
  });

  it('writes atomically: the target is whole or untouched, and no temporary file is left', async () => {
    const file = path.join(cache, 'sub', 'file.json');
    await writeFileAtomic(file, 'one');
    await writeFileAtomic(file, 'two');
    expect(await readFile(file, 'utf8')).toBe('two');
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(path.dirname(file))).toEqual(['file.json']);
    await mkdir(path.join(cache, 'dir-target'));
    await expect(writeFileAtomic(path.join(cache, 'dir-target'), 'x')).rejects.toThrow();
    expect((await readdir(cache)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('checking OSV records', () => {
  it('keeps only what the build reads, and rejects shapes it cannot read', () => {
    const record = { ...osvRecord('PYSEC-1', 'demo', '1.0'), credits: [{ name: 'x' }], affected: [{ package: { ecosystem: 'PyPI', name: 'demo', purl: 'pkg:pypi/demo' }, ecosystem_specific: {}, ranges: [] }] };
    const checked = checkOsvRecord(record);
    expect('record' in checked && checked.record).toEqual({
      id: 'PYSEC-1',
      modified: `${TODAY}T00:00:00Z`,
      published: '2025-01-01T00:00:00Z',
      summary: 'Problem PYSEC-1 in demo',
      aliases: [],
      references: [{ type: 'ADVISORY', url: 'https://example.org/PYSEC-1' }],
      affected: [{ package: { ecosystem: 'PyPI', name: 'demo' }, ranges: [] }],
    });
    expect(checkOsvRecord([])).toEqual({ problem: 'not a JSON object', schemaMismatch: false });
    expect(checkOsvRecord({ id: '' })).toMatchObject({ problem: 'no id' });
    expect(checkOsvRecord({ id: 'A', aliases: 'B' })).toMatchObject({ problem: 'aliases is not a list of strings' });
    expect(checkOsvRecord({ id: 'A', severity: [{ type: 'CVSS_V3' }] })).toMatchObject({ problem: expect.stringMatching(/severity/) as unknown });
    expect(checkOsvRecord({ id: 'A', affected: [{ ranges: [{ events: [] }] }] })).toMatchObject({ problem: 'affected[0]: ranges[0] lacks its type or events' });
    expect(checkOsvRecord({ id: 'A', schema_version: '1.7.0' })).toEqual({ record: { id: 'A' } });
    expect(checkOsvRecord({ id: 'A', schema_version: '2.0.0' })).toMatchObject({ schemaMismatch: true });
  });

  it('reads zip archives and texts, ignoring entries that are not .json', () => {
    const zip = zipRecords({ 'a/PYSEC-1.json': osvRecord('PYSEC-1', 'demo', '1.0'), 'README.txt': 'hello', 'bad.json': { id: 'B', affected: 3 } });
    const read = readOsvZip(zip);
    expect(read.records.map((r) => r.id)).toEqual(['PYSEC-1']);
    expect(read.entries).toBe(2);
    expect(read.skipped).toEqual([{ entry: 'bad.json', id: 'B', problem: 'affected is not a list' }]);
    expect(() => readOsvZip(new Uint8Array([1, 2, 3]))).toThrow(/not a valid zip archive/);
    expect(() => readOsvTexts([{ name: 'x.json', text: '{' }])).toThrow(/x\.json: not JSON/);
  });
});
