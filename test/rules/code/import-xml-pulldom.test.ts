import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, hits, runRule } from '../../helpers.js';

describe('PY409 import-xml-pulldom', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY409', path.join(FIXTURES, 'rules/code/import-xml-pulldom.py'));
  });

  it('is quiet for module imports when the file calls defusedxml.defuse_stdlib()', async () => {
    const source = ['from defusedxml import defuse_stdlib', 'import xml.dom.pulldom', 'defuse_stdlib()'].join('\n');
    expect(hits(await runRule('PY409', source))).toEqual([]);
  });
});
