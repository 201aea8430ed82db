/**
 * `ponyguard db update`: fetches OSV's PyPI archive (or reads a local zip or directory of OSV records), builds the
 * compact database with the same pure functions as `scripts/build-advisories.mjs`, and writes it atomically into the
 * user cache. Django's security archive and release support table are not in OSV: they are carried over from the
 * database in use (bundled or cached), so nothing Django-specific is lost.
 *
 * Pure: `refreshedDb`, `djangoArchiveOf`, `djangoSupportOf`. The I/O edge: `updateAdvisoryDb`.
 */
import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT_FAILURE, UsageError } from '../../core/errors.js';
import { VERSION } from '../../core/version.js';
import { buildAdvisoryDb, djangoFixRange, type DjangoArchiveEntry, type DjangoSupportEntry, type OsvRecord } from './build.js';
import { DEFAULT_ADVISORY_DB, serializeAdvisoryDb } from './db.js';
import { OsvArchiveError, readOsvTexts, readOsvZip, type OsvReadResult, type OsvText, type SkippedRecord } from './osv-archive.js';
import {
  CACHE_DB_FILE,
  cacheDir,
  chooseAdvisoryDb,
  isDjangoSource,
  loadActiveAdvisoryDb,
  readDbMeta,
  readFetchState,
  writeFetchState,
  writeFileAtomic,
  type AdvisoryDbOptions,
  type DbOrigin,
  type FetchState,
} from './store.js';
import type { AdvisoryDbFile, DbSource, LicenceNotice } from './types.js';

/** OSV's export of every PyPI record. */
export const DEFAULT_OSV_SOURCE = 'https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip';

/** A failed update (download, archive, records, writing): exit 3, and the previous database is left as it was. */
export class DbUpdateError extends Error {
  readonly exitCode = EXIT_FAILURE;
  override name = 'DbUpdateError';
}

/** Licence notices for record families OSV's archive holds beyond the PyPA ones, added when such records are kept. */
const OSV_LICENCES: ReadonlyArray<{ prefix: string; notice: LicenceNotice }> = [
  {
    prefix: 'GHSA-',
    notice: { data: 'GitHub Advisory Database records', licence: 'CC-BY-4.0', attribution: 'GitHub Advisory Database, https://github.com/github/advisory-database' },
  },
  {
    prefix: 'MAL-',
    notice: { data: 'OpenSSF malicious packages records', licence: 'Apache-2.0', attribution: 'OpenSSF Malicious Packages, https://github.com/ossf/malicious-packages' },
  },
];

/**
 * Django archive entries recovered from a database: every advisory the archive contributed to. An archive-only
 * advisory gives its entry back whole (id, CVEs, date, severity, summary, weblog URL, fixed versions); an OSV record
 * the archive was merged into gives back what the merge brought (its CVE ids, the weblog URL it put first, a Django
 * severity, the title, and the fix ranges of the archive's shape). Re-merged by `buildAdvisoryDb`, they contribute
 * to the new records as the archive itself would. One entry per CVE set.
 */
export function djangoArchiveOf(db: AdvisoryDbFile): DjangoArchiveEntry[] {
  const byKey = new Map<string, DjangoArchiveEntry>();
  for (const advisory of db.advisories) {
    if (!advisory.sources.includes('django')) continue;
    const standalone = !advisory.sources.includes('pypa');
    const cves = [...new Set([advisory.id, ...advisory.aliases].filter((id) => id.startsWith('CVE-')))].sort();
    if (!standalone && cves.length === 0) continue;
    const fixed = advisory.affected
      .filter((a) => a.package === 'django')
      .flatMap((a) => a.ranges)
      .flatMap((range) => {
        const end = range[1]?.fixed;
        const archiveShaped = range.length === 2 && end !== undefined && JSON.stringify(range) === JSON.stringify(djangoFixRange(end));
        return archiveShaped ? [end] : [];
      });
    const entry: DjangoArchiveEntry = {
      id: standalone ? advisory.id : cves[0]!,
      cves,
      date: (advisory.published ?? '').slice(0, 10),
      severity: advisory.severitySource === 'django' ? advisory.severity : null,
      summary: advisory.title,
      advisory_url: advisory.references[0] ?? '',
      fixed_versions: fixed,
    };
    const key = standalone ? `id:${advisory.id}` : `cves:${cves.join(',')}`;
    const known = byKey.get(key);
    if (known) known.fixed_versions = [...new Set([...known.fixed_versions, ...fixed])];
    else byKey.set(key, entry);
  }
  return [...byKey.values()];
}

