import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, hits, runRule } from '../../helpers.js';

describe('PY304 weak-cipher', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY304', path.join(FIXTURES, 'rules/code/weak-cipher.py'));
  });

  it('reports with high severity, as Bandit does', async () => {
    const findings = await runRule('PY304', 'from Crypto.Cipher import DES\nDES.new(k)\n');
    expect(findings.map((f) => [f.location.startLine, f.severity ?? 'high', f.confidence ?? 'high'])).toEqual([[2, 'high', 'high']]);
  });

  it('covers the algorithms moved to cryptography.hazmat.decrepit', async () => {
    const findings = await runRule('PY304', 'from cryptography.hazmat.decrepit.ciphers import algorithms\nalgorithms.TripleDES(k)\nalgorithms.AES(k)\n');
    expect(hits(findings)).toEqual([{ code: 'PY304', line: 2 }]);
  });
});
