import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, hits, runRule } from '../../helpers.js';

describe('PY606 start-process-without-shell', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY606', path.join(FIXTURES, 'rules/code/start-process-without-shell.py'));
  });

  it("keeps Bandit's low severity and medium confidence", async () => {
    const findings = await runRule('PY606', 'import os\nos.execv("/bin/true", ["true"])\n');
    expect(findings.map((f) => [f.severity ?? 'low', f.confidence ?? 'medium'])).toEqual([['low', 'medium']]);
  });

  it('reads the no_shell option', async () => {
    const source = ['import os', 'from myapp.proc import replace_process', 'replace_process("/bin/true")', 'os.execv("/bin/true", ["true"])'].join('\n');
    expect(hits(await runRule('PY606', source, {}, { no_shell: ['myapp.proc.replace_process'] }))).toEqual([{ code: 'PY606', line: 3 }]);
  });
});
