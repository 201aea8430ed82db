/**
 * Which advisories affect a package: at one exact version (OSV's evaluation), or at some version a requirement
 * specifier allows. Results are merged by aliases — one match per vulnerability, carrying every id — as pip-audit
 * and osv-scanner do. Pure: the database is passed in.
 */
import { satisfies, validRange } from '@renovatebot/pep440';
import { normalizePackageName } from '../../project/django-version.js';
import { entryAffects, entryIntervals, fixedVersions, highestListed, uniqueSorted } from './ranges.js';
import type { AdvisoryDb, Advisory, AdvisorySeverity, AffectedPackage, PackageAdvisory } from './types.js';
import {
  compareVersions,
  finalRelease,
  type Interval,
  intersectIntervals,
  intervalContains,
  isPep440,
  isPrerelease,
  namesPrerelease,
  seriesOf,
  specifierIntervals,
  specifierVersions,
} from './versions.js';

/** How a match was made: a range of the advisory, or only its explicit `versions[]` list. */
export type MatchBasis = 'range' | 'versions';

/** One vulnerability affecting a package (several advisories when they share an id or alias). */
export interface VulnerabilityMatch {
  /** The smallest id (code-point order) of the merged advisories' own ids. */
  id: string;
  /** Every other id: the other advisories' ids, then all aliases, each once. */
  aliases: string[];
  advisories: Advisory[];
  /** The merged advisories' `affected` entries for this package (what a candidate fix is checked against). */
  affected: AffectedPackage[];
  /** The highest severity of the merged advisories. */
  severity: AdvisorySeverity;
  title: string;
  /** Fixed versions relevant to the audited version (see `entryAffects`), sorted; empty when no fix is known. */
  fixedIn: string[];
  /** `range` when any range matched; `versions` when only an explicit list did. */
  basis: MatchBasis;
  /**
   * An affected version: the audited version itself, or for a specifier an affected version it allows (a listed
   * release, or the lowest installable version of a range overlap); null when the overlap has no lowest version
   * (`>2.0`).
   */
  example: string | null;
}

/** The audit of one exact version. */
export type VersionAudit =
  | { kind: 'audited'; version: string; matches: VulnerabilityMatch[] }
  /** The version is not PEP 440 (`0.3m1`): ranges cannot place it, so only explicit version lists were checked. */
  | { kind: 'not-pep440'; version: string; reason: string; matches: VulnerabilityMatch[] };

/** Why a specifier cannot be audited. */
export type CannotAuditReason = 'unconstrained' | 'invalid-specifier' | 'not-pep440';

/** The audit of a requirement specifier. */
export type SpecifierAudit =
  | { kind: 'audited'; specifier: string; matches: VulnerabilityMatch[] }
  | { kind: 'cannot-audit'; specifier: string; reason: CannotAuditReason; message: string };

/** What one advisory contributes before merging by aliases. */
interface Hit {
  entry: PackageAdvisory;
  basis: MatchBasis;
  fixes: string[];
  example: string | null;
}

const SEVERITY_RANK: Record<AdvisorySeverity, number> = { critical: 4, high: 3, medium: 2, low: 1 };

/** The advisories indexed under a package name (normalised here). */
function advisoriesOf(db: AdvisoryDb, name: string): readonly PackageAdvisory[] {
  return db.byPackage.get(normalizePackageName(name)) ?? [];
}

/**
 * The advisories affecting `name` at `version`: `versions[]` lists it, or an ECOSYSTEM range holds it (events in
 * PEP 440 order, `introduced: "0"`, `fixed`, `last_affected`, `limit`). Each match carries the fixed versions
 * relevant to this version. A version that is not PEP 440 gives `not-pep440`, matched by explicit lists only.
 */
export function advisoriesForVersion(db: AdvisoryDb, name: string, version: string): VersionAudit {
  const hits: Hit[] = [];
  for (const entry of advisoriesOf(db, name)) {
    const verdicts = entry.affected.map((affected) => entryAffects(affected, version)).filter((v) => v !== null);
    if (verdicts.length === 0) continue;
    const basis = verdicts.some((v) => v.by === 'range') ? 'range' : 'versions';
    hits.push({ entry, basis, fixes: verdicts.flatMap((v) => v.fixes), example: version });
  }
  const matches = mergeByAliases(hits);
  if (isPep440(version)) return { kind: 'audited', version, matches };
  return { kind: 'not-pep440', version, reason: `${version} is not a PEP 440 version: matched against explicit version lists only`, matches };
}

