import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY319 xml-pulldom-parse', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY319', path.join(FIXTURES, 'rules/code/xml-pulldom-parse.py'));
  });

  it('has low confidence for a constant document, high otherwise', async () => {
    const findings = await runRule('PY319', 'from xml.dom import pulldom\npulldom.parseString("<a/>")\npulldom.parseString(data)\npulldom.parse(p)\n');
    expect(findings.map((f) => [f.location.startLine, f.severity ?? 'medium', f.confidence ?? 'high'])).toEqual([
      [2, 'medium', 'low'],
      [3, 'medium', 'high'],
      [4, 'medium', 'high'],
    ]);
  });

  it('never reports defusedxml', async () => {
    const source = 'from defusedxml import pulldom\npulldom.parseString(data)\n';
    expect(await runRule('PY319', source)).toEqual([]);
  });
});
