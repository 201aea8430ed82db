/**
 * Helpers every dependency-file parser shares: building `DeclaredPackage`s with defaults, offsets to lines, reading
 * TOML into a problem instead of an exception, and the small type guards untyped parsed data needs.
 */
import { TomlError } from 'smol-toml';
import { parseTomlCached as parseToml } from '../../project/toml-cache.js';
import { normalizePackageName } from '../../project/django-version.js';
import type { DeclaredPackage, DependencyFile, DependencyFormat, DependencyProblem, PackageSource } from '../model.js';

/** What a parser knows about one package; everything else gets the neutral default. */
export interface PackageInit {
  rawName: string;
  line: number;
  version?: string | null;
  specifier?: string;
  extras?: readonly string[];
  marker?: string | null;
  direct?: boolean;
  path?: readonly string[];
  source?: PackageSource;
  hashed?: boolean;
  groups?: readonly string[];
}

/** A package of `file` (a declaration: direct, from an index, no hashes, main group unless told otherwise). */
export function makePackage(file: string, init: PackageInit): DeclaredPackage {
  return {
    name: normalizePackageName(init.rawName),
    rawName: init.rawName,
    version: init.version ?? null,
    specifier: init.specifier ?? '',
    extras: [...(init.extras ?? [])],
    marker: init.marker ?? null,
    file,
    line: init.line,
    direct: init.direct ?? true,
    path: [...(init.path ?? [])],
    source: init.source ?? 'index',
    hashed: init.hashed ?? false,
    groups: [...(init.groups ?? [])],
  };
}

/** An empty result for `path`, to which a parser adds packages and problems. */
export function emptyFile(path: string, format: DependencyFormat): DependencyFile {
  return { path, format, packages: [], problems: [], includes: [] };
}

/** A problem of `path` at `line` (null when the file as a whole is concerned). */
export function problem(path: string, line: number | null, message: string): DependencyProblem {
  return { path, line, message };
}

/** Maps string offsets to 1-based line numbers (binary search over the newline positions). */
export class LineMap {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** The 1-based line that contains `offset`. */
  lineAt(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  }
}

/** Removes a leading byte-order mark. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A parsed TOML table or JSON object, its values still unchecked. */
export type TomlTable = Record<string, unknown>;

/** Parses TOML; a syntax error becomes a problem at the line smol-toml reports, and the result is null. */
export function readToml(text: string, path: string, problems: DependencyProblem[]): TomlTable | null {
  try {
    return parseToml(text);
  } catch (error) {
    if (error instanceof TomlError) {
      const reason = (error.message.split('\n')[0] ?? '').replace(/^Invalid TOML document:\s*/, '');
      problems.push(problem(path, error.line, `not valid TOML (line ${error.line}, column ${error.column}): ${reason}`));
    } else {
      problems.push(problem(path, null, `not valid TOML: ${(error as Error).message}`));
    }
    return null;
  }
}

/** A plain object (a TOML table or JSON object), not an array. */
export function isTable(value: unknown): value is TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** `value[key]` when it is a table. */
export function tableAt(value: unknown, key: string): TomlTable | undefined {
  if (!isTable(value)) return undefined;
  const found = value[key];
  return isTable(found) ? found : undefined;
}

/** `value[key]` when it is a string. */
export function stringAt(value: unknown, key: string): string | undefined {
  if (!isTable(value)) return undefined;
  const found = value[key];
  return typeof found === 'string' ? found : undefined;
}

/** `value[key]` when it is an array. */
export function arrayAt(value: unknown, key: string): unknown[] | undefined {
  if (!isTable(value)) return undefined;
  const found = value[key];
  return Array.isArray(found) ? (found as unknown[]) : undefined;
}

/** The strings of `value[key]` when it is an array (other elements dropped). */
export function stringsAt(value: unknown, key: string): string[] {
  return (arrayAt(value, key) ?? []).filter((item): item is string => typeof item === 'string');
}

/**
 * Group names for the `groups` field: empty when the package belongs to the main set (`main`, `default`), otherwise
 * the distinct names in order.
 */
export function nonMainGroups(groups: readonly string[], mainNames: readonly string[] = ['main', 'default']): string[] {
  if (groups.some((group) => mainNames.includes(group))) return [];
  return [...new Set(groups)];
}
