/**
 * Django's own questions: is the installed release series still supported today, which Django advisories affect the
 * installed version, and what is the smallest upgrade, within its series and to a supported series. Pure: the day
 * of the check is passed in.
 */
import { type MinimalFix, type VersionAudit, advisoriesForVersion, minimalFix } from './match.js';
import { fixedVersions, uniqueSorted } from './ranges.js';
import type { AdvisoryDb, DjangoRelease } from './types.js';
import { compareVersions, isPep440, seriesOf } from './versions.js';

/**
 * Where a series stands on a day: `supported` during mainstream support (bug and security fixes); after it, until
 * the end of extended support, `lts` for a long-term-support series (security, data-loss and major bug fixes) and
 * `security-fixes-only` for the others; `end-of-life` from the end of extended support on; `unknown` when the
 * version is not PEP 440 or its series is not in the support table.
 */
export type DjangoSupportStatus = 'supported' | 'lts' | 'security-fixes-only' | 'end-of-life' | 'unknown';

export interface DjangoSeriesStatus {
  version: string;
  /** `X.Y`, or null when the version is not PEP 440. */
  series: string | null;
  status: DjangoSupportStatus;
  lts: boolean;
  /** ISO dates from the support table; null for an unknown series. */
  releaseDate: string | null;
  endOfMainstreamSupport: string | null;
  endOfExtendedSupport: string | null;
  /** The series' latest patch release and its date. */
  latestPatch: string | null;
  latestPatchDate: string | null;
  /** True when the version is the latest patch release or newer; null when unknown. */
  isLatestPatch: boolean | null;
}

/** The ISO date (UTC) of a day. */
function isoDay(day: Date): string {
  return day.toISOString().slice(0, 10);
}

/** The support table's entry for a version's series. */
function releaseOf(version: string, support: readonly DjangoRelease[]): DjangoRelease | undefined {
  const series = seriesOf(version);
  return series === null ? undefined : support.find((r) => r.series === series);
}

/** The support status of a version's series on `today` (end dates are the first day without that support). */
export function djangoSeriesStatus(version: string, support: readonly DjangoRelease[], today: Date): DjangoSeriesStatus {
  const release = releaseOf(version, support);
  if (!release) {
    return {
      version,
      series: seriesOf(version),
      status: 'unknown',
      lts: false,
      releaseDate: null,
      endOfMainstreamSupport: null,
      endOfExtendedSupport: null,
      latestPatch: null,
      latestPatchDate: null,
      isLatestPatch: null,
    };
  }
  const day = isoDay(today);
  const status: DjangoSupportStatus =
    day >= release.endOfExtendedSupport ? 'end-of-life' : day < release.endOfMainstreamSupport ? 'supported' : release.lts ? 'lts' : 'security-fixes-only';
  return {
    version,
    series: release.series,
    status,
    lts: release.lts,
    releaseDate: release.releaseDate,
    endOfMainstreamSupport: release.endOfMainstreamSupport,
    endOfExtendedSupport: release.endOfExtendedSupport,
    latestPatch: release.lastRelease,
    latestPatchDate: release.lastReleaseDate,
    isLatestPatch: isPep440(release.lastRelease) ? compareVersions(version, release.lastRelease) >= 0 : null,
  };
}

export interface DjangoAudit {
  series: DjangoSeriesStatus;
  /** The Django advisories affecting the version (merged by aliases). */
  audit: VersionAudit;
  /** The CVE ids among the matches' ids and aliases, sorted. */
  cves: string[];
  /** The smallest version fixing every match, within the series and overall (`minimalFix`). */
  fix: MinimalFix;
  /**
   * The smallest release ≥ the version, in a series that is supported on `today` (not end-of-life), that no advisory
   * of the database affects; null when none is known.
   */
  supportedUpgrade: string | null;
  /**
   * For an end-of-life series: Django advisories published from its end of support on, with no fix in the series.
   * Django's archive and the OSV records only list the series supported at disclosure, so the version was never
   * checked against these and may well be affected.
   */
  unevaluated: string[];
}

/** Everything the audit says about an installed Django version on `today`. */
export function djangoAudit(db: AdvisoryDb, version: string, today: Date): DjangoAudit {
  const series = djangoSeriesStatus(version, db.djangoReleases, today);
  const audit = advisoriesForVersion(db, 'django', version);
  const cves = [...new Set(audit.matches.flatMap((m) => [m.id, ...m.aliases]).filter((id) => id.startsWith('CVE-')))].sort();
  return {
    series,
    audit,
    cves,
    fix: minimalFix(audit.matches, version),
    supportedUpgrade: supportedUpgrade(db, version, today),
    unevaluated: series.status === 'end-of-life' ? unevaluatedAdvisories(db, series, audit) : [],
  };
}

/**
 * The smallest release ≥ `version` in a series supported on `today` that no Django advisory affects. Candidates
 * are the fixed versions of every Django advisory and the latest patch of every supported series.
 */
export function supportedUpgrade(db: AdvisoryDb, version: string, today: Date): string | null {
  if (!isPep440(version)) return null;
  const entries = db.byPackage.get('django') ?? [];
  const day = isoDay(today);
  const supported = new Set(db.djangoReleases.filter((r) => day < r.endOfExtendedSupport).map((r) => r.series));
  const fixes = entries.flatMap((e) => e.affected.flatMap(fixedVersions));
  const latest = db.djangoReleases.filter((r) => supported.has(r.series)).map((r) => r.lastRelease);
  const candidates = uniqueSorted([...fixes, ...latest].filter(isPep440)).filter((c) => supported.has(seriesOf(c) ?? '') && compareVersions(c, version) >= 0);
  return candidates.find((c) => advisoriesForVersion(db, 'django', c).matches.length === 0) ?? null;
}

/** `DjangoAudit.unevaluated`: ids of advisories published from the series' end of support on, with no fix in it. */
function unevaluatedAdvisories(db: AdvisoryDb, series: DjangoSeriesStatus, audit: VersionAudit): string[] {
  const end = series.endOfExtendedSupport;
  if (end === null) return [];
  const matched = new Set(audit.matches.flatMap((m) => m.advisories.map((a) => a.id)));
  return (db.byPackage.get('django') ?? [])
    .filter(({ advisory, affected }) => {
      if (matched.has(advisory.id) || advisory.published === null || advisory.published.slice(0, 10) < end) return false;
      return !affected.some((entry) => fixedVersions(entry).some((fix) => seriesOf(fix) === series.series));
    })
    .map(({ advisory }) => advisory.id)
    .sort();
}
