import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';
import { materialize, secretTokens } from '../../secrets/materialize.js';

const fixture = path.join(FIXTURES, 'rules/secrets/cloud-credential-in-source');
const made: string[] = [];

afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

describe('SEC002 cloud-credential-in-source', () => {
  it('reports exactly the annotated lines of its fixture (keys generated at run time)', async () => {
    const dir = await materialize(fixture);
    made.push(dir);
    await expectFixture('SEC002', dir);
  });

  it('never shows a secret whole: messages and excerpts hold its first characters only', async () => {
    const tokens = secretTokens();
    const dir = await materialize(fixture, tokens);
    made.push(dir);
    const { report } = await audit({ path: dir, select: ['SEC002'], jobs: 1 });
    expect(report.findings.length).toBeGreaterThan(0);
    const shown = JSON.stringify(report.findings);
    for (const [name, value] of Object.entries(tokens)) {
      for (const piece of value.split('\n').filter((p) => p.length >= 12)) expect(shown, name).not.toContain(piece);
    }
  });
});

describe('SEC002 suppressions', () => {
  it('honours inline ignore comments by code and by detector alias, and .env hash comments', async () => {
    const tokens = secretTokens(5);
    const dir = await makeProject({
      'keys.py': [
        `A = "${tokens.aws_id}"  # ponyguard: ignore[SEC002] -- AWS documentation account, no access`,
        `B = "${tokens.aws_id_2}"  # ponyguard: ignore[aws-access-key-id] -- revoked 2025-01`,
        `C = "${tokens.aws_id}"`,
        '',
      ].join('\n'),
      'deploy/prod.env': `AWS_ACCESS_KEY_ID=${tokens.aws_id_2}  # ponyguard: ignore[SEC002] -- rotated\n`,
    });
    made.push(dir);
    const { report } = await audit({ path: dir, select: ['SEC002'], jobs: 1, showSuppressed: true });
    expect(report.findings.map((f) => [f.location.path, f.location.startLine, f.suppression?.kind ?? null])).toEqual([
      ['deploy/prod.env', 1, 'inline'],
      ['keys.py', 1, 'inline'],
      ['keys.py', 2, 'inline'],
      ['keys.py', 3, null],
    ]);
  });
});
