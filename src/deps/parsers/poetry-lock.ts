/**
 * `poetry.lock` (TOML): one `[[package]]` per locked package (`name`, `version`, `groups` or the older `category`,
 * `[package.source]`, `files` with hashes), and the graph from `[package.dependencies]` (optional dependencies count
 * only under the `[package.extras]` that list them). Direct packages are those the sibling `pyproject.toml` declares
 * (`load.ts` passes it parsed); without it, the packages no other locked package depends on.
 */
import type { DeclaredPackage, DependencyFile, PackageSource } from '../model.js';
import { arrayAt, emptyFile, isTable, makePackage, nonMainGroups, readToml, stringAt, stringsAt, stripBom, tableAt, type TomlTable } from './common.js';
import { addEdge, manifestRoots, markDirectAndPaths, undependedNames, type DependencyGraph, type Edge } from './graph.js';
import { normalizePackageName } from '../../project/django-version.js';
import { lockEntryLines, TomlLocator } from './toml-locator.js';

/** An extra name no request can activate: for optional dependencies that no `[package.extras]` entry lists. */
const UNLISTED_EXTRA = '<unlisted>';

/** Parses a poetry.lock; `pyproject` is the parsed sibling pyproject.toml, when there is one. */
export function parsePoetryLock(text: string, path: string, pyproject?: DependencyFile): DependencyFile {
  const file = emptyFile(path, 'poetry-lock');
  const source = stripBom(text);
  const data = readToml(source, path, file.problems);
  if (!data) return file;
  const locator = new TomlLocator(source);
  const entries = (arrayAt(data, 'package') ?? []).filter(isTable);
  const lines = lockEntryLines(locator, ['package'], entries);
  const graph: DependencyGraph = new Map();
  entries.forEach((entry, i) => {
    const pkg = lockedPackage(path, entry, lines[i] ?? 1);
    if (!pkg) return;
    file.packages.push(pkg);
    for (const edge of poetryEdges(entry)) addEdge(graph, pkg.name, edge);
  });
  const names = file.packages.map((pkg) => pkg.name);
  const roots = manifestRoots(pyproject) ?? undependedNames(graph, names).map((name) => ({ name, extras: [] }));
  markDirectAndPaths(file.packages, graph, roots);
  return file;
}

function lockedPackage(path: string, entry: TomlTable, line: number): DeclaredPackage | null {
  const name = stringAt(entry, 'name');
  if (!name) return null;
  const version = stringAt(entry, 'version') ?? null;
  const groups = stringsAt(entry, 'groups');
  const category = stringAt(entry, 'category');
  return makePackage(path, {
    rawName: name,
    line,
    version,
    specifier: version ? `==${version}` : '',
    source: poetrySource(entry),
    hashed: (arrayAt(entry, 'files') ?? []).some((item) => stringAt(item, 'hash') !== undefined),
    groups: nonMainGroups(groups.length > 0 ? groups : category ? [category] : []),
  });
}

function poetrySource(entry: TomlTable): PackageSource {
  const source = tableAt(entry, 'source');
  if (entry.develop === true) return 'editable';
  switch (stringAt(source, 'type')) {
    case 'git':
    case 'hg':
      return 'vcs';
    case 'directory':
      return source?.develop === true ? 'editable' : 'path';
    case 'file':
      return 'path';
    case 'url':
      return 'url';
    default:
      return 'index';
  }
}

/** Edges from `[package.dependencies]`; an optional dependency is an edge under each extra that lists it. */
function poetryEdges(entry: TomlTable): Edge[] {
  const enabledBy = extrasByDependency(tableAt(entry, 'extras'));
  const edges: Edge[] = [];
  for (const [name, spec] of Object.entries(tableAt(entry, 'dependencies') ?? {})) {
    const to = normalizePackageName(name);
    const specs = Array.isArray(spec) ? (spec as unknown[]) : [spec];
    const extras = [...new Set(specs.flatMap((item) => stringsAt(item, 'extras')))];
    const optional = specs.some((item) => isTable(item) && item.optional === true);
    if (!optional) edges.push({ to, extras, onlyWithExtra: null });
    else for (const extra of enabledBy.get(to) ?? [UNLISTED_EXTRA]) edges.push({ to, extras, onlyWithExtra: extra });
  }
  return edges;
}

/** `[package.extras]` (`sqs = ["boto3 (>=1.26)", "pycurl ; …"]`) inverted: dependency name → extras listing it. */
function extrasByDependency(extras: TomlTable | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [extra, requirements] of Object.entries(extras ?? {})) {
    for (const requirement of Array.isArray(requirements) ? (requirements as unknown[]) : []) {
      if (typeof requirement !== 'string') continue;
      const name = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(requirement)?.[1];
      if (!name) continue;
      const key = normalizePackageName(name);
      out.set(key, [...(out.get(key) ?? []), extra]);
    }
  }
  return out;
}