/** The Django release support table of a database, in the builder's input form. */
export function djangoSupportOf(db: AdvisoryDbFile): DjangoSupportEntry[] {
  return db.djangoReleases.map((r) => ({
    series: r.series,
    lts: r.lts,
    release_date: r.releaseDate,
    end_of_mainstream_support: r.endOfMainstreamSupport,
    end_of_extended_support: r.endOfExtendedSupport,
    last_release: r.lastRelease,
    last_release_date: r.lastReleaseDate,
  }));
}

export interface RefreshInput {
  records: readonly OsvRecord[];
  /** Provenance of the records. */
  source: DbSource;
  /** The database in use, whose Django data is carried over (null when there is none). */
  previous: AdvisoryDbFile | null;
  builtAt: string;
}

/** The new database: the OSV records, plus the previous database's Django archive data, support table and sources. */
export function refreshedDb(input: RefreshInput): AdvisoryDbFile {
  const previous = input.previous;
  const db = buildAdvisoryDb({
    osv: input.records,
    djangoArchive: previous ? djangoArchiveOf(previous) : [],
    djangoReleases: previous ? djangoSupportOf(previous) : [],
    sources: [input.source, ...(previous?.meta.sources.filter(isDjangoSource) ?? [])],
    builtAt: input.builtAt,
  });
  for (const { prefix, notice } of OSV_LICENCES) if (db.advisories.some((a) => a.id.startsWith(prefix))) db.meta.licences.push(notice);
  return db;
}

/** The newest `modified` (or `published`) date of a set of records, `YYYY-MM-DD`. */
export function newestRecordDate(records: readonly OsvRecord[]): string | null {
  let newest: string | null = null;
  for (const record of records) {
    const date = (record.modified ?? record.published ?? '').slice(0, 10);
    if (/^\d{4}-\d{2}-\d{2}$/.test(date) && (newest === null || date > newest)) newest = date;
  }
  return newest;
}

/** Where records come from. */
export type UpdateSource = { kind: 'url'; url: string } | { kind: 'zip'; file: string } | { kind: 'directory'; dir: string };

/** The `--source` value as a source: an http(s) URL, a `file:` URL, a zip file or a directory. Missing paths are usage errors. */
export async function resolveSource(source: string | undefined, cwd: string = process.cwd()): Promise<UpdateSource> {
  const value = source ?? DEFAULT_OSV_SOURCE;
  if (/^https?:\/\//i.test(value)) return { kind: 'url', url: value };
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(value) && !/^file:/i.test(value)) {
    throw new UsageError(`--source ${value}: only http(s) URLs, files and directories are supported`);
  }
  const file = path.resolve(cwd, /^file:/i.test(value) ? fileURLToPath(value) : value);
  let info;
  try {
    info = await stat(file);
  } catch (error) {
    throw new UsageError(`--source ${value}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (error as Error).message}`);
  }
  return info.isDirectory() ? { kind: 'directory', dir: file } : { kind: 'zip', file };
}

export interface UpdateOptions extends AdvisoryDbOptions {
  /** `--source`: URL, zip file or directory (default `DEFAULT_OSV_SOURCE`). */
  source?: string;
  /** Base of a relative `--source` path (default the working directory). */
  cwd?: string;
  /** The clock for the build and fetch dates. */
  clock?: () => Date;
  /** The download's time limit (default 10 minutes). */
  timeoutMs?: number;
  /** Progress lines (what is being fetched, read, built). */
  log?: (line: string) => void;
}

