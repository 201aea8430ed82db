import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY611 django-rawsql-used', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY611', path.join(FIXTURES, 'rules/code/django-rawsql-used.py'));
  });

  it("keeps Bandit's medium/medium and names how the SQL is built", async () => {
    const source = ['from django.db.models.expressions import RawSQL', 'def f(x):', '    return RawSQL("a = " + x, [])'].join('\n');
    const findings = await runRule('PY611', source);
    expect(findings.map((f) => [f.location.startLine, f.severity ?? 'medium', f.confidence ?? 'medium'])).toEqual([[3, 'medium', 'medium']]);
    expect(findings[0]!.message).toContain('concatenation');
  });

  it('does not report a parameter assigned a constant only in another function', async () => {
    const source = [
      'from django.db.models.expressions import RawSQL',
      'def g():',
      '    sql = "SELECT 1"',
      '    return sql',
      'def f(sql):',
      '    return RawSQL(sql, [])',
    ].join('\n');
    expect((await runRule('PY611', source)).map((f) => f.location.startLine)).toEqual([6]);
  });
});
