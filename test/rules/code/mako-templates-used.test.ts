import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY702 mako-templates-used', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY702', path.join(FIXTURES, 'rules/code/mako-templates-used.py'));
  });

  it("keeps Bandit's medium/high", async () => {
    const findings = await runRule('PY702', 'from mako.template import Template\nTemplate("${x}")\n');
    expect(findings.map((f) => [f.ruleId, f.severity ?? 'medium', f.confidence ?? 'high'])).toEqual([['PY702', 'medium', 'high']]);
  });
});
