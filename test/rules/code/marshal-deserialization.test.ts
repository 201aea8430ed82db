import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY302 marshal-deserialization', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY302', path.join(FIXTURES, 'rules/code/marshal-deserialization.py'));
  });

  it('reports with the default severity and confidence', async () => {
    const findings = await runRule('PY302', 'import marshal\nmarshal.load(f)\nmarshal.dump(c, f)\n');
    expect(findings.map((f) => [f.location.startLine, f.severity ?? 'medium', f.confidence ?? 'high'])).toEqual([[2, 'medium', 'high']]);
  });
});
