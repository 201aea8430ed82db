import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/data-upload-limit-disabled');

describe('SET215 data-upload-limit-disabled', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET215', fixture);
  });

  it('gives one finding per disabled limit, each with its own fix', async () => {
    const { report } = await audit({ path: fixture, select: ['SET215'], jobs: 1, settings: 'settings.prod_all' });
    expect(report.findings.map((f) => [f.location.startLine, f.fix])).toEqual([
      [1, "In settings/prod_all.py, change line 1 to: DATA_UPLOAD_MAX_MEMORY_SIZE = 2621440  # 2.5 MB, Django's default"],
      [2, "In settings/prod_all.py, change line 2 to: DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000  # Django's default"],
      [3, "In settings/prod_all.py, change line 3 to: DATA_UPLOAD_MAX_NUMBER_FILES = 100  # Django's default"],
    ]);
  });

  it('reports an environment default of None with medium confidence, and is quiet once the variable is set', async () => {
    const unset = (await audit({ path: fixture, select: ['SET215'], jobs: 1, settings: 'settings.prod_env_default' })).report;
    expect(unset.findings.map((f) => [f.location.startLine, f.confidence])).toEqual([[7, 'medium']]);
    expect(unset.findings[0]!.message).toContain('MAX_FIELDS is not set');
    const set = (await audit({ path: fixture, select: ['SET215'], jobs: 1, settings: 'settings.prod_env_default', env: ['MAX_FIELDS=2000'] })).report;
    expect(set.findings).toEqual([]);
  });

  it('ignores DATA_UPLOAD_MAX_NUMBER_FILES on a Django release that does not have it', async () => {
    const files = {
      'config/__init__.py': '',
      'config/settings/__init__.py': '',
      'config/settings/production.py': 'DATA_UPLOAD_MAX_NUMBER_FILES = None\nDATA_UPLOAD_MAX_NUMBER_FIELDS = None\n',
    };
    const old = await makeProject({ ...files, 'requirements.txt': 'Django==4.1.6\n' });
    expect((await audit({ path: old, select: ['SET215'], jobs: 1 })).report.findings.map((f) => f.location.startLine)).toEqual([2]);
    const patched = await makeProject({ ...files, 'requirements.txt': 'Django==4.1.7\n' });
    expect((await audit({ path: patched, select: ['SET215'], jobs: 1 })).report.findings.map((f) => f.location.startLine)).toEqual([1, 2]);
  });
});