/**
 * The advisories affecting some version that `specifier` allows: the project "may resolve to a vulnerable version".
 *
 * How it decides, per affected entry:
 * 1. a release listed in `versions[]` that the specifier allows (checked with PEP 440's own rules, so pre-releases
 *    count only when the specifier names one) — the listed releases are taken as the complete set of affected
 *    releases up to the highest one listed;
 * 2. otherwise, a range interval overlapping the specifier's intervals, when the entry lists no versions (the
 *    version line is then treated as continuous), or beyond the highest listed version in a range with no upper
 *    bound (releases after the data was gathered, still unfixed).
 *
 * In step 2, pre-releases count only when the specifier names one, as in step 1: an overlap holding only
 * pre-releases (`[3.2.dev0, 3.2)`, a fix shipped in 3.2 final, against `==3.2.*`) is no match. Approximations, all
 * towards reporting: the `>V` / `==V` subtleties of `specifierIntervals`, and a version inside an overlap need not
 * exist on PyPI — nothing here knows which versions exist beyond the lists, nor what the resolver would pick.
 *
 * An empty specifier (anything may be installed) and one that is not PEP 440 are `cannot-audit`, never "no match".
 */
export function advisoriesForSpecifier(db: AdvisoryDb, name: string, specifier: string): SpecifierAudit {
  const spec = specifier.trim();
  if (spec === '') return { kind: 'cannot-audit', specifier, reason: 'unconstrained', message: 'no version constraint: any release may be installed' };
  const allowed = validRange(spec) ? specifierIntervals(spec) : null;
  if (!allowed) {
    const legacy = specifierVersions(spec).find((v) => !isPep440(v));
    if (legacy !== undefined) {
      return { kind: 'cannot-audit', specifier, reason: 'not-pep440', message: `${legacy} is not a PEP 440 version; ranges cannot place it` };
    }
    return { kind: 'cannot-audit', specifier, reason: 'invalid-specifier', message: `${specifier} is not a PEP 440 specifier` };
  }
  const prereleases = namesPrerelease(spec);
  const hits: Hit[] = [];
  for (const entry of advisoriesOf(db, name)) {
    const found = entry.affected.map((affected) => specifierHit(affected, spec, allowed, prereleases)).filter((h) => h !== null);
    if (found.length === 0) continue;
    const basis = found.some((h) => h.basis === 'range') ? 'range' : 'versions';
    hits.push({ entry, basis, fixes: found.flatMap((h) => h.fixes), example: found[0]?.example ?? null });
  }
  return { kind: 'audited', specifier, matches: mergeByAliases(hits) };
}

/** Steps 1 and 2 of `advisoriesForSpecifier` for one affected entry. */
function specifierHit(entry: AffectedPackage, spec: string, allowed: Interval[], prereleases: boolean): Omit<Hit, 'entry'> | null {
  for (const listed of entry.versions) {
    if (!isPep440(listed) || !allowed.some((i) => intervalContains(i, listed)) || !satisfies(listed, spec)) continue;
    const fix = fixedVersions(entry).find((f) => compareVersions(f, listed) > 0);
    return { basis: 'versions', fixes: fix === undefined ? [] : [fix], example: listed };
  }
  const highest = highestListed(entry);
  const beyondList: Interval = { lower: highest === null ? null : { version: highest, inclusive: false }, upper: null };
  for (const interval of entryIntervals(entry)) {
    if (highest !== null && interval.upper !== null) continue;
    for (const range of allowed) {
      const overlap = intersectIntervals(interval, range);
      const unlisted = overlap && intersectIntervals(overlap, beyondList);
      const installable = unlisted && installableExample(unlisted, prereleases);
      if (!installable) continue;
      return { basis: 'range', fixes: interval.fix === null ? [] : [interval.fix], example: installable.example };
    }
  }
  return null;
}

