import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import ignore from 'ignore';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { narrowingExcludes } from '../../src/cli/hook.js';
import { CLI, REPO_ROOT, makeProject, runCli } from '../helpers.js';

const git = promisify(execFile);

const VULNERABLE_VIEW = [
  'from django.db import connection',
  '',
  'def search(term):',
  '    cursor = connection.cursor()',
  '    cursor.execute("SELECT * FROM t WHERE a = \'%s\'" % term)',
  '',
].join('\n');

const SAFE_VIEW = ['from django.db import connection', '', 'def search(term):', '    connection.cursor().execute("SELECT 1 WHERE a = %s", [term])', ''].join('\n');

async function gitRepo(files: Record<string, string>): Promise<string> {
  const dir = await makeProject(files);
  await git('git', ['init', '-q', '.'], { cwd: dir });
  await git('git', ['config', 'user.email', 'test@example.invalid'], { cwd: dir });
  await git('git', ['config', 'user.name', 'test'], { cwd: dir });
  return dir;
}

interface HookDefinition {
  id: string;
  entry: string;
  language: string;
  types?: string[];
  pass_filenames?: boolean;
  require_serial?: boolean;
}

async function hookDefinition(): Promise<HookDefinition> {
  const hooks = parseYaml(await readFile(path.join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as HookDefinition[];
  expect(Array.isArray(hooks)).toBe(true);
  const hook = hooks.find((h) => h.id === 'ponyguard');
  expect(hook).toBeDefined();
  return hook!;
}

/** Runs the hook's entry as pre-commit does: the entry's words, then the staged file names. */
async function runEntry(dir: string, extra: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const hook = await hookDefinition();
  const words = hook.entry.split(/\s+/);
  expect(words[0]).toBe('ponyguard');
  const { stdout } = await git('git', ['diff', '--cached', '--name-only', '--diff-filter=ACMR', '-z'], { cwd: dir });
  const staged = stdout.split('\0').filter(Boolean);
  return runCli([...words.slice(1), ...extra, ...(hook.pass_filenames === false ? [] : staged)], { cwd: dir });
}

describe('pre-commit hook', () => {
  it('is declared for pre-commit: node language, the ponyguard bin, every staged text file in one run', async () => {
    const hook = await hookDefinition();
    expect(hook.language).toBe('node');
    expect(hook.entry).toBe('ponyguard hook');
    expect(hook.types).toEqual(['text']);
    expect(hook.require_serial).toBe(true);
    const pkg = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(path.resolve(REPO_ROOT, pkg.bin['ponyguard']!)).toBe(CLI);
  });

  it('fails the commit on a staged vulnerable file, reports it, and leaves unstaged files alone', async () => {
    const dir = await gitRepo({ 'app/__init__.py': '', 'app/views.py': VULNERABLE_VIEW, 'app/other.py': VULNERABLE_VIEW, 'README.md': '# shop\n' });
    await git('git', ['add', 'app/__init__.py', 'app/views.py', 'README.md'], { cwd: dir });
    const result = await runEntry(dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('app/views.py');
    expect(result.stdout).toContain('PY608 sql-string-formatting');
    expect(result.stdout).not.toContain('app/other.py');

    // Without file names, the staged files are read from git; the annotations format works there too.
    const own = await runCli(['hook', '--format', 'github'], { cwd: dir });
    expect(own.code).toBe(1);
    const annotations = own.stdout.split('\n').filter((line) => line.startsWith('::'));
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toMatch(/^::warning file=app\/views\.py,line=5,.*title=PY608 sql-string-formatting::/);
  });

  it('passes a clean staged file, honours the configuration and the baseline', async () => {
    const dir = await gitRepo({ 'app/__init__.py': '', 'app/views.py': SAFE_VIEW });
    await git('git', ['add', '.'], { cwd: dir });
    const clean = await runEntry(dir);
    expect(clean.stderr).toBe('');
    expect(clean.code).toBe(0);

    await writeFile(path.join(dir, 'app/views.py'), VULNERABLE_VIEW);
    await git('git', ['add', '.'], { cwd: dir });
    expect((await runEntry(dir)).code).toBe(1);
    await writeFile(path.join(dir, 'pyproject.toml'), '[tool.ponyguard]\nfail-on = "high"\n');
    const relaxed = await runEntry(dir);
    expect(relaxed.code).toBe(0); // the finding is medium: still reported, not failing
    expect(relaxed.stdout).toContain('PY608');
    await writeFile(path.join(dir, 'pyproject.toml'), '[tool.ponyguard]\nexclude = ["app/"]\n');
    const excluded = await runEntry(dir);
    expect(excluded.code).toBe(0);
    expect(excluded.stdout).not.toContain('PY608');

    await writeFile(path.join(dir, 'pyproject.toml'), '');
    const created = await runCli(['baseline', 'create', '--file', 'baseline.json', '-q'], { cwd: dir });
    expect(created.code).toBe(0);
    const baselined = await runEntry(dir, ['--baseline', 'baseline.json']);
    expect(baselined.code).toBe(0);
    expect(baselined.stdout).not.toContain('PY608');
  });

  it('judges a staged production settings module with its base module as context, reporting only the staged file', async () => {
    const dir = await gitRepo({
      'manage.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings.production')\n",
      'shop/__init__.py': '',
      'shop/settings/__init__.py': '',
      'shop/settings/base.py': "SECRET_KEY = 'k'\nDEBUG = False\nALLOWED_HOSTS = ['shop.example']\n",
      'shop/settings/production.py': 'from .base import *\nDEBUG = True\n',
    });
    await git('git', ['add', 'shop/settings/production.py'], { cwd: dir });
    const result = await runCli(['hook', '--format', 'json', 'shop/settings/production.py'], { cwd: dir });
    const report = JSON.parse(result.stdout) as { findings: Array<{ ruleId: string; location: { path: string } }>; target: { settingsModules: string[] } };
    expect(report.target.settingsModules).toContain('shop.settings.production');
    expect(report.findings.length).toBeGreaterThan(0);
    expect(new Set(report.findings.map((f) => f.location.path))).toEqual(new Set(['shop/settings/production.py']));
    // DEBUG = True in production (SET018); SECRET_KEY and ALLOWED_HOSTS come from the unstaged base module, read as context.
    expect(report.findings.some((f) => f.ruleId === 'SET018')).toBe(true);
    expect(report.findings.some((f) => /SECRET_KEY|ALLOWED_HOSTS/.test(JSON.stringify(f)))).toBe(false);
    expect(result.code).toBe(1);
  });

  it('nothing staged: nothing to check, exit 0', async () => {
    const dir = await gitRepo({ 'app/views.py': VULNERABLE_VIEW });
    const result = await runCli(['hook'], { cwd: dir });
    expect(result.code).toBe(0);
  });

  it('takes back exactly the given files, whatever characters their names hold', () => {
    const names = ['a/b.py', 'we[ir]d*.py', '!bang.py', '#hash.py', 'sp ace .py', 'back\\slash.py', 'q?.py'];
    const patterns = narrowingExcludes(names);
    expect(patterns).not.toBeNull();
    const check = ignore().add(patterns!);
    for (const name of names) expect(check.ignores(name), name).toBe(false);
    for (const other of ['a/c.py', 'weird.py', 'bang.py', 'q1.py', 'x/views.py']) expect(check.ignores(other), other).toBe(true);
    for (const context of ['manage.py', 'shop/settings/production.py', 'shop/settings.py', 'requirements.txt', 'app/__init__.py']) expect(check.ignores(context), context).toBe(false);
  });
});
