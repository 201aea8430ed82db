import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/csrf-trusted-origins-scheme-missing');

describe('SET040 csrf-trusted-origins-scheme-missing', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET040', fixture);
  });

  it('suggests the 4.0 form of each entry', async () => {
    const { report } = await audit({ path: fixture, select: ['SET040'], jobs: 1, settings: 'settings.prod_list' });
    expect(report.findings.map((f) => [f.location.startLine, f.fix])).toEqual([
      [3, 'Write the entry with its scheme: \'https://*.example.com\'.'],
      [4, 'Write the entry with its scheme: \'https://admin.example.com\'.'],
    ]);
  });

  it('points at the default of an environment read inside the list, and is quiet once the variable is set', async () => {
    const unset = (await audit({ path: fixture, select: ['SET040'], jobs: 1, settings: 'settings.prod_env_entry' })).report;
    expect(unset.findings.map((f) => f.location.startLine)).toEqual([5]);
    expect(unset.findings[0]!.message).toContain('EXTRA_ORIGIN is not set');
    const set = (await audit({ path: fixture, select: ['SET040'], jobs: 1, settings: 'settings.prod_env_entry', env: ['EXTRA_ORIGIN=https://extra.example.com'] })).report;
    expect(set.findings).toEqual([]);
  });

  it('reports a string value once, with the list to write', async () => {
    const { report } = await audit({ path: fixture, select: ['SET040'], jobs: 1, settings: 'settings.prod_string', env: ['CSRF_TRUSTED_ORIGINS=https://a.example.com,b.example.com'] });
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]!.fix).toBe('In settings/prod_string.py, change line 4 to: CSRF_TRUSTED_ORIGINS = [\'https://a.example.com\', \'https://b.example.com\']');
  });

  it('honours SILENCED_SYSTEM_CHECKS (4_0.E001) as a suppression', async () => {
    const { report } = await audit({ path: fixture, select: ['SET040'], jobs: 1, settings: 'settings.prod_silenced', showSuppressed: true });
    expect(report.findings.map((f) => [f.ruleId, f.suppression?.kind])).toEqual([['SET040', 'inline']]);
  });

  it('exists from Django 4.0 only: before, entries were host names', async () => {
    const files = { 'settings/__init__.py': '', 'settings/prod.py': 'CSRF_TRUSTED_ORIGINS = ["example.com"]\n' };
    const old = await makeProject({ ...files, 'requirements.txt': 'Django==3.2.25\n' });
    expect((await audit({ path: old, select: ['SET040'], jobs: 1 })).report.findings).toEqual([]);
    const current = await makeProject({ ...files, 'requirements.txt': 'Django==4.2.7\n' });
    expect((await audit({ path: current, select: ['SET040'], jobs: 1 })).report.findings.map((f) => [f.ruleId, f.location.startLine])).toEqual([['SET040', 1]]);
  });

  it('does not judge a list with a non-string entry (Django\'s own check crashes on it)', async () => {
    const dir = await makeProject({ 'settings/__init__.py': '', 'settings/prod.py': 'CSRF_TRUSTED_ORIGINS = ["example.com", None]\n' });
    expect((await audit({ path: dir, select: ['SET040'], jobs: 1 })).report.findings).toEqual([]);
  });
});
