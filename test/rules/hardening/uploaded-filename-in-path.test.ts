import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, REPO_ROOT, expectFixture } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/hardening/uploaded-filename-in-path.py');
const examples = path.join(REPO_ROOT, 'examples');

async function found(root: string, select: string[]): Promise<string[]> {
  const { report } = await audit({ path: root, select, jobs: 1 });
  expect(report.errors).toEqual([]);
  return report.findings.map((f) => `${f.ruleId} ${f.location.path}:${f.location.startLine}`).sort();
}

describe('HRD023 uploaded-filename-in-path', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('HRD023', fixture);
  });

  it('names where the client name was read', async () => {
    const { report } = await audit({ path: fixture, select: ['HRD023'], jobs: 1 });
    expect(report.findings[0]?.message).toContain('`uploaded.name`, line 16');
  });

  it('stays silent when the path-traversal data-flow rule TNT008 runs', async () => {
    expect((await found(fixture, ['HRD023', 'TNT008'])).filter((f) => f.startsWith('HRD023'))).toEqual([]);
  });

  it('stands in for TNT008 on examples/vulnerable-shop (EXPECTED row 43) and is silent on hardened-shop', async () => {
    expect(await found(path.join(examples, 'vulnerable-shop'), ['HRD023'])).toEqual(['HRD023 catalog/views.py:110', 'HRD023 catalog/views.py:113']);
    expect(await found(path.join(examples, 'vulnerable-shop'), ['HRD023', 'TNT008'])).not.toContain('HRD023 catalog/views.py:110');
    expect(await found(path.join(examples, 'hardened-shop'), ['HRD023'])).toEqual([]);
  });
});
