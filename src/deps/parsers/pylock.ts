/**
 * PEP 751 lock files (`pylock.toml`, `pylock.<name>.toml`): `[[packages]]` with `name`, `version` (optional for
 * source trees), `marker`, `dependencies` (optional; `[{ name = … }]`), and a source: `vcs`, `directory`, `archive`,
 * or an index's `sdist` / `wheels` (with `hashes`). When the lock records dependencies, direct packages are those the
 * sibling `pyproject.toml` declares (or, without it, those no locked package depends on) and indirect ones get a
 * chain; when it records none, there is no graph and every package counts as direct.
 */
import { normalizePackageName } from '../../project/django-version.js';
import type { DeclaredPackage, DependencyFile, PackageSource } from '../model.js';
import { arrayAt, emptyFile, isTable, makePackage, readToml, stringAt, stripBom, tableAt, type TomlTable } from './common.js';
import { addEdge, manifestRoots, markDirectAndPaths, undependedNames, type DependencyGraph } from './graph.js';
import { lockEntryLines, TomlLocator } from './toml-locator.js';

/** Parses a pylock.toml; `pyproject` is the parsed sibling pyproject.toml, when there is one. */
export function parsePylock(text: string, path: string, pyproject?: DependencyFile): DependencyFile {
  const file = emptyFile(path, 'pylock');
  const source = stripBom(text);
  const data = readToml(source, path, file.problems);
  if (!data) return file;
  const entries = (arrayAt(data, 'packages') ?? []).filter(isTable);
  const lines = lockEntryLines(new TomlLocator(source), ['packages'], entries);
  const graph: DependencyGraph = new Map();
  let hasGraph = false;
  entries.forEach((entry, i) => {
    const name = stringAt(entry, 'name');
    if (!name) return;
    const dependencies = arrayAt(entry, 'dependencies');
    if (dependencies) hasGraph = true;
    for (const dependency of dependencies ?? []) {
      const to = stringAt(dependency, 'name');
      if (to) addEdge(graph, normalizePackageName(name), { to: normalizePackageName(to), extras: [], onlyWithExtra: null });
    }
    file.packages.push(lockedPackage(path, name, entry, lines[i] ?? 1));
  });
  if (hasGraph) {
    const names = file.packages.map((pkg) => pkg.name);
    const roots = manifestRoots(pyproject) ?? undependedNames(graph, names).map((name) => ({ name, extras: [] }));
    markDirectAndPaths(file.packages, graph, roots);
  }
  return file;
}

function lockedPackage(path: string, name: string, entry: TomlTable, line: number): DeclaredPackage {
  const version = stringAt(entry, 'version') ?? null;
  return makePackage(path, {
    rawName: name,
    line,
    version,
    specifier: version ? `==${version}` : '',
    marker: stringAt(entry, 'marker') ?? null,
    source: pylockSource(entry),
    hashed: hasHashes(entry),
  });
}

function pylockSource(entry: TomlTable): PackageSource {
  if (isTable(entry.vcs)) return 'vcs';
  const directory = tableAt(entry, 'directory');
  if (directory) return directory.editable === true ? 'editable' : 'path';
  const archive = tableAt(entry, 'archive');
  if (archive) return stringAt(archive, 'url') !== undefined ? 'url' : 'path';
  return 'index';
}

function hasHashes(entry: TomlTable): boolean {
  const artifacts: unknown[] = [entry.sdist, entry.archive, ...(arrayAt(entry, 'wheels') ?? [])];
  return artifacts.some((artifact) => {
    const hashes = tableAt(artifact, 'hashes');
    return hashes !== undefined && Object.keys(hashes).length > 0;
  });
}
