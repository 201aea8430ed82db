import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, REPO_ROOT, expectFixture } from '../../helpers.js';

const CODE = 'HRD003';
const fixture = path.join(FIXTURES, 'rules/hardening/axes-misconfigured');

describe('HRD003 axes-misconfigured', () => {
  it('reports exactly the annotated lines of its fixture project (backend missing, second, defaulted; middleware missing)', async () => {
    await expectFixture(CODE, fixture);
  });

  it('is high for the backend, low for the middleware, and gives the fixed setting', async () => {
    const { report } = await audit({ path: fixture, select: [CODE], jobs: 1 });
    const by = (file: string) => report.findings.find((f) => f.location.path === `config/settings/${file}.py`)!;
    expect(by('prod_backend_second').severity).toBe('high');
    expect(by('prod_backend_second').message).toContain('not first');
    expect(by('prod_backend_second').fix).toContain("AUTHENTICATION_BACKENDS = ['axes.backends.AxesStandaloneBackend', 'django.contrib.auth.backends.ModelBackend']");
    expect(by('prod_default_backends').fix).toContain('add: AUTHENTICATION_BACKENDS');
    expect(by('prod_no_middleware').severity).toBe('low');
    expect(by('prod_no_middleware').fix).toContain("'axes.middleware.AxesMiddleware']");
  });

  it("honours SILENCED_SYSTEM_CHECKS for axes' own check", async () => {
    const { report } = await audit({ path: fixture, select: [CODE], jobs: 1, settings: 'config.settings.prod_silenced', showSuppressed: true });
    expect(report.findings.map((f) => [f.location.startLine, f.suppression?.kind])).toEqual([[4, 'inline']]);
  });

  it('is silent on both examples (no axes in vulnerable-shop, a wired axes in hardened-shop)', async () => {
    for (const example of ['vulnerable-shop', 'hardened-shop']) {
      const { report } = await audit({ path: path.join(REPO_ROOT, 'examples', example), select: [CODE], jobs: 1 });
      expect(report.findings).toEqual([]);
    }
  });
});
