/** Bandit's configuration files, read when ponyguard has none (or given with --bandit-config). */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { banditFromTable, banditIds, excludePatterns } from '../../src/config/bandit.js';
import { audit } from '../../src/engine/scan.js';
import { makeProject, runCli } from '../helpers.js';

const code = {
  'app/__init__.py': '',
  'app/views.py': 'import subprocess\n\ndef f(x):\n    return eval(x)  # nosec B307\n\ndef g(x):\n    return eval(x)\n',
  'app/tests/__init__.py': '',
  'app/tests/helpers.py': 'import subprocess\n',
  'app/contests.py': 'import subprocess\n',
  'tests/test_x.py': 'import subprocess\n',
};

const found = async (dir: string, extra: Record<string, unknown> = {}) =>
  (await audit({ path: dir, jobs: 1, select: ['PY'], ...extra })).report.findings.map((f) => `${f.ruleId} ${f.location.path}:${f.location.startLine}`).sort();

describe('Bandit configuration', () => {
  it('reads skips and exclude_dirs from [tool.bandit] in pyproject.toml, with exclude_dirs as path prefixes', async () => {
    const dir = await makeProject({ ...code, 'pyproject.toml': '[tool.bandit]\nskips = ["B307"]\nexclude_dirs = ["tests", "./app/tests/"]\n' });
    // `tests` excludes the top-level tests/ folder only, not app/contests.py (Bandit's substring bug) nor app/tests/.
    expect(await found(dir)).toEqual(['PY404 app/contests.py:1', 'PY404 app/views.py:1']);
  });

  it('reads tests (a Bandit allow-list) without switching off rules Bandit does not have', async () => {
    const dir = await makeProject({ ...code, 'settings.py': 'DEBUG = True\n', '.bandit': '[bandit]\ntests = B307\n' });
    const report = (await audit({ path: dir, jobs: 1 })).report;
    const codes = [...new Set(report.findings.map((f) => f.ruleId))].sort();
    expect(codes).toContain('PY307');
    expect(codes).not.toContain('PY404');
    expect(codes).toContain('SET018');
  });

  it('reads .bandit INI files with exclude, skips by name, level and ignore-nosec', async () => {
    const dir = await makeProject({ ...code, '.bandit': '[bandit]\nskips = import_subprocess\nexclude = app/tests,tests\nlevel = MEDIUM\nignore-nosec = true\n' });
    expect(await found(dir)).toEqual(['PY307 app/views.py:4', 'PY307 app/views.py:7']);
  });

  it('reads a YAML file given with --bandit-config, even when ponyguard has its own configuration', async () => {
    const dir = await makeProject({
      ...code,
      '.ponyguard.toml': 'ignore = ["PY608"]\n',
      'ci/bandit.yaml': 'skips: [B404]\nexclude_dirs:\n  - app/tests\nhardcoded_tmp_directory:\n  tmp_dirs: ["/scratch"]\n',
    });
    const result = await runCli(['scan', dir, '--bandit-config', path.join(dir, 'ci/bandit.yaml'), '--format', 'json', '--select', 'PY']);
    const report = JSON.parse(result.stdout) as { findings: Array<{ ruleId: string; location: { path: string } }> };
    expect(report.findings.map((f) => `${f.ruleId} ${f.location.path}`).sort()).toEqual(['PY307 app/views.py']);
  });

  it('reports broken Bandit files with exit 2, naming the file', async () => {
    const dir = await makeProject({ ...code, 'bad.yaml': 'skips: [B404\n', 'both.yaml': 'tests: [B404]\nskips: [B404]\n' });
    const bad = await runCli(['scan', dir, '--bandit-config', path.join(dir, 'bad.yaml')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.yaml:\d+: invalid YAML/);
    const both = await runCli(['scan', dir, '--bandit-config', path.join(dir, 'both.yaml')]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('Bandit tests and skips both list B404');
  });

  it('translates names, B001 and per-plugin blocks', () => {
    expect(banditIds(['assert_used', 'B602'])).toEqual(['B101', 'B602']);
    expect(banditIds(['B001'])).toContain('B307');
    expect(banditIds(['B001'])).toContain('B415');
    expect(banditIds(['B001'])).not.toContain('B324');
    expect(excludePatterns(['tests', './app/tests/', '*/migrations/*', '/abs'])).toEqual(['/tests', '/app/tests', '*/migrations/*', '/abs']);
    const settings = banditFromTable({ shell_injection: { no_shell: ['os.execl'] }, try_except_pass: { check_typed_exception: true } }, 'x.yaml');
    expect(settings.ruleOptions['PY606']).toEqual({ no_shell: ['os.execl'] });
    expect(settings.ruleOptions['PY110']).toEqual({ check_typed_exception: true });
  });

  it('honours Bandit test names in # nosec comments', async () => {
    const dir = await makeProject({ 'a.py': 'x = eval(y)  # nosec eval\nz = eval(y)  # nosec exec_used\n' });
    expect(await found(dir)).toEqual(['PY307 a.py:2']);
  });
});
