import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { secretFileKind } from '../../../src/rules/secrets/secret-file-tracked.js';
import { FIXTURES, expectFixture } from '../../helpers.js';
import { commit, initRepo } from '../../secrets/git.js';

const fixture = path.join(FIXTURES, 'rules/secrets/secret-file-tracked');
const made: string[] = [];

async function repository(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ponyguard-tracked-'));
  made.push(dir);
  await cp(fixture, dir, { recursive: true });
  initRepo(dir);
  commit(dir, 'initial', '2025-03-01T10:00:00Z');
  // Untracked: not SEC008's (SEC009 judges whether it is ignored).
  await writeFile(path.join(dir, '.env.local'), 'TOKEN=x\n');
  return dir;
}

afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

describe('SEC008 secret-file-tracked', () => {
  it('reports exactly the annotated tracked files of its fixture repository', async () => {
    await expectFixture('SEC008', await repository());
  });

  it('shows no code frame of the secret file, and is silent outside a git work tree', async () => {
    const dir = await repository();
    const { report } = await audit({ path: dir, select: ['SEC008'], jobs: 1 });
    expect(report.findings.every((f) => f.excerpt === undefined)).toBe(true);
    expect(JSON.stringify(report)).not.toContain('not-shown');
    const plain = await mkdtemp(path.join(os.tmpdir(), 'ponyguard-untracked-'));
    made.push(plain);
    await cp(fixture, plain, { recursive: true });
    expect((await audit({ path: plain, select: ['SEC008'], jobs: 1 })).report.findings).toEqual([]);
  });

  it('knows secret files by name and leaves templates, public keys and test data alone', () => {
    for (const secret of ['.env', 'deploy/.env.production', 'prod.env', 'shop/local_settings.py', 'shop/settings/local.py', 'id_rsa', 'certs/site.key', 'certs/site.pem', 'gcp/service-account-prod.json', 'client_secret_123.json', '.pgpass', 'db.sqlite3']) {
      expect(secretFileKind(secret), secret).toBeDefined();
    }
    for (const fine of ['.env.example', '.env.sample', '.env.template', 'local_settings.py.example', 'id_rsa.pub', 'certs/fullchain.pem', 'tests/fixtures/server.key', 'settings.py', 'package.json']) {
      expect(secretFileKind(fine), fine).toBeUndefined();
    }
  });
});
