import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, hits, runRule } from '../../helpers.js';

describe('PY609 shell-wildcard-injection', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY609', path.join(FIXTURES, 'rules/code/shell-wildcard-injection.py'));
  });

  it("keeps Bandit's high/medium", async () => {
    const findings = await runRule('PY609', 'import os\nos.system("tar cf x.tar *")\n');
    expect(findings.map((f) => [f.ruleId, f.severity ?? 'high', f.confidence ?? 'medium'])).toEqual([['PY609', 'high', 'medium']]);
  });

  it('reads the shell option', async () => {
    const source = ['import os', 'from myapp.proc import sh', 'sh("chmod 600 *")', 'os.system("chmod 600 *")'].join('\n');
    expect(hits(await runRule('PY609', source, {}, { shell: ['myapp.proc.sh'] }))).toEqual([{ code: 'PY609', line: 3 }]);
  });
});
