/**
 * Pipenv's `Pipfile.lock` (JSON): every top-level section but `_meta` is a package category (`default` is the main
 * set, `develop` is group `dev`, custom categories keep their name), mapping names to `{version: "==x", hashes,
 * markers, extras, git / path / file, editable}`. An entry locked with the same version in several categories is one
 * package with all their groups.
 *
 * The lock records no dependency graph. With the sibling `Pipfile` (passed by `load.ts`), a package is direct when
 * the Pipfile declares it in the category it is locked for; without one, every locked package counts as direct (the
 * lock alone cannot tell them apart, and over-attributing is safer than hiding a vulnerable pin as "indirect").
 * Paths are always empty.
 */
import type { DeclaredPackage, DependencyFile, PackageSource } from '../model.js';
import { arrayAt, emptyFile, isTable, makePackage, nonMainGroups, problem, stringAt, stringsAt, stripBom, type TomlTable } from './common.js';
import { parseJsonWithLines, type JsonDocument } from './json-positions.js';

/** The group key a lock category maps to ('' for the main set), matching the Pipfile parser's groups. */
function sectionGroup(section: string): string {
  if (section === 'default') return '';
  if (section === 'develop') return 'dev';
  return section;
}

/** Parses a Pipfile.lock; `pipfile` is the parsed sibling Pipfile, when there is one. */
export function parsePipfileLock(text: string, path: string, pipfile?: DependencyFile): DependencyFile {
  const file = emptyFile(path, 'pipfile-lock');
  const parsed = parseJsonWithLines(stripBom(text));
  if (!parsed.ok) {
    const line = Number(/^line (\d+)/.exec(parsed.error)?.[1] ?? NaN);
    file.problems.push(problem(path, Number.isNaN(line) ? null : line, `not valid JSON (${parsed.error})`));
    return file;
  }
  const document = parsed.value;
  if (!isTable(document.value)) {
    file.problems.push(problem(path, 1, 'not a Pipfile.lock: the document is not a JSON object'));
    return file;
  }
  const declared = declaredKeys(pipfile);
  const merged = new Map<string, { pkg: DeclaredPackage; sections: string[] }>();
  for (const [section, entries] of Object.entries(document.value)) {
    if (section === '_meta' || !isTable(entries)) continue;
    for (const [name, entry] of Object.entries(entries)) {
      if (!isTable(entry)) {
        file.problems.push(problem(path, document.keyLine([section, name]), `cannot read the locked entry \`${name}\``));
        continue;
      }
      const pkg = lockedPackage(path, name, entry, document, section);
      const key = `${pkg.name}\u0000${pkg.version ?? ''}\u0000${pkg.source}`;
      const existing = merged.get(key);
      if (existing) existing.sections.push(section);
      else merged.set(key, { pkg, sections: [section] });
    }
  }
  for (const { pkg, sections } of merged.values()) {
    pkg.groups = nonMainGroups(sections.map(sectionGroup), ['']);
    pkg.direct = declared === null || sections.some((section) => declared.has(`${pkg.name}\u0000${sectionGroup(section)}`));
    file.packages.push(pkg);
  }
  return file;
}

/** `name\0group` for every package of the Pipfile; null when there is no Pipfile (or it declares nothing). */
function declaredKeys(pipfile: DependencyFile | undefined): Set<string> | null {
  if (!pipfile || pipfile.packages.length === 0) return null;
  return new Set(pipfile.packages.map((pkg) => `${pkg.name}\u0000${pkg.groups[0] ?? ''}`));
}

function lockedPackage(path: string, name: string, entry: TomlTable, document: JsonDocument, section: string): DeclaredPackage {
  const written = stringAt(entry, 'version') ?? '';
  const pin = /^(===|==)\s*(.+)$/.exec(written.trim());
  return makePackage(path, {
    rawName: name,
    line: document.keyLine([section, name]) ?? 1,
    version: pin?.[2] && pin[2] !== '*' ? pin[2] : null,
    specifier: written.replace(/\s+/g, '') === '*' ? '' : written.replace(/\s+/g, ''),
    extras: stringsAt(entry, 'extras'),
    marker: stringAt(entry, 'markers') ?? null,
    source: lockedSource(entry),
    hashed: (arrayAt(entry, 'hashes') ?? []).length > 0,
  });
}

function lockedSource(entry: TomlTable): PackageSource {
  if (entry.editable === true) return 'editable';
  if (entry.git !== undefined || entry.hg !== undefined || entry.svn !== undefined || entry.bzr !== undefined) return 'vcs';
  if (entry.path !== undefined) return 'path';
  if (entry.file !== undefined) return 'url';
  return 'index';
}
