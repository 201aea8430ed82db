import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY317 xml-sax-parse', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY317', path.join(FIXTURES, 'rules/code/xml-sax-parse.py'));
  });

  it('has low confidence for a constant document, high otherwise', async () => {
    const findings = await runRule('PY317', 'import xml.sax\nxml.sax.parseString("<a/>")\nxml.sax.parseString(data)\nxml.sax.parse(p, h)\n');
    expect(findings.map((f) => [f.location.startLine, f.severity ?? 'medium', f.confidence ?? 'high'])).toEqual([
      [2, 'medium', 'low'],
      [3, 'medium', 'high'],
      [4, 'medium', 'high'],
    ]);
  });

  it('never reports defusedxml', async () => {
    const source = 'import defusedxml.sax\ndefusedxml.sax.parseString(data)\n';
    expect(await runRule('PY317', source)).toEqual([]);
  });
});
