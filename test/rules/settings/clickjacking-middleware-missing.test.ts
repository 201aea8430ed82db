import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/clickjacking-middleware-missing');

async function findings(files: Record<string, string>) {
  const dir = await makeProject(files);
  const { report } = await audit({ path: dir, select: ['SET002'], jobs: 1, showSuppressed: true });
  return report.findings;
}

describe('SET002 clickjacking-middleware-missing', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET002', fixture);
  });

  it('gives the MIDDLEWARE line with XFrameOptionsMiddleware appended', async () => {
    const { report } = await audit({ path: fixture, select: ['SET002'], jobs: 1, settings: 'settings.prod_no_security_middleware' });
    expect(report.findings.map((f) => [f.ruleId, f.location.startLine])).toEqual([['SET002', 2]]);
    expect(report.findings[0]!.fix).toBe(
      "In settings/prod_no_security_middleware.py, change line 2 to: MIDDLEWARE = ['django.middleware.common.CommonMiddleware', 'django.middleware.clickjacking.XFrameOptionsMiddleware']",
    );
  });

  it('honours SILENCED_SYSTEM_CHECKS', async () => {
    const found = await findings({
      'settings/__init__.py': '',
      'settings/production.py': 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\nSILENCED_SYSTEM_CHECKS = ["security.W002"]\n',
    });
    expect(found.map((f) => [f.ruleId, f.location.startLine, f.suppression?.kind])).toEqual([['SET002', 1, 'inline']]);
  });

  it('judges MIDDLEWARE_CLASSES on Django 1.9, whose default lacks the clickjacking middleware', async () => {
    const found = await findings({
      'requirements.txt': 'Django==1.9.13\n',
      'settings/__init__.py': '',
      'settings/production.py': 'DEBUG = False\n',
    });
    expect(found.map((f) => [f.ruleId, f.location.startLine])).toEqual([['SET002', 1]]);
    expect(found[0]!.message).toContain('MIDDLEWARE_CLASSES is not set');
  });
});
