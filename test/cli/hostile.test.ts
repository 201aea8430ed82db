/**
 * Hostile inputs: each broken file is reported in `errors` with its path and the reason, and every other file's
 * findings are still reported. Runs the built CLI, so the worker pool is exercised too.
 */
import { chmod, readdir, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, runCli } from '../helpers.js';

const finding = (name: string) => `def ${name}(cursor, q):\n    cursor.execute("SELECT a FROM b WHERE c = %s" % q)\n`;

interface JsonReport {
  findings: Array<{ ruleId: string; location: { path: string; startLine: number } }>;
  errors: Array<{ path: string; line: number | null; message: string }>;
  stats: { files: number; pythonFiles: number };
}

async function makeReadableByAll(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) await makeReadableByAll(full);
    else await chmod(full, 0o644);
  }
}

describe('hostile files', () => {
  it('reports each broken file and keeps every other finding', async () => {
    const filler: Record<string, string> = {};
    for (let i = 0; i < 40; i++) filler[`pkg/mod${i}.py`] = i % 10 === 0 ? finding(`f${i}`) : `X_${i} = ${i}\n`;
    const dir = await makeProject({
      ...filler,
      'good.py': finding('good'),
      'syntax_error.py': `${finding('before')}\ndef broken(:\n    pass\n`,
      'invalid_utf8.py': Buffer.concat([Buffer.from('name = "'), Buffer.from([0xc3, 0x28]), Buffer.from('"\n')]),
      'binary.py': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0xff, 0xfe]),
      'unreadable.py': finding('hidden'),
      'big.py': `# generated\n${'DATA = "0123456789"\n'.repeat(1_100_000)}`,
      'app/real.py': finding('real'),
    });
    await symlink('loop.py', path.join(dir, 'loop.py'));
    await symlink('..', path.join(dir, 'app', 'parent'));
    expect((await stat(path.join(dir, 'big.py'))).size).toBeGreaterThan(20 * 1024 * 1024);
    await makeReadableByAll(dir);
    await chmod(path.join(dir, 'unreadable.py'), 0o000);
    // Root reads any file whatever its mode, so as root the scan runs as `nobody`, for whom the mode counts.
    const asRoot = process.getuid?.() === 0;
    const result = await runCli(['scan', dir, '--format', 'json'], asRoot ? { uid: 65534, gid: 65534, cwd: '/' } : {});
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    const errors = Object.fromEntries(report.errors.map((e) => [e.path, e]));
    expect(Object.keys(errors).sort()).toEqual(['app/parent', 'big.py', 'binary.py', 'invalid_utf8.py', 'loop.py', 'syntax_error.py', 'unreadable.py']);
    expect(errors['syntax_error.py']).toMatchObject({ line: 4, message: expect.stringMatching(/^syntax error at line 4, column \d+/) as unknown });
    expect(errors['invalid_utf8.py']).toMatchObject({ line: 1, message: expect.stringMatching(/not valid UTF-8 \(byte 0xc3 at line 1\)/) as unknown });
    expect(errors['binary.py']?.message).toMatch(/binary file \(contains NUL bytes\)/);
    expect(errors['unreadable.py']?.message).toBe('cannot read file: permission denied');
    expect(errors['loop.py']?.message).toBe('cannot read file: symbolic link loop');
    expect(errors['app/parent']?.message).toMatch(/symbolic link loop/);
    expect(errors['big.py']?.message).toMatch(/file too large \(2\d(\.\d)? MB; the limit is 10 MB\), not scanned/);

    const found = report.findings.map((f) => `${f.location.path}:${f.location.startLine}`).sort();
    expect(found).toEqual(['app/real.py:2', 'good.py:2', 'pkg/mod0.py:2', 'pkg/mod10.py:2', 'pkg/mod20.py:2', 'pkg/mod30.py:2', 'syntax_error.py:2']);
    expect(report.stats.pythonFiles).toBe(43); // 40 + good + syntax_error + app/real
  });

  it('lists errors in the text output too', async () => {
    const dir = await makeProject({ 'ok.py': finding('ok'), 'bad.py': Buffer.from([0x00, 0x01]) });
    const result = await runCli(['scan', dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Errors \(1\)[^\n]*\n {2}bad\.py:1 {2}binary file/);
    expect(result.stdout).toContain('1 error');
  });

  it('gives the same findings with the worker pool and inline', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) files[`m/f${i}.py`] = i % 3 === 0 ? finding(`f${i}`) : 'x = 1\n';
    // A settings module travels back from the worker as a syntax tree for the project rules.
    files['cfg/__init__.py'] = '';
    files['cfg/settings/__init__.py'] = '';
    files['cfg/settings/base.py'] = 'DEBUG = True\n';
    files['cfg/settings/production.py'] = 'from .base import *  # noqa\n';
    const dir = await makeProject(files);
    const pooled = JSON.parse((await runCli(['scan', dir, '--format', 'json', '--jobs', '2', '--select', 'PY608,SET018'])).stdout) as JsonReport;
    const inline = JSON.parse((await runCli(['scan', dir, '--format', 'json', '--jobs', '1', '--select', 'PY608,SET018'])).stdout) as JsonReport;
    expect(pooled.findings).toEqual(inline.findings);
    expect(pooled.findings).toHaveLength(21);
    expect(pooled.findings.filter((f) => f.ruleId === 'SET018').map((f) => f.location.path)).toEqual(['cfg/settings/base.py']);
  });

  it('scans a single file given on the command line', async () => {
    const dir = await makeProject({ 'a.py': finding('a'), 'b.py': finding('b') });
    await writeFile(path.join(dir, 'c.py'), 'x = 1\n');
    const report = JSON.parse((await runCli(['scan', path.join(dir, 'a.py'), '--format', 'json'])).stdout) as JsonReport;
    expect(report.findings.map((f) => f.location.path)).toEqual(['a.py']);
    expect(report.stats.files).toBe(1);
  });
});
