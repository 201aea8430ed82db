/**
 * Pipenv's `Pipfile` (TOML): `[packages]` (the main set), `[dev-packages]` (group `dev`) and custom package
 * categories (`[typing-dev]`, group = the category). A value is a specifier (`"*"`, `"~=5.1"`, a bare version is a
 * pin) or a table (`{version = "…", extras = […], markers = "…", git = …, path = …, editable = true}`; marker keys
 * such as `sys_platform = "== 'win32'"` become markers).
 */
import type { DependencyFile, PackageSource } from '../model.js';
import { emptyFile, isTable, makePackage, problem, readToml, stringAt, stringsAt, stripBom, type TomlTable } from './common.js';
import { parseSpecifier, pinnedVersion, type Parsed } from './pep508.js';
import { TomlLocator } from './toml-locator.js';

/** Top-level Pipfile tables that are not package categories. */
const NOT_CATEGORIES = new Set(['source', 'requires', 'pipenv', 'scripts', 'pipfile']);

/** Marker variables Pipfile accepts as keys of a package table. */
const MARKER_KEYS = [
  'os_name',
  'sys_platform',
  'platform_machine',
  'platform_python_implementation',
  'platform_release',
  'platform_system',
  'platform_version',
  'python_version',
  'python_full_version',
  'implementation_name',
  'implementation_version',
];

/** The group a Pipfile category maps to: `packages` is the main set, `dev-packages` is `dev`. */
export function pipfileCategoryGroup(category: string): string[] {
  if (category === 'packages') return [];
  if (category === 'dev-packages') return ['dev'];
  return [category];
}

/** Parses a Pipfile. */
export function parsePipfile(text: string, path: string): DependencyFile {
  const file = emptyFile(path, 'pipfile');
  const source = stripBom(text);
  const data = readToml(source, path, file.problems);
  if (!data) return file;
  const locator = new TomlLocator(source);
  for (const [category, table] of Object.entries(data)) {
    if (NOT_CATEGORIES.has(category) || !isTable(table)) continue;
    for (const [name, value] of Object.entries(table)) {
      const line = locator.nearestLine([category, name]) ?? 1;
      addPackage(file, name, value, line, pipfileCategoryGroup(category));
    }
  }
  return file;
}

function addPackage(file: DependencyFile, name: string, value: unknown, line: number, groups: string[]): void {
  const table: TomlTable | null = typeof value === 'string' ? { version: value } : isTable(value) ? value : null;
  if (!table) {
    file.problems.push(problem(file.path, line, `cannot read the Pipfile entry \`${name}\``));
    return;
  }
  const specifier = pipfileSpecifier(stringAt(table, 'version') ?? '');
  if (!specifier.ok) {
    file.problems.push(problem(file.path, line, `${name}: ${specifier.error}`));
    return;
  }
  file.packages.push(
    makePackage(file.path, {
      rawName: name,
      line,
      specifier: specifier.value,
      version: pinnedVersion(specifier.value),
      extras: stringsAt(table, 'extras'),
      marker: pipfileMarker(table),
      source: pipfileSource(table),
      groups,
    }),
  );
}

/** `"*"` is no constraint; a bare version is an exact pin; anything else is a PEP 440 specifier. */
function pipfileSpecifier(text: string): Parsed<string> {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === '*') return { ok: true, value: '' };
  return parseSpecifier(/^\d/.test(trimmed) ? `==${trimmed}` : trimmed);
}

function pipfileMarker(table: TomlTable): string | null {
  const parts: string[] = [];
  const markers = stringAt(table, 'markers');
  if (markers) parts.push(markers);
  for (const key of MARKER_KEYS) {
    const condition = stringAt(table, key);
    if (condition) parts.push(`${key} ${condition.trim()}`);
  }
  if (parts.length <= 1) return parts[0] ?? null;
  return parts.map((part) => `(${part})`).join(' and ');
}

function pipfileSource(table: TomlTable): PackageSource {
  if (table.editable === true && (table.path !== undefined || table.git !== undefined)) return 'editable';
  if (table.git !== undefined || table.hg !== undefined || table.svn !== undefined || table.bzr !== undefined) return 'vcs';
  if (table.path !== undefined) return 'path';
  if (table.file !== undefined) return 'url';
  return 'index';
}
