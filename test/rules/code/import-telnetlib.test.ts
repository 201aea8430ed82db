import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, hits, runRule } from '../../helpers.js';

describe('PY401 import-telnetlib', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY401', path.join(FIXTURES, 'rules/code/import-telnetlib.py'));
  });

  it('reports one finding for a statement importing several Telnet modules', async () => {
    expect(hits(await runRule('PY401', 'import telnetlib, telnetlib3\n'))).toEqual([{ code: 'PY401', line: 1 }]);
  });
});
