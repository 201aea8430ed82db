import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, REPO_ROOT, expectFixture } from '../../helpers.js';

const CODE = 'HRD009';
const fixture = path.join(FIXTURES, 'rules/hardening/login-lockout-permanent');

describe('HRD009 login-lockout-permanent', () => {
  it('reports exactly the annotated lines of its fixture project (unset, None, hours, timedelta, tiers, disabled, defender)', async () => {
    await expectFixture(CODE, fixture);
  });

  it('is informational and says how to bound the lockout', async () => {
    const { report } = await audit({ path: fixture, select: [CODE], jobs: 1 });
    expect(report.findings.every((f) => f.severity === 'info')).toBe(true);
    const unset = report.findings.find((f) => f.location.path === 'config/settings/base.py')!;
    expect(unset.message).toContain('AXES_COOLOFF_TIME is not set');
    expect(unset.fix).toContain('AXES_COOLOFF_TIME = 1');
  });

  it('is silent on both examples (hardened-shop sets a one-hour cool-off)', async () => {
    for (const example of ['vulnerable-shop', 'hardened-shop']) {
      const { report } = await audit({ path: path.join(REPO_ROOT, 'examples', example), select: [CODE], jobs: 1 });
      expect(report.findings).toEqual([]);
    }
  });
});
