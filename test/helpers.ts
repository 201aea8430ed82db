/** Shared test helpers: parse snippets, run rules on fixtures, run the built CLI, make throw-away projects. */
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Finding } from '../src/core/finding.js';
import type { PythonFileInfo } from '../src/core/rule.js';
import { audit, type AuditOptions } from '../src/engine/scan.js';
import { runPythonRules } from '../src/engine/analyze-python.js';
import { PythonModule } from '../src/python/module.js';
import { parsePython } from '../src/python/parser.js';
import { findRule } from '../src/rules/index.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');
export const CLI = path.join(REPO_ROOT, 'bin', 'ponyguard.js');

export async function parseModule(source: string, moduleName: string | null = 'app.module', isPackage = false): Promise<PythonModule> {
  const parsed = await parsePython(source);
  return new PythonModule(source, parsed.root, parsed.comments, { moduleName, isPackage }, parsed.lines);
}

export interface Hit {
  code: string;
  line: number;
}

/** Runs one Python rule over a snippet, with the rule's options if given; returns its raw findings. */
export async function runRule(code: string, source: string, file: Partial<PythonFileInfo> = {}, options: Record<string, unknown> = {}) {
  const rule = findRule(code);
  if (!rule || rule.kind !== 'python') throw new Error(`no Python rule ${code}`);
  const module = await parseModule(source, file.moduleName ?? 'app.views', file.isPackage ?? false);
  const info: PythonFileInfo = { path: 'app/views.py', moduleName: 'app.views', isPackage: false, roles: [], ...file };
  const errors: { path: string; line: number | null; message: string }[] = [];
  const findings = runPythonRules(module, info, [rule], errors, { ruleOptions: { [rule.meta.code]: options } });
  expect(errors).toEqual([]);
  return findings;
}

export function hits(findings: ReadonlyArray<{ ruleId: string; location: { startLine: number; path?: string } }>): Hit[] {
  return findings.map((f) => ({ code: f.ruleId, line: f.location.startLine })).sort((a, b) => a.line - b.line || a.code.localeCompare(b.code));
}

/** `# expect: CODE[, CODE]` annotations of a source text. */
export function annotations(source: string): Hit[] {
  const out: Hit[] = [];
  source.split(/\r?\n/).forEach((line, index) => {
    const match = /#\s*expect:\s*([A-Z]+\d+(?:\s*,\s*[A-Z]+\d+)*)/.exec(line);
    if (match) for (const code of match[1]!.split(',')) out.push({ code: code.trim(), line: index + 1 });
  });
  return out.sort((a, b) => a.line - b.line || a.code.localeCompare(b.code));
}

/**
 * Dependency rules: runs one on its fixture on a fixed date and checks that the lines it reports (a pin may have
 * several findings, one per advisory) are exactly the `# expect: CODE` lines. Returns the findings.
 */
export async function expectDependencyFixture(code: string, fixture: string, now = Date.parse('2026-11-21T12:00:00Z')): Promise<Finding[]> {
  const { report } = await audit({ path: fixture, select: [code], jobs: 1, now: () => now });
  expect(report.errors).toEqual([]);
  const lines = [...new Set(report.findings.map((f) => `${f.location.path}:${f.location.startLine}`))].sort();
  const expected = await expectedLines(code, fixture);
  expect(lines).toEqual(expected);
  expect(expected.length).toBeGreaterThan(0);
  return report.findings;
}

/** `path:line` of every `# expect: CODE` annotation under a fixture directory, sorted. */
export async function expectedLines(code: string, fixture: string): Promise<string[]> {
  const out: string[] = [];
  for (const file of await filesUnder(fixture)) {
    const rel = path.relative(fixture, file).split(path.sep).join('/');
    for (const hit of annotations(await readFile(file, 'utf8'))) if (hit.code === code) out.push(`${rel}:${hit.line}`);
  }
  return out.sort();
}

/**
 * Runs a rule on its fixture (a `.py` file, or a project directory) through the whole engine and checks that the
 * findings are exactly the `# expect: CODE` annotations: every unsafe line found, no safe line reported.
 */
