import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY102 exec-used', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY102', path.join(FIXTURES, 'rules/code/exec-used.py'));
  });

  it('lowers confidence for a constant argument', async () => {
    const findings = await runRule('PY102', 'exec("x = 1")\nexec(code)\n');
    expect(findings.map((f) => f.confidence ?? 'high')).toEqual(['low', 'high']);
  });
});
