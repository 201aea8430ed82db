import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, hits, runRule } from '../../helpers.js';

const MIGRATION = [
  'from django.db import migrations',
  'def create_admin(apps, schema_editor):',
  '    User = apps.get_model("auth", "User")',
  '    User.objects.create_superuser("admin", "admin@example.com", "hunter2hunter2")',
  'class Migration(migrations.Migration):',
  '    operations = [migrations.RunPython(create_admin)]',
].join('\n');

describe('PY809 user-created-with-literal-password', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY809', path.join(FIXTURES, 'rules/code/user-created-with-literal-password.py'));
  });

  it('reports migrations but skips test files', async () => {
    expect(hits(await runRule('PY809', MIGRATION, { path: 'accounts/migrations/0002_admin.py', roles: ['migration'] }))).toEqual([{ code: 'PY809', line: 4 }]);
    expect(await runRule('PY809', MIGRATION, { path: 'accounts/tests/test_admin.py', roles: ['test'] })).toEqual([]);
  });

  it('never shows the password in the message and masks it in the code frame', async () => {
    const [finding] = await runRule('PY809', MIGRATION, { roles: ['migration'] });
    expect(finding!.message).not.toContain('hunter2hunter2');
    expect(finding!.message).toContain('hunt…');
    expect(finding!.redact).toEqual(['hunter2hunter2']);
  });
});

describe('PY809 empty passwords', () => {
  it('ignores the empty password Django hashes to equalise login timing', async () => {
    const source = ['from django.contrib.auth import get_user_model', 'def check(username):', '    get_user_model()().set_password("")'].join('\n');
    expect(await runRule('PY809', source)).toEqual([]);
  });
});
