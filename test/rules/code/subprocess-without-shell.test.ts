import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, hits, runRule } from '../../helpers.js';

describe('PY603 subprocess-without-shell', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY603', path.join(FIXTURES, 'rules/code/subprocess-without-shell.py'));
  });

  it('is informational for an all-constant argv, low (Bandit) for anything computed', async () => {
    const source = [
      'import subprocess, sys',
      'def f(path, args):',
      '    subprocess.run(["git", "rev-parse", "HEAD"])',
      '    subprocess.run(("uptime",))',
      '    subprocess.run([sys.executable, "-m", "pip"])',
      '    subprocess.run("uptime")',
      '    subprocess.run(["convert", path, "out.png"])',
      '    subprocess.run(args)',
      '    subprocess.run(**args)',
    ].join('\n');
    const findings = await runRule('PY603', source);
    expect(findings.map((f) => [f.location.startLine, f.severity ?? 'low', f.confidence ?? 'high'])).toEqual([
      [3, 'info', 'high'],
      [4, 'info', 'high'],
      [5, 'info', 'high'],
      [6, 'info', 'high'],
      [7, 'low', 'high'],
      [8, 'low', 'high'],
      [9, 'low', 'high'],
    ]);
  });

  it('reads the subprocess option', async () => {
    const source = ['import subprocess', 'from myapp.proc import launch', 'def f(x):', '    launch([x])', '    subprocess.run([x])'].join('\n');
    expect(hits(await runRule('PY603', source, {}, { subprocess: ['myapp.proc.launch'] }))).toEqual([{ code: 'PY603', line: 4 }]);
  });
});