export type UpdateResult =
  | { status: 'not-modified'; source: string; file: string; fetch: FetchState }
  | {
      status: 'updated';
      source: string;
      file: string;
      meta: AdvisoryDbFile['meta'];
      /** Records skipped because their shape is not one the build reads. */
      skipped: SkippedRecord[];
      /** The database the Django data was carried over from (null when none was usable). */
      carriedFrom: { origin: DbOrigin; file: string } | null;
      /** Which database scans use now (the bundled one when its data is newer than what was fetched). */
      active: DbOrigin;
    };

/** What a source delivered. */
type Fetched = { notModified: true; previous: FetchState } | { notModified: false; read: OsvReadResult; sha256: string | null; etag: string | null; lastModified: string | null };

const MAX_DOWNLOAD_BYTES = 2 * 1024 * 1024 * 1024;

/**
 * Updates the cached database. Throws `DbUpdateError` (exit 3) when the source cannot be fetched or read or holds no
 * usable record, `UsageError` (exit 2) for a `--source` that does not exist; in both cases nothing is written.
 */
export async function updateAdvisoryDb(options: UpdateOptions = {}): Promise<UpdateResult> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => {});
  const clock = options.clock ?? (() => new Date());
  const source = await resolveSource(options.source, options.cwd);
  const dir = cacheDir(env);
  const file = path.join(dir, CACHE_DB_FILE);
  const label = source.kind === 'url' ? source.url : source.kind === 'zip' ? source.file : source.dir;

  let fetched: Fetched;
  try {
    fetched = await fetchSource(source, dir, file, options.timeoutMs ?? 600_000, log);
  } catch (error) {
    if (error instanceof OsvArchiveError) throw new DbUpdateError(`${label}: ${error.message}; the advisory database was not changed`);
    throw error;
  }
  if (fetched.notModified) return { status: 'not-modified', source: label, file, fetch: fetched.previous };

  const { read } = fetched;
  log(`read ${read.records.length} OSV records from ${read.entries} files${read.skipped.length ? ` (${read.skipped.length} skipped)` : ''}`);
  if (read.records.length > 0 && read.skipped.length > read.records.length) {
    throw new DbUpdateError(`${label}: most records are not OSV records (${read.skipped.length} of ${read.entries}: ${describeSkipped(read.skipped)}); the advisory database was not changed`);
  }
  const loaded = await loadActiveAdvisoryDb({ ...options, env });
  const previous = loaded.result.ok ? loaded.result.db : null;
  if (previous) log(`carrying Django's security archive and release support over from the ${loaded.active?.origin ?? 'bundled'} database`);
  const fetchedAt = clock().toISOString();
  const db = refreshedDb({
    records: read.records,
    source: {
      file: label,
      name: source.kind === 'url' ? `OSV PyPI advisories (osv.dev), OSV records` : `OSV records (${source.kind === 'zip' ? 'zip archive' : 'directory'})`,
      date: newestRecordDate(read.records),
      commit: null,
      sha256: fetched.sha256,
    },
    previous,
    builtAt: fetchedAt,
  });
  const { counts } = db.meta;
  const usable = counts.written - counts.djangoArchive.standalone;
  if (usable === 0) {
    const why = `${counts.recordsRead} records read: ${counts.withdrawn} withdrawn, ${counts.otherEcosystems} without a PyPI package, ${read.skipped.length} malformed`;
    throw new DbUpdateError(`${label}: no usable PyPI advisory (${why}); the advisory database was not changed`);
  }

  try {
    await writeFileAtomic(file, serializeAdvisoryDb(db));
  } catch (error) {
    throw new DbUpdateError(`cannot write ${file}: ${(error as Error).message}; the advisory database was not changed`);
  }
  const state: FetchState = { source: label, etag: fetched.etag, lastModified: fetched.lastModified, fetchedAt, sha256: fetched.sha256 };
  try {
    await writeFetchState(dir, state);
  } catch (error) {
    log(`warning: cannot record the fetch state beside ${file} (${(error as Error).message}); the next update downloads the archive again`);
  }
  const bundled = await readDbMeta(options.bundledFile ?? DEFAULT_ADVISORY_DB);
  const chosen = chooseAdvisoryDb({ file, origin: 'cache', meta: db.meta }, bundled.ok ? { file: '', origin: 'bundled', meta: bundled.meta } : null);
  return {
    status: 'updated',
    source: label,
    file,
    meta: db.meta,
    skipped: read.skipped,
    carriedFrom: previous && loaded.active ? { origin: loaded.active.origin, file: loaded.active.file } : null,
    active: chosen?.origin ?? 'cache',
  };
}

