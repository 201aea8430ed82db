/**
 * `pdm.lock` (TOML): one `[[package]]` per locked package (`name`, `version`, `groups`, `dependencies` as PEP 508
 * strings, `files` with hashes, `git` / `path` / `url` sources). A package locked with extras is a second entry with
 * `extras = [...]` whose dependencies are those of the extras: it is merged into the package (same name and
 * version), its dependencies becoming edges under those extras. Direct packages are those the sibling
 * `pyproject.toml` declares (`[project]` dependencies and extras, `[tool.pdm.dev-dependencies]`,
 * `[dependency-groups]`; `load.ts` passes it parsed); without it, the packages no other locked package depends on.
 */
import { normalizePackageName } from '../../project/django-version.js';
import type { DeclaredPackage, DependencyFile, PackageSource } from '../model.js';
import { arrayAt, emptyFile, isTable, makePackage, nonMainGroups, problem, readToml, stringAt, stringsAt, stripBom, type TomlTable } from './common.js';
import { addEdge, manifestRoots, markDirectAndPaths, undependedNames, type DependencyGraph } from './graph.js';
import { parseRequirement } from './pep508.js';
import { lockEntryLines, TomlLocator } from './toml-locator.js';

/** Parses a pdm.lock; `pyproject` is the parsed sibling pyproject.toml, when there is one. */
export function parsePdmLock(text: string, path: string, pyproject?: DependencyFile): DependencyFile {
  const file = emptyFile(path, 'pdm-lock');
  const source = stripBom(text);
  const data = readToml(source, path, file.problems);
  if (!data) return file;
  const entries = (arrayAt(data, 'package') ?? []).filter(isTable);
  const lines = lockEntryLines(new TomlLocator(source), ['package'], entries);
  const graph: DependencyGraph = new Map();
  const seen = new Map<string, DeclaredPackage>();
  entries.forEach((entry, i) => {
    const name = stringAt(entry, 'name');
    if (!name) return;
    const line = lines[i] ?? 1;
    const extras = stringsAt(entry, 'extras');
    addDependencies(file, graph, normalizePackageName(name), entry, extras[0] ?? null, line);
    const key = `${normalizePackageName(name)}\u0000${stringAt(entry, 'version') ?? ''}`;
    const existing = seen.get(key);
    if (existing) {
      existing.groups = nonMainGroups([...(existing.groups.length === 0 ? ['default'] : existing.groups), ...stringsAt(entry, 'groups')]);
      return;
    }
    const pkg = lockedPackage(path, name, entry, line);
    seen.set(key, pkg);
    file.packages.push(pkg);
  });
  const roots = manifestRoots(pyproject) ?? undependedNames(graph, file.packages.map((pkg) => pkg.name)).map((name) => ({ name, extras: [] }));
  markDirectAndPaths(file.packages, graph, roots);
  return file;
}

function lockedPackage(path: string, name: string, entry: TomlTable, line: number): DeclaredPackage {
  const version = stringAt(entry, 'version') ?? null;
  return makePackage(path, {
    rawName: name,
    line,
    version,
    specifier: version ? `==${version}` : '',
    source: pdmSource(entry),
    hashed: (arrayAt(entry, 'files') ?? []).some((item) => stringAt(item, 'hash') !== undefined),
    groups: nonMainGroups(stringsAt(entry, 'groups')),
  });
}

function pdmSource(entry: TomlTable): PackageSource {
  if (entry.editable === true) return 'editable';
  if (entry.git !== undefined || entry.hg !== undefined || entry.svn !== undefined || entry.bzr !== undefined) return 'vcs';
  if (entry.path !== undefined) return 'path';
  if (entry.url !== undefined) return 'url';
  return 'index';
}

/** Edges from the entry's requirement strings (under `extra` for an extras entry); unreadable ones are problems. */
function addDependencies(file: DependencyFile, graph: DependencyGraph, from: string, entry: TomlTable, extra: string | null, line: number): void {
  for (const text of stringsAt(entry, 'dependencies')) {
    const parsed = parseRequirement(text);
    if (!parsed.ok) {
      file.problems.push(problem(file.path, line, `cannot read the dependency \`${text}\` of \`${from}\`: ${parsed.error}`));
      continue;
    }
    const to = normalizePackageName(parsed.value.rawName);
    if (to !== from) addEdge(graph, from, { to, extras: parsed.value.extras, onlyWithExtra: extra });
  }
}
