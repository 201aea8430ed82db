import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY701 jinja2-autoescape-false', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY701', path.join(FIXTURES, 'rules/code/jinja2-autoescape-false.py'));
  });

  it('is high/high when autoescape is missing or false, high/medium for another expression (as Bandit)', async () => {
    const source = [
      'from jinja2 import Environment',
      'def f(flag):',
      '    Environment()',
      '    Environment(autoescape=False)',
      '    Environment(autoescape=flag)',
      '    Environment(autoescape=1)',
    ].join('\n');
    const findings = await runRule('PY701', source);
    expect(findings.map((f) => [f.location.startLine, f.severity ?? 'high', f.confidence ?? 'high'])).toEqual([
      [3, 'high', 'high'],
      [4, 'high', 'high'],
      [5, 'high', 'medium'],
    ]);
  });
});
