import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject } from '../../helpers.js';
import { PROBE_FIXTURES, exchange, expectCorrelationFixture, projectModelOf, runCorrelationRule, siteWith } from '../../probe/site/captures.js';

const MANAGE = 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")\n';

describe('WEB080 hsts-setting-not-served', () => {
  it('reports SECURE_HSTS_SECONDS when the HTTPS response has no HSTS header, with the URL and the environment default', async () => {
    const [finding] = await expectCorrelationFixture('WEB080', 'hsts-setting-not-served');
    expect(finding!.message).toBe(
      'shop.settings says SECURE_HSTS_SECONDS = 31536000, the default when HSTS_SECONDS is not set, but https://shop.example/ answered 200 over HTTPS with no Strict-Transport-Security header: a proxy strips it, Django does not see the request as secure (SECURE_PROXY_SSL_HEADER), or the deployment runs other settings',
    );
  });

  it('is quiet when the header is there, or when HTTPS gave no answer', async () => {
    const project = await projectModelOf(path.join(PROBE_FIXTURES, 'hsts-setting-not-served'));
    const withHeader = siteWith({ https: exchange('https://shop.example/', { status: 200, headers: [['strict-transport-security', 'max-age=600']] }) });
    expect(runCorrelationRule('WEB080', project, withHeader)).toEqual([]);
    const noHttps = siteWith({ https: exchange('https://shop.example/', null), main: exchange('http://shop.example/', { status: 200 }) }, 'http://shop.example');
    expect(runCorrelationRule('WEB080', project, noHttps)).toEqual([]);
  });

  it('is quiet when the settings promise no HSTS (0, or no SecurityMiddleware)', async () => {
    const site = siteWith();
    for (const settings of ['MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\nSECURE_HSTS_SECONDS = 0\n', 'MIDDLEWARE = []\nSECURE_HSTS_SECONDS = 3600\n']) {
      const dir = await makeProject({ 'manage.py': MANAGE, 'shop/__init__.py': '', 'shop/settings.py': `DEBUG = False\n${settings}` });
      expect(runCorrelationRule('WEB080', await projectModelOf(dir), site)).toEqual([]);
    }
  });
});
