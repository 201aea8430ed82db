import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY504 ssl-wrap-socket-without-version', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY504', path.join(FIXTURES, 'rules/code/ssl-wrap-socket-without-version.py'));
  });

  it('keeps Bandit\'s low severity and medium confidence', async () => {
    const [finding] = await runRule('PY504', 'import ssl\nssl.wrap_socket(s)\n');
    expect([finding?.severity ?? 'low', finding?.confidence ?? 'medium']).toEqual(['low', 'medium']);
  });

  it('only knows the ssl module\'s function', async () => {
    expect(await runRule('PY504', 'def f(context, s):\n    context.wrap_socket(s)\n')).toEqual([]);
  });
});
