import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, hits, runRule } from '../../helpers.js';

describe('PY607 start-process-partial-path', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY607', path.join(FIXTURES, 'rules/code/start-process-partial-path.py'));
  });

  it("keeps Bandit's low/high and never fires on an absolute path or a variable", async () => {
    const source = ['import subprocess', 'def f(exe):', '    subprocess.run(["git"])', '    subprocess.run(["/usr/bin/git"])', '    subprocess.run([exe])'].join('\n');
    const findings = await runRule('PY607', source);
    expect(findings.map((f) => [f.location.startLine, f.severity ?? 'low', f.confidence ?? 'high'])).toEqual([[3, 'low', 'high']]);
  });

  it('checks the names of all three shell_injection options', async () => {
    const source = ['from myapp.proc import launch, shell, spawn', 'launch(["git"])', 'shell("git status")', 'spawn("git")'].join('\n');
    const options = { subprocess: ['myapp.proc.launch'], shell: ['myapp.proc.shell'], no_shell: ['myapp.proc.spawn'] };
    expect(hits(await runRule('PY607', source, {}, options)).map((h) => h.line)).toEqual([2, 3, 4]);
  });
});
