/**
 * `pyproject.toml`: PEP 621 `[project] dependencies` and `[project.optional-dependencies]` (group = the extra),
 * PEP 735 `[dependency-groups]` (with `{include-group = "…"}`: a requirement belongs to its group and to every group
 * that includes it), Poetry's `[tool.poetry.dependencies]`, `[tool.poetry.group.<g>.dependencies]` and
 * `[tool.poetry.dev-dependencies]` (constraints converted to PEP 440; `python` skipped), PDM's
 * `[tool.pdm.dev-dependencies]` and uv's `[tool.uv] dev-dependencies`. A project's references to itself
 * (`myproject[test]` in an extra) are not dependencies.
 */
import { normalizePackageName } from '../../project/django-version.js';
import type { DependencyFile, PackageSource } from '../model.js';
import {
  emptyFile,
  isTable,
  makePackage,
  problem,
  readToml,
  stringAt,
  stringsAt,
  stripBom,
  tableAt,
  type TomlTable,
} from './common.js';
import { parseRequirement, pinnedVersion } from './pep508.js';
import { poetryToPep440, pythonMarker } from './poetry-constraint.js';
import { readRequirement } from './requirements.js';
import { TomlLocator } from './toml-locator.js';

/** What the parser threads through its sections. */
interface Context {
  file: DependencyFile;
  locator: TomlLocator;
  /** Normalised `[project] name` / `[tool.poetry] name`, to skip self-references. */
  self: string | null;
}