/**
 * Whether an overlap holds a version pip could install, with an example: the overlap's lowest version, or when
 * pre-releases are not allowed and that one is a pre-release, its final release (`3.2.dev0` → `3.2`). Null when
 * the overlap holds only pre-releases that are not allowed (`[3.2.dev0, 3.2)`); the example is null when the
 * overlap has no lowest version (`>2.0`, or no lower bound).
 */
function installableExample(overlap: Interval, prereleases: boolean): { example: string | null } | null {
  const lower = overlap.lower;
  if (!lower || !lower.inclusive) return { example: null };
  if (prereleases || !isPrerelease(lower.version)) return { example: lower.version };
  const final = finalRelease(lower.version);
  return final !== null && intervalContains(overlap, final) ? { example: final } : null;
}

/** Merges hits that share an id or alias (transitively) into one match each, highest severity first, then by id. */
function mergeByAliases(hits: readonly Hit[]): VulnerabilityMatch[] {
  const parent = hits.map((_, i) => i);
  const root = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r]!;
    return r;
  };
  const owner = new Map<string, number>();
  hits.forEach((hit, i) => {
    for (const id of [hit.entry.advisory.id, ...hit.entry.advisory.aliases]) {
      const other = owner.get(id);
      if (other === undefined) owner.set(id, i);
      else parent[root(i)] = root(other);
    }
  });
  const groups = new Map<number, Hit[]>();
  hits.forEach((hit, i) => {
    const group = groups.get(root(i));
    if (group) group.push(hit);
    else groups.set(root(i), [hit]);
  });
  return [...groups.values()].map(toMatch).sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || codePointOrder(a.id, b.id));
}

function codePointOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One merged match from the hits of one alias group. */
function toMatch(group: readonly Hit[]): VulnerabilityMatch {
  const sorted = [...group].sort((a, b) => codePointOrder(a.entry.advisory.id, b.entry.advisory.id));
  const advisories = sorted.map((h) => h.entry.advisory);
  const id = advisories[0]!.id;
  const others = [...advisories.slice(1).map((a) => a.id), ...[...new Set(advisories.flatMap((a) => a.aliases))].sort()];
  const severity = advisories.map((a) => a.severity).reduce((a, b) => (SEVERITY_RANK[b] > SEVERITY_RANK[a] ? b : a));
  return {
    id,
    aliases: [...new Set(others)].filter((other) => other !== id),
    advisories,
    affected: sorted.flatMap((h) => h.entry.affected),
    severity,
    title: advisories.find((a) => a.title !== '')?.title ?? '',
    fixedIn: uniqueSorted(sorted.flatMap((h) => h.fixes)),
    basis: sorted.some((h) => h.basis === 'range') ? 'range' : 'versions',
    example: sorted.find((h) => h.example !== null)?.example ?? null,
  };
}

/** The smallest upgrades that leave none of the matched vulnerabilities. */
export interface MinimalFix {
  /** The smallest version ≥ the current one in its release series (same epoch, major and minor), or null. */
  inSeries: string | null;
  /** The smallest version ≥ the current one overall, or null. */
  overall: string | null;
}

/**
 * The smallest versions ≥ `version` that no match affects, within the same series and overall. Candidates are the
 * current version and every `fixed` version of the matched advisories (the only versions known to fix anything);
 * each is checked against every matched advisory by the same evaluation as an audit, lists included, so the
 * suggested version audits clean against these advisories. Null when no candidate does, or `version` is not PEP 440.
 */
export function minimalFix(matches: readonly VulnerabilityMatch[], version: string): MinimalFix {
  if (!isPep440(version)) return { inSeries: null, overall: null };
  const fixes = matches.flatMap((m) => m.affected.flatMap(fixedVersions));
  const candidates = uniqueSorted([version, ...fixes]).filter((c) => compareVersions(c, version) >= 0);
  const clean = (candidate: string): boolean => matches.every((m) => m.affected.every((entry) => entryAffects(entry, candidate) === null));
  // Candidates of the current series come first (they are the smallest ≥ version), so the first clean one is the
  // overall minimum, and the series has a fix exactly when that one is in it.
  const overall = candidates.find(clean) ?? null;
  return { inSeries: overall !== null && seriesOf(overall) === seriesOf(version) ? overall : null, overall };
}