/** A short list of skipped records for messages. */
export function describeSkipped(skipped: readonly SkippedRecord[]): string {
  const shown = skipped.slice(0, 3).map((s) => `${s.id ?? s.entry}: ${s.problem}`);
  return `${shown.join('; ')}${skipped.length > shown.length ? `; and ${skipped.length - shown.length} more` : ''}`;
}

async function fetchSource(source: UpdateSource, dir: string, dbFile: string, timeoutMs: number, log: (line: string) => void): Promise<Fetched> {
  if (source.kind === 'directory') {
    log(`reading OSV records under ${source.dir}`);
    return { notModified: false, read: readOsvTexts(await jsonFilesUnder(source.dir)), sha256: null, etag: null, lastModified: null };
  }
  if (source.kind === 'zip') {
    log(`reading ${source.file}`);
    let bytes: Buffer;
    try {
      bytes = await readFile(source.file);
    } catch (error) {
      throw new DbUpdateError(`cannot read ${source.file}: ${(error as Error).message}; the advisory database was not changed`);
    }
    return { notModified: false, read: readOsvZip(bytes), sha256: sha256(bytes), etag: null, lastModified: null };
  }

  const previous = await readFetchState(dir);
  const conditional = previous !== null && previous.source === source.url && (await readDbMeta(dbFile)).ok;
  const headers: Record<string, string> = { 'user-agent': `ponyguard/${VERSION}` };
  if (conditional && previous.etag) headers['if-none-match'] = previous.etag;
  if (conditional && previous.lastModified) headers['if-modified-since'] = previous.lastModified;
  log(`fetching ${source.url}`);
  let response: Response;
  let bytes: Uint8Array;
  try {
    response = await fetch(source.url, { headers, signal: AbortSignal.timeout(timeoutMs) });
    if (response.status === 304 && conditional) {
      await response.body?.cancel();
      return { notModified: true, previous };
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new DbUpdateError(`${source.url} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}; the advisory database was not changed`);
    }
    const length = Number(response.headers.get('content-length') ?? '0');
    if (length > MAX_DOWNLOAD_BYTES) {
      await response.body?.cancel();
      throw new DbUpdateError(`${source.url}: ${length} bytes is more than an advisory archive can be; the advisory database was not changed`);
    }
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    if (error instanceof DbUpdateError) throw error;
    throw new DbUpdateError(`cannot fetch ${source.url}: ${networkReason(error)}; the advisory database was not changed`);
  }
  log(`read ${bytes.length} bytes`);
  const header = (name: string): string | null => response.headers.get(name);
  return { notModified: false, read: readOsvZip(bytes), sha256: sha256(bytes), etag: header('etag'), lastModified: header('last-modified') };
}

/** The reason of a failed fetch: undici's `fetch failed` hides it in `cause`. */
function networkReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return 'timed out';
  const cause = (error as Error & { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message} (${(cause as NodeJS.ErrnoException).code ?? cause.message})` : error.message;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Every `.json` file under a directory (recursively, in a stable order), as texts. */
async function jsonFilesUnder(dir: string): Promise<OsvText[]> {
  const out: OsvText[] = [];
  const walk = async (current: string): Promise<void> => {
    const entries = (await readdir(current, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith('.json')) {
        const bytes = await readFile(full);
        let text: string;
        try {
          text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          throw new OsvArchiveError(`${path.relative(dir, full)}: not UTF-8 text`);
        }
        out.push({ name: path.relative(dir, full), text });
      }
    }
  };
  try {
    await walk(dir);
  } catch (error) {
    if (error instanceof OsvArchiveError) throw error;
    throw new DbUpdateError(`cannot read ${dir}: ${(error as Error).message}; the advisory database was not changed`);
  }
  return out;
}
