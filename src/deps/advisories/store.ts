/**
 * Where advisory databases live and which one a scan uses: the bundled database (`data/advisories.json`, as old as
 * the package) or the one `ponyguard db update` writes into the user cache. Choosing reads only each file's `meta`
 * (the first object of the file), never the advisories, so it costs a few milliseconds. Pure where possible (cache
 * location, data dates, the choice); the I/O edges are reading a meta, the fetch sidecar and writing atomically.
 */
import { randomBytes } from 'node:crypto';
import { type FileHandle, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_ADVISORY_DB, loadAdvisoryDb, type AdvisoryDbError, type AdvisoryDbResult } from './db.js';
import type { DbMeta, DbSource } from './types.js';

/** File names inside the cache directory: the database, and what the last `db update` fetched (ETag, dates). */
export const CACHE_DB_FILE = 'advisories.json';
export const FETCH_STATE_FILE = 'advisories.fetch.json';

/** Data older than this many days makes `db status` warn. */
export const STALE_AFTER_DAYS = 30;

const DAY_MS = 86_400_000;

export type DbOrigin = 'cache' | 'bundled';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The user cache directory: `$PONYGUARD_CACHE_DIR`, else `$XDG_CACHE_HOME/ponyguard` (an absolute
 * `XDG_CACHE_HOME` only, as the XDG specification says), else `%LOCALAPPDATA%\ponyguard` on Windows and
 * `~/.cache/ponyguard` elsewhere. Empty variables count as unset.
 */
export function cacheDir(env: Env = process.env, platform: NodeJS.Platform = process.platform, home: string = os.homedir()): string {
  const paths = platform === 'win32' ? path.win32 : path.posix;
  const set = (name: string): string | null => {
    const value = env[name];
    return value !== undefined && value !== '' ? value : null;
  };
  const own = set('PONYGUARD_CACHE_DIR');
  if (own !== null) return paths.resolve(own);
  const xdg = set('XDG_CACHE_HOME');
  if (xdg !== null && paths.isAbsolute(xdg)) return paths.join(xdg, 'ponyguard');
  if (platform === 'win32') return paths.join(set('LOCALAPPDATA') ?? paths.join(home, 'AppData', 'Local'), 'ponyguard');
  return paths.join(home, '.cache', 'ponyguard');
}

/** The cached database file for an environment. */
export function cachedDbFile(env: Env = process.env): string {
  return path.join(cacheDir(env), CACHE_DB_FILE);
}

/** Whether a source is one of Django's (its archive of security issues, its release support table). */
export function isDjangoSource(source: DbSource): boolean {
  return /^Django\b/.test(source.name);
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}/;

/**
 * The date of a database's advisory data (`YYYY-MM-DD`): the newest date of its advisory sources (the PyPA or OSV
 * records, not Django's support tables), else the newest date of any source, else its build date.
 */
export function dataDate(meta: DbMeta): string {
  const newest = (sources: readonly DbSource[]): string | null =>
    sources
      .map((s) => s.date)
      .filter((d): d is string => typeof d === 'string' && ISO_DAY.test(d))
      .map((d) => d.slice(0, 10))
      .sort()
      .at(-1) ?? null;
  return newest(meta.sources.filter((s) => !isDjangoSource(s))) ?? newest(meta.sources) ?? meta.builtAt.slice(0, 10);
}

/** Whole days from a database's data date to `now` (0 for data dated in the future). */
export function ageDays(meta: DbMeta, now: Date | number = Date.now()): number {
  const day = Date.parse(`${dataDate(meta)}T00:00:00Z`);
  const at = typeof now === 'number' ? now : now.getTime();
  return Number.isNaN(day) ? 0 : Math.max(0, Math.floor((at - day) / DAY_MS));
}

/** A database file and its meta. */
export interface DbCandidate {
  file: string;
  origin: DbOrigin;
  meta: DbMeta;
}

/**
 * The newer of two databases: by data date, then by build date; a tie keeps the bundled one. Either may be absent.
 * Pure.
 */
export function chooseAdvisoryDb(cache: DbCandidate | null, bundled: DbCandidate | null): DbCandidate | null {
  if (cache === null || bundled === null) return cache ?? bundled;
  const key = (c: DbCandidate): [string, string] => [dataDate(c.meta), c.meta.builtAt];
  const [cacheDate, cacheBuilt] = key(cache);
  const [bundledDate, bundledBuilt] = key(bundled);
  if (cacheDate !== bundledDate) return cacheDate > bundledDate ? cache : bundled;
  return cacheBuilt > bundledBuilt ? cache : bundled;
}

export type DbMetaResult = { ok: true; meta: DbMeta } | { ok: false; error: AdvisoryDbError };

