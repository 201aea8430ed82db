import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, hits, runRule } from '../../helpers.js';

describe('PY406 import-xml-sax', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY406', path.join(FIXTURES, 'rules/code/import-xml-sax.py'));
  });

  it('is quiet for module imports when the file calls defusedxml.defuse_stdlib()', async () => {
    const source = ['from defusedxml import defuse_stdlib', 'import xml.sax', 'from xml.sax import parseString', 'defuse_stdlib()'].join('\n');
    expect(hits(await runRule('PY406', source))).toEqual([{ code: 'PY406', line: 3 }]);
  });

  it('looks at every module of an import statement, not only the first', async () => {
    expect(hits(await runRule('PY406', 'import xml.sax.saxutils, xml.sax\n'))).toEqual([{ code: 'PY406', line: 1 }]);
  });
});
