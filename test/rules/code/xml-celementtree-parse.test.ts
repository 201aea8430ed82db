import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY313 xml-celementtree-parse', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY313', path.join(FIXTURES, 'rules/code/xml-celementtree-parse.py'));
  });

  it('has low confidence for a constant document, high otherwise', async () => {
    const findings = await runRule('PY313', 'import xml.etree.cElementTree as ET\nET.fromstring("<a/>")\nET.fromstring(data)\nET.parse(p)\n');
    expect(findings.map((f) => [f.location.startLine, f.severity ?? 'medium', f.confidence ?? 'high'])).toEqual([
      [2, 'medium', 'low'],
      [3, 'medium', 'high'],
      [4, 'medium', 'high'],
    ]);
  });

  it('never reports defusedxml', async () => {
    const source = 'import defusedxml.cElementTree as ET\nET.fromstring(data)\n';
    expect(await runRule('PY313', source)).toEqual([]);
  });
});
