import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

// The fixture pins Django 3.2, the last version with the setting and its check.
const fixture = path.join(FIXTURES, 'rules/settings/default-hashing-algorithm-invalid');

describe('SET100 default-hashing-algorithm-invalid', () => {
  it('reports exactly the annotated lines of its fixture project (Django 3.2)', async () => {
    await expectFixture('SET100', fixture);
  });

  it('honours SILENCED_SYSTEM_CHECKS as a suppression', async () => {
    const { report } = await audit({ path: fixture, select: ['SET100'], jobs: 1, settings: 'settings.prod_silenced', showSuppressed: true });
    expect(report.findings.map((f) => [f.ruleId, f.location.startLine, f.suppression?.kind])).toEqual([['SET100', 1, 'inline']]);
  });

  it('judges the environment default, and the value the environment gives', async () => {
    const unset = (await audit({ path: fixture, select: ['SET100'], jobs: 1, settings: 'settings.prod_env_default' })).report;
    expect(unset.findings.map((f) => [f.location.startLine, f.confidence])).toEqual([[3, 'medium']]);
    const set = (await audit({ path: fixture, select: ['SET100'], jobs: 1, settings: 'settings.prod_env_default', env: ['HASHING=sha256'] })).report;
    expect(set.findings).toEqual([]);
  });

  it('exists in Django 3.1 and 3.2 only', async () => {
    const files = { 'settings/__init__.py': '', 'settings/prod.py': 'DEFAULT_HASHING_ALGORITHM = "md5"\n' };
    const codes = async (pin: string | null) => {
      const dir = await makeProject(pin ? { ...files, 'requirements.txt': `Django==${pin}\n` } : files);
      return (await audit({ path: dir, select: ['SET100'], jobs: 1 })).report.findings.map((f) => f.ruleId);
    };
    expect(await codes('3.0.14')).toEqual([]);
    expect(await codes('3.1.0')).toEqual(['SET100']);
    expect(await codes('3.2.25')).toEqual(['SET100']);
    expect(await codes('4.0.10')).toEqual([]);
    expect(await codes(null)).toEqual([]); // newest Django: the setting is gone
  });
});
