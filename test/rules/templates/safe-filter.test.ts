import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/templates/safe-filter');

describe('TPL001 safe-filter', () => {
  it('reports exactly the annotated lines of its fixture templates', async () => {
    await expectFixture('TPL001', fixture);
  });

  it('points at the template token and honours ignore comments', async () => {
    const { report } = await audit({ path: fixture, select: ['TPL001'], jobs: 1, showSuppressed: true });
    const first = report.findings.find((f) => f.location.startLine === 3)!;
    expect(first.location).toMatchObject({ path: 'templates/shop/review.html', startLine: 3, startColumn: 6 });
    expect(report.findings.filter((f) => f.suppression).map((f) => [f.location.startLine, f.suppression?.reason])).toEqual([[12, 'sanitised with nh3 in the view']]);
  });
});
