import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, REPO_ROOT, expectFixture, makeProject } from '../../helpers.js';

const CODE = 'HRD007';
const fixture = path.join(FIXTURES, 'rules/hardening/drf-throttle-rate-missing');

async function settingsFindings(restFramework: string) {
  const dir = await makeProject({
    'config/__init__.py': '',
    'config/settings.py': `INSTALLED_APPS = ["rest_framework"]\nREST_FRAMEWORK = ${restFramework}\n`,
  });
  const { report } = await audit({ path: dir, select: [CODE], jobs: 1 });
  return report.findings;
}

describe('HRD007 drf-throttle-rate-missing', () => {
  it('reports exactly the annotated lines of its fixture project (default classes, view lists, scopes, project throttle classes)', async () => {
    await expectFixture(CODE, fixture);
  });

  it('explains what DRF does: ImproperlyConfigured for a missing scope, nothing for a None rate', async () => {
    const { report } = await audit({ path: fixture, select: [CODE], jobs: 1 });
    const at = (file: string, line: number) => report.findings.find((f) => f.location.path === file && f.location.startLine === line)!.message;
    expect(at('config/settings.py', 4)).toContain("'anon'");
    expect(at('config/settings.py', 4)).toContain('ImproperlyConfigured');
    expect(at('api/views.py', 17)).toContain('needs a throttle_scope');
    expect(at('api/views.py', 39)).toContain('None');
    expect(at('api/views.py', 46)).toContain('5 per minute');
  });

  it("reports default classes left without rates (DRF's defaults are None), and accepts complete rates", async () => {
    const none = await settingsFindings('{"DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"]}');
    expect(none.map((f) => f.location.startLine)).toEqual([2]);
    expect(none[0]!.message).toContain('never throttles');
    expect(none[0]!.message).toContain('DEFAULT_THROTTLE_RATES is not set');
    const ok = await settingsFindings('{"DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"], "DEFAULT_THROTTLE_RATES": {"anon": "60/min"}}');
    expect(ok).toEqual([]);
  });

  it('is silent on both examples', async () => {
    for (const example of ['vulnerable-shop', 'hardened-shop']) {
      const { report } = await audit({ path: path.join(REPO_ROOT, 'examples', example), select: [CODE], jobs: 1 });
      expect(report.findings).toEqual([]);
    }
  });
});
