import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { isSecretName, nonSecretValue } from '../../../src/python/passwords.js';
import { FIXTURES, expectFixture, makeProject, runRule } from '../../helpers.js';

describe('PY105 hardcoded-password-string', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY105', path.join(FIXTURES, 'rules/code/hardcoded-password-string.py'));
  });

  it("matches Bandit's name pattern, minus names that describe a secret", () => {
    for (const name of ['password', 'PASSWORD', 'passwd', 'pwd', 'pass', 'passphrase', 'token', 'secret', 'secrete', 'DB_PASSWORD', 'db_pass', 'api_token', 'SECRET_KEY', 'password_hash', 'client_secret', 'my_password_value']) {
      expect(isSecretName(name), name).toBe(true);
    }
    for (const name of ['password_field', 'token_type', 'PASSWORD_MIN_LENGTH', 'password_reset_url', 'SECRET_NAME', 'TOKEN_EXPIRY', 'AUTH_PASSWORD_VALIDATORS', 'PASSWORD_HASHERS', 'min_password_length']) {
      expect(isSecretName(name), name).toBe(false);
    }
    for (const name of ['passwords', 'mypassword', 'dbPassword', 'api_key', 'tokenizer', 'secretary', 'bypass']) expect(isSecretName(name), name).toBe(false);
  });

  it('keeps placeholder values (weak secrets) and leaves out values that cannot be secrets', () => {
    for (const value of ['changeme', 'password', 'CHANGE_ME', 'hunter2', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', '/9j/4AAQSkZJRg', '$2b$12$abcdefghijklmnopqrstuv', 'correct horse battery staple']) {
      expect(nonSecretValue(value), value).toBeUndefined();
    }
    for (const value of ['', '  ', 'password: {}', 'Token %s', '%(secret)s', '{{ token }}', '${DB_PASSWORD}', 'DB_PASSWORD', 'https://auth.example.com/o/token/', '/reset/', 'Bearer', 'HS256', '****']) {
      expect(nonSecretValue(value), value).toBeDefined();
    }
  });

  it('never shows the secret: the message masks it and the code frame is redacted', async () => {
    const [finding] = await runRule('PY105', 'DB_PASSWORD = "s3cr3t-Pa55word"\n');
    expect(finding!.message).toBe("Possible hard-coded password: 's3cr…' assigned to DB_PASSWORD");
    expect(finding!.redact).toEqual(['s3cr3t-Pa55word']);
    // Masked in every code frame of the file, including other findings' frames.
    const dir = await makeProject({ 'app.py': 'DB_PASSWORD = "s3cr3t-Pa55word"\nassert DB_PASSWORD\n' });
    const { report } = await audit({ path: dir, select: ['PY105', 'PY101'], jobs: 1 });
    expect(report.findings.map((f) => f.ruleId)).toEqual(['PY105', 'PY101']);
    expect(JSON.stringify(report.findings)).not.toContain('s3cr3t-Pa55word');
    expect(report.findings[1]!.excerpt!.lines[0]).toBe('DB_PASSWORD = "s3cr…"');
  });

  it('reports test files with low confidence', async () => {
    const source = 'password = "hunter2"\n';
    expect((await runRule('PY105', source, { path: 'tests/test_login.py', roles: ['test'] }))[0]!.confidence).toBe('low');
    expect((await runRule('PY105', source))[0]!.confidence).toBeUndefined();
  });

  it('leaves SECRET_KEY and Django passwords in settings to SET201/SET218 when they run, as Bandit otherwise', async () => {
    const dir = await makeProject({
      'manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")\n',
      'shop/__init__.py': '',
      'shop/settings.py': [
        'SECRET_KEY = "x7#kq9!zp2@lw8$rv5^mt3&bn6*hc4(fy1)gd0-js+ea"',
        'EMAIL_HOST_PASSWORD = "mail-secret"',
        'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "PASSWORD": "pg-secret"}}',
        'AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"',
        '',
      ].join('\n'),
    });
    const lines = async (select: string[]) =>
      (await audit({ path: dir, select, jobs: 1 })).report.findings.filter((f) => f.ruleId === 'PY105').map((f) => f.location.startLine);
    expect(await lines(['PY'])).toEqual([1, 2, 3, 4]);
    expect(await lines(['PY', 'SET'])).toEqual([4]);
  });
});
