import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/debug-propagate-exceptions-enabled');

describe('SET217 debug-propagate-exceptions-enabled', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET217', fixture);
  });

  it('reports an inherited value at the base module, with the fix for the production module', async () => {
    const { report } = await audit({ path: fixture, select: ['SET217'], jobs: 1, settings: 'settings.prod_inherited' });
    expect(report.findings.map((f) => [f.location.path, f.location.startLine, f.severity])).toEqual([['settings/base.py', 1, 'medium']]);
    expect(report.findings[0]!.fix).toBe('In settings/prod_inherited.py, add: DEBUG_PROPAGATE_EXCEPTIONS = False (it currently inherits DEBUG_PROPAGATE_EXCEPTIONS from settings/base.py:1)');
  });

  it('follows the environment: quiet when the production value is off', async () => {
    const unset = (await audit({ path: fixture, select: ['SET217'], jobs: 1, settings: 'settings.prod_env' })).report;
    expect(unset.findings.map((f) => [f.location.startLine, f.confidence])).toEqual([[3, 'medium']]);
    const set = (await audit({ path: fixture, select: ['SET217'], jobs: 1, settings: 'settings.prod_env', env: ['PROPAGATE=0'] })).report;
    expect(set.findings).toEqual([]);
  });
});
