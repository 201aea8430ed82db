import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, hits, runRule } from '../../helpers.js';

describe('PY507 ssh-host-key-auto-accept', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY507', path.join(FIXTURES, 'rules/code/ssh-host-key-auto-accept.py'));
  });

  it('reports an unresolved policy name only in a file that imports paramiko', async () => {
    const call = 'def f(ssh):\n    ssh.set_missing_host_key_policy(AutoAddPolicy())\n';
    expect(await runRule('PY507', call)).toEqual([]);
    expect(hits(await runRule('PY507', `${call}import paramiko\n`))).toEqual([{ code: 'PY507', line: 2 }]);
  });

  it('ignores policies of other libraries, and keeps Bandit\'s high severity and medium confidence', async () => {
    expect(await runRule('PY507', 'from sshlib import AutoAddPolicy\nc.set_missing_host_key_policy(AutoAddPolicy())\n')).toEqual([]);
    const [finding] = await runRule('PY507', 'import paramiko\nc.set_missing_host_key_policy(paramiko.AutoAddPolicy())\n');
    expect([finding?.severity ?? 'high', finding?.confidence ?? 'medium']).toEqual(['high', 'medium']);
  });
});
