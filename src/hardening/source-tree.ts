/**
 * Where the project's source lives, for the source-protection rules: the directories that hold code or secrets
 * (the directory of manage.py, settings packages, apps, Python packages, the git work tree), and how a directory
 * that a setting or a web server names relates to them (it is one of them, contains one, or lies inside one).
 *
 * Paths are root-relative and `/`-separated ('' is the scan root). Absolute paths come from the settings evaluator,
 * which gives `__file__` the real location of the scanned file, so `BASE_DIR / "static"` compares with the tree.
 */
import path from 'node:path';
import type { ProjectModel } from '../project/model.js';

export type SourceKind = 'project' | 'settings' | 'app' | 'package' | 'git';

export interface SourceDirectory {
  /** Root-relative directory ('' for the scan root). */
  dir: string;
  kind: SourceKind;
  /** What it holds, for messages: "manage.py", "the settings module shop/settings/base.py", "the app catalog". */
  holds: string;
}

/** Preference when several source directories sit under one directory: the most telling first. */
const KIND_ORDER: Readonly<Record<SourceKind, number>> = { project: 0, settings: 1, git: 2, app: 3, package: 4 };

const treeCache = new WeakMap<ProjectModel, SourceTree>();

/** The source directories of a project, computed once per project model. */
export function sourceTree(project: ProjectModel): SourceTree {
  let tree = treeCache.get(project);
  if (!tree) {
    tree = new SourceTree(project);
    treeCache.set(project, tree);
  }
  return tree;
}

/** How a directory holds the project's source, in words ("is the directory of manage.py"), and which source it is. */
export interface SourceExposure {
  text: string;
  source?: SourceDirectory;
}

/** How a directory relates to the scanned tree. */
export type Placement =
  /** Inside (or equal to) the scan root: the root-relative path. */
  | { where: 'inside'; rel: string }
  /** An ancestor of the scan root ('/', the parent of the checkout): it contains the whole project. */
  | { where: 'above' }
  /** Elsewhere on the machine (a deployment path such as /srv/app/static): nothing to compare with. */
  | { where: 'outside' };

export class SourceTree {
  /** The scan root, absolute and `/`-separated. */
  readonly root: string;
  /** Root-relative directory of manage.py, or null. */
  readonly projectDir: string | null;
  readonly directories: readonly SourceDirectory[];

  constructor(readonly project: ProjectModel) {
    const { discovery } = project;
    this.root = toPosix(discovery.root).replace(/\/+$/, '') || '/';
    this.projectDir = discovery.managePy !== null ? dirOf(discovery.managePy) : null;
    const dirs: SourceDirectory[] = [];
    const add = (dir: string, kind: SourceKind, holds: string): void => {
      if (!dirs.some((d) => d.dir === dir && d.kind === kind)) dirs.push({ dir, kind, holds });
    };
    if (discovery.managePy !== null) add(dirOf(discovery.managePy), 'project', discovery.managePy);
    // One settings module per directory names it: a production module first, a package's __init__.py last.
    const settingsModules = [...discovery.settingsModules].sort(
      (a, b) => Number(a.path.endsWith('__init__.py')) - Number(b.path.endsWith('__init__.py')) || Number(b.production) - Number(a.production) || a.path.localeCompare(b.path),
    );
    for (const settings of settingsModules) add(dirOf(settings.path), 'settings', `the settings module ${settings.path}`);
    if (discovery.gitRoot !== null) {
      const git = this.place(toPosix(discovery.gitRoot));
      if (git.where === 'inside') add(git.rel, 'git', `the git repository ${git.rel ? `${git.rel}/.git` : '.git'}`);
    }
    for (const app of discovery.apps) add(app, 'app', `the app ${app}`);
    const known = new Set(dirs.map((d) => d.dir));
    for (const file of project.files) {
      if (file !== '__init__.py' && !file.endsWith('/__init__.py')) continue;
      const dir = dirOf(file);
      if (known.has(dir)) continue;
      known.add(dir);
      dirs.push({ dir, kind: 'package', holds: `the Python package ${dir || '.'}` });
    }
    this.directories = dirs;
  }

  /** Where an absolute directory sits relative to the scan root. */
  place(absolute: string): Placement {
    const p = normalizeDir(absolute);
    if (p === this.root) return { where: 'inside', rel: '' };
    if (this.root === '/') return { where: 'inside', rel: p.slice(1) };
    if (p.startsWith(`${this.root}/`)) return { where: 'inside', rel: p.slice(this.root.length + 1) };
    if (p === '/' || this.root.startsWith(`${p}/`)) return { where: 'above' };
    return { where: 'outside' };
  }

  /** The most telling source directory at or under a root-relative directory (undefined when it holds none). */
  sourceUnder(rel: string): SourceDirectory | undefined {
    const under = this.directories.filter((d) => isWithin(d.dir, rel));
    return under.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || depth(a.dir) - depth(b.dir) || a.dir.localeCompare(b.dir))[0];
  }

  /** The innermost source directory (other than the git tree) that contains a root-relative directory. */
  sourceAround(rel: string): SourceDirectory | undefined {
    const around = this.directories.filter((d) => d.kind !== 'git' && isWithin(rel, d.dir) && rel !== d.dir);
    return around.sort((a, b) => depth(b.dir) - depth(a.dir) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind])[0];
  }

  /**
   * Does a directory hold the project's source? Undefined when it does not (or sits elsewhere on the machine);
   * otherwise how to say so: "is the directory of manage.py", "contains the settings module shop/settings/base.py".
   */
  sourceExposure(placement: Placement): SourceExposure | undefined {
    if (placement.where === 'outside') return undefined;
    if (placement.where === 'above') return { text: 'is a parent of the whole project directory' };
    const rel = placement.rel;
    const telling = this.sourceUnder(rel);
    if (!telling) return undefined;
    const exact = this.directories
      .filter((d) => d.dir === rel)
      .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind])[0];
    if (!exact) return { text: `contains ${telling.holds}`, source: telling };
    const also = telling !== exact && (telling.kind === 'project' || telling.kind === 'settings') ? `, which holds ${telling.holds}` : '';
    switch (exact.kind) {
      case 'project':
        return { text: `is ${rel === '' ? 'the project root' : `${rel}/`}, the directory of ${exact.holds}`, source: exact };
      case 'settings':
        return { text: `is ${rel || '.'}/, the directory of ${exact.holds}`, source: exact };
      case 'git':
        return { text: `is the top of the git work tree (it holds ${rel ? `${rel}/.git` : '.git'})${also}`, source: exact };
      case 'app':
        return { text: `is the source directory of the app ${rel}${also}`, source: exact };
      case 'package':
        return { text: `is the Python package ${rel || '.'}/${also}`, source: exact };
    }
  }
}

/** Is `inner` equal to `outer` or below it (root-relative paths, '' is the root)? */
export function isWithin(inner: string, outer: string): boolean {
  return outer === '' || inner === outer || inner.startsWith(`${outer}/`);
}

/** Root-relative directory of a root-relative file path. */
export function dirOf(rel: string): string {
  const index = rel.lastIndexOf('/');
  return index === -1 ? '' : rel.slice(0, index);
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** Normalizes a directory path: `.`/`..` resolved, no trailing slash (except `/`). */
export function normalizeDir(p: string): string {
  const normalized = path.posix.normalize(p);
  return normalized.length > 1 ? normalized.replace(/\/+$/, '') : normalized;
}

function depth(rel: string): number {
  return rel === '' ? 0 : rel.split('/').length;
}
