/** Small hand-written inputs for the advisory tests, and the real data of the reference pack when it is present. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAdvisoryDb, type DjangoArchiveEntry, type DjangoSupportEntry, type OsvRecord, parseJsonLines } from '../../../src/deps/advisories/build.js';
import { indexAdvisoryDb } from '../../../src/deps/advisories/db.js';
import type { AdvisoryDb, RangeEvent } from '../../../src/deps/advisories/types.js';

/** An OSV record for package `demo` (or `name`) with ECOSYSTEM ranges and explicit versions. */
export function osv(id: string, ranges: RangeEvent[][], versions: string[] = [], extra: Partial<OsvRecord> & { name?: string } = {}): OsvRecord {
  const { name = 'demo', ...rest } = extra;
  return {
    id,
    modified: '2024-01-01T00:00:00Z',
    published: '2023-01-01T00:00:00Z',
    details: `Problem ${id}. More text.`,
    affected: [{ package: { ecosystem: 'PyPI', name }, ranges: ranges.map((events) => ({ type: 'ECOSYSTEM', events })), versions }],
    ...rest,
  };
}

/** The indexed database built from hand-written inputs. */
export function dbOf(records: OsvRecord[], djangoArchive: DjangoArchiveEntry[] = [], djangoReleases: DjangoSupportEntry[] = []): AdvisoryDb {
  return indexAdvisoryDb(buildAdvisoryDb({ osv: records, djangoArchive, djangoReleases, sources: [], builtAt: '2026-01-01T00:00:00.000Z' }));
}

/** A Django archive entry with the fields the build reads. */
export function archiveEntry(id: string, fixed: string[], extra: Partial<DjangoArchiveEntry> = {}): DjangoArchiveEntry {
  return {
    id,
    cves: id.startsWith('CVE-') ? [id] : [],
    date: '2025-01-01',
    severity: null,
    summary: `Archive summary of ${id}.`,
    advisory_url: `https://www.djangoproject.com/weblog/${id}/`,
    fixed_versions: fixed,
    ...extra,
  };
}

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The reference pack's data folder (`../shared/data` seen from the repository). */
export const SHARED_DATA = path.resolve(REPO_ROOT, '..', 'shared', 'data');
export const HAVE_SHARED_DATA = ['pypa-advisories-2024-10-10.jsonl', 'django-security-archive.json', 'django-release-support.json'].every((f) =>
  existsSync(path.join(SHARED_DATA, f)),
);

/** The real inputs, read once. */
export function realInputs(): { osv: OsvRecord[]; djangoArchive: DjangoArchiveEntry[]; djangoReleases: DjangoSupportEntry[] } {
  const read = (file: string): string => readFileSync(path.join(SHARED_DATA, file), 'utf8');
  return {
    osv: parseJsonLines(read('pypa-advisories-2024-10-10.jsonl'), 'pypa-advisories-2024-10-10.jsonl') as OsvRecord[],
    djangoArchive: JSON.parse(read('django-security-archive.json')) as DjangoArchiveEntry[],
    djangoReleases: JSON.parse(read('django-release-support.json')) as DjangoSupportEntry[],
  };
}
