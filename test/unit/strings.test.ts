/** Recognising strings built at run time (src/python/strings.ts), used by the injection rules. */
import { describe, expect, it } from 'vitest';
import { field, walk, type PyNode } from '../../src/python/ast.js';
import type { PythonModule } from '../../src/python/module.js';
import { interpolatedExpressions, isConstantText, stringBuild } from '../../src/python/strings.js';
import { parseModule } from '../helpers.js';

/** The right-hand side of the last `probe = …` assignment in the source. */
async function probe(source: string): Promise<{ module: PythonModule; node: PyNode }> {
  const module = await parseModule(source);
  let node: PyNode | undefined;
  walk(module.root, (n) => {
    const left = n.type === 'assignment' ? field(n, 'left') : undefined;
    if (left && module.text(left) === 'probe') node = field(n, 'right');
  });
  if (!node) throw new Error('no probe assignment');
  return { module, node };
}

const constant = async (source: string): Promise<boolean> => {
  const { module, node } = await probe(source);
  return isConstantText(node, module);
};

const build = async (source: string) => {
  const { module, node } = await probe(source);
  const result = stringBuild(node, module);
  return result && { how: result.how, literalText: result.literalText, dynamic: result.dynamic.map((d) => module.text(d)) };
};

describe('isConstantText', () => {
  it('accepts numbers, booleans and choices between constants', async () => {
    expect(await constant('def f(x):\n    probe = int(x)')).toBe(true);
    expect(await constant('def f(x):\n    probe = builtins.float(x)\nimport builtins')).toBe(true);
    expect(await constant('def f(x):\n    probe = x - 1')).toBe(true);
    expect(await constant('def f(x):\n    probe = -x')).toBe(true);
    expect(await constant('def f(x):\n    probe = x > 3')).toBe(true);
    expect(await constant('def f(x):\n    probe = not x')).toBe(true);
    expect(await constant('def f(x):\n    probe = "DESC" if x else "ASC"')).toBe(true);
    expect(await constant('def f(x):\n    probe = x if x else "ASC"')).toBe(false);
    expect(await constant('def f(x, y):\n    probe = x - y')).toBe(false);
    expect(await constant('def f(x):\n    probe = x / 2')).toBe(false); // pathlib: BASE_DIR / name
  });

  it('accepts interpreter constants and f-strings or formats of constants', async () => {
    expect(await constant('import sys\nprobe = sys.executable')).toBe(true);
    expect(await constant('def f(n):\n    probe = f"LIMIT {n:d}"')).toBe(true);
    expect(await constant('def f(n):\n    probe = "LIMIT %d" % n')).toBe(true);
    expect(await constant('def f(n):\n    probe = "LIMIT {:.2f}".format(n)')).toBe(true);
    expect(await constant('def f(n):\n    probe = "LIMIT %s" % n')).toBe(false);
  });

  it('follows names assigned only constants, in the scope the reference resolves to', async () => {
    expect(await constant('TABLE = "auth_user"\ndef f():\n    probe = TABLE')).toBe(true);
    expect(await constant('def f():\n    t = "a"\n    t += "_b"\n    probe = t')).toBe(true);
    expect(await constant('def f(t):\n    probe = t')).toBe(false);
    expect(await constant('def f(x):\n    t = "a"\n    if x:\n        t = x\n    probe = t')).toBe(false);
    expect(await constant('TABLE = "auth_user"\ndef f(TABLE):\n    probe = TABLE')).toBe(false);
    expect(await constant('def f(rows):\n    for t in rows:\n        probe = t')).toBe(false);
    expect(await constant('from app.sql import TABLE\ndef f():\n    probe = TABLE')).toBe(false);
    expect(await constant('def f():\n    global T\n    T = "x"\n    probe = T')).toBe(false);
    expect(await constant('def f(x):\n    a = b = "x"\n    probe = a + b')).toBe(true);
    expect(await constant('def f(x):\n    a, b = "x", x\n    probe = a')).toBe(false);
    expect(await constant('def f(xs):\n    probe = [t for t in xs]')).toBe(false);
  });
});

describe('interpolatedExpressions', () => {
  it('lists the fields of f-strings, across implicit concatenation', async () => {
    const { module, node } = await probe('def f(a, b):\n    probe = f"<b>{a}</b>" "-" f"{b!r:>4}"');
    expect(interpolatedExpressions(node, module)?.map((e) => module.text(e))).toEqual(['a', 'b']);
    const plain = await probe('probe = "<b>plain</b>"');
    expect(interpolatedExpressions(plain.node, plain.module)).toEqual([]);
  });
});

describe('stringBuild', () => {
  it('recognises str.join() of a literal separator', async () => {
    expect(await build('def f(col, table):\n    probe = " ".join(["SELECT", col, "FROM", table])')).toEqual({
      how: 'join',
      literalText: 'SELECT  FROM ',
      dynamic: ['col', 'table'],
    });
    expect(await build('def f(clauses):\n    probe = " AND ".join(clauses)')).toEqual({ how: 'join', literalText: '', dynamic: ['clauses'] });
    expect(await build('def f(ids):\n    probe = ", ".join(["%s"] * len(ids))')).toBeUndefined();
    expect(await build('def f(a):\n    probe = sep.join([a])')).toBeUndefined();
    expect(await build('def f(a, b):\n    probe = os.path.join(a, b)')).toBeUndefined();
  });

  it('does not count values forced into numbers by their conversion', async () => {
    expect(await build('def f(a, b):\n    probe = "%d and %s" % (a, b)')).toEqual({ how: 'percent', literalText: '%d and %s', dynamic: ['b'] });
    expect(await build('def f(a, b):\n    probe = "%(n)d %(s)s" % {"n": a, "s": b}')).toEqual({ how: 'percent', literalText: '%(n)d %(s)s', dynamic: ['b'] });
    expect(await build('def f(a, b):\n    probe = "{} {:d}".format(b, a)')).toEqual({ how: 'format', literalText: '{} {:d}', dynamic: ['b'] });
    expect(await build('def f(a):\n    probe = "{0:d} {0}".format(a)')).toEqual({ how: 'format', literalText: '{0:d} {0}', dynamic: ['a'] });
    expect(await build('def f(a, b):\n    probe = f"{a:>8} {b:,.2f}"')).toEqual({ how: 'fstring', literalText: ' ', dynamic: ['a'] });
    expect(await build('def f(a):\n    probe = f"{a!r:d}"')).toMatchObject({ dynamic: ['a'] });
    expect(await build('def f(a):\n    probe = "%c" % a')).toMatchObject({ dynamic: ['a'] });
    expect(await build('def f(a, w):\n    probe = "%*d" % (w, a)')).toMatchObject({ dynamic: ['w', 'a'] });
  });
});
