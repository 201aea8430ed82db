/** `ponyguard fix deps` through the built CLI: dry run, real run (atomic, mode and line endings kept), exit codes. */
import { existsSync } from 'node:fs';
import { chmod, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ADVISORY_DB } from '../../src/deps/advisories/db.js';
import { makeProject, runCli } from '../helpers.js';

const project = {
  'requirements.txt': 'Django==3.2.10  # web\r\ngunicorn==20.0.4\r\n',
  'pyproject.toml': '[project]\nname = "shop"\nversion = "1.0"\ndependencies = ["sqlparse>=0.4.1", "PyYAML==5.3"]\n',
};

describe.skipIf(!existsSync(DEFAULT_ADVISORY_DB))('ponyguard fix deps', () => {
  it('--dry-run prints the plan and writes nothing (exit 1: changes pending)', async () => {
    const dir = await makeProject(project);
    const result = await runCli(['fix', 'deps', dir, '--dry-run']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      [
        'Changes (dry run, nothing written):',
        'pyproject.toml:4  sqlparse>=0.4.1 → sqlparse>=0.4.4',
        'pyproject.toml:4  PyYAML==5.3 → PyYAML==5.4',
        'requirements.txt:1  Django==3.2.10 → Django==3.2.25',
        '',
        'Summary: 3 changes in 2 files not written (dry run).',
        '',
      ].join('\n'),
    );
    expect(result.code).toBe(1);
    for (const [rel, content] of Object.entries(project)) expect(await readFile(path.join(dir, rel), 'utf8')).toBe(content);
  });

  it('rewrites the files atomically, keeping their mode and line endings (exit 0: all applied), then has nothing to do', async () => {
    const dir = await makeProject(project);
    await chmod(path.join(dir, 'requirements.txt'), 0o640);
    const result = await runCli(['fix', 'deps'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Changes written:\n');
    expect(result.stdout).toContain('Summary: 3 changes written in 2 files.\n');
    expect(result.code).toBe(0);
    expect(await readFile(path.join(dir, 'requirements.txt'), 'utf8')).toBe('Django==3.2.25  # web\r\ngunicorn==20.0.4\r\n');
    expect(await readFile(path.join(dir, 'pyproject.toml'), 'utf8')).toBe(
      '[project]\nname = "shop"\nversion = "1.0"\ndependencies = ["sqlparse>=0.4.4", "PyYAML==5.4"]\n',
    );
    expect((await stat(path.join(dir, 'requirements.txt'))).mode & 0o777).toBe(0o640);
    expect((await readdir(dir)).sort()).toEqual(['pyproject.toml', 'requirements.txt']);

    const again = await runCli(['fix', 'deps', dir]);
    expect(again).toMatchObject({ code: 0, stdout: 'Nothing to fix: no pinned dependency is affected by a known advisory.\n' });
  });

  it('exits 1 when lock files must be updated or no fixed version is known, leaving lock files alone', async () => {
    const lock = '{\n  "_meta": {"pipfile-spec": 6},\n  "default": {\n    "django": {"version": "==3.2.10"}\n  },\n  "develop": {}\n}\n';
    const dir = await makeProject({ 'Pipfile.lock': lock, 'requirements.txt': 'pycrypto==2.6.1\n' });
    const result = await runCli(['fix', 'deps', dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('  run: pipenv upgrade django\n');
    expect(result.stdout).toContain('requirements.txt:1  pycrypto 2.6.1: no known release fixes all its advisories; replace the package or mitigate\n');
    expect(result.stdout).toContain('Summary: 1 lock file to update, 1 package not fixed.\n');
    expect(await readFile(path.join(dir, 'Pipfile.lock'), 'utf8')).toBe(lock);
  });

  it('accepts one dependency file as PATH', async () => {
    const dir = await makeProject(project);
    const result = await runCli(['fix', 'deps', path.join(dir, 'requirements.txt')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('Changes written:\nrequirements.txt:1  Django==3.2.10 → Django==3.2.25\n\nSummary: 1 change written in 1 file.\n');
    expect(await readFile(path.join(dir, 'pyproject.toml'), 'utf8')).toBe(project['pyproject.toml']);
  });

  it('exits 2 on usage errors', async () => {
    const dir = await makeProject(project);
    for (const args of [['fix', 'deps', path.join(dir, 'missing')], ['fix', 'deps', dir, '--bogus'], ['fix'], ['fix', 'nothing'], ['fix', 'deps', dir, dir]]) {
      const result = await runCli(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stdout, args.join(' ')).toBe('');
    }
    expect((await runCli(['fix', 'deps', path.join(dir, 'missing')])).stderr).toBe(`ponyguard: error: path not found: ${path.join(dir, 'missing')}\n`);
    const help = await runCli(['fix', 'deps', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: ponyguard fix deps [options] [path]');
    expect(help.stdout).toContain('--dry-run');
    for (const [rel, content] of Object.entries(project)) expect(await readFile(path.join(dir, rel), 'utf8')).toBe(content);
  });
});
