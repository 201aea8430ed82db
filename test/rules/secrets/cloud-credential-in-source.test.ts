import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture } from '../../helpers.js';
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
