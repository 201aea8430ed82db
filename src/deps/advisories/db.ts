/**
 * Loading the compact advisory database (`data/advisories.json`, built by `scripts/build-advisories.mjs` and shipped
 * in the npm package) and indexing it by package name. A missing or damaged file is an error value the caller
 * reports, never an exception.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Advisory, AdvisoryDb, AdvisoryDbFile, PackageAdvisory } from './types.js';

/** The bundled database: `data/advisories.json` at the package root (this file is `dist/deps/advisories/db.js`). */
export const DEFAULT_ADVISORY_DB = fileURLToPath(new URL('../../../data/advisories.json', import.meta.url));

export interface AdvisoryDbError {
  /** `missing`: no file; `unreadable`: it cannot be read; `invalid`: not JSON, or not a database of format 1. */
  kind: 'missing' | 'unreadable' | 'invalid';
  file: string;
  message: string;
}

export type AdvisoryDbResult = { ok: true; db: AdvisoryDb } | { ok: false; error: AdvisoryDbError };

/** Reads and indexes a database file (by default the bundled one). */
export async function loadAdvisoryDb(file: string = DEFAULT_ADVISORY_DB): Promise<AdvisoryDbResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      const message = `no advisory database at ${file}; it is built from the PyPA advisory database by scripts/build-advisories.mjs (npm run build)`;
      return { ok: false, error: { kind: 'missing', file, message } };
    }
    return { ok: false, error: { kind: 'unreadable', file, message: `cannot read the advisory database ${file}: ${(error as Error).message}` } };
  }
  try {
    const lazy = lazyAdvisoryDb(text);
    if (lazy !== null) {
      const problem = shapeProblem({ ...lazy.head, advisories: [] });
      if (problem !== null) return { ok: false, error: { kind: 'invalid', file, message: `the advisory database ${file} ${problem}` } };
      return { ok: true, db: lazy.db };
    }
  } catch (error) {
    return { ok: false, error: { kind: 'invalid', file, message: `the advisory database ${file} is damaged: ${(error as Error).message}` } };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: { kind: 'invalid', file, message: `the advisory database ${file} is not JSON: ${(error as Error).message}` } };
  }
  const problem = shapeProblem(data);
  if (problem !== null) return { ok: false, error: { kind: 'invalid', file, message: `the advisory database ${file} ${problem}` } };
  return { ok: true, db: indexAdvisoryDb(data as AdvisoryDbFile) };
}

/**
 * The database as written to disk, one JSON document per line: first `{"meta", "djangoReleases", "lines"}` (meta
 * first, so that it can be read alone; `lines` maps each package to the ordinals of its advisories), then one
 * advisory per line. A scan parses the first line and only the advisories of the packages it asks about.
 */
export function serializeAdvisoryDb(data: AdvisoryDbFile): string {
  const lines: Record<string, number[]> = {};
  data.advisories.forEach((advisory, ordinal) => {
    for (const name of new Set(advisory.affected.map((a) => a.package))) (lines[name] ??= []).push(ordinal);
  });
  const body = `${data.advisories.map((advisory) => JSON.stringify(advisory)).join('\n')}\n`;
  // The body's length and line count let a reader notice a truncated or damaged file without parsing it all.
  const head = JSON.stringify({ meta: data.meta, djangoReleases: data.djangoReleases, lines, body: { length: body.length, advisories: data.advisories.length } });
  return `${head}\n${body}`;
}

interface LazyHead {
  meta: AdvisoryDbFile['meta'];
  djangoReleases: AdvisoryDbFile['djangoReleases'];
  lines: Record<string, number[]>;
}

