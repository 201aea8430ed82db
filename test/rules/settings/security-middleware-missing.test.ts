import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/security-middleware-missing');

async function findings(files: Record<string, string>, extra: { env?: string[] } = {}) {
  const dir = await makeProject(files);
  const { report } = await audit({ path: dir, select: ['SET001'], jobs: 1, showSuppressed: true, ...extra });
  return report.findings;
}

describe('SET001 security-middleware-missing', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET001', fixture);
  });

  it('gives the full MIDDLEWARE line with SecurityMiddleware first', async () => {
    const { report } = await audit({ path: fixture, select: ['SET001'], jobs: 1, settings: 'settings.prod_subclass' });
    expect(report.findings.map((f) => [f.ruleId, f.location.startLine])).toEqual([['SET001', 2]]);
    expect(report.findings[0]!.fix).toBe(
      "In settings/prod_subclass.py, change line 2 to: MIDDLEWARE = ['django.middleware.security.SecurityMiddleware', 'myproject.middleware.SecurityMiddleware']",
    );
  });

  it('judges the environment given: the conditional insert depends on BEHIND_PROXY', async () => {
    const { report } = await audit({ path: fixture, select: ['SET001'], jobs: 1, settings: 'settings.prod_conditional', env: ['BEHIND_PROXY=yes'] });
    expect(report.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine])).toEqual([['SET001', 'settings/prod_conditional.py', 3]]);
  });

  it('honours SILENCED_SYSTEM_CHECKS', async () => {
    const found = await findings({
      'settings/__init__.py': '',
      'settings/production.py': 'MIDDLEWARE = []\nSILENCED_SYSTEM_CHECKS = ["security.W001"]\n',
    });
    expect(found.map((f) => [f.ruleId, f.location.startLine, f.suppression?.kind])).toEqual([['SET001', 1, 'inline']]);
  });

  it('judges MIDDLEWARE_CLASSES on Django 1.9, whose default lacks SecurityMiddleware', async () => {
    const found = await findings({
      'requirements.txt': 'Django==1.9.13\n',
      'settings/__init__.py': '',
      'settings/production.py': 'DEBUG = False\nMIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\n',
    });
    expect(found.map((f) => [f.ruleId, f.location.startLine])).toEqual([['SET001', 1]]);
    expect(found[0]!.message).toContain('MIDDLEWARE_CLASSES is not set');
  });

  it('reads MIDDLEWARE on Django 1.11 when it is set, MIDDLEWARE_CLASSES when it is None', async () => {
    const withMiddleware = await findings({
      'requirements.txt': 'Django==1.11.29\n',
      'settings/__init__.py': '',
      'settings/production.py': 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\n',
    });
    expect(withMiddleware).toEqual([]);
    const classes = await findings({
      'requirements.txt': 'Django==1.11.29\n',
      'settings/__init__.py': '',
      'settings/production.py': 'MIDDLEWARE_CLASSES = ["django.middleware.common.CommonMiddleware"]\n',
    });
    expect(classes.map((f) => [f.ruleId, f.location.startLine])).toEqual([['SET001', 1]]);
    expect(classes[0]!.fix).toContain("MIDDLEWARE_CLASSES = ['django.middleware.security.SecurityMiddleware', 'django.middleware.common.CommonMiddleware']");
  });
});
