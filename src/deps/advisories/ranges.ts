/**
 * OSV's "Evaluation" of an affected entry (ossf/osv-schema `docs/schema.md`), for PyPI ECOSYSTEM ranges:
 * a version is affected when the entry lists it in `versions[]`, or when a range's event walk says so. The walk is
 * turned into intervals once per range (events sorted by PEP 440, `introduced: "0"` first) and cached, so that a
 * version check is a few comparisons.
 */
import type { AffectedPackage, RangeEvent } from './types.js';
import { compareVersions, type Interval, intervalContains, isPep440, versionKey } from './versions.js';

/** An interval of affected versions, with the `fixed` event that closes it (null after `last_affected` or none). */
export interface AffectedInterval extends Interval {
  fix: string | null;
}

type EventKind = 'introduced' | 'fixed' | 'last_affected' | 'limit';

/** An event as its kind and version. */
interface Event {
  kind: EventKind;
  version: string;
}

function eventOf(event: RangeEvent): Event | null {
  for (const kind of ['introduced', 'fixed', 'last_affected', 'limit'] as const) {
    const version = event[kind];
    if (typeof version === 'string') return { kind, version };
  }
  return null;
}

/** Sorts events by version, `introduced: "0"` first; ties keep the source order. Versions must be PEP 440. */
function sortEvents(events: readonly Event[]): Event[] {
  const isZero = (e: Event): boolean => e.kind === 'introduced' && e.version === '0';
  return [...events].sort((a, b) => {
    if (isZero(a) || isZero(b)) return Number(isZero(b)) - Number(isZero(a));
    return compareVersions(a.version, b.version);
  });
}

/**
 * The intervals a range's events describe. The walk of the OSV evaluation (a flag set by `introduced` ≤ v,
 * cleared by `fixed` ≤ v or `last_affected` < v) is affected exactly on these intervals: each opens at the first
 * `introduced` while the flag is clear and closes at the next `fixed` (exclusive) or `last_affected` (inclusive).
 * `limit` events (other than `"*"`) cap everything below the highest limit. A range with an event that is not
 * PEP 440 (`fixed: "2019-09-12"`) cannot be ordered and yields no interval: such records match through
 * `versions[]` only.
 */
export function rangeIntervals(events: readonly RangeEvent[]): AffectedInterval[] {
  const parsed = events.map(eventOf).filter((e) => e !== null);
  if (!parsed.every(orderable)) return [];
  const walk = sortEvents(parsed.filter((e) => e.kind !== 'limit'));
  const limits = parsed.filter((e) => e.kind === 'limit' && e.version !== '*').map((e) => e.version);
  const intervals: AffectedInterval[] = [];
  let open: Interval['lower'] | undefined;
  for (const e of walk) {
    if (e.kind === 'introduced') {
      if (open === undefined) open = e.version === '0' ? null : { version: e.version, inclusive: true };
    } else if (open !== undefined) {
      const fixed = e.kind === 'fixed';
      intervals.push({ lower: open, upper: { version: e.version, inclusive: !fixed }, fix: fixed ? e.version : null });
      open = undefined;
    }
  }
  if (open !== undefined) intervals.push({ lower: open, upper: null, fix: null });
  if (limits.length === 0) return intervals;
  const cap = limits.reduce((a, b) => (compareVersions(a, b) >= 0 ? a : b));
  return intervals.flatMap((i) => capAt(i, cap));
}

/** True when an event's version can be placed in PEP 440 order (`introduced: "0"` and `limit: "*"` can). */
function orderable(e: Event): boolean {
  return (e.kind === 'introduced' && e.version === '0') || (e.kind === 'limit' && e.version === '*') || isPep440(e.version);
}

/** An interval cut to the versions below `cap`; none when it starts at or above it. */
function capAt(interval: AffectedInterval, cap: string): AffectedInterval[] {
  if (interval.lower && compareVersions(interval.lower.version, cap) >= 0) return [];
  if (interval.upper && compareVersions(interval.upper.version, cap) < 0) return [interval];
  return [{ ...interval, upper: { version: cap, inclusive: false } }];
}

const intervalCache = new WeakMap<readonly RangeEvent[], AffectedInterval[]>();

/** `rangeIntervals`, computed once per range object. */
function cachedRangeIntervals(events: readonly RangeEvent[]): AffectedInterval[] {
  let intervals = intervalCache.get(events);
  if (!intervals) intervalCache.set(events, (intervals = rangeIntervals(events)));
  return intervals;
}

const entryIntervalCache = new WeakMap<AffectedPackage, AffectedInterval[]>();

/** Every affected interval of an entry's ranges (computed once per entry). */
export function entryIntervals(entry: AffectedPackage): AffectedInterval[] {
  let intervals = entryIntervalCache.get(entry);
  if (!intervals) entryIntervalCache.set(entry, (intervals = entry.ranges.flatMap((range) => cachedRangeIntervals(range))));
  return intervals;
}

interface ListedKeys {
  /** Listed plain releases (`3.2.10`), as written: most lists hold only these, and they need no parsing. */
  plain: Set<string>;
  /** Keys of listed strings that may still be plain releases in another spelling (`v1.0`, `01.0`, ` 1.0`). */
  plainish: Set<string>;
  /** The rest (`1.0rc1`, `2.0.post1`, `0.3m1`), keyed only when a query that is not a plain release asks. */
  rest: string[];
  restKeys?: { pep440: Set<string>; legacy: Set<string> };
}

const PLAIN_RELEASE = /^\d{1,9}(\.\d{1,9})*$/;
/** Spellings that can only be a plain release if PEP 440 at all: digits and dots, with a `v`, spaces, leading zeros. */
const PLAINISH = /^\s*[vV]?[\d.]+\s*$/;
const listedCache = new WeakMap<AffectedPackage, ListedKeys>();