/** Parses the dependencies a `pyproject.toml` declares. */
export function parsePyproject(text: string, path: string): DependencyFile {
  const file = emptyFile(path, 'pyproject');
  const source = stripBom(text);
  const data = readToml(source, path, file.problems);
  if (!data) return file;
  const project = tableAt(data, 'project');
  const tool = tableAt(data, 'tool');
  const poetry = tableAt(tool, 'poetry');
  const selfName = stringAt(project, 'name') ?? stringAt(poetry, 'name');
  const context: Context = { file, locator: new TomlLocator(source), self: selfName ? normalizePackageName(selfName) : null };
  addStrings(context, ['project', 'dependencies'], stringsAt(project, 'dependencies'), []);
  for (const [extra, list] of Object.entries(tableAt(project, 'optional-dependencies') ?? {})) {
    addStrings(context, ['project', 'optional-dependencies', extra], stringList(list), [extra]);
  }
  readDependencyGroups(context, tableAt(data, 'dependency-groups'));
  readPoetry(context, poetry);
  for (const [group, list] of Object.entries(tableAt(tableAt(tool, 'pdm'), 'dev-dependencies') ?? {})) {
    addStrings(context, ['tool', 'pdm', 'dev-dependencies', group], stringList(list), [group]);
  }
  addStrings(context, ['tool', 'uv', 'dev-dependencies'], stringsAt(tableAt(tool, 'uv'), 'dev-dependencies'), ['dev']);
  return file;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Adds PEP 508 strings found under `table`, each at the line of its string literal. */
function addStrings(context: Context, table: readonly string[], strings: readonly string[], groups: readonly string[]): void {
  let after = 0;
  for (const text of strings) {
    const found = context.locator.findString(table, text, after);
    if (found) after = found.offset + 1;
    const line = found?.line ?? context.locator.nearestLine(table) ?? 1;
    addRequirementString(context, text, line, groups);
  }
}

function addRequirementString(context: Context, text: string, line: number, groups: readonly string[]): void {
  const { file } = context;
  const editable = /^(-e|--editable)\s+/.exec(text);
  const parsed = editable ? readRequirement(text.slice(editable[0].length), true) : parseRequirement(text);
  if (!parsed.ok) {
    file.problems.push(problem(file.path, line, `cannot read requirement: ${parsed.error}`));
    return;
  }
  const requirement = parsed.value;
  if (!requirement || normalizePackageName(requirement.rawName) === context.self) return;
  file.packages.push(makePackage(file.path, { ...requirement, line, groups }));
}

/** PEP 735 groups: each requirement once, in every group that contains it directly or through `include-group`. */
function readDependencyGroups(context: Context, groups: TomlTable | undefined): void {
  if (!groups) return;
  const names = new Map(Object.keys(groups).map((name) => [normalizePackageName(name), name]));
  const includedBy = new Map<string, string[]>();
  for (const [group, entries] of Object.entries(groups)) {
    for (const entry of Array.isArray(entries) ? (entries as unknown[]) : []) {
      const included = stringAt(entry, 'include-group');
      if (included === undefined) continue;
      const target = names.get(normalizePackageName(included));
      if (target === undefined) {
        const line = context.locator.findString(['dependency-groups', group], included)?.line ?? null;
        context.file.problems.push(problem(context.file.path, line, `dependency group \`${group}\` includes \`${included}\`, which is not defined`));
        continue;
      }
      includedBy.set(target, [...(includedBy.get(target) ?? []), group]);
    }
  }
  reportGroupCycles(context, groups, names);
  for (const [group, entries] of Object.entries(groups)) {
    addStrings(context, ['dependency-groups', group], stringList(entries), containingGroups(group, includedBy));
  }
}

/** The group and every group that includes it, transitively (cycles stop the walk). */
function containingGroups(group: string, includedBy: ReadonlyMap<string, string[]>): string[] {
  const seen = [group];
  for (let i = 0; i < seen.length; i++) {
    for (const parent of includedBy.get(seen[i] ?? '') ?? []) if (!seen.includes(parent)) seen.push(parent);
  }
  return seen;
}

function reportGroupCycles(context: Context, groups: TomlTable, names: ReadonlyMap<string, string>): void {
  const includes = (group: string): string[] =>
    (Array.isArray(groups[group]) ? (groups[group] as unknown[]) : [])
      .map((entry) => stringAt(entry, 'include-group'))
      .flatMap((name) => {
        const target = name === undefined ? undefined : names.get(normalizePackageName(name));
        return target === undefined ? [] : [target];
      });
  const reported = new Set<string>();
  const visit = (group: string, stack: string[]): void => {
    for (const target of includes(group)) {
      const at = stack.indexOf(target);
      if (at !== -1) {
        const cycle = [...stack.slice(at), group, target];
        const key = [...new Set(cycle)].sort().join(' ');
        if (reported.has(key)) continue;
        reported.add(key);
        const line = context.locator.keyLine(['dependency-groups'], group);
        context.file.problems.push(problem(context.file.path, line, `dependency groups include each other in a cycle: ${cycle.join(' → ')}`));
      } else if (target !== group) {
        visit(target, [...stack, group]);
      } else {
        const line = context.locator.keyLine(['dependency-groups'], group);
        context.file.problems.push(problem(context.file.path, line, `dependency group \`${group}\` includes itself`));
      }
    }
  };
  for (const group of Object.keys(groups)) visit(group, []);
}

/** Poetry's dependency tables. */
function readPoetry(context: Context, poetry: TomlTable | undefined): void {
  if (!poetry) return;
  const extrasOf = poetryExtras(poetry);
  readPoetryTable(context, ['tool', 'poetry', 'dependencies'], tableAt(poetry, 'dependencies'), [], extrasOf);
  readPoetryTable(context, ['tool', 'poetry', 'dev-dependencies'], tableAt(poetry, 'dev-dependencies'), ['dev'], extrasOf);
  for (const [group, table] of Object.entries(tableAt(poetry, 'group') ?? {})) {
    readPoetryTable(context, ['tool', 'poetry', 'group', group, 'dependencies'], tableAt(table, 'dependencies'), [group], extrasOf);
  }
}

/** `[tool.poetry.extras]`: normalised package name → the extras that install it. */
function poetryExtras(poetry: TomlTable): Map<string, string[]> {
  const extras = new Map<string, string[]>();
  for (const [extra, names] of Object.entries(tableAt(poetry, 'extras') ?? {})) {
    for (const name of stringList(names)) {
      const key = normalizePackageName(name);
      extras.set(key, [...(extras.get(key) ?? []), extra]);
    }
  }
  return extras;
}

function readPoetryTable(
  context: Context,
  table: readonly string[],
  dependencies: TomlTable | undefined,
  groups: readonly string[],
  extrasOf: ReadonlyMap<string, string[]>,
): void {
  for (const [name, value] of Object.entries(dependencies ?? {})) {
    if (name.toLowerCase() === 'python') continue;
    const line = context.locator.nearestLine([...table, name]) ?? 1;
    const specs = Array.isArray(value) ? (value as unknown[]) : [value];
    for (const spec of specs) addPoetryDependency(context, name, spec, line, groups, extrasOf);
  }
}

function addPoetryDependency(
  context: Context,
  name: string,
  spec: unknown,
  line: number,
  groups: readonly string[],
  extrasOf: ReadonlyMap<string, string[]>,
): void {
  const { file } = context;
  const table: TomlTable = typeof spec === 'string' ? { version: spec } : isTable(spec) ? spec : {};
  if (typeof spec !== 'string' && !isTable(spec)) {
    file.problems.push(problem(file.path, line, `cannot read the poetry dependency \`${name}\``));
    return;
  }
  const constraint = poetryToPep440(stringAt(table, 'version') ?? '');
  if (!constraint.ok) {
    file.problems.push(problem(file.path, line, `${name}: ${constraint.error}`));
    return;
  }
  const specifier = constraint.value;
  const optionalGroups = table.optional === true ? (extrasOf.get(normalizePackageName(name)) ?? []) : [];
  file.packages.push(
    makePackage(file.path, {
      rawName: name,
      line,
      specifier,
      version: specifier.includes('||') ? null : pinnedVersion(specifier),
      extras: stringsAt(table, 'extras'),
      marker: poetryMarker(table),
      source: poetrySource(table),
      groups: [...groups, ...optionalGroups],
    }),
  );
}

/** The marker of a poetry dependency table: `markers`, `python` and `platform` combined. */
function poetryMarker(table: TomlTable): string | null {
  const parts: string[] = [];
  const markers = stringAt(table, 'markers');
  if (markers) parts.push(markers);
  const python = stringAt(table, 'python');
  const pythonPart = python ? pythonMarker(python) : null;
  if (pythonPart) parts.push(pythonPart);
  const platform = stringAt(table, 'platform');
  if (platform) parts.push(`sys_platform == "${platform}"`);
  if (parts.length <= 1) return parts[0] ?? null;
  return parts.map((part) => `(${part})`).join(' and ');
}

function poetrySource(table: TomlTable): PackageSource {
  if (table.git !== undefined) return 'vcs';
  if (table.path !== undefined) return table.develop === true ? 'editable' : 'path';
  if (table.url !== undefined) return 'url';
  return 'index';
}
