/**
 * The dependency audit's I/O edge: reads the project's dependency files, picks each one's parser by file name,
 * follows requirements-file includes, and hands lock files the manifest next to them (`pyproject.toml`, `Pipfile`)
 * so they can tell direct dependencies from indirect ones. One unreadable or broken file never loses the others: it
 * becomes a `DependencyFile` with a problem.
 *
 * Includes (`-r` / `-c`) are read recursively, relative to the including file; each included file is returned once,
 * after the file that first includes it. A missing include or an include cycle is a problem of the including file
 * at the directive's line. A file reached only through `-c` is a constraints file: it pins versions for whatever
 * gets installed without installing anything, so its packages are marked indirect (with an empty path).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DependencyFile, DependencyFormat } from './model.js';
import { emptyFile, problem } from './parsers/common.js';
import { parsePdmLock } from './parsers/pdm-lock.js';
import { parsePipfile } from './parsers/pipfile.js';
import { parsePipfileLock } from './parsers/pipfile-lock.js';
import { parsePoetryLock } from './parsers/poetry-lock.js';
import { parsePylock } from './parsers/pylock.js';
import { parsePyproject } from './parsers/pyproject.js';
import { parseRequirementsWithIncludes, type IncludeKind } from './parsers/requirements.js';
import { parseSetupCfg } from './parsers/setup-cfg.js';
import { parseSetupPy } from './parsers/setup-py.js';
import { parseUvLock } from './parsers/uv-lock.js';

/**
 * The format of a dependency file, from its name: the lock and manifest files by their fixed names
 * (`pylock.toml` and `pylock.<name>.toml` for PEP 751), and a requirements file for anything else
 * (`requirements*.txt`, `*.in`, constraints files, `requirements/prod.pip`…).
 */
export function dependencyFormatOf(relPath: string): DependencyFormat {
  const base = path.posix.basename(relPath.replace(/\\/g, '/'));
  switch (base) {
    case 'Pipfile.lock':
      return 'pipfile-lock';
    case 'Pipfile':
      return 'pipfile';
    case 'poetry.lock':
      return 'poetry-lock';
    case 'uv.lock':
      return 'uv-lock';
    case 'pdm.lock':
      return 'pdm-lock';
    case 'pyproject.toml':
      return 'pyproject';
    case 'setup.cfg':
      return 'setup-cfg';
    case 'setup.py':
      return 'setup-py';
    default:
      return /^pylock\.(?:[^/]+\.)?toml$/.test(base) ? 'pylock' : 'requirements';
  }
}

/** The result of reading a file: its text, or why it could not be read. */
type ReadResult = { ok: true; text: string } | { ok: false; reason: string };

/** How a requirements file was reached: by `-r` / `-c` includes (none for a file given directly). */
interface Reached {
  requirement: boolean;
  constraint: boolean;
}

/**
 * Reads and parses the dependency files `relPaths` (project-relative, `/` separators) of the project at `absRoot`,
 * plus every requirements file they include. Returns one `DependencyFile` per file, in the order they were read.
 */
export async function loadDependencyFiles(absRoot: string, relPaths: readonly string[]): Promise<DependencyFile[]> {
  const loader = new Loader(absRoot);
  for (const rel of relPaths) await loader.load(path.posix.normalize(toPosix(rel)), null, []);
  return loader.result();
}

class Loader {
  private readonly files = new Map<string, DependencyFile>();
  private readonly reached = new Map<string, Reached>();
  private readonly manifests = new Map<string, Promise<DependencyFile | undefined>>();

  constructor(private readonly absRoot: string) {}

  /**
   * Loads `rel` (as `format`, or by its name) unless already loaded; `stack` is the chain of including files, `text`
   * the file's content when the caller has read it already.
   */
  async load(rel: string, format: DependencyFormat | null, stack: readonly string[], text?: string): Promise<void> {
    if (this.files.has(rel)) return;
    const kind = format ?? dependencyFormatOf(rel);
    const read: ReadResult = text === undefined ? await this.read(rel) : { ok: true, text };
    if (!read.ok) {
      const file = emptyFile(rel, kind);
      file.problems.push(problem(rel, null, `cannot read the file: ${read.reason}`));
      this.files.set(rel, file);
      return;
    }
    if (kind === 'requirements') await this.loadRequirements(rel, read.text, stack);
    else this.files.set(rel, await this.parse(rel, kind, read.text));
  }

