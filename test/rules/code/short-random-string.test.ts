import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY810 short-random-string', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY810', path.join(FIXTURES, 'rules/code/short-random-string.py'));
  });

  it('is high confidence for a secret, medium for any very short string', async () => {
    const source = [
      'from django.utils.crypto import get_random_string',
      'session_key = get_random_string(12)',
      'slug = get_random_string(4)',
      'slug2 = get_random_string(12)',
    ].join('\n');
    expect((await runRule('PY810', source)).map((f) => [f.location.startLine, f.confidence ?? 'medium'])).toEqual([
      [2, 'high'],
      [3, 'medium'],
    ]);
  });

  it('recognises secret names in camelCase, attributes, subscripts and enclosing function names', async () => {
    const source = [
      'from django.utils.crypto import get_random_string',
      'resetToken = get_random_string(10)',
      'request.session["csrf_nonce"] = get_random_string(10)',
      'def generate_activation_code():',
      '    return "A-" + get_random_string(10)',
      'def generate_name():',
      '    return get_random_string(10)',
    ].join('\n');
    expect((await runRule('PY810', source)).map((f) => f.location.startLine)).toEqual([2, 3, 5]);
  });
});
