import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, hits, makeProject, runRule } from '../../helpers.js';

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

describe('PY106 next to PY809 (user-created-with-literal-password)', () => {
  const SOURCE = [
    'from django.contrib.auth.hashers import make_password',
    'def seed(User, user):',
    '    User.objects.create_user("bob", password="changeme-2024", api_token="tok_live_51H8")',
    '    user.set_password(raw_password="s3cr3t-Pa55")',
    '    return make_password(password="seedpass")',
    '',
  ].join('\n');

  it('leaves the password of an account to PY809 when both are enabled, and reports the other keywords', async () => {
    const dir = await makeProject({ 'app/seed.py': SOURCE });
    const { report } = await audit({ path: dir, select: ['PY106', 'PY809'], jobs: 1 });
    expect(hits(report.findings)).toEqual([
      { code: 'PY106', line: 3 },
      { code: 'PY809', line: 3 },
      { code: 'PY809', line: 4 },
      { code: 'PY809', line: 5 },
    ]);
    expect(report.findings.find((f) => f.ruleId === 'PY106')!.message).toContain('api_token=');
  });

  it('reports those passwords itself when PY809 is not selected (select B106)', async () => {
    const dir = await makeProject({ 'app/seed.py': SOURCE });
    const { report } = await audit({ path: dir, select: ['B106'], jobs: 1 });
    expect(hits(report.findings)).toEqual([
      { code: 'PY106', line: 3 },
      { code: 'PY106', line: 3 },
      { code: 'PY106', line: 4 },
      { code: 'PY106', line: 5 },
    ]);
  });

  it('reports them in test files, which PY809 skips', async () => {
    const dir = await makeProject({ 'tests/test_seed.py': SOURCE });
    const { report } = await audit({ path: dir, select: ['PY106', 'PY809'], jobs: 1 });
    expect(hits(report.findings).map((hit) => hit.code)).toEqual(['PY106', 'PY106', 'PY106', 'PY106']);
  });
});
