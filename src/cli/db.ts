/**
 * `ponyguard db update` and `ponyguard db status`: output only; the work is `deps/advisories/update.ts` and
 * `deps/advisories/store.ts`. Loaded by `main.ts` only when a `db` command runs.
 */
import { EXIT_FAILURE, EXIT_OK } from '../core/errors.js';
import { ageDays, dataDate, readFetchState, STALE_AFTER_DAYS, surveyAdvisoryDbs, type AdvisoryDbSurvey, type DbCandidate, type FetchState } from '../deps/advisories/store.js';
import type { DbSource } from '../deps/advisories/types.js';
import { DbUpdateError, describeSkipped, updateAdvisoryDb } from '../deps/advisories/update.js';

export interface DbUpdateFlags {
  source?: string;
  quiet?: boolean;
}

export interface DbStatusFlags {
  format: string;
}

/** `db update`: progress on standard error (unless quiet), the outcome on standard output; exit 3 when it failed. */
export async function runDbUpdate(flags: DbUpdateFlags): Promise<number> {
  const progress = (line: string): void => {
    if (!flags.quiet) process.stderr.write(`ponyguard: ${line}\n`);
  };
  let result;
  try {
    result = await updateAdvisoryDb({ ...(flags.source !== undefined ? { source: flags.source } : {}), log: progress });
  } catch (error) {
    if (error instanceof DbUpdateError) {
      process.stderr.write(`ponyguard: error: the advisory database update failed: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
  if (result.status === 'not-modified') {
    const since = result.fetch.lastModified ?? result.fetch.fetchedAt;
    process.stdout.write(`ponyguard: the advisory database is current: ${result.source} has not changed since ${since}; ${result.file} was left as it was\n`);
    return EXIT_OK;
  }
  const { counts } = result.meta;
  const packages = Object.keys(counts.byPackage).length;
  const lines = [
    `ponyguard: advisory database updated from ${result.source}: ${counts.written} advisories for ${packages} packages (advisory data of ${dataDate(result.meta)})`,
    `  file: ${result.file}`,
    `  records: ${counts.recordsRead} read, ${counts.withdrawn} withdrawn, ${counts.duplicates} superseded, ${counts.otherEcosystems} without a PyPI package, ${result.skipped.length} malformed (skipped)`,
    result.carriedFrom
      ? `  Django: ${counts.djangoArchive.entries} security archive entries (${counts.djangoArchive.standalone} as advisories of their own) and ${counts.djangoReleases} release series carried over from the ${result.carriedFrom.origin} database`
      : `  Django: no database to carry Django's security archive and release support from; Django support status is unknown until one is installed`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (result.skipped.length > 0) process.stderr.write(`ponyguard: warning: ${result.skipped.length} record(s) skipped: ${describeSkipped(result.skipped)}\n`);
  if (result.active === 'bundled') {
    process.stderr.write('ponyguard: warning: the bundled advisory database has newer data than the one just written; scans keep using the bundled one\n');
  }
  return EXIT_OK;
}

/** One database as `db status` describes it. */
export interface DbDescription {
  origin: 'cache' | 'bundled';
  file: string;
  dataDate: string;
  ageDays: number;
  builtAt: string;
  advisories: number;
  packages: number;
  sources: DbSource[];
}

export interface DbStatus {
  /** The database a scan uses, with what the last `db update` fetched when it is the cache. */
  active: (DbDescription & { fetch: FetchState | null }) | null;
  cache: DbDescription | null;
  bundled: DbDescription | null;
  cacheDir: string;
  /** True when the active database's data is older than `STALE_AFTER_DAYS`. */
  stale: boolean;
  warnings: string[];
}

function describe(candidate: DbCandidate, now: number): DbDescription {
  const { meta } = candidate;
  return {
    origin: candidate.origin,
    file: candidate.file,
    dataDate: dataDate(meta),
    ageDays: ageDays(meta, now),
    builtAt: meta.builtAt,
    advisories: meta.counts.written,
    packages: Object.keys(meta.counts.byPackage ?? {}).length,
    sources: meta.sources,
  };
}

/** The status report of a survey. Pure. */
export function dbStatus(survey: AdvisoryDbSurvey, fetch: FetchState | null, now: number): DbStatus {
  const active = survey.active ? { ...describe(survey.active, now), fetch: survey.active.origin === 'cache' ? fetch : null } : null;
  const stale = active !== null && active.ageDays > STALE_AFTER_DAYS;
  const warnings = survey.problems.map((problem) => `${problem.message}; it is not used`);
  if (active === null) warnings.push('no advisory database: run `ponyguard db update`');
  else if (stale) warnings.push(`the advisory data is ${active.ageDays} days old (more than ${STALE_AFTER_DAYS}); run \`ponyguard db update\``);
  return {
    active,
    cache: survey.cache ? describe(survey.cache, now) : null,
    bundled: survey.bundled ? describe(survey.bundled, now) : null,
    cacheDir: survey.cacheDir,
    stale,
    warnings,
  };
}

/** `db status` as text. Pure. */
export function renderDbStatus(status: DbStatus): string {
  const lines: string[] = [];
  const { active } = status;
  if (active) {
    lines.push(`advisory database used by scans: ${active.origin}`);
    lines.push(`  file:        ${active.file}`);
    lines.push(`  data date:   ${active.dataDate} (${active.ageDays} day${active.ageDays === 1 ? '' : 's'} old)`);
    lines.push(`  built:       ${active.builtAt}`);
    if (active.fetch) {
      const validator = active.fetch.etag ? `, ETag ${active.fetch.etag}` : active.fetch.lastModified ? `, Last-Modified ${active.fetch.lastModified}` : '';
      lines.push(`  fetched:     ${active.fetch.fetchedAt} from ${active.fetch.source}${validator}`);
    }
    lines.push(`  advisories:  ${active.advisories} for ${active.packages} packages`);
    lines.push('  sources:');
    for (const source of active.sources) lines.push(`    - ${source.name}: ${source.file}${source.date ? `, data of ${source.date}` : ''}`);
  } else {
    lines.push('advisory database used by scans: none');
  }
  for (const db of [status.cache, status.bundled]) {
    if (db === null || db.origin === active?.origin) continue;
    lines.push(`  ${`${db.origin}:`.padEnd(12)} ${db.file}, data of ${db.dataDate} (not used: older)`);
  }
  if (status.cache === null) lines.push('  cache:       none (`ponyguard db update` writes one)');
  if (status.bundled === null) lines.push('  bundled:     none');
  lines.push(`  cache dir:   ${status.cacheDir}`);
  for (const warning of status.warnings) lines.push(`warning: ${warning}`);
  return `${lines.join('\n')}\n`;
}

/** `db status`: exit 3 when no database can be used. */
export async function runDbStatus(flags: DbStatusFlags): Promise<number> {
  const survey = await surveyAdvisoryDbs();
  const status = dbStatus(survey, await readFetchState(survey.cacheDir), Date.now());
  process.stdout.write(flags.format === 'json' ? `${JSON.stringify(status, null, 2)}\n` : renderDbStatus(status));
  return status.active ? EXIT_OK : EXIT_FAILURE;
}
