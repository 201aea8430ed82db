import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY305 ecb-cipher-mode', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY305', path.join(FIXTURES, 'rules/code/ecb-cipher-mode.py'));
  });

  it('does not report the PyCrypto mode constant, which is not a call', async () => {
    expect(await runRule('PY305', 'from Crypto.Cipher import AES\nAES.new(k, AES.MODE_ECB)\n')).toEqual([]);
  });
});