const META_PREFIX = Buffer.from('{"meta":{');
const CHUNK = 64 * 1024;
/** A meta larger than this is not cut out; the whole file is parsed instead. */
const MAX_META_BYTES = 16 * 1024 * 1024;

/**
 * Reads the `meta` object of a database file without parsing its advisories. Files written by ponyguard start with
 * `{"meta":{`; the object is cut out by matching braces outside strings (JSON's structural characters are ASCII,
 * so bytes suffice). Other layouts fall back to parsing the whole file. Errors are values, as in `loadAdvisoryDb`.
 */
export async function readDbMeta(file: string): Promise<DbMetaResult> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    return { ok: false, error: openError(file, error) };
  }
  let raw: unknown;
  try {
    const metaBytes = await cutMeta(handle);
    if (metaBytes !== null) {
      raw = JSON.parse(metaBytes.toString('utf8'));
    } else {
      const whole = JSON.parse(await readFile(file, 'utf8')) as { meta?: unknown; advisories?: unknown; djangoReleases?: unknown } | null;
      if (typeof whole !== 'object' || whole === null || !Array.isArray(whole.advisories) || !Array.isArray(whole.djangoReleases)) {
        return { ok: false, error: { kind: 'invalid', file, message: `the advisory database ${file} lacks its advisories or djangoReleases` } };
      }
      raw = whole.meta;
    }
  } catch (error) {
    const syntax = error instanceof SyntaxError;
    const message = syntax ? `is not JSON: ${error.message}` : `cannot be read: ${(error as Error).message}`;
    return { ok: false, error: { kind: syntax ? 'invalid' : 'unreadable', file, message: `the advisory database ${file} ${message}` } };
  } finally {
    await handle.close();
  }
  const problem = metaProblem(raw);
  if (problem !== null) return { ok: false, error: { kind: 'invalid', file, message: `the advisory database ${file} ${problem}` } };
  return { ok: true, meta: raw as DbMeta };
}

/** The bytes of the meta object at the start of a file, or null when the file does not start with one. */
async function cutMeta(handle: FileHandle): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let position = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  while (position < MAX_META_BYTES) {
    const chunk = Buffer.alloc(CHUNK);
    const { bytesRead } = await handle.read(chunk, 0, CHUNK, position);
    if (bytesRead === 0) return null;
    let from = 0;
    if (position === 0) {
      if (bytesRead < META_PREFIX.length || !chunk.subarray(0, META_PREFIX.length).equals(META_PREFIX)) return null;
      from = META_PREFIX.length - 1;
    }
    for (let i = from; i < bytesRead; i++) {
      const byte = chunk[i]!;
      if (inString) {
        if (escaped) escaped = false;
        else if (byte === 0x5c) escaped = true;
        else if (byte === 0x22) inString = false;
      } else if (byte === 0x22) {
        inString = true;
      } else if (byte === 0x7b || byte === 0x5b) {
        depth++;
      } else if ((byte === 0x7d || byte === 0x5d) && --depth === 0) {
        chunks.push(chunk.subarray(0, i + 1));
        return Buffer.concat(chunks).subarray(META_PREFIX.length - 1);
      }
    }
    chunks.push(chunk.subarray(0, bytesRead));
    position += bytesRead;
  }
  return null;
}

/** What is wrong with a parsed meta, or null. */
function metaProblem(meta: unknown): string | null {
  if (typeof meta !== 'object' || meta === null) return 'has no meta object';
  const { format, builtAt, sources, counts } = meta as Partial<Record<keyof DbMeta, unknown>>;
  if (format !== 1) return `has format ${JSON.stringify(format)}; this ponyguard reads format 1`;
  if (typeof builtAt !== 'string' || !Array.isArray(sources) || typeof counts !== 'object' || counts === null) return 'has an incomplete meta';
  if (!sources.every((s) => typeof s === 'object' && s !== null && typeof (s as DbSource).name === 'string')) return 'has malformed sources';
  return null;
}

function openError(file: string, error: unknown): AdvisoryDbError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return { kind: 'missing', file, message: `no advisory database at ${file}` };
  return { kind: 'unreadable', file, message: `cannot read the advisory database ${file}: ${(error as Error).message}` };
}

export interface ActiveAdvisoryDb extends DbCandidate {
  /** Whole days since the data date (see `dataDate`). */
  ageDays: number;
}

export interface AdvisoryDbOptions {
  /** Environment for the cache location (default `process.env`). */
  env?: Env;
  /** The day ages are counted to (default now). */
  now?: Date | number;
  /** The bundled database (default `DEFAULT_ADVISORY_DB`). */
  bundledFile?: string;
}

