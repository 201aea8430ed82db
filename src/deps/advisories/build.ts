/**
 * Builds the compact advisory database from its inputs: OSV records of the PyPA advisory database, Django's security
 * archive and Django's release support table. Pure: `scripts/build-advisories.mjs` reads the files and writes the
 * result. Only facts are kept (ids, aliases, packages, ranges, versions, severity, CWE ids, dates, reference URLs,
 * short titles); advisory prose (`details`) never is.
 */
import { normalizePackageName } from '../../project/django-version.js';
import { cvss3BaseScore, cvssSeverity } from './cvss.js';
import { rangeIntervals } from './ranges.js';
import type {
  Advisory,
  AdvisoryDbFile,
  AdvisorySeverity,
  AffectedPackage,
  DbCounts,
  DbSource,
  DjangoRelease,
  LicenceNotice,
  RangeEvent,
} from './types.js';
import { intervalContains, isPep440, seriesOf, seriesStart } from './versions.js';

/** The parts of an OSV record (schema 1.x) the build reads. */
export interface OsvRecord {
  id: string;
  modified?: string;
  published?: string;
  withdrawn?: string;
  aliases?: string[];
  summary?: string;
  details?: string;
  severity?: OsvSeverity[];
  affected?: OsvAffected[];
  references?: Array<{ type?: string; url?: string }>;
  database_specific?: Record<string, unknown>;
}

export interface OsvSeverity {
  type: string;
  score: string;
}

export interface OsvAffected {
  package?: { ecosystem?: string; name?: string };
  ranges?: Array<{ type?: string; events?: RangeEvent[] }>;
  versions?: string[];
  severity?: OsvSeverity[];
  database_specific?: Record<string, unknown>;
}

/** One entry of `django-security-archive.json` (the fields the build reads). */
export interface DjangoArchiveEntry {
  id: string;
  cves: string[];
  date: string;
  severity: string | null;
  summary: string;
  advisory_url: string;
  fixed_versions: string[];
}

/** One entry of `django-release-support.json` (the fields the build copies). */
export interface DjangoSupportEntry {
  series: string;
  lts: boolean;
  release_date: string;
  end_of_mainstream_support: string;
  end_of_extended_support: string;
  last_release: string;
  last_release_date: string;
}

export interface BuildInput {
  osv: readonly OsvRecord[];
  djangoArchive: readonly DjangoArchiveEntry[];
  djangoReleases: readonly DjangoSupportEntry[];
  sources: DbSource[];
  /** ISO timestamp recorded as the build date. */
  builtAt: string;
}

/** The licences and attributions of the inputs, carried in every database. */
export const LICENCES: readonly LicenceNotice[] = [
  { data: 'PyPA advisory records', licence: 'CC-BY-4.0', attribution: 'PyPA Advisory Database, https://github.com/pypa/advisory-database' },
  {
    data: "Django's security archive and release notes",
    licence: 'BSD-3-Clause',
    attribution: 'Django, https://github.com/django/django, Copyright (c) Django Software Foundation and individual contributors',
  },
  { data: 'Django end-of-support dates', licence: 'MIT', attribution: 'endoflife.date, https://github.com/endoflife-date/endoflife.date' },
];

const TITLE_LENGTH = 160;
const MAX_REFERENCES = 5;
const REFERENCE_ORDER = ['ADVISORY', 'FIX', 'ARTICLE', 'REPORT', 'WEB', 'PACKAGE'];

/** Parses JSON Lines; throws naming the line of the first bad one. Blank lines are skipped. */
export function parseJsonLines(text: string, file: string): unknown[] {
  const records: unknown[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      records.push(JSON.parse(line));
    } catch (error) {
      throw new Error(`${file}:${index + 1}: not JSON: ${(error as Error).message}`);
    }
  });
  return records;
}

