/**
 * `ponyguard db update` and `ponyguard db status` through the built CLI, with the cache in a temporary directory
 * (`PONYGUARD_CACHE_DIR`) and OSV archives served from a local HTTP server: never the internet, never the user's cache.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dbStatus, renderDbStatus, type DbStatus } from '../../src/cli/db.js';
import { DEFAULT_ADVISORY_DB } from '../../src/deps/advisories/db.js';
import type { AdvisoryDbSurvey } from '../../src/deps/advisories/store.js';
import type { DbMeta } from '../../src/deps/advisories/types.js';
import { osvRecord, readDbFile, sampleArchive, startServer, tempDir, zipHandler, zipRecords, type TestServer } from '../deps/osv-fixtures.js';
import { runCli } from '../helpers.js';

const HAVE_BUNDLED = existsSync(DEFAULT_ADVISORY_DB);

let cache: string;
let server: TestServer | null = null;

beforeEach(async () => {
  cache = await tempDir();
});

afterEach(async () => {
  await server?.close();
  server = null;
});

const cacheFile = (): string => path.join(cache, 'advisories.json');
const db = (args: string[], cwd?: string) => runCli(['db', ...args], { env: { PONYGUARD_CACHE_DIR: cache }, ...(cwd ? { cwd } : {}) });

/** Serves `current()` (read on every request) with an ETag naming its length. */
async function serve(current: () => Uint8Array | number): Promise<string> {
  server = await startServer((request, response) => {
    const body = current();
    if (typeof body === 'number') {
      response.writeHead(body);
      response.end('no');
      return;
    }
    zipHandler(body, `"${body.length}"`)(request, response);
  });
  return server.url;
}

async function expectIntact(result: { code: number | null; stderr: string }, message: RegExp, before: Buffer): Promise<void> {
  expect(result.code).toBe(3);
  expect(result.stderr).toMatch(/ponyguard: error: the advisory database update failed: /);
  expect(result.stderr).toMatch(message);
  expect((await readFile(cacheFile())).equals(before)).toBe(true);
}

