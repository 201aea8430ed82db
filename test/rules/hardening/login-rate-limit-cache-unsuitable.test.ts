import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, REPO_ROOT, expectFixture, makeProject } from '../../helpers.js';

const CODE = 'HRD004';
const fixture = path.join(FIXTURES, 'rules/hardening/login-rate-limit-cache-unsuitable');

describe('HRD004 login-rate-limit-cache-unsuitable', () => {
  it('reports exactly the annotated lines of its fixture project (default, dummy, database, missing alias, axes cache handler, defender mock)', async () => {
    await expectFixture(CODE, fixture);
  });

  it('is high for a DummyCache, which counts nothing, and medium for a per-process LocMemCache', async () => {
    const { report } = await audit({ path: fixture, select: [CODE], jobs: 1 });
    const by = (file: string) => report.findings.find((f) => f.location.path === `config/settings/${file}.py`)!;
    expect(by('prod_dummy').severity).toBe('high');
    expect(by('prod_default_cache').severity).toBe('medium');
    expect(by('prod_default_cache').message).toContain("Django's default LocMemCache");
    expect(by('prod_axes_cache').message).toContain('AxesCacheHandler');
  });

  it('is silent when django-ratelimit is not used', async () => {
    const dir = await makeProject({ 'config/__init__.py': '', 'config/settings.py': 'INSTALLED_APPS = ["django.contrib.auth"]\n' });
    const { report } = await audit({ path: dir, select: [CODE], jobs: 1 });
    expect(report.findings).toEqual([]);
  });

  it('is silent on both examples (neither uses django-ratelimit nor a cache handler)', async () => {
    for (const example of ['vulnerable-shop', 'hardened-shop']) {
      const { report } = await audit({ path: path.join(REPO_ROOT, 'examples', example), select: [CODE], jobs: 1 });
      expect(report.findings).toEqual([]);
    }
  });
});
