import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY108 hardcoded-tmp-directory', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY108', path.join(FIXTURES, 'rules/code/hardcoded-tmp-directory.py'));
  });

  it('takes its prefixes from tmp_dirs, which replaces the defaults', async () => {
    const source = 'a = "/tmp/x"\nb = "/scratch/x"\nc = "C:\\\\Temp\\\\x"\n';
    expect((await runRule('PY108', source)).map((f) => f.location.startLine)).toEqual([1]);
    expect((await runRule('PY108', source, {}, { tmp_dirs: ['/scratch', 'C:\\Temp'] })).map((f) => f.location.startLine)).toEqual([2, 3]);
    expect(await runRule('PY108', source, {}, { tmp_dirs: [] })).toEqual([]);
  });

  it('names the path and the shared directory', async () => {
    const [finding] = await runRule('PY108', 'EXPORT = "/var/tmp/orders.csv"\n');
    expect(finding!.message).toBe('"/var/tmp/orders.csv" is a fixed path in the shared directory /var/tmp: another local user can create or replace it first');
  });
});
