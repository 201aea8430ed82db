import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY324 weak-hash-hashlib', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY324', path.join(FIXTURES, 'rules/code/weak-hash-hashlib.py'));
  });

  it('reports hashlib with high/high and crypt with medium/high', async () => {
    const source = ['import crypt, hashlib', 'hashlib.md5(b"x")', 'crypt.mksalt(crypt.METHOD_MD5)', ''].join('\n');
    const findings = await runRule('PY324', source);
    expect(findings.map((f) => [f.location.startLine, f.severity ?? 'high', f.confidence ?? 'high'])).toEqual([
      [2, 'high', 'high'],
      [3, 'medium', 'high'],
    ]);
  });

  it('follows Bandit on usedforsecurity: only an absent or literal True flag is reported', async () => {
    const source = [
      'import hashlib',
      'hashlib.sha1(d, usedforsecurity=True)',
      'hashlib.sha1(d, usedforsecurity=False)',
      'hashlib.sha1(d, usedforsecurity=flag)',
      'hashlib.new("Md5", d, usedforsecurity=True)',
      '',
    ].join('\n');
    expect((await runRule('PY324', source)).map((f) => f.location.startLine)).toEqual([2, 5]);
  });
});
