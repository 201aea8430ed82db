import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

const typed = 'try:\n    f()\nexcept KeyError:\n    pass\nexcept (ValueError, OSError) as e:\n    pass\n';

describe('PY110 try-except-pass', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY110', path.join(FIXTURES, 'rules/code/try-except-pass.py'));
  });

  it('reports typed handlers only with check_typed_exception', async () => {
    expect(await runRule('PY110', typed)).toEqual([]);
    expect(await runRule('PY110', typed, {}, { check_typed_exception: false })).toEqual([]);
    expect((await runRule('PY110', typed, {}, { check_typed_exception: true })).map((f) => f.location.startLine)).toEqual([3, 5]);
  });

  it('names the handler in the message', async () => {
    const [finding] = await runRule('PY110', 'try:\n    f()\nexcept Exception as error:\n    pass\n');
    expect(finding!.message).toBe('except Exception: pass silently drops the error; nothing is logged and the code goes on');
  });
});
