import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY413 import-pycrypto', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY413', path.join(FIXTURES, 'rules/code/import-pycrypto.py'));
  });

  it('is quiet in a file that imports something only PyCryptodome has', async () => {
    const padding = ['from Crypto.Cipher import AES', 'from Crypto.Util.Padding import pad'].join('\n');
    expect(await runRule('PY413', padding)).toEqual([]);
    const chacha = ['from Crypto.Cipher import AES, ChaCha20_Poly1305', 'from Crypto.Random import get_random_bytes'].join('\n');
    expect(await runRule('PY413', chacha)).toEqual([]);
    const ecc = 'from Crypto.PublicKey import ECC, RSA\n';
    expect(await runRule('PY413', ecc)).toEqual([]);
  });
});
