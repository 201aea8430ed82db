import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, hits, runRule } from '../../helpers.js';

describe('PY811 unsafe-deserialization-in-view', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('PY811', path.join(FIXTURES, 'rules/code/unsafe-deserialization-in-view'));
  });

  it('treats every function of a views module as a view', async () => {
    const source = ['import pickle', 'def helper(blob):', '    return pickle.loads(blob)'].join('\n');
    expect(await runRule('PY811', source, { path: 'shop/utils.py', roles: [] })).toEqual([]);
    expect(hits(await runRule('PY811', source, { path: 'shop/views.py', roles: ['views'] }))).toEqual([{ code: 'PY811', line: 3 }]);
  });

  it('accepts a yaml safe loader by any import path', async () => {
    const source = [
      'import yaml',
      'from yaml import CSafeLoader',
      'def v(request):',
      '    yaml.load(request.body, CSafeLoader)',
      '    yaml.load_all(request.body, Loader=yaml.BaseLoader)',
      '    yaml.unsafe_load(request.body)',
    ].join('\n');
    expect(hits(await runRule('PY811', source))).toEqual([{ code: 'PY811', line: 6 }]);
  });
});
