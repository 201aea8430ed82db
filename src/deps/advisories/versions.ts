/**
 * PEP 440 versions for the advisory matcher, on top of `@renovatebot/pep440` (whose ordering matches Python's
 * `packaging` on every version of the PyPA advisory data): validity, a canonical key for equality, release series,
 * and version intervals — the common shape of OSV ranges and of requirement specifiers.
 */
import { explain } from '@renovatebot/pep440';

/** A parsed version as Python's `packaging` orders it (`Version._key`): each field compared in turn. */
interface VersionKey {
  epoch: number;
  /** The release without trailing zeros (`1.0.0` → `[1]`). */
  release: number[];
  /** `a` / `b` / `rc` and its number; `-1` sorts a dev-only release before its pre-releases, `1` means none. */
  pre: [string, number] | -1 | 1;
  /** Post-release number, or -1 for none. */
  post: number;
  /** Dev-release number, or Infinity for none. */
  dev: number;
  /** Local segments (numbers sort above words), or null for none. */
  local: Array<number | string> | null;
}

const MAX_CACHED = 100_000;
const parsedCache = new Map<string, VersionKey | null>();

/** Parses a version with `@renovatebot/pep440` once and keeps its sort key; null when it is not PEP 440. */
function keyOf(version: string): VersionKey | null {
  let key = parsedCache.get(version);
  if (key !== undefined) return key;
  const v = explain(version);
  if (v) {
    const release = [...v.release];
    while (release.length > 0 && release[release.length - 1] === 0) release.pop();
    // The package's declarations type these as arrays; at run time (4.2.x) `pre` is `[letter, number]` or null
    // and `post` / `dev` are numbers or null (the cross-check against its own `compare` on the advisory data holds).
    const pre = v.pre as unknown as [string, number] | null;
    const post = v.post as unknown as number | null;
    const dev = v.dev as unknown as number | null;
    key = {
      epoch: v.epoch,
      release,
      pre: pre ? [pre[0], pre[1]] : post === null && dev !== null ? -1 : 1,
      post: post ?? -1,
      dev: dev ?? Infinity,
      local: v.local === null ? null : v.local.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)),
    };
  } else key = null;
  if (parsedCache.size >= MAX_CACHED) parsedCache.clear();
  parsedCache.set(version, key);
  return key;
}

