import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, hits, runRule } from '../../helpers.js';

describe('PY804 template-from-string', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY804', path.join(FIXTURES, 'rules/code/template-from-string.py'));
  });

  it('rates confidence by where the source comes from', async () => {
    const source = [
      'from django.template import Template',
      'def f(request, obj, path):',
      '    Template("{% load i18n %}" + obj.body)',
      '    Template(request.GET["t"])',
      '    Template(obj.body)',
      '    Template(open(path).read())',
    ].join('\n');
    expect((await runRule('PY804', source)).map((f) => [f.location.startLine, f.confidence ?? 'medium'])).toEqual([
      [3, 'high'],
      [4, 'high'],
      [5, 'medium'],
      [6, 'low'],
    ]);
  });

  it('follows a name to the value it holds in the function, then the module', async () => {
    const source = [
      'from django.template import Template',
      'SRC = "<b>{{ x }}</b>"',
      'def f(x):',
      '    Template(SRC)',
      'def g(x):',
      '    SRC = x',
      '    Template(SRC)',
      'def h(items):',
      '    for SRC in items:',
      '        Template(SRC)',
    ].join('\n');
    expect(hits(await runRule('PY804', source))).toEqual([
      { code: 'PY804', line: 7 },
      { code: 'PY804', line: 10 },
    ]);
  });
});

describe('PY804 constant templates formatted with literals', () => {
  it('does not report a module constant formatted with literal values', async () => {
    const source = [
      'from django.template import Engine',
      'PAGE = "<h1>%(title)s</h1><p>%(details)s</p>"',
      'def not_found(request):',
      '    return Engine().from_string(PAGE % {"title": "Not Found", "details": "Nothing here."})',
      'def custom(request, title):',
      '    return Engine().from_string(PAGE % {"title": title, "details": "x"})',
    ].join('\n');
    expect(hits(await runRule('PY804', source))).toEqual([{ code: 'PY804', line: 6 }]);
  });
});
