import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, hits, runRule } from '../../helpers.js';

describe('PY301 pickle-deserialization', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY301', path.join(FIXTURES, 'rules/code/pickle-deserialization.py'));
  });

  it('reports with the default medium severity and high confidence', async () => {
    const findings = await runRule('PY301', 'import pickle\npickle.loads(data)\n');
    expect(findings.map((f) => [f.location.startLine, f.severity ?? 'medium', f.confidence ?? 'high'])).toEqual([[2, 'medium', 'high']]);
  });

  it('follows a module-level alias of the function', async () => {
    const findings = await runRule('PY301', 'import pickle\nload = pickle.load\ndef f(h):\n    return load(h)\n');
    expect(hits(findings)).toEqual([{ code: 'PY301', line: 4 }]);
  });
});