function listedKeys(entry: AffectedPackage): ListedKeys {
  let keys = listedCache.get(entry);
  if (!keys) {
    keys = { plain: new Set(), plainish: new Set(), rest: [] };
    for (const listed of entry.versions) {
      // Plain and written without leading zeros (`2020.01.01` is 2020.1.1: it goes by its key instead).
      if (PLAIN_RELEASE.test(listed) && !/(^|\.)0\d/.test(listed)) keys.plain.add(listed);
      else if (PLAINISH.test(listed)) {
        const key = versionKey(listed);
        if (key !== null) keys.plainish.add(key);
        else keys.rest.push(listed);
      } else keys.rest.push(listed);
    }
    listedCache.set(entry, keys);
  }
  return keys;
}

/** Keys of the listed strings that are not plain releases, computed on first need. */
function restKeys(keys: ListedKeys): { pep440: Set<string>; legacy: Set<string> } {
  if (!keys.restKeys) {
    keys.restKeys = { pep440: new Set(), legacy: new Set() };
    for (const listed of keys.rest) {
      const key = versionKey(listed);
      if (key === null) keys.restKeys.legacy.add(listed.trim().toLowerCase());
      else keys.restKeys.pep440.add(key);
    }
  }
  return keys.restKeys;
}

/** `3.2.10`'s equal spellings as plain releases: `3.2.10`, `3.2.10.0`, … (and `1`, `1.0`, `1.0.0` for `1.0`). */
function plainSpellings(version: string): string[] {
  const release = version.split('.').map(Number);
  while (release.length > 1 && release[release.length - 1] === 0) release.pop();
  const out: string[] = [];
  for (let zeros = 0; zeros <= 4; zeros++) out.push([...release, ...Array<number>(zeros).fill(0)].join('.'));
  return out;
}

/**
 * True when the entry's `versions[]` lists `version`: PEP 440 equality for PEP 440 versions (`1.0 == 1.0.0`), exact
 * (case-insensitive) text for the others (`0.3m1`), which nothing else can match.
 */
function listsVersion(entry: AffectedPackage, version: string): boolean {
  const keys = listedKeys(entry);
  const query = queryOf(version);
  if (query.key === null) return restKeys(keys).legacy.has(query.legacy);
  if (query.spellings.length === 0) return restKeys(keys).pep440.has(query.key);
  // A plain release equals a listed plain release only when they differ by trailing zeros; any other spelling of a
  // plain release (`v1.0`, `01.0`) is in `plainish` under the same key. Pre-, post- and dev releases never equal it.
  if (keys.plainish.has(query.key)) return true;
  for (const spelling of query.spellings) if (keys.plain.has(spelling)) return true;
  return false;
}

interface Query {
  key: string | null;
  legacy: string;
  spellings: string[];
}

const queries = new Map<string, Query>();

/** What a version is looked up by in version lists, computed once per version string. */
function queryOf(version: string): Query {
  let query = queries.get(version);
  if (!query) {
    const key = versionKey(version);
    query = { key, legacy: version.trim().toLowerCase(), spellings: key !== null && key.startsWith('s:') ? plainSpellings(key.slice(2) || '0') : [] };
    if (queries.size >= 4096) queries.clear();
    queries.set(version, query);
  }
  return query;
}

/**
 * How an entry affects a version, or null when it does not: `by` says whether a range or only the explicit list
 * matched; `fixes` are the fixed versions relevant to it — for each range interval holding the version, the `fixed`
 * event closing it (the smallest fix above the version in that range); for a list-only match, the smallest `fixed`
 * of the entry above the version.
 */
export interface EntryVerdict {
  by: 'range' | 'versions';
  fixes: string[];
}

/** The OSV evaluation of one entry for one version. */
export function entryAffects(entry: AffectedPackage, version: string): EntryVerdict | null {
  const pep440 = isPep440(version);
  if (pep440) {
    const holding = entryIntervals(entry).filter((interval) => intervalContains(interval, version));
    if (holding.length > 0) return { by: 'range', fixes: uniqueSorted(holding.flatMap((i) => (i.fix === null ? [] : [i.fix]))) };
    // The list holds only versions of the ranges, and this one is in none.
    if (entry.versionsInRanges) return null;
  }
  if (!listsVersion(entry, version)) return null;
  const above = pep440 ? fixedVersions(entry).find((fix) => compareVersions(fix, version) > 0) : undefined;
  return { by: 'versions', fixes: above === undefined ? [] : [above] };
}

/** Every `fixed` version of an entry's ranges, sorted by PEP 440, without duplicates. */
export function fixedVersions(entry: AffectedPackage): string[] {
  const fixes = entry.ranges.flatMap((range) => range.flatMap((e) => (typeof e.fixed === 'string' && isPep440(e.fixed) ? [e.fixed] : [])));
  return uniqueSorted(fixes);
}

/** Versions sorted by PEP 440, keeping the first spelling of equal ones. */
export function uniqueSorted(versions: readonly string[]): string[] {
  const sorted = [...versions].sort(compareVersions);
  return sorted.filter((v, i) => i === 0 || compareVersions(sorted[i - 1]!, v) !== 0);
}

const highestCache = new WeakMap<AffectedPackage, string | null>();

/** The highest PEP 440 version the entry lists, or null when it lists none. */
export function highestListed(entry: AffectedPackage): string | null {
  let highest = highestCache.get(entry);
  if (highest === undefined) {
    highest = null;
    for (const listed of entry.versions) if (isPep440(listed) && (highest === null || compareVersions(listed, highest) > 0)) highest = listed;
    highestCache.set(entry, highest);
  }
  return highest;
}
