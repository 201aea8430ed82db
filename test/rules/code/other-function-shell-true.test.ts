import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, hits, runRule } from '../../helpers.js';

describe('PY604 other-function-shell-true', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY604', path.join(FIXTURES, 'rules/code/other-function-shell-true.py'));
  });

  it('is medium/low as Bandit, low severity for a constant command', async () => {
    const source = ['def f(c, x):', '    c.run(x, shell=True)', '    c.run("ls -l", shell=True)'].join('\n');
    const findings = await runRule('PY604', source);
    expect(findings.map((f) => [f.location.startLine, f.severity ?? 'medium', f.confidence ?? 'low'])).toEqual([
      [2, 'medium', 'low'],
      [3, 'low', 'low'],
    ]);
  });

  it('leaves the functions of the subprocess option to PY602', async () => {
    const source = ['import subprocess', 'from myapp.proc import launch', 'def f(x):', '    launch(x, shell=True)', '    subprocess.run(x, shell=True)'].join('\n');
    expect(hits(await runRule('PY604', source))).toEqual([{ code: 'PY604', line: 4 }]);
    expect(hits(await runRule('PY604', source, {}, { subprocess: ['myapp.proc.launch'] }))).toEqual([{ code: 'PY604', line: 5 }]);
  });
});