export async function expectFixture(code: string, fixture: string, extra: Partial<AuditOptions> = {}): Promise<void> {
  const { report } = await audit({ path: fixture, select: [code], jobs: 1, ...extra });
  expect(report.errors).toEqual([]);
  const single = (await stat(fixture)).isFile();
  const files = single ? [fixture] : await filesUnder(fixture);
  const root = single ? path.dirname(fixture) : fixture;
  const expected: Array<Hit & { path: string }> = [];
  for (const file of files) {
    const rel = path.relative(root, file).split(path.sep).join('/');
    for (const hit of annotations(await readFile(file, 'utf8'))) if (hit.code === code) expected.push({ ...hit, path: rel });
  }
  const actual = report.findings.map((f) => ({ code: f.ruleId, line: f.location.startLine, path: f.location.path }));
  const order = (a: Hit & { path: string }, b: Hit & { path: string }) => a.path.localeCompare(b.path) || a.line - b.line;
  expect(actual.sort(order)).toEqual(expected.sort(order));
  expect(expected.length).toBeGreaterThan(0);
}

/**
 * Taint fixtures: a source line carries `# source: LABEL` (several labels separated by commas), a sink line
 * `# expect: TNT001 <- LABEL, LABEL` (in templates `{# expect: TNT003 <- LABEL #}`). Runs the whole engine with only
 * that rule and checks that the findings are exactly the annotated (rule, sink line, source line) triples.
 */
export async function expectTaintFixture(code: string, fixture: string, extra: Partial<AuditOptions> = {}): Promise<Finding[]> {
  const { report } = await audit({ path: fixture, select: [code], jobs: 1, ...extra });
  expect(report.errors).toEqual([]);
  const sources = new Map<string, string>();
  const sinks: Array<{ code: string; at: string; labels: string[] }> = [];
  for (const file of await filesUnder(fixture)) {
    const rel = path.relative(fixture, file).split(path.sep).join('/');
    (await readFile(file, 'utf8')).split(/\r?\n/).forEach((text, index) => {
      const at = `${rel}:${index + 1}`;
      const source = /#\s*source:\s*([\w-]+(?:\s*,\s*[\w-]+)*)/.exec(text);
      if (source) for (const label of source[1]!.split(',')) {
        const key = label.trim();
        if (sources.has(key)) throw new Error(`source label ${key} is used twice (${sources.get(key)} and ${at})`);
        sources.set(key, at);
      }
      for (const sink of text.matchAll(/expect:\s*([A-Z]+\d+)\s*<-\s*([\w-]+(?:\s*,\s*[\w-]+)*)/g)) {
        sinks.push({ code: sink[1]!, at, labels: sink[2]!.split(',').map((l) => l.trim()) });
      }
    });
  }
  const expected = sinks
    .filter((sink) => sink.code === code)
    .flatMap((sink) =>
      sink.labels.map((label) => {
        const source = sources.get(label);
        if (!source) throw new Error(`${sink.at}: no "# source: ${label}" line`);
        return `${sink.code} ${sink.at} <- ${source}`;
      }),
    )
    .sort();
  const actual = report.findings.map((f) => `${f.ruleId} ${f.location.path}:${f.location.startLine} <- ${f.trace?.[0]?.path}:${f.trace?.[0]?.line}`).sort();
  expect(actual).toEqual(expected);
  expect(expected.length).toBeGreaterThan(0);
  return report.findings;
}

/** Text files of a fixture directory (Python, templates, settings files), where `expect` annotations live. */
async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else if (/\.(py|html?|txt|xml|cfg|toml|ini|ya?ml|json|env|in|lock|sh|md|conf|key)$/.test(entry.name) || /^(Pipfile|\.env|\.gitignore)$/.test(entry.name)) out.push(full);
  }
  return out;
}

/** Writes a throw-away project; keys are relative paths. */
export async function makeProject(files: Record<string, string | Buffer>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ponyguard-test-'));
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(dir, rel);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, content);
  }
  return dir;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (`npm test` builds first). */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; uid?: number; gid?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    // '--' as in the launcher's shebang: Node 20 would otherwise take --env-file for its own option.
    const child = spawn(process.execPath, ['--', CLI, ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...options.env },
      ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid ?? options.uid } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
