import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject, runRule } from '../../helpers.js';

describe('PY605 start-process-with-shell', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY605', path.join(FIXTURES, 'rules/code/start-process-with-shell.py'));
  });

  it('is high severity for a command built at run time, low for a constant one', async () => {
    const source = ['import os', 'def f(x):', '    os.system("rm -rf " + x)', '    os.system("uptime")', '    os.popen("ls -l %d" % int(x))'].join('\n');
    const findings = await runRule('PY605', source);
    expect(findings.map((f) => [f.location.startLine, f.severity ?? 'high', f.confidence ?? 'high'])).toEqual([
      [3, 'high', 'high'],
      [4, 'low', 'high'],
      [5, 'low', 'high'],
    ]);
  });

  it('takes its shell list from [options.PY605] in .ponyguard.toml, replacing the defaults', async () => {
    const dir = await makeProject({
      '.ponyguard.toml': '[options.PY605]\nshell = ["myapp.shell.run_shell"]\n',
      'myapp/__init__.py': '',
      'myapp/views.py': ['import os', 'from myapp.shell import run_shell', '', 'def f(x):', '    run_shell(x)', '    os.system(x)', ''].join('\n'),
    });
    const { report } = await audit({ path: dir, jobs: 1, select: ['PY605'] });
    expect(report.errors).toEqual([]);
    expect(report.findings.map((f) => `${f.ruleId} ${f.location.path}:${f.location.startLine}`)).toEqual(['PY605 myapp/views.py:5']);
  });

  it("takes Bandit's shell_injection block too", async () => {
    const dir = await makeProject({
      'pyproject.toml': '[tool.bandit.shell_injection]\nshell = ["myapp.shell.run_shell"]\n',
      'myapp/__init__.py': '',
      'myapp/views.py': ['import os', 'from myapp.shell import run_shell', '', 'def f(x):', '    run_shell(x)', '    os.system(x)', ''].join('\n'),
    });
    const { report } = await audit({ path: dir, jobs: 1, select: ['PY605'] });
    expect(report.findings.map((f) => f.location.startLine)).toEqual([5]);
  });
});
