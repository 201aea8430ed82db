import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, REPO_ROOT, expectFixture } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/hardening/media-url-under-static-url');

describe('HRD044 media-url-under-static-url', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('HRD044', fixture);
  });

  it('is a low-severity finding that names both URLs', async () => {
    const { report } = await audit({ path: fixture, select: ['HRD044'], jobs: 1, settings: 'mysite.settings.prod_nested' });
    expect(report.findings.map((f) => [f.location.startLine, f.severity])).toEqual([[4, 'low']]);
    expect(report.findings[0]!.message).toContain("MEDIA_URL '/static/uploads/' lies under STATIC_URL 'static/'");
    const same = await audit({ path: fixture, select: ['HRD044'], jobs: 1, settings: 'mysite.settings.prod_same' });
    expect(same.report.findings[0]!.message).toContain('is the same URL as');
  });

  it('finds nothing in the example projects', async () => {
    for (const variant of ['vulnerable-shop', 'hardened-shop']) {
      const { report } = await audit({ path: path.join(REPO_ROOT, 'examples', variant), select: ['HRD044'], jobs: 1 });
      expect(report.findings).toEqual([]);
    }
  });
});