/** Both databases as found, the problems of those that exist but cannot be used, and the one a scan uses. */
export interface AdvisoryDbSurvey {
  cacheDir: string;
  cache: DbCandidate | null;
  bundled: DbCandidate | null;
  /** Databases that exist but cannot be used (damaged, another format); missing files are not problems. */
  problems: AdvisoryDbError[];
  active: ActiveAdvisoryDb | null;
}

/** Reads the meta of the cached and the bundled database and chooses between them. */
export async function surveyAdvisoryDbs(options: AdvisoryDbOptions = {}): Promise<AdvisoryDbSurvey> {
  const dir = cacheDir(options.env ?? process.env);
  const cacheFile = path.join(dir, CACHE_DB_FILE);
  const bundledFile = options.bundledFile ?? DEFAULT_ADVISORY_DB;
  const [cacheMeta, bundledMeta] = await Promise.all([readDbMeta(cacheFile), readDbMeta(bundledFile)]);
  const problems = [cacheMeta, bundledMeta].flatMap((r) => (!r.ok && r.error.kind !== 'missing' ? [r.error] : []));
  const cache: DbCandidate | null = cacheMeta.ok ? { file: cacheFile, origin: 'cache', meta: cacheMeta.meta } : null;
  const bundled: DbCandidate | null = bundledMeta.ok ? { file: bundledFile, origin: 'bundled', meta: bundledMeta.meta } : null;
  const chosen = chooseAdvisoryDb(cache, bundled);
  const active = chosen ? { ...chosen, ageDays: ageDays(chosen.meta, options.now ?? Date.now()) } : null;
  return { cacheDir: dir, cache, bundled, problems, active };
}

/**
 * The database a scan should use: the newer of the cached and the bundled one (by data date, then build date),
 * or whichever exists and is usable; null when neither is.
 */
export async function activeAdvisoryDb(options: AdvisoryDbOptions = {}): Promise<ActiveAdvisoryDb | null> {
  return (await surveyAdvisoryDbs(options)).active;
}

/**
 * Loads the active database; when it turns out damaged past its meta, loads the other one instead. `active` is the
 * database that was loaded (null when none could be); `result` is the load result (the first error when none could).
 */
export async function loadActiveAdvisoryDb(options: AdvisoryDbOptions = {}): Promise<{ active: ActiveAdvisoryDb | null; result: AdvisoryDbResult }> {
  const survey = await surveyAdvisoryDbs(options);
  const bundledFile = options.bundledFile ?? DEFAULT_ADVISORY_DB;
  if (survey.active === null) return { active: null, result: await loadAdvisoryDb(bundledFile) };
  const first = await loadAdvisoryDb(survey.active.file);
  if (first.ok) return { active: survey.active, result: first };
  const other = survey.active.origin === 'cache' ? survey.bundled : survey.cache;
  if (other !== null) {
    const second = await loadAdvisoryDb(other.file);
    if (second.ok) return { active: { ...other, ageDays: ageDays(other.meta, options.now ?? Date.now()) }, result: second };
  }
  return { active: null, result: first };
}

/** What the last `db update` fetched, kept beside the cached database for conditional requests. */
export interface FetchState {
  /** The URL or absolute path the database was built from. */
  source: string;
  etag: string | null;
  lastModified: string | null;
  /** ISO timestamp of the fetch. */
  fetchedAt: string;
  /** SHA-256 of the fetched archive (null for a directory). */
  sha256: string | null;
}

/** The fetch state in a cache directory, or null when there is none or it is not one. */
export async function readFetchState(dir: string): Promise<FetchState | null> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path.join(dir, FETCH_STATE_FILE), 'utf8'));
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null) return null;
  const s = data as Record<string, unknown>;
  const optional = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  if (typeof s['source'] !== 'string' || typeof s['fetchedAt'] !== 'string') return null;
  return { source: s['source'], etag: optional(s['etag']), lastModified: optional(s['lastModified']), fetchedAt: s['fetchedAt'], sha256: optional(s['sha256']) };
}

export async function writeFetchState(dir: string, state: FetchState): Promise<void> {
  await writeFileAtomic(path.join(dir, FETCH_STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
}

/**
 * Writes a file so that readers see the old content or the new one, never a part: a temporary file in the same
 * directory, written and fsynced, renamed over the target, then the directory fsynced (where the platform allows).
 * Creates the directory. On failure the temporary file is removed and the target is untouched.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  if (process.platform !== 'win32') {
    try {
      const handle = await open(dir, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch {
      // Some file systems cannot fsync a directory; the rename itself is still atomic.
    }
  }
}
