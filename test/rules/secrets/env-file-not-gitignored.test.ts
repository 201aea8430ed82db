import { appendFile, cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture } from '../../helpers.js';
import { commit, initRepo } from '../../secrets/git.js';

const fixture = path.join(FIXTURES, 'rules/secrets/env-file-not-gitignored');
const made: string[] = [];

async function repository(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ponyguard-ignored-'));
  made.push(dir);
  await cp(fixture, dir, { recursive: true });
  initRepo(dir);
  commit(dir, 'initial', '2025-03-01T10:00:00Z', ['.gitignore', '.env.example']);
  return dir;
}

afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

describe('SEC009 env-file-not-gitignored', () => {
  it('reports the .gitignore of a repository whose .env is not ignored (its fixture)', async () => {
    await expectFixture('SEC009', await repository());
  });

  it('is silent once .gitignore excludes .env, and for ignored variants', async () => {
    const dir = await repository();
    await appendFile(path.join(dir, '.gitignore'), '.env\n.env.*\n!.env.example\n');
    await writeFile(path.join(dir, '.env.production'), 'TOKEN=x\n');
    expect((await audit({ path: dir, select: ['SEC009'], jobs: 1 })).report.findings).toEqual([]);
  });

  it('reports the .env itself when there is no .gitignore, and nothing outside git', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ponyguard-noignore-'));
    made.push(dir);
    await writeFile(path.join(dir, '.env'), 'TOKEN=x\n');
    await writeFile(path.join(dir, 'app.py'), 'X = 1\n');
    expect((await audit({ path: dir, select: ['SEC009'], jobs: 1 })).report.findings).toEqual([]);
    initRepo(dir);
    commit(dir, 'initial', '2025-03-01T10:00:00Z', ['app.py']);
    const { report } = await audit({ path: dir, select: ['SEC009'], jobs: 1 });
    expect(report.findings.map((f) => [f.location.path, f.location.startLine])).toEqual([['.env', 1]]);
    expect(report.findings[0]!.excerpt).toBeUndefined();
  });
});
