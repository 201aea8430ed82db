/**
 * The dependency graph of a lock file and the shortest chains from the project's direct dependencies to every
 * locked package. Extras (compared PEP 685-normalised) are followed: an edge `celery[redis]` turns on celery's `redis` extra, whose edges are
 * only walked once some path requested it. A package reached only through extras nobody requested still gets a
 * chain from a second walk that ignores extras, so every reachable package has a path.
 */
import { normalizePackageName } from '../../project/django-version.js';
import type { DeclaredPackage, DependencyFile } from '../model.js';

/** One dependency of a package. */
export interface Edge {
  /** Normalised name of the dependency. */
  to: string;
  /** Extras the edge requests of the dependency. */
  extras: readonly string[];
  /** The extra of the depending package this edge belongs to, or null for an unconditional dependency. */
  onlyWithExtra: string | null;
}

/** Normalised package name → its dependencies. */
export type DependencyGraph = Map<string, Edge[]>;

/** A direct dependency: where the walk starts, with the extras the project asks for. */
export interface Root {
  name: string;
  extras: readonly string[];
}

/** Adds an edge to the graph. */
export function addEdge(graph: DependencyGraph, from: string, edge: Edge): void {
  const edges = graph.get(from);
  if (edges) edges.push(edge);
  else graph.set(from, [edge]);
}

/** For every package reachable from the roots: a shortest chain of names from a root to it (a root's is `[root]`). */
export function shortestChains(graph: DependencyGraph, roots: readonly Root[]): Map<string, string[]> {
  const strict = walkChains(graph, roots, false);
  const loose = walkChains(graph, roots, true);
  for (const [name, chain] of loose) if (!strict.has(name)) strict.set(name, chain);
  return strict;
}

/**
 * Breadth-first walk from the roots: the chain reaching each package. Edges under an extra are walked only once the
 * extra is requested, unless `ignoreExtras`.
 */
export function walkChains(graph: DependencyGraph, roots: readonly Root[], ignoreExtras: boolean): Map<string, string[]> {
  const chains = new Map<string, string[]>();
  const active = new Map<string, Set<string>>();
  const queue: string[] = [];
  const activate = (name: string, extras: readonly string[]): boolean => {
    let set = active.get(name);
    if (!set) active.set(name, (set = new Set()));
    const before = set.size;
    for (const extra of extras) set.add(normalizePackageName(extra));
    return set.size > before;
  };
  for (const root of roots) {
    activate(root.name, root.extras);
    if (chains.has(root.name)) continue;
    chains.set(root.name, [root.name]);
    queue.push(root.name);
  }
  for (let next = 0; next < queue.length; next++) {
    const name = queue[next] ?? '';
    const chain = chains.get(name) ?? [name];
    for (const edge of graph.get(name) ?? []) {
      if (!ignoreExtras && edge.onlyWithExtra !== null && !active.get(name)?.has(normalizePackageName(edge.onlyWithExtra))) continue;
      const grew = activate(edge.to, edge.extras);
      if (!chains.has(edge.to)) {
        chains.set(edge.to, [...chain, edge.to]);
        queue.push(edge.to);
      } else if (grew && !ignoreExtras) {
        queue.push(edge.to); // newly requested extras may open edges not walked yet
      }
    }
  }
  return chains;
}

/** Packages no other package of the graph depends on: the best guess at the direct ones when the manifest is absent. */
export function undependedNames(graph: DependencyGraph, names: readonly string[]): string[] {
  const depended = new Set<string>();
  for (const [from, edges] of graph) for (const edge of edges) if (edge.to !== from) depended.add(edge.to);
  return names.filter((name) => !depended.has(name));
}

/**
 * Marks each package direct when its name is a root, otherwise indirect with the chain that reaches it (empty when
 * nothing does).
 */
export function markDirectAndPaths(packages: DeclaredPackage[], graph: DependencyGraph, roots: readonly Root[]): void {
  const rootNames = new Set(roots.map((root) => root.name));
  const chains = shortestChains(graph, roots);
  for (const pkg of packages) {
    pkg.direct = rootNames.has(pkg.name);
    pkg.path = pkg.direct ? [] : (chains.get(pkg.name) ?? []);
  }
}

/**
 * The direct dependencies a manifest next to a lock file declares (`pyproject.toml`, `Pipfile`), merged by name with
 * their extras; null when there is no manifest or it declares nothing.
 */
export function manifestRoots(manifest: DependencyFile | undefined): Root[] | null {
  if (!manifest || manifest.packages.length === 0) return null;
  const extras = new Map<string, Set<string>>();
  for (const pkg of manifest.packages) {
    const set = extras.get(pkg.name) ?? new Set<string>();
    for (const extra of pkg.extras) set.add(extra);
    extras.set(pkg.name, set);
  }
  return [...extras].map(([name, set]) => ({ name, extras: [...set] }));
}
