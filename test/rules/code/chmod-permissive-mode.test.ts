import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY103 chmod-permissive-mode', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY103', path.join(FIXTURES, 'rules/code/chmod-permissive-mode.py'));
  });

  it('is high when others can write, medium for group write and group/other execute (Bandit\'s levels)', async () => {
    const source = ['import os, stat', 'os.chmod(p, 0o777)', 'os.chmod(p, 0o755)', 'os.chmod(p, 0o660)', 'os.chmod(p, stat.S_IRWXU | stat.S_IWOTH)', 'os.chmod(p, 0o710)'].join('\n');
    const findings = await runRule('PY103', source);
    expect(findings.map((f) => [f.location.startLine, f.severity])).toEqual([
      [2, 'high'],
      [3, 'medium'],
      [4, 'medium'],
      [5, 'high'],
      [6, 'medium'],
    ]);
  });

  it('names the mode, the file and what it grants', async () => {
    const [finding] = await runRule('PY103', 'import os\nos.chmod(upload_path, 0o777)\n');
    expect(finding!.message).toBe('chmod() sets mode 0o777 on upload_path: others can write, the group can write, the group can execute, others can execute');
    const [path] = await runRule('PY103', 'from pathlib import Path\nPath(name).chmod(0o755)\n');
    expect(path!.message).toBe('chmod() sets mode 0o755 on Path(name): the group can execute, others can execute');
  });
});
