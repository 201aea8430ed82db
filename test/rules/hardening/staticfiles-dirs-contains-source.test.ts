import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, REPO_ROOT, expectFixture } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/hardening/staticfiles-dirs-contains-source');

describe('HRD041 staticfiles-dirs-contains-source', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('HRD041', fixture);
  });

  it('reports each entry at its own line, naming the entry, its prefix and what it holds', async () => {
    const { report } = await audit({ path: fixture, select: ['HRD041'], jobs: 1, settings: 'mysite.settings.prod_list' });
    expect(report.findings.map((f) => [f.location.startLine, f.severity, f.confidence])).toEqual([
      [5, 'high', 'high'],
      [6, 'high', 'high'],
      [8, 'high', 'high'],
    ]);
    expect(report.findings[0]!.message).toContain('entry 2 is the project root');
    expect(report.findings[1]!.message).toContain('(prefix "blog")');
    expect(report.findings[1]!.message).toContain('the app blog');
    expect(report.findings[2]!.message).toContain('the Python package mysite/');
  });

  it('reports an entry appended later at the assignment, and a relative entry with low confidence', async () => {
    const appended = (await audit({ path: fixture, select: ['HRD041'], jobs: 1, settings: 'mysite.settings.prod_appended' })).report.findings;
    expect(appended.map((f) => [f.location.startLine, f.message.includes('parent of the whole project')])).toEqual([[3, true]]);
    const relative = (await audit({ path: fixture, select: ['HRD041'], jobs: 1, settings: 'mysite.settings.prod_literal' })).report.findings;
    expect(relative.map((f) => [f.location.startLine, f.confidence])).toEqual([[5, 'low']]);
  });

  it('finds nothing in the example projects', async () => {
    for (const variant of ['vulnerable-shop', 'hardened-shop']) {
      const { report } = await audit({ path: path.join(REPO_ROOT, 'examples', variant), select: ['HRD041'], jobs: 1 });
      expect(report.findings).toEqual([]);
    }
  });
});
