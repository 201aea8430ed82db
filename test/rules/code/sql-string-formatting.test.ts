import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, hits, runRule } from '../../helpers.js';

describe('PY608 sql-string-formatting', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY608', path.join(FIXTURES, 'rules/code/sql-string-formatting.py'));
  });

  it('is medium confidence when the SQL reaches execute(), low elsewhere', async () => {
    const findings = await runRule(
      'PY608',
      [
        'def f(cursor, x):',
        '    cursor.execute("SELECT a FROM b WHERE c = %s" % x)',
        '    q = "SELECT a FROM b WHERE c = " + x',
        '    return q',
      ].join('\n'),
    );
    expect(findings.map((f) => [f.location.startLine, f.confidence])).toEqual([
      [2, 'medium'],
      [3, 'low'],
    ]);
  });

  it('follows a variable to execute() in the same function and records the trace', async () => {
    const findings = await runRule('PY608', ['def f(cursor, x):', '    sql = "SELECT a FROM b WHERE c = %s" % x', '    cursor.execute(sql)'].join('\n'));
    expect(hits(findings)).toEqual([{ code: 'PY608', line: 2 }]);
    expect(findings[0]!.trace?.map((step) => step.line)).toEqual([2, 3]);
  });

  it('does not follow a variable assigned after the call or in another function', async () => {
    const findings = await runRule(
      'PY608',
      [
        'def g(x):',
        '    sql = "x" + x',
        'def f(cursor, x):',
        '    cursor.execute(sql)',
        '    sql = "y" + x',
      ].join('\n'),
    );
    expect(findings).toEqual([]);
  });

  it('counts str.replace() builds as low confidence even inside execute(), like Bandit', async () => {
    const findings = await runRule('PY608', 'def f(c, x):\n    c.execute("SELECT a FROM b WHERE c = ?".replace("?", x))\n');
    expect(findings.map((f) => f.confidence)).toEqual(['low']);
  });

  it('carries the Bandit alias', async () => {
    const findings = await runRule('PY608', 'def f(c, x):\n    c.execute("SELECT 1 FROM t WHERE a = %s" % x)\n');
    expect(findings[0]!.ruleId).toBe('PY608');
  });
});

describe('PY608 confidence on Django-specific sinks', () => {
  it('treats Manager.raw() like execute() and quoted identifiers as low confidence', async () => {
    const findings = await runRule(
      'PY608',
      [
        'def f(cursor, Model, x, t):',
        '    Model.objects.raw("SELECT * FROM a WHERE b = \'%s\'" % x)',
        '    cursor.execute("SELECT COUNT(*) FROM %s" % connection.ops.quote_name(t))',
      ].join('\n'),
    );
    expect(findings.map((f) => [f.location.startLine, f.confidence])).toEqual([
      [2, 'medium'],
      [3, 'low'],
    ]);
    expect(findings[0]!.message).toContain('raw()');
  });
});
