import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, hits, runRule } from '../../helpers.js';

describe('PY704 markupsafe-markup-non-literal', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY704', path.join(FIXTURES, 'rules/code/markupsafe-markup-non-literal.py'));
  });

  it("keeps Bandit's medium/high", async () => {
    const findings = await runRule('PY704', 'from markupsafe import Markup\ndef f(x):\n    return Markup(x)\n');
    expect(findings.map((f) => [f.location.startLine, f.severity ?? 'medium', f.confidence ?? 'high'])).toEqual([[3, 'medium', 'high']]);
  });

  it('reads extend_markup_names and allowed_calls', async () => {
    const source = [
      'from markupsafe import Markup',
      'from webhelpers.html import literal',
      'from myapp.html import sanitize',
      'def f(x):',
      '    literal(x)',
      '    Markup(sanitize(x))',
      '    Markup(x)',
    ].join('\n');
    expect(hits(await runRule('PY704', source))).toEqual([{ code: 'PY704', line: 7 }, { code: 'PY704', line: 6 }].sort((a, b) => a.line - b.line));
    const options = { extend_markup_names: ['webhelpers.html.literal'], allowed_calls: ['myapp.html.sanitize'] };
    expect(hits(await runRule('PY704', source, {}, options)).map((h) => h.line)).toEqual([5, 7]);
  });
});
