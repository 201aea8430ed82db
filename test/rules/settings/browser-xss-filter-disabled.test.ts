import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/browser-xss-filter-disabled');

async function findings(files: Record<string, string>) {
  const dir = await makeProject(files);
  const { report } = await audit({ path: dir, select: ['SET007'], jobs: 1 });
  return report.findings;
}

const SETTINGS = 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\nSECURE_BROWSER_XSS_FILTER = False\n';

describe('SET007 browser-xss-filter-disabled', () => {
  it('reports exactly the annotated lines of its fixture project (pinned to Django 2.2)', async () => {
    await expectFixture('SET007', fixture);
  });

  it('exists only before Django 3.0', async () => {
    const old = await findings({ 'requirements.txt': 'Django==1.11.29\n', 'settings/__init__.py': '', 'settings/production.py': SETTINGS });
    expect(old.map((f) => [f.ruleId, f.location.startLine])).toEqual([['SET007', 2]]);
    const removed = await findings({ 'requirements.txt': 'Django==3.0.14\n', 'settings/__init__.py': '', 'settings/production.py': SETTINGS });
    expect(removed).toEqual([]);
    const newest = await findings({ 'settings/__init__.py': '', 'settings/production.py': SETTINGS });
    expect(newest).toEqual([]);
  });

  it('gives the line to add for a missing setting', async () => {
    const { report } = await audit({ path: fixture, select: ['SET007'], jobs: 1, settings: 'settings.prod_missing' });
    expect(report.findings[0]!.fix).toBe('In settings/prod_missing.py, add: SECURE_BROWSER_XSS_FILTER = True');
  });

  it('names the environment variable whose default leaves the filter off', async () => {
    const { report } = await audit({ path: fixture, select: ['SET007'], jobs: 1, settings: 'settings.prod_env_default' });
    expect(report.findings.map((f) => [f.ruleId, f.location.startLine, f.confidence])).toEqual([['SET007', 4, 'medium']]);
    expect(report.findings[0]!.message).toContain('XSS_FILTER is not set');
    const set = (await audit({ path: fixture, select: ['SET007'], jobs: 1, settings: 'settings.prod_env_default', env: ['XSS_FILTER=1'] })).report;
    expect(set.findings).toEqual([]);
  });
});
