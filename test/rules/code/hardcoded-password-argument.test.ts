import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY106 hardcoded-password-argument', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY106', path.join(FIXTURES, 'rules/code/hardcoded-password-argument.py'));
  });

  it('reports at the value, masks it, and lowers confidence in test files', async () => {
    const source = 'connect(user="shop", password="s3cr3t-Pa55")\n';
    const [finding] = await runRule('PY106', source);
    expect(finding).toMatchObject({ message: "Possible hard-coded password: 's3c…' passed as password=", location: { startLine: 1, startColumn: 31 }, redact: ['s3cr3t-Pa55'] });
    expect(finding!.confidence).toBeUndefined();
    expect((await runRule('PY106', source, { path: 'tests/test_db.py', roles: ['test'] }))[0]!.confidence).toBe('low');
  });

  it('does not report keywords that describe a secret, nor values read from the environment', async () => {
    const source = 'Client(token_type="bearer", password_field="password", secret_name="api-key", password=os.environ.get("DB_PASSWORD"), token=env("X"))\n';
    expect(await runRule('PY106', source)).toEqual([]);
  });
});
