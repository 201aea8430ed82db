import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY812 signed-token-without-max-age', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY812', path.join(FIXTURES, 'rules/code/signed-token-without-max-age.py'));
  });

  it('is medium confidence for signing.loads and high for a TimestampSigner', async () => {
    const source = [
      'from django.core import signing',
      'def f(token):',
      '    signing.loads(token)',
      '    signing.TimestampSigner().unsign(token)',
    ].join('\n');
    expect((await runRule('PY812', source)).map((f) => [f.location.startLine, f.confidence ?? 'medium'])).toEqual([
      [3, 'medium'],
      [4, 'high'],
    ]);
  });

  it('does not trust a name that may hold another signer', async () => {
    const source = [
      'from django.core.signing import Signer, TimestampSigner',
      'def f(token, timed):',
      '    signer = Signer()',
      '    if timed:',
      '        signer = TimestampSigner()',
      '    return signer.unsign(token)',
    ].join('\n');
    expect(await runRule('PY812', source)).toEqual([]);
  });
});
