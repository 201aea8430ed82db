/**
 * Loading the compact advisory database (`data/advisories.json`, built by `scripts/build-advisories.mjs` and shipped
 * in the npm package) and indexing it by package name. A missing or damaged file is an error value the caller
 * reports, never an exception.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { AdvisoryDb, AdvisoryDbFile, PackageAdvisory } from './types.js';

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
