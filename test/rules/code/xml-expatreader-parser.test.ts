import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY315 xml-expatreader-parser', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY315', path.join(FIXTURES, 'rules/code/xml-expatreader-parser.py'));
  });

  it('reports with the default medium severity and high confidence', async () => {
    const findings = await runRule('PY315', 'from xml.sax import expatreader\nexpatreader.create_parser()\n');
    expect(findings.map((f) => [f.location.startLine, f.severity ?? 'medium', f.confidence ?? 'high'])).toEqual([[2, 'medium', 'high']]);
  });

  it('never reports defusedxml', async () => {
    expect(await runRule('PY315', 'from defusedxml import expatreader\nexpatreader.create_parser()\n')).toEqual([]);
  });
});
