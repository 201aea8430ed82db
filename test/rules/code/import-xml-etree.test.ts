import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, hits, runRule } from '../../helpers.js';

describe('PY405 import-xml-etree', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY405', path.join(FIXTURES, 'rules/code/import-xml-etree.py'));
  });

  it('is quiet for module imports when the file calls defusedxml.defuse_stdlib()', async () => {
    const source = [
      'import defusedxml',
      'import xml.etree.ElementTree as ET',
      'from xml.etree.ElementTree import fromstring',
      'defusedxml.defuse_stdlib()',
    ].join('\n');
    // fromstring was bound before the patch: still the stdlib parser.
    expect(hits(await runRule('PY405', source))).toEqual([{ code: 'PY405', line: 3 }]);
  });

  it('reports a statement importing both modules once', async () => {
    expect(hits(await runRule('PY405', 'import xml.etree.ElementTree, xml.etree.cElementTree\n'))).toEqual([{ code: 'PY405', line: 1 }]);
  });
});
