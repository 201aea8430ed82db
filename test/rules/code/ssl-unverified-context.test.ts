import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY323 ssl-unverified-context', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY323', path.join(FIXTURES, 'rules/code/ssl-unverified-context.py'));
  });

  it('reports a call with medium severity and the global monkey-patch with high severity', async () => {
    const source = ['import ssl', 'ctx = ssl._create_unverified_context()', 'ssl._create_default_https_context = ssl._create_unverified_context', ''].join('\n');
    const findings = await runRule('PY323', source);
    expect(findings.map((f) => [f.location.startLine, f.severity ?? 'medium', f.confidence ?? 'high'])).toEqual([
      [2, 'medium', 'high'],
      [3, 'high', 'high'],
    ]);
  });
});
