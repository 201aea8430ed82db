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

describe('PY608 refinements: str.join() builds and numeric parts', () => {
  it('recognises SQL assembled with str.join()', async () => {
    const findings = await runRule('PY608', ['def f(cursor, col, table):', '    cursor.execute(" ".join(["SELECT", col, "FROM", table]))', '    q = " ".join(["DELETE FROM", table])', '    return q'].join('\n'));
    expect(findings.map((f) => [f.location.startLine, f.confidence])).toEqual([
      [2, 'medium'],
      [3, 'low'],
    ]);
    expect(findings[0]!.message).toContain('str.join()');
  });

  it('does not report parts that can only be numbers, booleans or constant choices', async () => {
    const source = [
      'def f(cursor, n, price, desc, offset):',
      '    cursor.execute("SELECT * FROM t LIMIT %d" % n)',
      '    cursor.execute(f"SELECT * FROM t WHERE p > {price:.2f} OFFSET {offset - 1}")',
      '    cursor.execute("SELECT * FROM t LIMIT {:d}".format(n))',
      '    cursor.execute(f"SELECT * FROM t WHERE a = {float(price)} AND b = {bool(desc)} ORDER BY a {\'DESC\' if desc else \'ASC\'}")',
      '    cursor.execute("SELECT * FROM t LIMIT %s" % n)',
    ].join('\n');
    expect(hits(await runRule('PY608', source))).toEqual([{ code: 'PY608', line: 6 }]);
  });
});