/** A database in the line layout, its advisories parsed on demand; null for a text in another layout. */
function lazyAdvisoryDb(text: string): { head: LazyHead; db: AdvisoryDb } | null {
  const firstBreak = text.indexOf('\n');
  if (firstBreak === -1 || !text.startsWith('{"meta":')) return null;
  const head = JSON.parse(text.slice(0, firstBreak)) as Partial<LazyHead>;
  if (typeof head.lines !== 'object' || head.lines === null) return null;
  const lines = head.lines;
  // Where each advisory's line starts and ends.
  const starts: number[] = [];
  const ends: number[] = [];
  for (let at = firstBreak + 1; at < text.length; ) {
    const end = text.indexOf('\n', at);
    const stop = end === -1 ? text.length : end;
    if (stop > at) {
      starts.push(at);
      ends.push(stop);
    }
    at = stop + 1;
  }
  const expected = (head as { body?: { length?: unknown; advisories?: unknown } }).body;
  if (expected?.length !== text.length - firstBreak - 1 || expected.advisories !== starts.length) {
    throw new Error(`its advisories are incomplete (${starts.length} lines, ${text.length - firstBreak - 1} characters; expected ${String(expected?.advisories)} and ${String(expected?.length)})`);
  }
  const parsed: Array<Advisory | undefined> = new Array<Advisory | undefined>(starts.length);
  const advisoryAt = (ordinal: number): Advisory => {
    let advisory = parsed[ordinal];
    if (!advisory) {
      if (ordinal >= starts.length) throw new Error(`advisory ${ordinal} is missing`);
      advisory = JSON.parse(text.slice(starts[ordinal], ends[ordinal])) as Advisory;
      parsed[ordinal] = advisory;
    }
    return advisory;
  };
  const entries = new Map<string, PackageAdvisory[]>();
  const entriesOf = (name: string): PackageAdvisory[] | undefined => {
    let list = entries.get(name);
    if (!list) {
      const ordinals = Object.hasOwn(lines, name) ? lines[name] : undefined;
      if (!ordinals) return undefined;
      list = ordinals.map((ordinal) => {
        const advisory = advisoryAt(ordinal);
        return { advisory, affected: advisory.affected.filter((a) => a.package === name) };
      });
      entries.set(name, list);
    }
    return list;
  };
  const names = Object.keys(lines);
  const byPackage: ReadonlyMap<string, readonly PackageAdvisory[]> = {
    get: entriesOf,
    has: (name: string) => Object.hasOwn(lines, name),
    get size() {
      return names.length;
    },
    keys: () => names[Symbol.iterator](),
    values: () => names.map((name) => entriesOf(name)!)[Symbol.iterator](),
    entries: () => names.map((name): [string, readonly PackageAdvisory[]] => [name, entriesOf(name)!])[Symbol.iterator](),
    forEach(callback, thisArg?: unknown) {
      for (const name of names) callback.call(thisArg, entriesOf(name)!, name, this);
    },
    [Symbol.iterator]: () => names.map((name): [string, readonly PackageAdvisory[]] => [name, entriesOf(name)!])[Symbol.iterator](),
  };
  const meta = head.meta!;
  const djangoReleases = head.djangoReleases!;
  let all: Advisory[] | undefined;
  const db: AdvisoryDb = {
    meta,
    djangoReleases,
    get advisories(): Advisory[] {
      all ??= starts.map((_, ordinal) => advisoryAt(ordinal));
      return all;
    },
    byPackage,
  };
  return { head: { meta, djangoReleases, lines }, db };
}

/** What is wrong with the top-level shape of a parsed database, or null. Records themselves are trusted. */
function shapeProblem(data: unknown): string | null {
  if (typeof data !== 'object' || data === null) return 'is not a JSON object';
  const { meta, advisories, djangoReleases } = data as Partial<Record<keyof AdvisoryDbFile, unknown>>;
  const format = (meta as { format?: unknown } | undefined)?.format;
  if (format !== 1) return `has format ${JSON.stringify(format)}; this ponyguard reads format 1`;
  if (!Array.isArray(advisories) || !Array.isArray(djangoReleases)) return 'lacks its advisories or djangoReleases';
  return null;
}

/** The database with its index: each package name to the advisories naming it, with their entries for it. */
export function indexAdvisoryDb(data: AdvisoryDbFile): AdvisoryDb {
  const byPackage = new Map<string, PackageAdvisory[]>();
  for (const advisory of data.advisories) {
    const names = new Set(advisory.affected.map((a) => a.package));
    for (const name of names) {
      const entry: PackageAdvisory = { advisory, affected: advisory.affected.filter((a) => a.package === name) };
      const list = byPackage.get(name);
      if (list) list.push(entry);
      else byPackage.set(name, [entry]);
    }
  }
  return { ...data, byPackage };
}
