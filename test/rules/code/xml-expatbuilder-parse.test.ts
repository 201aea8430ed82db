import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY316 xml-expatbuilder-parse', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY316', path.join(FIXTURES, 'rules/code/xml-expatbuilder-parse.py'));
  });

  it('has low confidence for a constant document, high otherwise', async () => {
    const findings = await runRule('PY316', 'from xml.dom import expatbuilder\nexpatbuilder.parseString("<a/>")\nexpatbuilder.parseString(data)\nexpatbuilder.parse(p)\n');
    expect(findings.map((f) => [f.location.startLine, f.severity ?? 'medium', f.confidence ?? 'high'])).toEqual([
      [2, 'medium', 'low'],
      [3, 'medium', 'high'],
      [4, 'medium', 'high'],
    ]);
  });

  it('never reports defusedxml', async () => {
    const source = 'from defusedxml import expatbuilder\nexpatbuilder.parseString(data)\n';
    expect(await runRule('PY316', source)).toEqual([]);
  });
});
