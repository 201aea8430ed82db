import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, hits, runRule } from '../../helpers.js';

describe('PY403 import-pickle', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY403', path.join(FIXTURES, 'rules/code/import-pickle.py'));
  });

  it('reports a statement importing two pickle modules once', async () => {
    expect(hits(await runRule('PY403', 'import pickle, dill\n'))).toEqual([{ code: 'PY403', line: 1 }]);
  });

  it('keeps Bandit\'s severity and confidence', async () => {
    const [finding] = await runRule('PY403', 'import shelve\n');
    expect([finding?.severity ?? 'low', finding?.confidence ?? 'high']).toEqual(['low', 'high']);
  });
});
