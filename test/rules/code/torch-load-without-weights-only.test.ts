import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY614 torch-load-without-weights-only', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY614', path.join(FIXTURES, 'rules/code/torch-load-without-weights-only.py'));
  });

  it("keeps Bandit's medium/high, medium confidence for a non-literal weights_only", async () => {
    const source = ['import torch', 'def f(p, w):', '    torch.load(p)', '    torch.load(p, weights_only=w)'].join('\n');
    const findings = await runRule('PY614', source);
    expect(findings.map((f) => [f.location.startLine, f.severity ?? 'medium', f.confidence ?? 'high'])).toEqual([
      [3, 'medium', 'high'],
      [4, 'medium', 'medium'],
    ]);
  });
});
