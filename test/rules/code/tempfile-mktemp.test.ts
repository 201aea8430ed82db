import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, hits, runRule } from '../../helpers.js';

describe('PY306 tempfile-mktemp', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY306', path.join(FIXTURES, 'rules/code/tempfile-mktemp.py'));
  });

  it('resolves a function-local import', async () => {
    const findings = await runRule('PY306', 'def f():\n    from tempfile import mktemp\n    return mktemp()\ndef g():\n    return mktemp()\n');
    expect(hits(findings)).toEqual([{ code: 'PY306', line: 3 }]);
  });
});
