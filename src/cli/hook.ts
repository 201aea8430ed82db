/**
 * `ponyguard hook [FILE...]`: the pre-commit entry point (`.pre-commit-hooks.yaml`). It checks the given files (what
 * pre-commit passes: the staged files, with the working tree holding their staged content), or git's staged files
 * when none are given, and reports only findings in those files. It is quick: only those files are read, plus the
 * few that give them context (settings modules, manage.py/wsgi.py/asgi.py, package `__init__.py` files, requirement
 * and deployment files: what tells which settings are production and which Django is pinned). No git history, no
 * network, no dependency audit; the whole-project hardening rules are left to the full scan.
 */
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import ignore from 'ignore';
import { UsageError, EXIT_FINDINGS, EXIT_OK } from '../core/errors.js';
import { severityRank } from '../core/finding.js';
import { countBy, type Report } from '../core/report.js';
import { VERSION } from '../core/version.js';
import { audit, type AuditOptions } from '../engine/scan.js';
import { findGitRoot } from '../project/walk.js';
import type { FailOn } from '../config/config.js';

const run = promisify(execFile);

/** Rules the hook never runs: dependency audit, whole-project hardening, live probe. */
export const HOOK_SKIPPED_RULES = ['DEP', 'HRD', 'WEB'];

/** Files that give the staged ones their context; read, but their own findings are not reported. */
export const CONTEXT_PATTERNS = [
  '!manage.py',
  '!wsgi.py',
  '!asgi.py',
  '!__init__.py',
  '!settings.py',
  '!settings_*.py',
  '!**/settings/**/*.py',
  '!requirements*.txt',
  '!requirements*.in',
  '!**/requirements/*.txt',
  '!pyproject.toml',
  '!setup.cfg',
  '!tox.ini',
  '!pytest.ini',
  '!Pipfile',
  '!Pipfile.lock',
  '!poetry.lock',
  '!uv.lock',
  '!pdm.lock',
  '!Dockerfile*',
  '!Procfile',
  '!docker-compose*.yml',
  '!docker-compose*.yaml',
  '!compose*.yml',
  '!compose*.yaml',
];

/** A root-relative path as a gitignore pattern matching exactly that file. */
export function literalPattern(relPath: string): string {
  return `/${relPath.replace(/[\\*?[\]!# ]/g, (c) => `\\${c}`)}`;
}

/**
 * The exclude patterns that leave only the target files (and the context files) in the walk: everything is ignored,
 * directories are walked, the targets and context files are taken back. Null when a path cannot be expressed as a
 * pattern (then the walk covers the whole project and only the report is narrowed).
 */
export function narrowingExcludes(relPaths: readonly string[]): string[] | null {
  const patterns = ['*', '!*/', ...CONTEXT_PATTERNS, ...relPaths.map((rel) => `!${literalPattern(rel)}`)];
  const check = ignore().add(patterns);
  return relPaths.every((rel) => !check.ignores(rel)) ? patterns : null;
}

export interface HookFlags {
  format: string;
  output?: string;
  config?: string;
  baseline?: string;
  failOn?: FailOn;
  select?: string[];
  ignore?: string[];
  quiet?: boolean;
}

export interface HookResult {
  report: Report;
  exitCode: number;
  /** Root-relative paths checked. */
  files: string[];
}

async function stagedFiles(root: string): Promise<string[]> {
  try {
    const { stdout } = await run('git', ['diff', '--cached', '--name-only', '--diff-filter=ACMR', '-z'], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    return stdout.split('\0').filter(Boolean);
  } catch (error) {
    throw new UsageError(`cannot list the staged files (is ${root} a git work tree?): ${(error as Error).message.split('\n')[0]}`);
  }
}

/** Checks the files; `files` are relative to `cwd` (as pre-commit passes them) or absolute. */
export async function runHook(files: readonly string[], flags: Omit<HookFlags, 'format' | 'output'>, cwd = process.cwd()): Promise<HookResult> {
  const root = (await findGitRoot(cwd)) ?? cwd;
  const given = files.length > 0 ? files.map((file) => path.resolve(cwd, file)) : (await stagedFiles(root)).map((rel) => path.join(root, rel));
  const targets: string[] = [];
  for (const abs of given) {
    const rel = path.relative(root, abs);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) continue; // outside the repository
    try {
      if (!(await stat(abs)).isFile()) continue; // deleted since, or a directory
    } catch {
      continue;
    }
    targets.push(rel.split(path.sep).join('/'));
  }
  const unique = [...new Set(targets)].sort();

  const narrowing = narrowingExcludes(unique);
  const options: AuditOptions = {
    path: root,
    cwd,
    select: flags.select ?? [],
    ignore: [...HOOK_SKIPPED_RULES, ...(flags.ignore ?? [])],
    exclude: narrowing ?? [],
    jobs: unique.length <= 16 ? 1 : 0,
  };
  if (flags.config) options.configFile = flags.config;
  if (flags.baseline) options.baselineFile = flags.baseline;
  if (flags.failOn) options.failOn = flags.failOn;
  if (unique.length === 0) return { report: emptyReport(root), exitCode: EXIT_OK, files: [] };
  const result = await audit(options);

  // The project's own excludes (ponyguard's and Bandit's) still apply to the files given.
  const own = result.config.exclude.slice(0, result.config.exclude.length - (narrowing?.length ?? 0));
  const excluded = ignore().add(own);
  const wanted = new Set(unique.filter((rel) => !excluded.ignores(rel)));
  const findings = result.report.findings.filter((f) => wanted.has(f.location.path));
  const errors = result.report.errors.filter((e) => wanted.has(e.path));
  const visible = findings.filter((f) => !f.suppression);
  // The scorecard judges a whole project; a handful of staged files says nothing about where the project stands.
  const { scorecard: _scorecard, ...whole } = result.report;
  const report: Report = {
    ...whole,
    findings,
    errors,
    stats: { ...result.report.stats, files: wanted.size, ...countBy(visible) },
  };
  const failing = result.failOn !== 'none' && visible.some((f) => severityRank(f.severity) >= severityRank(result.failOn as Exclude<FailOn, 'none'>));
  return { report, exitCode: failing ? EXIT_FINDINGS : EXIT_OK, files: [...wanted] };
}

function emptyReport(root: string): Report {
  return {
    version: 1,
    tool: { name: 'ponyguard', version: VERSION },
    target: { root, djangoVersion: null, settingsModules: [] },
    findings: [],
    errors: [],
    stats: { files: 0, pythonFiles: 0, durationMs: 0, suppressed: 0, baselined: 0, byFamily: {}, bySeverity: {} },
  };
}
