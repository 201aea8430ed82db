import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/content-type-nosniff-disabled');

async function findings(files: Record<string, string>) {
  const dir = await makeProject(files);
  const { report } = await audit({ path: dir, select: ['SET006'], jobs: 1, showSuppressed: true });
  return report.findings;
}

const SECURITY = 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\n';

describe('SET006 content-type-nosniff-disabled', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET006', fixture);
  });

  it('reports a missing setting before Django 3.0, whose default was False', async () => {
    const old = await findings({ 'requirements.txt': 'Django==2.2.28\n', 'settings/__init__.py': '', 'settings/production.py': SECURITY });
    expect(old.map((f) => [f.ruleId, f.location.startLine])).toEqual([['SET006', 1]]);
    expect(old[0]!.fix).toBe('In settings/production.py, add: SECURE_CONTENT_TYPE_NOSNIFF = True');
    const current = await findings({ 'requirements.txt': 'Django==3.2.25\n', 'settings/__init__.py': '', 'settings/production.py': SECURITY });
    expect(current).toEqual([]);
  });

  it('reports an insecure environment default at the default, and is quiet once the variable is set', async () => {
    const unset = (await audit({ path: fixture, select: ['SET006'], jobs: 1, settings: 'settings.prod_decouple' })).report;
    expect(unset.findings.map((f) => [f.ruleId, f.location.startLine, f.confidence])).toEqual([['SET006', 4, 'medium']]);
    const set = (await audit({ path: fixture, select: ['SET006'], jobs: 1, settings: 'settings.prod_decouple', env: ['NOSNIFF=true'] })).report;
    expect(set.findings).toEqual([]);
  });

  it('honours SILENCED_SYSTEM_CHECKS', async () => {
    const found = await findings({ 'settings/__init__.py': '', 'settings/production.py': `${SECURITY}SECURE_CONTENT_TYPE_NOSNIFF = False\nSILENCED_SYSTEM_CHECKS = ["security.W006"]\n` });
    expect(found.map((f) => [f.ruleId, f.location.startLine, f.suppression?.kind])).toEqual([['SET006', 2, 'inline']]);
  });
});
