import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY601 paramiko-exec-command', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY601', path.join(FIXTURES, 'rules/code/paramiko-exec-command.py'));
  });

  it("keeps Bandit's medium/medium for a command built at run time, low severity for a constant", async () => {
    const source = ['import paramiko', 'def f(c, x):', '    c.exec_command("tail " + x)', '    c.exec_command("uptime")'].join('\n');
    const findings = await runRule('PY601', source);
    expect(findings.map((f) => [f.location.startLine, f.severity ?? 'medium', f.confidence ?? 'medium'])).toEqual([
      [3, 'medium', 'medium'],
      [4, 'low', 'medium'],
    ]);
  });

  it('needs a paramiko import somewhere in the module, even below the call', async () => {
    expect(await runRule('PY601', 'def f(c, x):\n    c.exec_command(x)\n')).toEqual([]);
    expect((await runRule('PY601', 'def f(c, x):\n    c.exec_command(x)\nimport paramiko\n')).length).toBe(1);
  });
});