  private async loadRequirements(rel: string, text: string, stack: readonly string[]): Promise<void> {
    const { file, directives } = parseRequirementsWithIncludes(text, rel);
    this.files.set(rel, file);
    file.includes = file.includes.map((include) => this.projectRelative(include));
    const chain = [...stack, rel];
    for (const directive of directives) {
      const target = this.projectRelative(directive.path);
      this.markReached(target, directive.kind);
      const flag = directive.kind === 'requirement' ? '-r' : '-c';
      if (chain.includes(target)) {
        const cycle = [...chain.slice(chain.indexOf(target)), target].join(' → ');
        file.problems.push(problem(rel, directive.line, `\`${flag} ${directive.target}\` makes an include cycle (${cycle}); not followed again`));
        continue;
      }
      if (this.files.has(target)) continue;
      const read = await this.read(target);
      if (!read.ok) {
        file.problems.push(problem(rel, directive.line, `included file ${target} (\`${flag} ${directive.target}\`) cannot be read: ${read.reason}`));
        continue;
      }
      await this.load(target, 'requirements', chain, read.text);
    }
    file.problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  }

  private markReached(target: string, kind: IncludeKind): void {
    const reached = this.reached.get(target) ?? { requirement: false, constraint: false };
    reached[kind] = true;
    this.reached.set(target, reached);
  }

  private async parse(rel: string, format: Exclude<DependencyFormat, 'requirements'>, text: string): Promise<DependencyFile> {
    switch (format) {
      case 'pyproject':
        return parsePyproject(text, rel);
      case 'setup-cfg':
        return parseSetupCfg(text, rel);
      case 'setup-py':
        return parseSetupPy(text, rel);
      case 'pipfile':
        return parsePipfile(text, rel);
      case 'pipfile-lock':
        return parsePipfileLock(text, rel, await this.manifest(rel, 'Pipfile'));
      case 'poetry-lock':
        return parsePoetryLock(text, rel, await this.manifest(rel, 'pyproject.toml'));
      case 'pdm-lock':
        return parsePdmLock(text, rel, await this.manifest(rel, 'pyproject.toml'));
      case 'pylock':
        return parsePylock(text, rel, await this.manifest(rel, 'pyproject.toml'));
      case 'uv-lock':
        return parseUvLock(text, rel);
    }
  }

  /** The parsed manifest named `name` in the directory of `rel`, if it exists (its problems are not reported here). */
  private manifest(rel: string, name: 'Pipfile' | 'pyproject.toml'): Promise<DependencyFile | undefined> {
    const sibling = path.posix.join(path.posix.dirname(rel), name);
    let pending = this.manifests.get(sibling);
    if (!pending) {
      pending = this.read(sibling).then((read) => {
        if (!read.ok) return undefined;
        return name === 'Pipfile' ? parsePipfile(read.text, sibling) : parsePyproject(read.text, sibling);
      });
      this.manifests.set(sibling, pending);
    }
    return pending;
  }

  private async read(rel: string): Promise<ReadResult> {
    try {
      return { ok: true, text: await readFile(path.resolve(this.absRoot, rel), 'utf8') };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
      return { ok: false, reason };
    }
  }

  /** An include target as a project-relative path (absolute targets are made relative to the root). */
  private projectRelative(target: string): string {
    return path.posix.isAbsolute(target) ? toPosix(path.relative(this.absRoot, target)) : target;
  }

  /** The files in load order; packages of files reached only through `-c` are marked indirect. */
  result(): DependencyFile[] {
    for (const [rel, file] of this.files) {
      const reached = this.reached.get(rel);
      if (!reached?.constraint || reached.requirement) continue;
      for (const pkg of file.packages) {
        pkg.direct = false;
        pkg.path = [];
      }
    }
    return [...this.files.values()];
  }
}

function toPosix(rel: string): string {
  return rel.split(path.sep).join('/');
}
