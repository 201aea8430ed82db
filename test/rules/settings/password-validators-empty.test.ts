import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/password-validators-empty');

describe('SET209 password-validators-empty', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET209', fixture);
  });

  it('reports a missing setting at line 1 with the startproject validators as the fix', async () => {
    const { report } = await audit({ path: fixture, select: ['SET209'], jobs: 1, settings: 'settings.prod_missing' });
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ ruleId: 'SET209', severity: 'medium', location: { path: 'settings/prod_missing.py', startLine: 1 } });
    expect(report.findings[0]!.fix).toMatch(/^In settings\/prod_missing\.py, add: AUTH_PASSWORD_VALIDATORS = \[\n/);
    expect(report.findings[0]!.fix).toContain('django.contrib.auth.password_validation.CommonPasswordValidator');
  });

  it('does not exist before Django 1.9, and follows star imports', async () => {
    const old = await makeProject({
      'requirements.txt': 'Django==1.8.19\n',
      'settings/__init__.py': '',
      'settings/production.py': 'INSTALLED_APPS = ["django.contrib.auth"]\n',
    });
    expect((await audit({ path: old, select: ['SET209'], jobs: 1 })).report.findings).toEqual([]);
    const newer = await makeProject({
      'requirements.txt': 'Django==1.11.29\n',
      'settings/__init__.py': '',
      'settings/production.py': 'INSTALLED_APPS = ["django.contrib.auth"]\n',
    });
    expect((await audit({ path: newer, select: ['SET209'], jobs: 1 })).report.findings).toHaveLength(1);
    const split = await makeProject({
      'settings/__init__.py': '',
      'settings/base.py': 'INSTALLED_APPS = ["django.contrib.auth"]\nAUTH_PASSWORD_VALIDATORS = []\n',
      'settings/production.py': 'from .base import *\nDEBUG = False\n',
    });
    const { report } = await audit({ path: split, select: ['SET209'], jobs: 1 });
    expect(report.findings.map((f) => [f.location.path, f.location.startLine])).toEqual([['settings/base.py', 2]]);
    expect(report.findings[0]!.fix).toContain('In settings/production.py, add: AUTH_PASSWORD_VALIDATORS = [');
  });
});
