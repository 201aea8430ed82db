/** The dependency audit inside a scan: which database it uses, and the notice when its data is old. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ADVISORY_DB } from '../../src/deps/advisories/db.js';
import { audit } from '../../src/engine/scan.js';
import { FIXTURES } from '../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules/dependencies/vulnerable-dependency');

describe.skipIf(!existsSync(DEFAULT_ADVISORY_DB))('the dependency audit in a scan', () => {
  it('notes advisory data older than 30 days, with its date and the command that refreshes it', async () => {
    const { report } = await audit({ path: FIXTURE, select: ['DEP'], jobs: 1, now: () => Date.parse('2026-11-21T00:00:00Z') });
    expect(report.notices).toHaveLength(1);
    expect(report.notices![0]).toMatch(/^the advisory data is \d+ days old \(2024-10-10, bundled database\).*ponyguard db update/);
    expect(report.errors).toEqual([]);
  });

  it('says nothing while the data is recent', async () => {
    const { report } = await audit({ path: FIXTURE, select: ['DEP'], jobs: 1, now: () => Date.parse('2024-10-20T00:00:00Z') });
    expect(report.notices).toBeUndefined();
  });

  it('lists the inventory even when no dependency rule runs, and reads no advisory data then', async () => {
    const { report } = await audit({ path: FIXTURE, select: ['PY101'], jobs: 1 });
    expect(report.notices).toBeUndefined();
    expect(report.dependencies?.map((d) => `${d.name}@${d.version ?? d.specifier}`)).toContain('sqlparse@0.4.1');
  });
});
