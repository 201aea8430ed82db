/** Loading the database file (src/deps/advisories/db.ts): errors are values, and the index is by package. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ADVISORY_DB, loadAdvisoryDb } from '../../../src/deps/advisories/db.js';
import { REPO_ROOT, dbOf, osv } from './helpers.js';

async function tempFile(content: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ponyguard-advisories-'));
  const file = path.join(dir, 'advisories.json');
  await writeFile(file, content);
  return file;
}

describe('loadAdvisoryDb', () => {
  it('defaults to data/advisories.json at the package root', () => {
    expect(DEFAULT_ADVISORY_DB).toBe(path.join(REPO_ROOT, 'data', 'advisories.json'));
  });

  it('loads a database and indexes it by package', async () => {
    const { byPackage: _, ...file } = dbOf([osv('PYSEC-1', [[{ introduced: '0' }]]), osv('PYSEC-2', [[{ introduced: '0' }]], [], { name: 'Other_Pkg' })]);
    const result = await loadAdvisoryDb(await tempFile(JSON.stringify(file)));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect([...result.db.byPackage.keys()].sort()).toEqual(['demo', 'other-pkg']);
    expect(result.db.byPackage.get('demo')?.map((e) => e.advisory.id)).toEqual(['PYSEC-1']);
  });

  it('reports a missing file as an error value', async () => {
    const file = path.join(os.tmpdir(), 'ponyguard-no-such-dir', 'advisories.json');
    const result = await loadAdvisoryDb(file);
    expect(result).toMatchObject({ ok: false, error: { kind: 'missing', file } });
    expect(!result.ok && result.error.message).toMatch(/no advisory database at .*build-advisories/);
  });

  it('reports a damaged file or another format as invalid', async () => {
    expect(await loadAdvisoryDb(await tempFile('{"meta":'))).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    const other = await loadAdvisoryDb(await tempFile('{"meta":{"format":2},"advisories":[],"djangoReleases":[]}'));
    expect(other).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    expect(!other.ok && other.error.message).toMatch(/format 2; this ponyguard reads format 1/);
    expect(await loadAdvisoryDb(await tempFile('[]'))).toMatchObject({ ok: false, error: { kind: 'invalid' } });
  });

  it('reports an unreadable path (a directory) as unreadable', async () => {
    const result = await loadAdvisoryDb(os.tmpdir());
    expect(result).toMatchObject({ ok: false, error: { kind: 'unreadable' } });
  });
});
