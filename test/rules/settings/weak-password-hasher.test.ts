import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/weak-password-hasher');
const run = async (settings: string, env: string[] = []) =>
  (await audit({ path: fixture, select: ['SET208'], jobs: 1, settings: `settings.${settings}`, env })).report.findings;

describe('SET208 weak-password-hasher', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET208', fixture);
  });

  it('is high when a weak hasher hashes new passwords, and the fix puts a strong one first', async () => {
    const [finding] = await run('prod_md5_first');
    expect(finding).toMatchObject({ ruleId: 'SET208', severity: 'high', location: { startLine: 1 } });
    expect(finding!.fix).toBe(
      "In settings/prod_md5_first.py, change line 1 to: PASSWORD_HASHERS = ['django.contrib.auth.hashers.PBKDF2PasswordHasher', 'django.contrib.auth.hashers.MD5PasswordHasher']",
    );
  });

  it('keeps a vendored weak hasher after the strong one it already lists', async () => {
    const [finding] = await run('prod_vendored');
    expect(finding!.severity).toBe('high');
    expect(finding!.fix).toContain("PASSWORD_HASHERS = ['django.contrib.auth.hashers.Argon2PasswordHasher', 'accounts.legacy_hashers.UnsaltedMD5PasswordHasher']");
  });

  it('is low when the weak hasher is only kept to upgrade old hashes', async () => {
    const [finding] = await run('prod_upgrade_only');
    expect(finding).toMatchObject({ severity: 'low', confidence: 'medium', location: { startLine: 1 } });
  });

  it('reports an inherited list in the module that assigns it, and an insecure environment default at the default', async () => {
    const [inherited] = await run('prod_inherited');
    expect(inherited).toMatchObject({ location: { path: 'settings/base.py', startLine: 2 } });
    expect(inherited!.fix).toContain('In settings/prod_inherited.py, add: PASSWORD_HASHERS = (');
    const [envDefault] = await run('prod_env');
    expect(envDefault).toMatchObject({ severity: 'high', confidence: 'medium', location: { startLine: 3 } });
    expect(envDefault!.fix).toBe("Set PRIMARY_HASHER in the production environment, and change the default at settings/prod_env.py:3 to 'django.contrib.auth.hashers.PBKDF2PasswordHasher'.");
    expect(await run('prod_env', ['PRIMARY_HASHER=django.contrib.auth.hashers.PBKDF2PasswordHasher'])).toEqual([]);
  });
});
