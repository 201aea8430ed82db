import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, hits, runRule } from '../../helpers.js';

describe('PY412 import-httpoxy', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY412', path.join(FIXTURES, 'rules/code/import-httpoxy.py'));
  });

  it('reports a name imported from the module, not the module alone', async () => {
    expect(await runRule('PY412', 'import wsgiref.handlers\nfrom wsgiref import handlers\n')).toEqual([]);
    expect(hits(await runRule('PY412', 'import importlib\nimportlib.import_module("wsgiref.handlers")\n'))).toEqual([]);
  });
});
