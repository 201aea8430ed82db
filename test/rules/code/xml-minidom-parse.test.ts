import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY318 xml-minidom-parse', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY318', path.join(FIXTURES, 'rules/code/xml-minidom-parse.py'));
  });

  it('has low confidence for a constant document, high otherwise', async () => {
    const findings = await runRule('PY318', 'from xml.dom import minidom\nminidom.parseString("<a/>")\nminidom.parseString(data)\nminidom.parse(p)\n');
    expect(findings.map((f) => [f.location.startLine, f.severity ?? 'medium', f.confidence ?? 'high'])).toEqual([
      [2, 'medium', 'low'],
      [3, 'medium', 'high'],
      [4, 'medium', 'high'],
    ]);
  });

  it('never reports defusedxml', async () => {
    const source = 'from defusedxml import minidom\nminidom.parseString(data)\n';
    expect(await runRule('PY318', source)).toEqual([]);
  });
});
