import { describe, expect, it } from 'vitest';
import { walk, type PyNode } from '../../src/python/ast.js';
import type { PythonModule } from '../../src/python/module.js';
import { parseModule } from '../helpers.js';

function calls(module: PythonModule): PyNode[] {
  const out: PyNode[] = [];
  walk(module.root, (n) => {
    if (n.type === 'call') out.push(n);
  });
  return out;
}

async function qualifiedCalls(source: string, moduleName = 'shop.views', isPackage = false): Promise<Array<string | null>> {
  const module = await parseModule(source, moduleName, isPackage);
  return calls(module).map((c) => module.qualifiedName(c));
}

describe('qualified names', () => {
  it('resolves imports, aliases and attribute chains', async () => {
    const source = [
      'import os',
      'import os.path as osp',
      'import xml.etree.ElementTree',
      'from django.utils.safestring import mark_safe as ms',
      'from django.utils import html',
      'os.system("x")',
      'osp.join("a")',
      'xml.etree.ElementTree.parse("f")',
      'ms("x")',
      'html.escape("x")',
      'eval("1")',
      'unknown_local("x")',
    ].join('\n');
    expect(await qualifiedCalls(source)).toEqual([
      'os.system',
      'os.path.join',
      'xml.etree.ElementTree.parse',
      'django.utils.safestring.mark_safe',
      'django.utils.html.escape',
      'eval',
      null,
    ]);
  });

  it('resolves relative imports from the module identity', async () => {
    const source = ['from . import views', 'from .models import Product', 'from ..core.db import run', 'views.index()', 'Product()', 'run()'].join('\n');
    expect(await qualifiedCalls(source, 'shop.catalog.urls')).toEqual(['shop.catalog.views.index', 'shop.catalog.models.Product', 'shop.core.db.run']);
    expect(await qualifiedCalls('from .models import Product\nProduct()\n', 'shop.catalog', true)).toEqual(['shop.catalog.models.Product']);
  });

  it('scopes function-local imports and lets locals shadow imports', async () => {
    const source = [
      'from subprocess import call',
      'def a():',
      '    import pickle',
      '    pickle.loads(b"")',
      'def b(call):',
      '    call()',
      'def c():',
      '    pickle.loads(b"")',
      '    call()',
    ].join('\n');
    expect(await qualifiedCalls(source)).toEqual(['pickle.loads', null, null, 'subprocess.call']);
  });

  it('follows module-level aliases of imported names', async () => {
    expect(await qualifiedCalls('import subprocess\nrun = subprocess.Popen\nrun("ls")\n')).toEqual(['subprocess.Popen']);
  });

  it('does not treat a shadowed builtin as the builtin', async () => {
    expect(await qualifiedCalls('open = lambda p: p\nopen("x")\n')).toEqual([null]);
  });
});

describe('helpers', () => {
  it('finds arguments by position and keyword', async () => {
    const module = await parseModule('f(1, 2, key="v", *rest)\n');
    const call = calls(module)[0]!;
    expect(module.positionalArgs(call).map((a) => module.text(a))).toEqual(['1', '2']);
    expect(module.text(module.argument(call, 0, 'key')!)).toBe('"v"');
    expect(module.text(module.argument(call, 1)!)).toBe('2');
  });

  it('names decorators through imports', async () => {
    const module = await parseModule(
      'from django.views.decorators.csrf import csrf_exempt\nimport functools\n@csrf_exempt\n@functools.lru_cache(maxsize=1)\ndef view(request):\n    pass\n',
    );
    let definition: PyNode | undefined;
    walk(module.root, (n) => {
      if (n.type === 'function_definition') definition = n;
    });
    expect(module.decoratorNames(definition!)).toEqual(['django.views.decorators.csrf.csrf_exempt', 'functools.lru_cache']);
    expect(module.definitionName(definition!)).toBe('view');
  });

  it('gives the enclosing function and class', async () => {
    const module = await parseModule('class V:\n    def get(self):\n        return f()\n');
    const call = calls(module)[0]!;
    expect(module.definitionName(module.enclosingFunction(call)!)).toBe('get');
    expect(module.definitionName(module.enclosingClass(call)!)).toBe('V');
  });

  it('spans whole statements and compound headers for suppressions', async () => {
    const module = await parseModule(['x = call(', '    a,', '    b,', ')', '@decorate', 'def f(', '    arg=g(),', '):', '    pass', 'if h():', '    pass'].join('\n'));
    const [first, inner, h] = calls(module);
    expect(module.statementLines(first!)).toEqual([1, 4]);
    expect(module.statementLines(inner!)).toEqual([5, 9]);
    expect(module.statementLines(h!)).toEqual([10, 11]);
  });

  it('returns comments on a line', async () => {
    const module = await parseModule('x = 1  # nosec\n');
    expect(module.commentsOn(1).map((c) => c.text)).toEqual(['# nosec']);
    expect(module.commentsOn(2)).toEqual([]);
  });
});

describe('literal evaluation', () => {
  const value = async (expression: string) => {
    const module = await parseModule(`x = ${expression}\n`);
    let right: PyNode | undefined;
    walk(module.root, (n) => {
      if (n.type === 'assignment') right = n.children.find((c) => c.field === 'right');
    });
    return module.literal(right!);
  };

  it('evaluates constants and containers', async () => {
    expect(await value('0o755')).toEqual({ kind: 'int', value: 493 });
    expect(await value('0x1_F')).toEqual({ kind: 'int', value: 31 });
    expect(await value('-2.5')).toEqual({ kind: 'float', value: -2.5 });
    expect(await value('True')).toEqual({ kind: 'bool', value: true });
    expect(await value('None')).toEqual({ kind: 'none' });
    expect(await value('("a", 1)')).toEqual({ kind: 'tuple', items: [{ kind: 'str', value: 'a' }, { kind: 'int', value: 1 }] });
    expect(await value('{"k": [1]}')).toEqual({ kind: 'dict', entries: [[{ kind: 'str', value: 'k' }, { kind: 'list', items: [{ kind: 'int', value: 1 }] }]] });
  });

  it('decodes string escapes, raw strings, bytes and concatenation', async () => {
    expect(await value(String.raw`"a\tb\x41\u00e9\101"`)).toEqual({ kind: 'str', value: 'a\tbAéA' });
    expect(await value(String.raw`r"\d+"`)).toEqual({ kind: 'str', value: String.raw`\d+` });
    expect(await value(String.raw`b"\x00\n"`)).toEqual({ kind: 'bytes', value: '\x00\n' });
    expect(await value('"abc" "def"')).toEqual({ kind: 'str', value: 'abcdef' });
    expect(await value('"a" + "b"')).toEqual({ kind: 'str', value: 'ab' });
    expect(await value('"""multi\nline"""')).toEqual({ kind: 'str', value: 'multi\nline' });
    expect(await value('f"no fields {{x}}"')).toEqual({ kind: 'str', value: 'no fields {x}' });
  });

  it('refuses non-constants', async () => {
    for (const expression of ['name', 'f"{name}"', 'call()', '[1, name]', '"a" + name', '1j']) {
      expect(await value(expression), expression).toBeUndefined();
    }
  });
});
