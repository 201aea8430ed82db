import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY610 django-extra-used', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY610', path.join(FIXTURES, 'rules/code/django-extra-used.py'));
  });

  it("keeps Bandit's medium/medium", async () => {
    const findings = await runRule('PY610', 'def f(qs, x):\n    return qs.extra(where=[x])\n');
    expect(findings.map((f) => [f.location.startLine, f.severity ?? 'medium', f.confidence ?? 'medium'])).toEqual([[2, 'medium', 'medium']]);
  });

  it('maps positional arguments as QuerySet.extra() does: select, where, params, tables', async () => {
    const source = ['def f(qs, x):', '    qs.extra(None, None, [x])', '    qs.extra(None, None, None, [x])'].join('\n');
    expect((await runRule('PY610', source)).map((f) => f.location.startLine)).toEqual([3]);
  });
});
