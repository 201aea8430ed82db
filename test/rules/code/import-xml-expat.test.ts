import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, hits, runRule } from '../../helpers.js';

describe('PY407 import-xml-expat', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY407', path.join(FIXTURES, 'rules/code/import-xml-expat.py'));
  });

  it('is quiet for module imports when the file calls defusedxml.defuse_stdlib()', async () => {
    const source = ['import defusedxml', 'from xml.dom import expatbuilder', 'from xml.dom.expatbuilder import parse', 'defusedxml.defuse_stdlib()'].join('\n');
    expect(hits(await runRule('PY407', source))).toEqual([{ code: 'PY407', line: 3 }]);
  });
});