/** The first sentence of a text (Markdown headings skipped, whitespace collapsed). */
export function firstSentence(text: string): string {
  const paragraph = text
    .split(/\n\s*\n/)
    .map((p) => p.split('\n').filter((line) => !/^\s*#/.test(line)).join(' ').replace(/\s+/g, ' ').trim())
    .find((p) => p !== '');
  if (paragraph === undefined) return '';
  const end = /[.!?](?=\s+[A-Z0-9("'`[])/.exec(paragraph);
  return end ? paragraph.slice(0, end.index + 1) : paragraph;
}

/** A text cut to `TITLE_LENGTH` characters at a word boundary, ending in `…` when cut. */
export function shortTitle(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= TITLE_LENGTH) return clean;
  const cut = clean.slice(0, TITLE_LENGTH - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > TITLE_LENGTH / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

const RATINGS: Record<string, AdvisorySeverity> = { low: 'low', moderate: 'medium', medium: 'medium', high: 'high', critical: 'critical' };

/** A database's or Django's word for a severity (`LOW`, `MODERATE`, `high`…), or null when it is none of them. */
function ratingSeverity(rating: unknown): AdvisorySeverity | null {
  return typeof rating === 'string' ? (RATINGS[rating.toLowerCase()] ?? null) : null;
}

/** The severity of an OSV record: the highest CVSS v3.x base score, else the database's rating, else `medium`. */
export function recordSeverity(record: OsvRecord): Pick<Advisory, 'severity' | 'severitySource' | 'cvss'> {
  const vectors = [...(record.severity ?? []), ...(record.affected ?? []).flatMap((a) => a.severity ?? [])];
  let best: { vector: string; score: number } | null = null;
  for (const { type, score: vector } of vectors) {
    const score = type === 'CVSS_V3' ? cvss3BaseScore(vector) : null;
    if (score !== null && (best === null || score > best.score)) best = { vector, score };
  }
  if (best) return { severity: cvssSeverity(best.score), severitySource: 'cvss', cvss: best };
  const v4 = vectors.find((v) => v.type === 'CVSS_V4');
  const cvss = v4 ? { vector: v4.score, score: null } : null;
  const rating = [record.database_specific, ...(record.affected ?? []).map((a) => a.database_specific)]
    .map((specific) => ratingSeverity(specific?.severity))
    .find((s) => s !== null);
  return rating ? { severity: rating, severitySource: 'database', cvss } : { severity: 'medium', severitySource: 'default', cvss };
}

/** `CWE-79` style ids from GHSA's `database_specific.cwe_ids`, record and package level. */
export function recordCwes(record: OsvRecord): string[] {
  const ids = [record.database_specific, ...(record.affected ?? []).map((a) => a.database_specific)].flatMap((specific) => {
    const list = specific?.cwe_ids;
    return Array.isArray(list) ? list.filter((id): id is string => typeof id === 'string' && /^CWE-\d+$/i.test(id)).map((id) => id.toUpperCase()) : [];
  });
  return [...new Set(ids)].sort();
}

/** Up to five reference URLs: advisories, fixes, articles, reports, web pages, packages, in that order. */
export function referenceUrls(references: OsvRecord['references']): string[] {
  const rank = (type: string | undefined): number => {
    const index = REFERENCE_ORDER.indexOf(type ?? '');
    return index < 0 ? REFERENCE_ORDER.length : index;
  };
  const ordered = [...(references ?? [])].filter((r) => typeof r.url === 'string').sort((a, b) => rank(a.type) - rank(b.type));
  return [...new Set(ordered.map((r) => r.url!))].slice(0, MAX_REFERENCES);
}

/** A record's PyPI entries: ECOSYSTEM ranges (other range types counted in `skipped`) and explicit versions. */
function compactAffected(record: OsvRecord, skipped: Record<string, number>): AffectedPackage[] {
  return (record.affected ?? []).flatMap((entry) => {
    const name = entry.package?.name;
    if (entry.package?.ecosystem !== 'PyPI' || typeof name !== 'string') return [];
    const ranges: RangeEvent[][] = [];
    for (const range of entry.ranges ?? []) {
      if (range.type === 'ECOSYSTEM') ranges.push((range.events ?? []).map(compactEvent).filter((e) => e !== null));
      else skipped[range.type ?? 'unknown'] = (skipped[range.type ?? 'unknown'] ?? 0) + 1;
    }
    return [{ package: normalizePackageName(name), ranges, versions: [...(entry.versions ?? [])] }];
  });
}

/** An event with only its one OSV key, or null when it has none. */
function compactEvent(event: RangeEvent): RangeEvent | null {
  for (const kind of ['introduced', 'fixed', 'last_affected', 'limit'] as const) {
    const version = event[kind];
    if (typeof version === 'string') return { [kind]: version };
  }
  return null;
}

/** One OSV record as an advisory (without the Django archive's contributions). */
function compactRecord(record: OsvRecord, skipped: Record<string, number>): Advisory {
  return {
    id: record.id,
    aliases: [...new Set(record.aliases ?? [])].filter((alias) => alias !== record.id).sort(),
    affected: compactAffected(record, skipped),
    ...recordSeverity(record),
    cwes: recordCwes(record),
    published: record.published ?? null,
    modified: record.modified ?? null,
    references: referenceUrls(record.references),
    title: shortTitle(record.summary?.trim() ? record.summary : firstSentence(record.details ?? '')),
    sources: ['pypa'],
  };
}

/** Keeps one record per id: the one modified last (OSV: "the record with the later modification time is authoritative"). */
function latestById(records: readonly OsvRecord[]): OsvRecord[] {
  const byId = new Map<string, OsvRecord>();
  for (const record of records) {
    const known = byId.get(record.id);
    if (!known || (record.modified ?? '') > (known.modified ?? '')) byId.set(record.id, record);
  }
  return [...byId.values()];
}

/**
 * The affected range of one Django fix from the security archive: for `X.Y.Z`, from the first version of series
 * `X.Y` to `X.Y.Z`; for `X.Y` (the fix shipped in the X.Y.0 final release) the series' pre-releases. The range starts
 * at `X.Y.dev0`, below `X.Yrc1`, because a series' pre-releases carry its bugs too.
 */
export function djangoFixRange(fixed: string): RangeEvent[] | null {
  const start = seriesStart(fixed);
  return start === null ? null : [{ introduced: start }, { fixed }];
}

/**
 * Adds to a merged OSV entry the archive's fix ranges for series the OSV ranges do not speak of: no `fixed` or
 * `last_affected` event in the series, and the series' first version outside every OSV range (OSV's own ranges
 * stay authoritative where they cover the series). Returns how many ranges were added.
 */
function addArchiveRanges(entry: AffectedPackage, fixedVersions: readonly string[]): number {
  const ends = entry.ranges.flatMap((range) => range.flatMap((e) => [e.fixed, e.last_affected]));
  const eventSeries = new Set(ends.map((v) => (v === undefined ? null : seriesOf(v))).filter((series) => series !== null));
  // Computed afresh (not cached by entry): ranges are added to this entry below.
  const covered = entry.ranges.flatMap((range) => rangeIntervals(range));
  let added = 0;
  for (const fixed of fixedVersions) {
    const start = seriesStart(fixed);
    const series = seriesOf(fixed);
    if (start === null || series === null || eventSeries.has(series) || covered.some((i) => intervalContains(i, start))) continue;
    entry.ranges.push([{ introduced: start }, { fixed }]);
    added++;
  }
  return added;
}

/** An archive entry with no OSV record, as an advisory of its own for package `django`. */
function archiveAdvisory(entry: DjangoArchiveEntry): Advisory {
  const severity = ratingSeverity(entry.severity);
  return {
    id: entry.id,
    aliases: [...new Set(entry.cves)].filter((cve) => cve !== entry.id).sort(),
    affected: [{ package: 'django', ranges: entry.fixed_versions.map(djangoFixRange).filter((r) => r !== null), versions: [] }],
    severity: severity ?? 'medium',
    severitySource: severity ? 'django' : 'default',
    cvss: null,
    cwes: [],
    published: entry.date,
    modified: null,
    references: [entry.advisory_url],
    title: shortTitle(entry.summary),
    sources: ['django'],
  };
}

/**
 * Merges Django's security archive into the advisories: an entry sharing a CVE with OSV `django` records joins
 * their aliases, gives its severity where they have none, its summary as title where they have no summary, its
 * weblog URL as first reference, and its fixes for series they do not cover; an entry with no such record becomes
 * an advisory of its own. Mutates and returns the advisories (with the new ones appended).
 */
function mergeDjangoArchive(
  advisories: Advisory[],
  archive: readonly DjangoArchiveEntry[],
  summarised: ReadonlySet<string>,
  counts: DbCounts['djangoArchive'],
): Advisory[] {
  const byId = new Map<string, Advisory[]>();
  for (const advisory of advisories) {
    if (!advisory.affected.some((a) => a.package === 'django')) continue;
    for (const id of [advisory.id, ...advisory.aliases]) byId.set(id, [...(byId.get(id) ?? []), advisory]);
  }
  const mergedInto = new Set<string>();
  for (const entry of archive) {
    counts.entries++;
    const hits = [...new Set(entry.cves.flatMap((cve) => byId.get(cve) ?? []))];
    if (hits.length === 0) {
      const advisory = archiveAdvisory(entry);
      if (entry.fixed_versions.length === 0) counts.withoutFixedVersions++;
      counts.standalone++;
      advisories.push(advisory);
      continue;
    }
    counts.merged++;
    for (const advisory of hits) {
      mergedInto.add(advisory.id);
      advisory.aliases = [...new Set([...advisory.aliases, ...entry.cves])].filter((id) => id !== advisory.id).sort();
      const severity = ratingSeverity(entry.severity);
      if (advisory.severitySource === 'default' && severity) {
        advisory.severity = severity;
        advisory.severitySource = 'django';
      }
      if (!summarised.has(advisory.id) && entry.summary.trim()) advisory.title = shortTitle(entry.summary);
      advisory.references = [...new Set([entry.advisory_url, ...advisory.references])].slice(0, MAX_REFERENCES);
      if (!advisory.sources.includes('django')) advisory.sources.push('django');
      for (const affected of advisory.affected) if (affected.package === 'django') counts.rangesAdded += addArchiveRanges(affected, entry.fixed_versions);
    }
  }
  counts.mergedRecords = mergedInto.size;
  return advisories;
}

/** The release support table with the fields the database keeps. */
function compactReleases(releases: readonly DjangoSupportEntry[]): DjangoRelease[] {
  return releases.map((r) => ({
    series: r.series,
    lts: r.lts,
    releaseDate: r.release_date,
    endOfMainstreamSupport: r.end_of_mainstream_support,
    endOfExtendedSupport: r.end_of_extended_support,
    lastRelease: r.last_release,
    lastReleaseDate: r.last_release_date,
  }));
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** The whole build: records de-duplicated by id, withdrawn ones dropped, the archive merged, counts and licences added. */
export function buildAdvisoryDb(input: BuildInput): AdvisoryDbFile {
  const counts: DbCounts = {
    recordsRead: input.osv.length,
    withdrawn: 0,
    duplicates: 0,
    otherEcosystems: 0,
    written: 0,
    byPackage: {},
    skippedRanges: {},
    nonPep440Versions: 0,
    nonPep440Events: 0,
    severitySources: { cvss: 0, database: 0, django: 0, default: 0 },
    unscoredCvss4: 0,
    djangoArchive: { entries: 0, merged: 0, mergedRecords: 0, standalone: 0, withoutFixedVersions: 0, rangesAdded: 0 },
    djangoReleases: input.djangoReleases.length,
  };
  const latest = latestById(input.osv);
  counts.duplicates = input.osv.length - latest.length;
  const advisories: Advisory[] = [];
  const summarised = new Set<string>();
  for (const record of latest) {
    if (record.withdrawn) {
      counts.withdrawn++;
      continue;
    }
    const advisory = compactRecord(record, counts.skippedRanges);
    if (advisory.affected.length === 0) {
      counts.otherEcosystems++;
      continue;
    }
    if (record.summary?.trim()) summarised.add(record.id);
    advisories.push(advisory);
  }
  mergeDjangoArchive(advisories, input.djangoArchive, summarised, counts.djangoArchive);
  advisories.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const advisory of advisories) {
    increment(counts.severitySources, advisory.severitySource);
    if (advisory.cvss && advisory.cvss.score === null) counts.unscoredCvss4++;
    for (const name of new Set(advisory.affected.map((a) => a.package))) increment(counts.byPackage, name);
    for (const entry of advisory.affected) {
      counts.nonPep440Versions += entry.versions.filter((v) => !isPep440(v)).length;
      const intervals = entry.ranges.flatMap((range) => rangeIntervals(range));
      if (entry.versions.length > 0 && entry.versions.every((v) => isPep440(v) && intervals.some((i) => intervalContains(i, v)))) entry.versionsInRanges = true;
      for (const range of entry.ranges) {
        counts.nonPep440Events += range.filter((e) => {
          const version = e.introduced ?? e.fixed ?? e.last_affected ?? e.limit ?? '';
          return version !== '0' && version !== '*' && !isPep440(version);
        }).length;
      }
    }
  }
  counts.written = advisories.length;
  counts.byPackage = Object.fromEntries(Object.entries(counts.byPackage).sort(([a], [b]) => (a < b ? -1 : 1)));
  return {
    meta: { format: 1, builtAt: input.builtAt, sources: input.sources, counts, licences: [...LICENCES] },
    advisories,
    djangoReleases: compactReleases(input.djangoReleases),
  };
}
