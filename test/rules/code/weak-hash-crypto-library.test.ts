import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, hits, runRule } from '../../helpers.js';

describe('PY303 weak-hash-crypto-library', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY303', path.join(FIXTURES, 'rules/code/weak-hash-crypto-library.py'));
  });

  it('matches the Cryptodome package name as well as Crypto', async () => {
    const findings = await runRule('PY303', 'from Cryptodome.Hash import MD4, SHA512\nMD4.new()\nSHA512.new()\n');
    expect(hits(findings)).toEqual([{ code: 'PY303', line: 2 }]);
  });
});
