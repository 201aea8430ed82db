import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/content-security-policy-setting-invalid');

describe('SET026 content-security-policy-setting-invalid', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET026', fixture);
  });

  it('reports each of the two settings on its own', async () => {
    const { report } = await audit({ path: fixture, select: ['SET026'], jobs: 1, settings: 'settings.prod_both' });
    expect(report.findings.map((f) => [f.location.startLine, f.message.split(' ')[0]])).toEqual([
      [1, 'SECURE_CSP'],
      [2, 'SECURE_CSP_REPORT_ONLY'],
    ]);
  });

  it('names the environment variable whose default is a header string', async () => {
    const { report } = await audit({ path: fixture, select: ['SET026'], jobs: 1, settings: 'settings.prod_env_default' });
    expect(report.findings.map((f) => [f.location.startLine, f.confidence])).toEqual([[3, 'medium']]);
    expect(report.findings[0]!.message).toContain('CSP_POLICY is not set');
  });

  it('exists from Django 6.0 only', async () => {
    const files = { 'settings/__init__.py': '', 'settings/prod.py': 'SECURE_CSP = "default-src \'self\'"\n' };
    const old = await makeProject({ ...files, 'requirements.txt': 'Django==5.2.8\n' });
    expect((await audit({ path: old, select: ['SET026'], jobs: 1 })).report.findings).toEqual([]);
    const current = await makeProject({ ...files, 'requirements.txt': 'Django==6.0.1\n' });
    expect((await audit({ path: current, select: ['SET026'], jobs: 1 })).report.findings.map((f) => [f.ruleId, f.location.startLine])).toEqual([['SET026', 1]]);
  });
});
