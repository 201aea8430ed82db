import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY307 eval-used', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY307', path.join(FIXTURES, 'rules/code/eval-used.py'));
  });

  it('lowers confidence for a constant argument', async () => {
    const findings = await runRule('PY307', 'eval("1")\neval(x)\n');
    expect(findings.map((f) => f.confidence ?? 'high')).toEqual(['low', 'high']);
  });
});
