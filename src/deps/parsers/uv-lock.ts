/**
 * `uv.lock` (TOML): one `[[package]]` per locked package, with `dependencies = [{ name, extra, marker }]`,
 * `[package.optional-dependencies]` (edges under an extra) and `[package.dev-dependencies]` (groups). The project
 * itself is a package too (`source = { editable = "." }` or `{ virtual = "." }`, and the `[manifest] members` of a
 * workspace): it is not reported; its dependencies are the direct ones (its extras and dev groups give the groups),
 * and everything else gets the shortest chain from one of them. A package reachable from the main dependencies is
 * in the main set (`groups` empty), otherwise in the groups whose dependencies reach it.
 */
import { normalizePackageName } from '../../project/django-version.js';
import type { DeclaredPackage, DependencyFile, PackageSource } from '../model.js';
import { arrayAt, emptyFile, isTable, makePackage, readToml, stringAt, stringsAt, stripBom, tableAt, type TomlTable } from './common.js';
import { addEdge, shortestChains, walkChains, type DependencyGraph, type Edge, type Root } from './graph.js';
import { lockEntryLines, TomlLocator } from './toml-locator.js';

/** The roots of the walk: the project's main dependencies and those of each extra / dev group. */
interface ProjectRoots {
  main: Root[];
  groups: Map<string, Root[]>;
}

/** Parses a uv.lock. */
export function parseUvLock(text: string, path: string): DependencyFile {
  const file = emptyFile(path, 'uv-lock');
  const source = stripBom(text);
  const data = readToml(source, path, file.problems);
  if (!data) return file;
  const entries = (arrayAt(data, 'package') ?? []).filter(isTable);
  const lines = lockEntryLines(new TomlLocator(source), ['package'], entries);
  const members = new Set(stringsAt(tableAt(data, 'manifest'), 'members').map(normalizePackageName));
  const graph: DependencyGraph = new Map();
  const roots: ProjectRoots = { main: [], groups: new Map() };
  entries.forEach((entry, i) => {
    const name = stringAt(entry, 'name');
    if (!name) return;
    const key = normalizePackageName(name);
    for (const edge of uvEdges(entry)) addEdge(graph, key, edge);
    if (isProject(entry) || members.has(key)) addProjectRoots(entry, roots);
    else file.packages.push(lockedPackage(path, name, entry, lines[i] ?? 1));
  });
  markFromRoots(file.packages, graph, roots);
  return file;
}

/** The project itself: its source is the lock's own directory. */
function isProject(entry: TomlTable): boolean {
  const source = tableAt(entry, 'source');
  return stringAt(source, 'editable') === '.' || stringAt(source, 'virtual') === '.';
}

function lockedPackage(path: string, name: string, entry: TomlTable, line: number): DeclaredPackage {
  const version = stringAt(entry, 'version') ?? null;
  const sdist = tableAt(entry, 'sdist');
  const wheels = arrayAt(entry, 'wheels') ?? [];
  return makePackage(path, {
    rawName: name,
    line,
    version,
    specifier: version ? `==${version}` : '',
    source: uvSource(tableAt(entry, 'source')),
    hashed: stringAt(sdist, 'hash') !== undefined || wheels.some((wheel) => stringAt(wheel, 'hash') !== undefined),
  });
}

function uvSource(source: TomlTable | undefined): PackageSource {
  if (!source || source.registry !== undefined) return 'index';
  if (source.git !== undefined) return 'vcs';
  if (source.url !== undefined) return 'url';
  if (source.editable !== undefined) return 'editable';
  return 'path'; // path, directory, virtual
}

/** A dependency table `{ name = "celery", extra = ["redis"] }` as an edge. */
function edgeOf(dependency: unknown, onlyWithExtra: string | null): Edge | null {
  const name = stringAt(dependency, 'name');
  return name ? { to: normalizePackageName(name), extras: stringsAt(dependency, 'extra'), onlyWithExtra } : null;
}

function uvEdges(entry: TomlTable): Edge[] {
  const edges: Edge[] = [];
  for (const dependency of arrayAt(entry, 'dependencies') ?? []) {
    const edge = edgeOf(dependency, null);
    if (edge) edges.push(edge);
  }
  for (const [extra, dependencies] of Object.entries(tableAt(entry, 'optional-dependencies') ?? {})) {
    for (const dependency of Array.isArray(dependencies) ? (dependencies as unknown[]) : []) {
      const edge = edgeOf(dependency, extra);
      if (edge) edges.push(edge);
    }
  }
  return edges;
}

function addProjectRoots(entry: TomlTable, roots: ProjectRoots): void {
  const add = (list: Root[], dependencies: unknown): void => {
    for (const dependency of Array.isArray(dependencies) ? (dependencies as unknown[]) : []) {
      const edge = edgeOf(dependency, null);
      if (edge) list.push({ name: edge.to, extras: edge.extras });
    }
  };
  add(roots.main, entry.dependencies);
  const groupTables = [tableAt(entry, 'optional-dependencies'), tableAt(entry, 'dev-dependencies')];
  for (const table of groupTables) {
    for (const [group, dependencies] of Object.entries(table ?? {})) {
      const list = roots.groups.get(group) ?? [];
      add(list, dependencies);
      roots.groups.set(group, list);
    }
  }
}

/** Direct = named by the project; path = shortest chain from any direct dependency; groups from reachability. */
function markFromRoots(packages: DeclaredPackage[], graph: DependencyGraph, roots: ProjectRoots): void {
  const all = [...roots.main, ...[...roots.groups.values()].flat()];
  const direct = new Set(all.map((root) => root.name));
  const chains = shortestChains(graph, all);
  const main = walkChains(graph, roots.main, false);
  const byGroup = [...roots.groups].map(([group, groupRoots]) => ({ group, reach: walkChains(graph, groupRoots, false) }));
  for (const pkg of packages) {
    pkg.direct = direct.has(pkg.name);
    pkg.path = pkg.direct ? [] : (chains.get(pkg.name) ?? []);
    pkg.groups = main.has(pkg.name) ? [] : byGroup.filter(({ reach }) => reach.has(pkg.name)).map(({ group }) => group);
  }
}
