/**
 * PEP 508 requirement strings (`celery[redis]>=5,<6 ; python_version < "3.10"`, `name @ https://…`) and the pieces
 * other formats reuse: specifier clauses, the exact pin a specifier implies, where a URL points, and the name and
 * version a wheel file name carries.
 */
import { normalizePackageName } from '../../project/django-version.js';
import type { PackageSource } from '../model.js';

/** One parsed requirement. */
export interface Requirement {
  rawName: string;
  extras: string[];
  /** Specifier without spaces (`>=3.2,<4`), '' for none or for a URL requirement. */
  specifier: string;
  /** The exact version the specifier pins (see `pinnedVersion`), or null. */
  version: string | null;
  marker: string | null;
  /** The URL of a `name @ url` requirement, or null. */
  url: string | null;
  source: PackageSource;
}

/** A parse result: the value, or why the text could not be read. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const NAME = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/;
const CLAUSE = /^(===|~=|==|!=|<=|>=|<|>)\s*([^\s,;()"']+)$/;
const ENV_REFERENCE = /\$\{[A-Za-z0-9_]+\}/;

/** Parses a PEP 508 requirement string. Legacy (non-PEP 440) versions are kept as written. */
export function parseRequirement(text: string): Parsed<Requirement> {
  const trimmed = text.trim();
  const nameMatch = NAME.exec(trimmed);
  if (!nameMatch?.[1]) return { ok: false, error: `\`${trimmed}\` does not start with a package name` };
  const rawName = nameMatch[1];
  let rest = trimmed.slice(rawName.length).trimStart();
  let extras: string[] = [];
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close === -1) return { ok: false, error: `unclosed extras in \`${trimmed}\`` };
    extras = parseExtras(rest.slice(1, close));
    rest = rest.slice(close + 1).trimStart();
  }
  if (rest.startsWith('@')) return parseUrlRequirement(rawName, extras, rest.slice(1).trimStart(), trimmed);
  const semicolon = rest.indexOf(';');
  const specText = semicolon === -1 ? rest : rest.slice(0, semicolon);
  const marker = semicolon === -1 ? null : rest.slice(semicolon + 1).trim() || null;
  const specifier = parseSpecifier(specText);
  if (!specifier.ok) return { ok: false, error: `${specifier.error} in \`${trimmed}\`` };
  return {
    ok: true,
    value: { rawName, extras, specifier: specifier.value, version: pinnedVersion(specifier.value), marker, url: null, source: 'index' },
  };
}

function parseUrlRequirement(rawName: string, extras: string[], rest: string, whole: string): Parsed<Requirement> {
  // PEP 508: the URL ends at whitespace; a marker after it needs the whitespace before `;`.
  const match = /^(\S+)(?:\s+;(.*))?\s*$/.exec(rest);
  if (!match?.[1]) return { ok: false, error: `no URL after \`@\` in \`${whole}\`` };
  const url = match[1];
  const marker = match[2]?.trim() || null;
  return {
    ok: true,
    value: { rawName, extras, specifier: '', version: wheelVersion(url, rawName), marker, url, source: sourceOfUrl(url) },
  };
}

/** Splits `redis, msgpack` into names. */
export function parseExtras(text: string): string[] {
  return text
    .split(',')
    .map((extra) => extra.trim())
    .filter((extra) => extra !== '');
}

/**
 * Normalises a version specifier: clauses without spaces, joined by commas, optional parentheses removed
 * (`(>= 1.0, < 2)` → `>=1.0,<2`). Versions are not validated beyond "one token", so legacy versions and `${VAR}`
 * references survive.
 */
export function parseSpecifier(text: string): Parsed<string> {
  let body = text.trim();
  if (body.startsWith('(') && body.endsWith(')')) body = body.slice(1, -1).trim();
  if (body === '') return { ok: true, value: '' };
  const clauses: string[] = [];
  for (const raw of body.split(',')) {
    const clause = CLAUSE.exec(raw.trim());
    if (!clause?.[1] || !clause[2]) return { ok: false, error: `cannot read the version specifier \`${raw.trim()}\`` };
    clauses.push(clause[1] + clause[2]);
  }
  return { ok: true, value: clauses.join(',') };
}

/**
 * The exact version a specifier pins: `==X` without a `*` wildcard, or `===X` (arbitrary equality, kept as the
 * string). An unresolved `${VAR}` reference is not a version. Null when nothing is pinned.
 */
export function pinnedVersion(specifier: string): string | null {
  for (const clause of specifier.split(',')) {
    const match = /^(===|==)(.+)$/.exec(clause);
    if (!match?.[1] || !match[2]) continue;
    const version = match[2];
    if (ENV_REFERENCE.test(version) || version.includes('$')) continue;
    if (match[1] === '==' && version.includes('*')) continue;
    return version;
  }
  return null;
}

/** Where a URL (or path) requirement comes from: a VCS checkout, a local path, or a remote archive. */
export function sourceOfUrl(url: string): PackageSource {
  if (/^(git|hg|svn|bzr)\+/i.test(url)) return 'vcs';
  if (/^file:/i.test(url) || !/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(url)) return 'path';
  return 'url';
}

/**
 * The version in a wheel file name at the end of `url` (`…/Django-4.2.1-py3-none-any.whl` → `4.2.1`) when the
 * wheel's name is `name`; null otherwise (sdist names are ambiguous, so they give nothing).
 */
export function wheelVersion(url: string, name: string): string | null {
  const wheel = wheelName(url);
  return wheel && normalizePackageName(wheel.name) === normalizePackageName(name) ? wheel.version : null;
}

/** The distribution name and version of a wheel file name at the end of a URL or path, or null. */
export function wheelName(url: string): { name: string; version: string } | null {
  const base = url.split(/[?#]/)[0]?.split('/').pop() ?? '';
  const match = /^([A-Za-z0-9_.]+)-([^-]+)(?:-\d[^-]*)?-[^-]+-[^-]+-[^-]+\.whl$/.exec(base);
  return match?.[1] && match[2] ? { name: match[1], version: match[2] } : null;
}
