import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/hsts-not-enabled');

describe('SET004 hsts-not-enabled', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET004', fixture);
  });

  it('names the environment variable whose default is insecure, and is quiet once it is set', async () => {
    const unset = (await audit({ path: fixture, select: ['SET004'], jobs: 1, settings: 'settings.prod_env_default' })).report;
    expect(unset.findings).toHaveLength(1);
    expect(unset.findings[0]!.message).toContain('HSTS_SECONDS is not set');
    expect(unset.findings[0]!.confidence).toBe('medium');
    expect(unset.findings[0]!.fix).toMatch(/^Set HSTS_SECONDS in the production environment/);
    const set = (await audit({ path: fixture, select: ['SET004'], jobs: 1, settings: 'settings.prod_env_default', env: ['HSTS_SECONDS=3600'] })).report;
    expect(set.findings).toEqual([]);
  });

  it('honours SILENCED_SYSTEM_CHECKS as a suppression', async () => {
    const { report } = await audit({ path: fixture, select: ['SET004'], jobs: 1, settings: 'settings.prod_silenced', showSuppressed: true });
    expect(report.findings.map((f) => f.suppression)).toEqual([{ kind: 'inline', reason: 'silenced by SILENCED_SYSTEM_CHECKS in settings.prod_silenced' }]);
    expect(report.stats.suppressed).toBe(1);
  });

  it('gives the fix for the right module', async () => {
    const { report } = await audit({ path: fixture, select: ['SET004'], jobs: 1, settings: 'settings.prod_missing' });
    expect(report.findings[0]!.fix).toBe('In settings/prod_missing.py, add: SECURE_HSTS_SECONDS = 31536000  # one year; start lower while testing');
  });
});
