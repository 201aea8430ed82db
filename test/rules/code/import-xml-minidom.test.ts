import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, hits, runRule } from '../../helpers.js';

describe('PY408 import-xml-minidom', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY408', path.join(FIXTURES, 'rules/code/import-xml-minidom.py'));
  });

  it('is quiet for module imports when the file calls defusedxml.defuse_stdlib()', async () => {
    const source = ['import defusedxml', 'from xml.dom import minidom', 'from xml.dom.minidom import parseString', 'defusedxml.defuse_stdlib()'].join('\n');
    expect(hits(await runRule('PY408', source))).toEqual([{ code: 'PY408', line: 3 }]);
  });
});