describe('ponyguard db', () => {
  it('has help and version for its commands', async () => {
    for (const args of [['--help'], ['update', '--help'], ['status', '--help']]) {
      const result = await db(args);
      expect(result.code, args.join(' ')).toBe(0);
      expect(result.stdout).toMatch(/Usage: ponyguard db/);
    }
    expect((await db(['update', '--help'])).stdout).toMatch(/--source <url\|file\|dir>/);
    expect((await db(['status', '--version'])).code).toBe(0);
  });

  it.runIf(HAVE_BUNDLED)('reports the bundled database when there is no cache', async () => {
    const result = await db(['status']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^advisory database used by scans: bundled\n/);
    expect(result.stdout).toContain(`  file:        ${DEFAULT_ADVISORY_DB}\n`);
    expect(result.stdout).toMatch(/ {2}cache: {7}none/);
    expect(result.stdout).toContain(`  cache dir:   ${cache}\n`);
    const json = JSON.parse((await db(['status', '--format', 'json'])).stdout) as DbStatus;
    expect(json).toMatchObject({ active: { origin: 'bundled', file: DEFAULT_ADVISORY_DB, fetch: null }, cache: null, cacheDir: cache });
    expect(json.active!.advisories).toBeGreaterThan(0);
    expect(json.stale).toBe(json.active!.ageDays > 30);
  });

  it('updates from a URL, then db status shows the cache; a second update is answered 304 and changes nothing', async () => {
    const url = await serve(() => sampleArchive());
    const first = await db(['update', '--source', url]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`^ponyguard: advisory database updated from ${url.replace(/[.?]/g, '\\$&')}: \\d+ advisories for \\d+ packages`));
    expect(first.stdout).toContain(`  file: ${cacheFile()}\n`);
    expect(first.stderr).toContain(`ponyguard: fetching ${url}`);
    const before = await readFile(cacheFile());
    const { mtimeMs } = await stat(cacheFile());

    const status = await db(['status']);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^advisory database used by scans: cache\n/);
    expect(status.stdout).toContain(`  file:        ${cacheFile()}\n`);
    expect(status.stdout).toMatch(/ {2}data date: {3}\d{4}-\d\d-\d\d \(0 days old\)/);
    expect(status.stdout).toMatch(new RegExp(`  fetched: {5}\\S+ from ${url.replace(/[.?]/g, '\\$&')}, ETag "\\d+"`));
    expect(status.stdout).toMatch(/ {4}- OSV PyPI advisories \(osv\.dev\), OSV records: http/);
    expect(status.stdout).not.toMatch(/warning/);
    const json = JSON.parse((await db(['status', '--format', 'json'])).stdout) as DbStatus;
    expect(json).toMatchObject({ active: { origin: 'cache', file: cacheFile(), ageDays: 0, fetch: { source: url } }, stale: false, warnings: [] });
    expect(json.active!.sources[0]).toMatchObject({ file: url });
    expect(json.active!.advisories).toBeGreaterThanOrEqual(2);
    if (HAVE_BUNDLED) {
      expect(json.bundled).toMatchObject({ origin: 'bundled', file: DEFAULT_ADVISORY_DB });
      // Django's release support and archive came over from the bundled database.
      expect(first.stdout).toMatch(/Django: \d+ security archive entries .* and \d+ release series carried over from the bundled database/);
      expect(json.active!.sources.map((s) => s.name)).toEqual(expect.arrayContaining([expect.stringMatching(/^Django's archive/), expect.stringMatching(/^Django release/)]));
    }

    const second = await db(['update', '--source', url]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/the advisory database is current: .* has not changed since/);
    expect(server?.requests[1]?.headers['if-none-match']).toMatch(/^"\d+"$/);
    expect((await readFile(cacheFile())).equals(before)).toBe(true);
    expect((await stat(cacheFile())).mtimeMs).toBe(mtimeMs);
  });

  it('keeps the previous database byte-for-byte on a corrupted archive, a schema mismatch and HTTP 500', async () => {
    let body: Uint8Array | number = sampleArchive();
    const url = await serve(() => body);
    expect((await db(['update', '-q', '--source', url])).code).toBe(0);
    const before = await readFile(cacheFile());

    body = Buffer.from('PK\u0003\u0004 garbage that only starts like a zip archive');
    await expectIntact(await db(['update', '-q', '--source', url]), /not a valid zip archive/, before);
    body = zipRecords({ 'PYSEC-2099-5.json': osvRecord('PYSEC-2099-5', 'demo', '1.0', { schema_version: '2.0.0' }) });
    await expectIntact(await db(['update', '-q', '--source', url]), /OSV schema version "2\.0\.0"/, before);
    body = 500;
    await expectIntact(await db(['update', '-q', '--source', url]), /answered HTTP 500/, before);
    expect((await db(['status'])).stdout).toMatch(/^advisory database used by scans: cache\n/);
  });

  it('updates from a local directory and from a local zip archive', async () => {
    const dir = await tempDir('ponyguard-osv-');
    await mkdir(path.join(dir, 'records'));
    await writeFile(path.join(dir, 'records', 'PYSEC-2099-1.json'), JSON.stringify(osvRecord('PYSEC-2099-1', 'demo', '1.0')));
    const fromDir = await db(['update', '--source', 'records'], dir);
    expect(fromDir.code, fromDir.stderr).toBe(0);
    expect(fromDir.stdout).toContain(`updated from ${path.join(dir, 'records')}:`);
    expect((await readDbFile(cacheFile())).meta.sources[0]?.name).toBe('OSV records (directory)');

    await writeFile(path.join(dir, 'all.zip'), sampleArchive());
    const fromZip = await db(['update', '--source', path.join(dir, 'all.zip')]);
    expect(fromZip.code, fromZip.stderr).toBe(0);
    const written = await readDbFile(cacheFile());
    expect(written.meta.sources[0]).toMatchObject({ file: path.join(dir, 'all.zip'), name: 'OSV records (zip archive)' });
    expect((await db(['status'])).stdout).toContain(`OSV records (zip archive): ${path.join(dir, 'all.zip')}`);
  });

  it('calls a missing --source a usage error (exit 2) and writes nothing', async () => {
    const result = await db(['update', '--source', path.join(cache, 'no-such.zip')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/ponyguard: error: --source .*no-such\.zip: no such file or directory/);
    expect(existsSync(cacheFile())).toBe(false);
  });
});

describe('db status rendering', () => {
  const meta = (date: string): DbMeta =>
    ({
      format: 1,
      builtAt: `${date}T08:00:00.000Z`,
      sources: [{ file: 'https://x/all.zip', name: 'OSV PyPI advisories', date, commit: null, sha256: null }],
      counts: { written: 3, byPackage: { a: 2, b: 1 } },
      licences: [],
    }) as unknown as DbMeta;
  const survey = (cacheMeta: DbMeta | null, bundledMeta: DbMeta | null, active: 'cache' | 'bundled' | null): AdvisoryDbSurvey => {
    const cache = cacheMeta ? { file: '/c/advisories.json', origin: 'cache' as const, meta: cacheMeta } : null;
    const bundled = bundledMeta ? { file: '/b/advisories.json', origin: 'bundled' as const, meta: bundledMeta } : null;
    const chosen = active === 'cache' ? cache : active === 'bundled' ? bundled : null;
    return { cacheDir: '/c', cache, bundled, problems: [], active: chosen ? { ...chosen, ageDays: 0 } : null };
  };
  const now = Date.parse('2026-03-01T12:00:00Z');

  it('warns when the data is older than 30 days', () => {
    const status = dbStatus(survey(meta('2026-01-20'), meta('2024-10-10'), 'cache'), null, now);
    expect(status).toMatchObject({ stale: true, active: { origin: 'cache', ageDays: 40, advisories: 3, packages: 2, dataDate: '2026-01-20' } });
    const text = renderDbStatus(status);
    expect(text).toContain('  data date:   2026-01-20 (40 days old)\n');
    expect(text).toContain('  advisories:  3 for 2 packages\n');
    expect(text).toContain('  bundled:     /b/advisories.json, data of 2024-10-10 (not used: older)\n');
    expect(text).toMatch(/\nwarning: the advisory data is 40 days old \(more than 30\); run `ponyguard db update`\n$/);
    expect(dbStatus(survey(meta('2026-02-10'), null, 'cache'), null, now)).toMatchObject({ stale: false, warnings: [] });
  });

  it('says when there is no database at all', () => {
    const status = dbStatus(survey(null, null, null), null, now);
    expect(status).toMatchObject({ active: null, stale: false, warnings: ['no advisory database: run `ponyguard db update`'] });
    expect(renderDbStatus(status)).toMatch(/^advisory database used by scans: none\n {2}cache: {7}none.*\n {2}bundled: {5}none\n/);
  });
});
