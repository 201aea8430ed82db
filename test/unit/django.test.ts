/** Django and DRF knowledge shared by the PY8xx rules (src/python/django.ts). */
import { describe, expect, it } from 'vitest';
import { walk, type PyNode } from '../../src/python/ast.js';
import type { PythonModule } from '../../src/python/module.js';
import { classLineage, describeView, httpMethods, isTranslatedLiteral, requestParameter } from '../../src/python/django.js';
import { localClass } from '../../src/python/scope.js';
import { parseModule } from '../helpers.js';

function definition(module: PythonModule, name: string): PyNode {
  let found: PyNode | undefined;
  walk(module.root, (n) => {
    if ((n.type === 'function_definition' || n.type === 'class_definition') && module.definitionName(n) === name) found = n;
  });
  if (!found) throw new Error(`no definition ${name}`);
  return found;
}

describe('views', () => {
  const SOURCE = [
    'from django.views import generic',
    'from rest_framework.decorators import api_view',
    'def index(request): pass',
    'def helper(data): pass',
    '@api_view(["POST"])',
    'def hook(req): pass',
    'class Orders(generic.View):',
    '    def get(self, req): pass',
    '    @classmethod',
    '    def build(cls, request): pass',
    'class Plain:',
    '    def get(self, req): pass',
  ].join('\n');

  it('names the request parameter after self or cls', async () => {
    const module = await parseModule(SOURCE);
    expect(requestParameter(definition(module, 'index'), module)).toBe('request');
    expect(requestParameter(definition(module, 'build'), module)).toBe('request');
    expect(requestParameter(definition(module, 'helper'), module)).toBe('data');
  });

  it('recognises views by their request parameter, decorator, class or module', async () => {
    const module = await parseModule(SOURCE);
    expect(describeView(definition(module, 'index'), module, false)).toBe('view `index` (it takes the request)');
    expect(describeView(definition(module, 'hook'), module, false)).toBe('API view `hook`');
    const orders = localClass(module, 'Orders')!;
    let method: PyNode | undefined;
    walk(orders, (n) => {
      if (n.type === 'function_definition' && module.definitionName(n) === 'get') method = n;
    });
    expect(describeView(method!, module, false)).toBe('method `Orders.get` of a class-based view');
    expect(describeView(definition(module, 'helper'), module, false)).toBeUndefined();
    expect(describeView(definition(module, 'helper'), module, true)).toBe('`helper` in a views module');
  });
});

describe('classLineage', () => {
  it('follows base classes defined in the file to the imported ones', async () => {
    const module = await parseModule(
      [
        'from rest_framework import generics, viewsets',
        'class Owned(generics.GenericAPIView): pass',
        'class Loop(Loop): pass',
        'class Orders(Owned, viewsets.ModelViewSet): pass',
      ].join('\n'),
    );
    const lineage = classLineage(localClass(module, 'Orders')!, module);
    expect(lineage.classes.map((c) => module.definitionName(c))).toEqual(['Orders', 'Owned']);
    expect(lineage.external).toEqual(['rest_framework.generics.GenericAPIView', 'rest_framework.viewsets.ModelViewSet']);
    expect(classLineage(localClass(module, 'Loop')!, module).external).toEqual([]);
  });
});

describe('literals', () => {
  async function expression(source: string): Promise<{ module: PythonModule; node: PyNode }> {
    const module = await parseModule(source);
    const statement = module.root.children.at(-1)!;
    return { module, node: statement.children[0]! };
  }

  it('reads HTTP method lists', async () => {
    const list = await expression('["get", "Post", 1]');
    expect(httpMethods(list.node, list.module)).toEqual(['GET', 'POST']);
    const name = await expression('methods');
    expect(httpMethods(name.node, name.module)).toBeUndefined();
  });

  it('recognises translations of literal text', async () => {
    const literal = await expression('from django.utils.translation import gettext as _\n_("Hello")');
    expect(isTranslatedLiteral(literal.node, literal.module)).toBe(true);
    const variable = await expression('from django.utils.translation import gettext as _\n_(name)');
    expect(isTranslatedLiteral(variable.node, variable.module)).toBe(false);
  });
});
