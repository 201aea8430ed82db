import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY107 hardcoded-password-default', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY107', path.join(FIXTURES, 'rules/code/hardcoded-password-default.py'));
  });

  it('names the parameter, masks the value, and lowers confidence in test files', async () => {
    const source = 'def connect(host, password="admin-pass"):\n    pass\n';
    const [finding] = await runRule('PY107', source);
    expect(finding).toMatchObject({ message: "Possible hard-coded password: 'adm…' as the default of parameter password", location: { startLine: 1, startColumn: 28 } });
    expect((await runRule('PY107', source, { path: 'tests/conftest.py', roles: ['test'] }))[0]!.confidence).toBe('low');
  });

  it('does not report None, empty, numeric or descriptive defaults', async () => {
    const source = 'def f(password=None, token="", pwd=0, token_length=32, token_type="bearer", password_field="password"):\n    pass\n';
    expect(await runRule('PY107', source)).toEqual([]);
  });
});
