/**
 * `ponyguard fix deps [PATH] [--dry-run]`: the I/O edge of the dependency fixes. Finds the project's dependency
 * files as a scan does (configuration excludes, `.gitignore`, discovery), reads and parses them, loads the bundled
 * advisory database, plans the fixes (`deps/fix.ts`), prints the plan and, unless `--dry-run`, writes the changed
 * files: each atomically (a temporary file in the same directory, renamed over the original) with the original
 * file mode; only version text changes, so line endings (CRLF stays CRLF) and everything else are kept.
 */
import { randomBytes } from 'node:crypto';
import { chmod, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { resolveConfig } from '../config/config.js';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../core/errors.js';
import { loadAdvisoryDb } from '../deps/advisories/db.js';
import { loadActiveAdvisoryDb } from '../deps/advisories/store.js';
import { fixExitCode, formatFixPlan, planDependencyFixes, type FileRewrite } from '../deps/fix.js';
import { loadDependencyFiles } from '../deps/load.js';
import type { DependencyFile } from '../deps/model.js';
import { discoverProject } from '../project/discover.js';
import { walkProject } from '../project/walk.js';

export interface FixDepsOptions {
  /** Project directory, or one dependency file. */
  path: string;
  dryRun: boolean;
  cwd?: string;
  /** The advisory database file (default: the bundled one). */
  dbFile?: string;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
}

/** What the planner needs, read from disk. */
export interface FixInputOnDisk {
  /** Absolute project root. */
  root: string;
  /** The dependency files found (project-relative), before includes are followed. */
  relPaths: string[];
  files: DependencyFile[];
  /** Texts of the files that are valid UTF-8. */
  texts: Map<string, string>;
}

/**
 * Finds and reads the dependency files of `target` (a project directory, or one dependency file) as a scan does:
 * configuration excludes, `.gitignore`, discovery of requirement and lock files, then `-r` / `-c` includes.
 */
export async function readFixInput(target: string, cwd: string = process.cwd()): Promise<FixInputOnDisk> {
  const absolute = path.resolve(cwd, target);
  let targetStat;
  try {
    targetStat = await stat(absolute);
  } catch {
    throw new UsageError(`path not found: ${target}`);
  }
  const root = targetStat.isDirectory() ? absolute : path.dirname(absolute);
  let relPaths: string[];
  if (targetStat.isDirectory()) {
    const config = await resolveConfig(root, undefined, cwd);
    const walked = await walkProject(root, { exclude: config.exclude });
    const { discovery } = await discoverProject(root, walked.files, walked.gitRoot, { settingsModules: [], productionSettings: [] });
    relPaths = [...new Set([...discovery.requirementFiles, ...discovery.lockFiles])].sort();
  } else {
    relPaths = [path.basename(absolute)];
  }
  const files = await loadDependencyFiles(root, relPaths);
  const texts = new Map<string, string>();
  for (const file of files) {
    const text = await readUtf8(path.resolve(root, file.path));
    if (text !== null) texts.set(file.path, text);
  }
  return { root, relPaths, files, texts };
}

/** Runs the command; returns the exit code (usage errors are thrown as `UsageError`). */
export async function runFixDeps(options: FixDepsOptions): Promise<number> {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const { root, relPaths, files, texts } = await readFixInput(options.path, options.cwd);
  for (const file of files) {
    for (const problem of file.problems) stderr.write(`ponyguard: warning: ${problem.path}${problem.line !== null ? `:${problem.line}` : ''}: ${problem.message}\n`);
  }
  if (!files.some((file) => file.packages.length > 0)) {
    stdout.write(relPaths.length === 0 ? 'Nothing to fix: no dependency files found.\n' : 'Nothing to fix: the dependency files declare no packages.\n');
    return EXIT_OK;
  }
  // The database a scan would use: the file given, or the newer of the cached and the bundled one.
  const loaded = options.dbFile ? await loadAdvisoryDb(options.dbFile) : (await loadActiveAdvisoryDb()).result;
  if (!loaded.ok) {
    stderr.write(`ponyguard: error: ${loaded.error.message}\n`);
    return EXIT_FAILURE;
  }
  const plan = planDependencyFixes({ files, db: loaded.db, texts });

  const failed = new Map<string, string>();
  if (!options.dryRun) {
    for (const rewrite of plan.rewrites) {
      try {
        await writeAtomically(path.resolve(root, rewrite.file), rewrite);
      } catch (error) {
        failed.set(rewrite.file, (error as Error).message);
      }
    }
  }
  stdout.write(formatFixPlan(plan, { dryRun: options.dryRun, failed: new Set(failed.keys()) }));
  for (const [file, message] of failed) stderr.write(`ponyguard: error: ${file} was not written: ${message}\n`);
  if (failed.size > 0) return EXIT_FAILURE;
  return fixExitCode(plan, options.dryRun);
}

/** A file's text when it is valid UTF-8 (so writing it back changes only the edited bytes), else null. */
async function readUtf8(file: string): Promise<string | null> {
  try {
    const bytes = await readFile(file);
    const text = bytes.toString('utf8');
    return Buffer.from(text, 'utf8').equals(bytes) ? text : null;
  } catch {
    return null;
  }
}

/**
 * Replaces a file's content atomically: the new text goes to a temporary file next to the real file (symbolic
 * links are followed, so the link stays a link), with the original mode, which is then renamed over it. Refuses
 * when the file changed since it was read.
 */
async function writeAtomically(file: string, rewrite: FileRewrite): Promise<void> {
  const real = await realpath(file);
  const info = await stat(real);
  if ((await readFile(real, 'utf8')) !== rewrite.before) throw new Error('the file changed while ponyguard was reading it');
  const mode = info.mode & 0o7777;
  const temp = path.join(path.dirname(real), `.${path.basename(real)}.ponyguard-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, rewrite.after, { mode, flag: 'wx' });
    await chmod(temp, mode);
    await rename(temp, real);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
