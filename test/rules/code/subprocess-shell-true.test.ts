import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, hits, runRule } from '../../helpers.js';

const level = (findings: Awaited<ReturnType<typeof runRule>>) => findings.map((f) => [f.location.startLine, f.severity ?? 'high', f.confidence ?? 'high']);

describe('PY602 subprocess-shell-true', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY602', path.join(FIXTURES, 'rules/code/subprocess-shell-true.py'));
  });

  it('is high severity for a command built at run time, low for a constant one (as Bandit)', async () => {
    const source = [
      'import subprocess',
      'def f(x):',
      '    subprocess.run("ls " + x, shell=True)',
      '    subprocess.run("ls -l", shell=True)',
      '    subprocess.run(["ls", "-l"], shell=True)',
      '    cmd = "uptime"',
      '    subprocess.run(cmd, shell=True)',
    ].join('\n');
    expect(level(await runRule('PY602', source))).toEqual([
      [3, 'high', 'high'],
      [4, 'low', 'high'],
      [5, 'low', 'high'],
      [7, 'low', 'high'],
    ]);
  });

  it('treats a command whose only run-time parts are shlex.quote() results as constant', async () => {
    const source = ['import shlex, subprocess', 'def f(x):', '    subprocess.run("ls -l " + shlex.quote(x), shell=True)'].join('\n');
    expect(level(await runRule('PY602', source))).toEqual([[3, 'low', 'high']]);
  });

  it('counts a non-literal shell= value as a shell with medium confidence', async () => {
    const source = ['import subprocess', 'def f(x, s):', '    subprocess.run(x, shell=s)'].join('\n');
    expect(level(await runRule('PY602', source))).toEqual([[3, 'high', 'medium']]);
  });

  it('reads the subprocess option (Bandit shell_injection), replacing the default list', async () => {
    const source = ['import subprocess', 'from myapp.proc import launch', 'def f(x):', '    launch(x, shell=True)', '    subprocess.run(x, shell=True)'].join('\n');
    expect(hits(await runRule('PY602', source, {}, { subprocess: ['myapp.proc.launch'] }))).toEqual([{ code: 'PY602', line: 4 }]);
  });
});
