/**
 * The file walk: every file under the scan root that is not excluded by `.gitignore`, the default excludes or the
 * configured excludes. File symlinks are read through; directory symlinks are not followed (inside the root the
 * directory is scanned at its real location, outside it is not part of the project); loops are reported.
 */
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { ScanError } from '../core/finding.js';
import { describeFsError } from '../engine/read-source.js';

/** Directory names never worth scanning. Virtualenvs are also recognised by their `pyvenv.cfg`. */
export const DEFAULT_EXCLUDED_DIRS: readonly string[] = [
  '.git',
  '.hg',
  '.svn',
  '.bzr',
  'node_modules',
  '.tox',
  '.nox',
  'build',
  'dist',
  '__pycache__',
  'site-packages',
  '.venv',
  'venv',
  'virtualenv',
  '.virtualenv',
  '.eggs',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  '.hypothesis',
  'htmlcov',
  '.idea',
  '.vscode',
];

export interface WalkedFile {
  /** Absolute path (through any followed symlinked directory). */
  absPath: string;
  /** Path relative to the root, `/`-separated. */
  relPath: string;
}

export interface WalkOptions {
  /** Extra gitignore-style patterns, relative to the root. */
  exclude: readonly string[];
  /** Honour `.gitignore` files and `.git/info/exclude` (default true). */
  gitignore?: boolean;
}

export interface WalkResult {
  files: WalkedFile[];
  errors: ScanError[];
  /** The enclosing git work tree's top directory, if any. */
  gitRoot: string | null;
}

interface IgnoreLayer {
  /** Directory of the .gitignore, relative to the root ('' for the root or above). */
  base: string;
  /** Prefix to prepend to root-relative paths to make them relative to the layer's directory. */
  prefix: string;
  rules: Ignore;
}

export async function findGitRoot(start: string): Promise<string | null> {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    try {
      await lstat(path.join(dir, '.git'));
      return dir;
    } catch {
      /* keep looking */
    }
    if (path.dirname(dir) === dir) return null;
  }
}

async function readIgnoreFile(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

function isExcludedName(name: string): boolean {
  return DEFAULT_EXCLUDED_DIRS.includes(name) || name.endsWith('.egg-info');
}

export async function walkProject(root: string, options: WalkOptions): Promise<WalkResult> {
  const absRoot = path.resolve(root);
  const errors: ScanError[] = [];
  const files: WalkedFile[] = [];
  const useGitignore = options.gitignore ?? true;
  const gitRoot = await findGitRoot(absRoot);
  const configured = ignore().add(options.exclude);

  // .gitignore files from the git top down to the root's parent apply to the scan, as git applies them.
  const baseLayers: IgnoreLayer[] = [];
  if (useGitignore && gitRoot) {
    const info = await readIgnoreFile(path.join(gitRoot, '.git', 'info', 'exclude'));
    const fromTop = path.relative(gitRoot, absRoot).split(path.sep).filter(Boolean);
    if (info) baseLayers.push({ base: '', prefix: fromTop.map((p) => `${p}/`).join(''), rules: ignore().add(info) });
    for (let depth = 0; depth < fromTop.length; depth++) {
      const dir = path.join(gitRoot, ...fromTop.slice(0, depth));
      const text = await readIgnoreFile(path.join(dir, '.gitignore'));
      if (text) {
        const prefix = fromTop.slice(depth).map((p) => `${p}/`).join('');
        baseLayers.push({ base: '', prefix, rules: ignore().add(text) });
      }
    }
  }

  const isIgnored = (layers: IgnoreLayer[], rel: string, isDir: boolean): boolean => {
    let ignored = false;
    for (const layer of layers) {
      const local = layer.prefix + (layer.base ? rel.slice(layer.base.length + 1) : rel) + (isDir ? '/' : '');
      const verdict = layer.rules.test(local);
      if (verdict.ignored) ignored = true;
      else if (verdict.unignored) ignored = false;
    }
    return ignored;
  };

  const visit = async (absDir: string, relDir: string, layers: IgnoreLayer[]): Promise<void> => {
    let entries;
    try {
      entries = await readdir(absDir, { withFileTypes: true });
    } catch (error) {
      errors.push({ path: relDir || '.', line: null, message: describeFsError(error).replace('file', 'directory') });
      return;
    }
    if (relDir && entries.some((e) => e.name === 'pyvenv.cfg')) return; // a virtualenv
    let ownLayers = layers;
    if (useGitignore && entries.some((e) => e.name === '.gitignore' && !e.isDirectory())) {
      const text = await readIgnoreFile(path.join(absDir, '.gitignore'));
      if (text) ownLayers = [...layers, { base: relDir, prefix: '', rules: ignore().add(text) }];
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
      const abs = path.join(absDir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        let target;
        try {
          target = await stat(abs);
        } catch (error) {
          // Broken links and link loops, unless excluded anyway.
          if (!configured.ignores(rel) && !isIgnored([...baseLayers, ...ownLayers], rel, false)) {
            errors.push({ path: rel, line: null, message: describeFsError(error) });
          }
          continue;
        }
        isDir = target.isDirectory();
        isFile = target.isFile();
        if (isDir) {
          // Not followed: inside the root the directory is scanned at its real location, outside it is not part of
          // the project. A link to an enclosing directory is a loop, worth telling.
          try {
            const [target, here] = await Promise.all([realpath(abs), realpath(absDir)]);
            if (here === target || here.startsWith(`${target}${path.sep}`)) {
              const shown = path.relative(await realpath(absRoot), target) || '.';
              errors.push({ path: rel, line: null, message: `symbolic link loop: points to ${shown}, an enclosing directory; not followed` });
            }
          } catch (error) {
            errors.push({ path: rel, line: null, message: describeFsError(error) });
          }
          continue;
        }
      }
      if (isDir) {
        if (isExcludedName(entry.name)) continue;
        if (configured.ignores(`${rel}/`)) continue;
        if (isIgnored([...baseLayers, ...ownLayers], rel, true)) continue;
        await visit(abs, rel, ownLayers);
      } else if (isFile) {
        if (configured.ignores(rel)) continue;
        if (isIgnored([...baseLayers, ...ownLayers], rel, false)) continue;
        files.push({ absPath: abs, relPath: rel });
      }
    }
  };

  await visit(absRoot, '', []);
  return { files, errors, gitRoot };
}
