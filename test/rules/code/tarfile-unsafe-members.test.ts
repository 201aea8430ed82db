import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY202 tarfile-unsafe-members', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY202', path.join(FIXTURES, 'rules/code/tarfile-unsafe-members.py'));
  });

  it("grades like Bandit: no members high/high, a members function low/low, other members medium/medium", async () => {
    const source = [
      'import tarfile',
      't = tarfile.open(f)',
      't.extractall(d)',
      't.extractall(d, members=check(t))',
      't.extractall(d, members=chosen)',
      't.extractall(d, chosen)',
    ].join('\n');
    const findings = await runRule('PY202', source);
    expect(findings.map((f) => [f.location.startLine, f.severity ?? 'high', f.confidence ?? 'high'])).toEqual([
      [3, 'high', 'high'],
      [4, 'low', 'low'],
      [5, 'medium', 'medium'],
      [6, 'medium', 'medium'],
    ]);
    expect(findings[1]!.message).toBe('t.extractall(members=check(...)) relies on check() to drop absolute paths, "..", links and devices; prefer filter="data"');
  });

  it('needs tarfile imported in the module', async () => {
    expect(await runRule('PY202', 'import zipfile\nz.extractall(d)\n')).toEqual([]);
    expect(await runRule('PY202', 'import shutil\narchive.extractall(d)\n')).toEqual([]);
  });
});
