import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, REPO_ROOT, expectFixture, makeProject } from '../../helpers.js';

const CODE = 'HRD008';
const fixture = path.join(FIXTURES, 'rules/hardening/drf-throttle-spoofable-client-ip');

describe('HRD008 drf-throttle-spoofable-client-ip', () => {
  it('reports exactly the annotated lines of its fixture project (proxy signs, NUM_PROXIES set, no proxy)', async () => {
    await expectFixture(CODE, fixture);
  });

  it('is medium when DRF throttling is the only protection of a token endpoint, low when django-axes covers it too', async () => {
    const { report } = await audit({ path: fixture, select: [CODE], jobs: 1 });
    const by = (file: string) => report.findings.find((f) => f.location.path === `config/settings/${file}.py`)!;
    expect(by('prod_proxy').severity).toBe('medium');
    expect(by('prod_proxy').message).toContain('only brute-force protection of ThrottledTokenView');
    expect(by('prod_axes').severity).toBe('low');
    expect(by('prod_proxy').fix).toContain('"NUM_PROXIES": 1');
  });

  it("takes an nginx configuration that appends the client's X-Forwarded-For as the sign of a proxy", async () => {
    const files = {
      'config/__init__.py': '',
      'config/settings.py': 'INSTALLED_APPS = ["rest_framework"]\nREST_FRAMEWORK = {"DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"], "DEFAULT_THROTTLE_RATES": {"anon": "1/s"}}\n',
    };
    const silent = await audit({ path: await makeProject(files), select: [CODE], jobs: 1 });
    expect(silent.report.findings).toEqual([]);
    const nginx = 'server {\n  location / {\n    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n    proxy_pass http://app;\n  }\n}\n';
    const { report } = await audit({ path: await makeProject({ ...files, 'deploy/nginx/site.conf': nginx }), select: [CODE], jobs: 1 });
    expect(report.findings.map((f) => f.location.startLine)).toEqual([2]);
    expect(report.findings[0]!.message).toContain('deploy/nginx/site.conf');
  });

  it('gives hardened-shop a low finding (axes covers its token endpoint) and vulnerable-shop none (no DRF throttles)', async () => {
    const hardened = await audit({ path: path.join(REPO_ROOT, 'examples/hardened-shop'), select: [CODE], jobs: 1 });
    expect(hardened.report.findings.map((f) => [`${f.location.path}:${f.location.startLine}`, f.severity])).toEqual([['shop/settings/base.py:132', 'low']]);
    const vulnerable = await audit({ path: path.join(REPO_ROOT, 'examples/vulnerable-shop'), select: [CODE], jobs: 1 });
    expect(vulnerable.report.findings).toEqual([]);
  });
});