function compareNumbers(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function comparePre(a: VersionKey['pre'], b: VersionKey['pre']): number {
  if (typeof a === 'number' || typeof b === 'number') {
    const rank = (p: VersionKey['pre']): number => (typeof p === 'number' ? p : 0);
    return rank(a) - rank(b);
  }
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  return a[1] - b[1];
}

function compareLocal(a: VersionKey['local'], b: VersionKey['local']): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    if (typeof x !== typeof y) return typeof x === 'number' ? 1 : -1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function compareKeys(a: VersionKey, b: VersionKey): number {
  return (
    a.epoch - b.epoch ||
    compareNumbers(a.release, b.release) ||
    comparePre(a.pre, b.pre) ||
    a.post - b.post ||
    (a.dev === b.dev ? 0 : a.dev < b.dev ? -1 : 1) ||
    compareLocal(a.local, b.local)
  );
}

/** True when `version` is a valid PEP 440 version (`1.0`, `v1.0`, `1!2.0rc1.post2.dev3+local`). */
export function isPep440(version: string): boolean {
  return keyOf(version) !== null;
}

/**
 * PEP 440 order of two valid versions (negative, 0, positive): `1.0 == 1.0.0`, `1.0.dev0 < 1.0a1 < 1.0rc1 < 1.0 <
 * 1.0+local < 1.0.post1`, `1!0.1 > 2.0`. Each string is parsed once by `@renovatebot/pep440` and compared by
 * packaging's key, so sorting thousands of versions stays cheap. Throws on a version that is not PEP 440.
 */
export function compareVersions(a: string, b: string): number {
  const x = keyOf(a);
  const y = keyOf(b);
  if (!x || !y) throw new Error(`not a PEP 440 version: ${!x ? a : b}`);
  return Math.sign(compareKeys(x, y));
}

/**
 * A key equal for two versions exactly when PEP 440 says they are equal (`1.0`, `1.0.0`, `v1.0`, `1.0-0`… differ
 * only in spelling); null for a string that is not PEP 440.
 */
export function versionKey(version: string): string | null {
  // Fast path: a plain release (`3.2.10`, `1.0`) needs no parser; its key is its release without trailing zeros.
  if (SIMPLE_RELEASE.test(version)) return simpleKey(version.split('.').map(Number));
  const key = keyOf(version);
  if (!key) return null;
  const plain = key.epoch === 0 && key.pre === 1 && key.post === -1 && key.dev === Infinity && key.local === null;
  return plain ? simpleKey(key.release) : JSON.stringify(key);
}

const SIMPLE_RELEASE = /^\d{1,9}(\.\d{1,9})*$/;

/** The key of a plain release: `s:3.2.10`, with trailing zeros dropped (`1.0.0` and `1` are equal). */
function simpleKey(release: readonly number[]): string {
  let end = release.length;
  while (end > 0 && release[end - 1] === 0) end--;
  return `s:${release.slice(0, end).join('.')}`;
}

/** The release series `X.Y` of a version (`3.2` for `3.2.10`, `3.2rc1` and `3.2`; `1!2.0` with an epoch); null if not PEP 440. */
export function seriesOf(version: string): string | null {
  const v = explain(version);
  if (!v) return null;
  const [major = 0, minor = 0] = v.release;
  return `${v.epoch ? `${v.epoch}!` : ''}${major}.${minor}`;
}

/** True for pre-releases and dev releases (`1.0rc1`, `1.0.dev0`, `1.0.post1.dev0`), which pip skips unless asked. */
export function isPrerelease(version: string): boolean {
  return explain(version)?.is_prerelease ?? false;
}

/** The final release a version belongs to: `3.2rc1` → `3.2`, `1!2.0.post1` → `1!2.0`; null if not PEP 440. */
export function finalRelease(version: string): string | null {
  return explain(version)?.base_version ?? null;
}

/** The first version of a version's release series: `3.2.5` and `3.2rc1` → `3.2.dev0`; null if not PEP 440. */
export function seriesStart(version: string): string | null {
  const v = explain(version);
  if (!v) return null;
  const [major = 0, minor = 0] = v.release;
  return firstOfRelease(v.epoch, [major, minor]);
}

/** The lowest version of a release line: `3.2` → `3.2.dev0`, below its pre-releases (`3.2a1`) and `3.2` itself. */
function firstOfRelease(epoch: number, release: readonly number[]): string {
  return `${epoch ? `${epoch}!` : ''}${release.join('.')}.dev0`;
}

/** One end of an interval of versions. */
export interface Bound {
  version: string;
  inclusive: boolean;
}

/** Versions between `lower` and `upper` in PEP 440 order; a null bound is unbounded. */
export interface Interval {
  lower: Bound | null;
  upper: Bound | null;
}

/** True when `version` (valid PEP 440) lies in the interval. */
export function intervalContains(interval: Interval, version: string): boolean {
  const { lower, upper } = interval;
  if (lower) {
    const c = compareVersions(version, lower.version);
    if (c < 0 || (c === 0 && !lower.inclusive)) return false;
  }
  if (upper) {
    const c = compareVersions(version, upper.version);
    if (c > 0 || (c === 0 && !upper.inclusive)) return false;
  }
  return true;
}

/** The tighter of two lower (or two upper) bounds. */
function tighter(a: Bound | null, b: Bound | null, side: 'lower' | 'upper'): Bound | null {
  if (!a) return b;
  if (!b) return a;
  const c = compareVersions(a.version, b.version);
  if (c === 0) return a.inclusive ? b : a;
  return (side === 'lower' ? c > 0 : c < 0) ? a : b;
}

/** The intersection of two intervals, or null when it is empty. */
export function intersectIntervals(a: Interval, b: Interval): Interval | null {
  const lower = tighter(a.lower, b.lower, 'lower');
  const upper = tighter(a.upper, b.upper, 'upper');
  if (lower && upper) {
    const c = compareVersions(lower.version, upper.version);
    if (c > 0 || (c === 0 && !(lower.inclusive && upper.inclusive))) return null;
  }
  return { lower, upper };
}

const CLAUSE = /^(~=|===|==|!=|<=|>=|<|>)\s*([^\s,]+?)(\.\*)?$/;

/** The next release line after a prefix: `[3, 2]` → `3.3.dev0`. */
function nextReleaseLine(epoch: number, prefix: readonly number[]): string {
  const bumped = [...prefix];
  bumped[bumped.length - 1] = (bumped[bumped.length - 1] ?? 0) + 1;
  return firstOfRelease(epoch, bumped);
}

/** The versions one specifier clause allows, as a union of intervals; null when the clause is not understood. */
function clauseIntervals(clause: string): Interval[] | null {
  const m = CLAUSE.exec(clause.trim());
  if (!m) return null;
  const [, op, version = '', star] = m;
  const v = explain(version);
  if (!v) return null;
  const at = (inclusive: boolean): Bound => ({ version, inclusive });
  const plain = v.pre === null && v.post === null && v.dev === null && v.local === null;
  if (star) {
    if (!plain || (op !== '==' && op !== '!=')) return null;
    const from: Bound = { version: firstOfRelease(v.epoch, v.release), inclusive: true };
    const to: Bound = { version: nextReleaseLine(v.epoch, v.release), inclusive: false };
    if (op === '==') return [{ lower: from, upper: to }];
    return [
      { lower: null, upper: { ...from, inclusive: false } },
      { lower: { ...to, inclusive: true }, upper: null },
    ];
  }
  switch (op) {
    case '==':
    case '===':
      return [{ lower: at(true), upper: at(true) }];
    case '!=':
      return [{ lower: null, upper: at(false) }, { lower: at(false), upper: null }];
    case '>=':
      return [{ lower: at(true), upper: null }];
    case '>':
      return [{ lower: at(false), upper: null }];
    case '<=':
      return [{ lower: null, upper: at(true) }];
    case '<':
      // `<3.2` excludes 3.2's pre-releases (PEP 440's exclusive ordered comparison): stop below 3.2.dev0.
      return [{ lower: null, upper: plain ? { version: firstOfRelease(v.epoch, v.release), inclusive: false } : at(false) }];
    case '~=':
      if (v.release.length < 2) return null;
      return [{ lower: at(true), upper: { version: nextReleaseLine(v.epoch, v.release.slice(0, -1)), inclusive: false } }];
    default:
      return null;
  }
}

/** The versions named by a specifier's clauses (`>=3.2,<4` → `3.2`, `4`), whether PEP 440 or not. */
export function specifierVersions(specifier: string): string[] {
  return specifier.split(',').flatMap((clause) => CLAUSE.exec(clause.trim())?.[2] ?? []);
}

/** True when a clause of the specifier names a pre-release (`>=4.2rc1`): PEP 440 then lets it match pre-releases. */
export function namesPrerelease(specifier: string): boolean {
  return specifierVersions(specifier).some(isPrerelease);
}

/**
 * The versions a PEP 440 specifier (`>=3.2,<4`, `~=3.2.0`, `==3.2.*`, `!=3.0.*`) allows, as a union of intervals;
 * `''` allows everything. Null when a clause is not PEP 440 (`===legacy`, `==0.3m1`) or not understood.
 *
 * Pre-releases are not excluded here (pip excludes them unless asked or named by the specifier; callers decide).
 * Approximations: `>V` still allows V's post-releases (more than PEP 440), and `==V` is the single version V (PEP
 * 440 also lets it match V's local builds, `V+local`).
 */
export function specifierIntervals(specifier: string): Interval[] | null {
  let union: Interval[] = [{ lower: null, upper: null }];
  for (const clause of specifier.split(',')) {
    if (clause.trim() === '') {
      if (specifier.trim() === '') continue;
      return null;
    }
    const allowed = clauseIntervals(clause);
    if (!allowed) return null;
    union = union.flatMap((a) => allowed.map((b) => intersectIntervals(a, b))).filter((i): i is Interval => i !== null);
  }
  return union;
}
