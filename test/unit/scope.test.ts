/** Names and scopes within one file (src/python/scope.ts): parameters, assigned values, classes. */
import { describe, expect, it } from 'vitest';
import { walk, type PyNode } from '../../src/python/ast.js';
import type { PythonModule } from '../../src/python/module.js';
import {
  assignedValues,
  baseClasses,
  classAssignments,
  classMethods,
  isParameter,
  knownValues,
  localClass,
  methodClass,
  parameterNames,
  topLevelDefinition,
  valuesBefore,
} from '../../src/python/scope.js';
import { parseModule } from '../helpers.js';

/** The module and the last identifier `probe` in it (a reference). */
async function probe(source: string): Promise<{ module: PythonModule; node: PyNode }> {
  const module = await parseModule(source);
  let node: PyNode | undefined;
  walk(module.root, (n) => {
    if (n.type === 'identifier' && module.text(n) === 'probe') node = n;
  });
  if (!node) throw new Error('no probe reference');
  return { module, node };
}

const texts = (module: PythonModule, nodes: ReadonlyArray<PyNode | null> | undefined) => nodes?.map((v) => (v ? module.text(v) : null));

describe('assignedValues and knownValues', () => {
  it('exposes the values a name is assigned in the scope the reference resolves to', async () => {
    const { module, node } = await probe('def f(x):\n    probe = "a"\n    probe = x\n    return probe');
    expect(texts(module, assignedValues(node, module))).toEqual(['"a"', 'x']);
    expect(texts(module, knownValues(node, module))).toEqual(['"a"', 'x']);
  });

  it('marks bindings of unknown value, which knownValues refuses', async () => {
    const { module, node } = await probe('def f(probe):\n    probe = "a"\n    return probe');
    expect(texts(module, assignedValues(node, module))).toEqual([null, '"a"']);
    expect(knownValues(node, module)).toBeUndefined();
    const loop = await probe('def f(xs):\n    for probe in xs:\n        pass\n    return probe');
    expect(knownValues(loop.node, loop.module)).toBeUndefined();
  });

  it('falls back to the enclosing function, then the module', async () => {
    const outer = await probe('def f():\n    probe = "a"\n    def g():\n        return probe\n    return g');
    expect(texts(outer.module, knownValues(outer.node, outer.module))).toEqual(['"a"']);
    const global = await probe('probe = "a"\ndef f():\n    return probe');
    expect(texts(global.module, knownValues(global.node, global.module))).toEqual(['"a"']);
    const unbound = await probe('def f():\n    return probe');
    expect(assignedValues(unbound.node, unbound.module)).toBeUndefined();
  });
});

describe('valuesBefore', () => {
  it('keeps the assignments before the reference in its own function', async () => {
    const { module, node } = await probe('probe = "m"\ndef f(x):\n    probe = "a"\n    probe += x\n    use(probe)\n    probe = "late"');
    expect(texts(module, valuesBefore(node, module))).toEqual(['"a"', 'x']);
  });

  it('is empty outside functions and for names the function does not assign', async () => {
    const top = await probe('probe = "m"\nuse(probe)');
    expect(valuesBefore(top.node, top.module)).toEqual([]);
    const global = await probe('probe = "m"\ndef f():\n    use(probe)');
    expect(valuesBefore(global.node, global.module)).toEqual([]);
  });
});

describe('parameters', () => {
  it('lists names without *args and **kwargs, and recognises every parameter', async () => {
    const module = await parseModule('def f(self, request, *args, page: int = 1, size=2, flag: bool, **kwargs):\n    pass');
    const fn = module.root.children[0]!;
    expect(parameterNames(fn, module)).toEqual(['self', 'request', 'page', 'size', 'flag']);
    expect(isParameter(fn, 'kwargs', module)).toBe(true);
    expect(isParameter(fn, 'args', module)).toBe(true);
    expect(isParameter(fn, 'other', module)).toBe(false);
  });
});

describe('classes', () => {
  const SOURCE = [
    'from django.views import generic',
    'class Base(generic.View, metaclass=Meta):',
    '    fields = "a"',
    '    fields = "__all__"',
    '    @decorator',
    '    def get(self, request):',
    '        def helper():',
    '            pass',
    '    def post(self, request):',
    '        pass',
    'def Base2():',
    '    pass',
    'class Child(Base):',
    '    pass',
  ].join('\n');

  it('finds the methods, attributes and bases of a class', async () => {
    const module = await parseModule(SOURCE);
    const base = localClass(module, 'Base')!;
    expect(baseClasses(base).map((b) => module.text(b))).toEqual(['generic.View']);
    expect(classMethods(base).map((m) => module.definitionName(m))).toEqual(['get', 'post']);
    expect(classAssignments(base, 'fields', module).map((a) => module.text(a))).toEqual(['fields = "a"', 'fields = "__all__"']);
    const [get] = classMethods(base);
    expect(methodClass(get!)).toBe(base);
    let helper: PyNode | undefined;
    walk(get!, (n) => {
      if (n.type === 'function_definition' && module.definitionName(n) === 'helper') helper = n;
    });
    expect(methodClass(helper!)).toBeUndefined();
  });

  it('looks up module-level definitions by name', async () => {
    const module = await parseModule(SOURCE);
    expect(topLevelDefinition(module, 'Base2')?.type).toBe('function_definition');
    expect(topLevelDefinition(module, 'Child')).toBe(localClass(module, 'Child'));
    expect(localClass(module, 'Base2')).toBeUndefined();
    expect(localClass(module, 'generic')).toBeUndefined();
  });
});
