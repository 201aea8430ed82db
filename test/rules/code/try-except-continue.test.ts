import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

const typed = 'for x in xs:\n    try:\n        f(x)\n    except KeyError:\n        continue\n';

describe('PY112 try-except-continue', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY112', path.join(FIXTURES, 'rules/code/try-except-continue.py'));
  });

  it('reports typed handlers only with check_typed_exception', async () => {
    expect(await runRule('PY112', typed)).toEqual([]);
    expect((await runRule('PY112', typed, {}, { check_typed_exception: true })).map((f) => f.location.startLine)).toEqual([4]);
  });
});
