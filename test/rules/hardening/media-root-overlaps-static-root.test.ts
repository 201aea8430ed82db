import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, REPO_ROOT, expectFixture } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/hardening/media-root-overlaps-static-root');
const run = async (settings: string) => (await audit({ path: fixture, select: ['HRD043'], jobs: 1, settings })).report.findings;

describe('HRD043 media-root-overlaps-static-root', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('HRD043', fixture);
  });

  it('tells equality, media inside static and static inside media apart', async () => {
    expect((await run('mysite.settings.prod_same'))[0]!.message).toContain('is the same directory as STATIC_ROOT');
    expect((await run('mysite.settings.prod_media_inside'))[0]!.message).toContain('lies inside STATIC_ROOT');
    expect((await run('mysite.settings.prod_static_inside'))[0]!.message).toContain('contains STATIC_ROOT');
    expect((await run('mysite.settings.prod_relative'))[0]).toMatchObject({ severity: 'medium', location: { startLine: 4 } });
  });

  it('finds nothing in the example projects', async () => {
    for (const variant of ['vulnerable-shop', 'hardened-shop']) {
      const { report } = await audit({ path: path.join(REPO_ROOT, 'examples', variant), select: ['HRD043'], jobs: 1 });
      expect(report.findings).toEqual([]);
    }
  });
});
