import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, hits, runRule } from '../../helpers.js';

describe('PY703 mark-safe-non-literal', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY703', path.join(FIXTURES, 'rules/code/mark-safe-non-literal.py'));
  });

  it('resolves mark_safe through import aliases only', async () => {
    const source = [
      'from markupsafe import Markup as mark_safe',
      'def f(x):',
      '    return mark_safe(x)',
    ].join('\n');
    expect(await runRule('PY703', source)).toEqual([]);
  });

  it('resolves a module-level alias of the imported function', async () => {
    const source = ['from django.utils.safestring import mark_safe', 'safe = mark_safe', 'def f(x):', '    return safe(x)'].join('\n');
    expect(hits(await runRule('PY703', source))).toEqual([{ code: 'PY703', line: 4 }]);
  });

  it('treats function-local imports as scoped to their function', async () => {
    const source = [
      'def f(x):',
      '    from django.utils.safestring import mark_safe',
      '    return mark_safe(x)',
      'def g(x):',
      '    return mark_safe(x)',
    ].join('\n');
    expect(hits(await runRule('PY703', source))).toEqual([{ code: 'PY703', line: 3 }]);
  });
});
