import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject } from '../../helpers.js';
import { PROBE_FIXTURES, exchange, expectCorrelationFixture, projectModelOf, runCorrelationRule, siteWith } from '../../probe/site/captures.js';

const MANAGE = 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")\n';
const DEBUG_404 = 'Django tried these URL patterns, in this order: <ol><li>admin/</li></ol> <code>DEBUG = True</code>';

describe('WEB082 debug-page-despite-settings', () => {
  it('reports at DEBUG when the settings say False and the site serves a DEBUG page', async () => {
    const [finding] = await expectCorrelationFixture('WEB082', 'debug-page-despite-settings');
    expect(finding!.message).toBe(
      "shop.settings says DEBUG = False, the default when DJANGO_DEBUG is not set, but https://shop.example/ponyguard-1a2b/ answered 404 with Django's technical 404 page (it lists the URL patterns): the deployment runs with DEBUG on (other settings or environment)",
    );
  });

  it('is quiet without a DEBUG page', async () => {
    const project = await projectModelOf(path.join(PROBE_FIXTURES, 'debug-page-despite-settings'));
    expect(runCorrelationRule('WEB082', project, siteWith())).toEqual([]);
  });

  it('is quiet when the settings already say DEBUG = True, or cannot be known (WEB050 reports the page)', async () => {
    const site = siteWith({ notFound: exchange('https://shop.example/x/', { status: 404, body: DEBUG_404 }) });
    for (const line of ['DEBUG = True', 'from shop.helpers import compute\nDEBUG = compute()']) {
      const dir = await makeProject({ 'manage.py': MANAGE, 'shop/__init__.py': '', 'shop/helpers.py': 'def compute():\n    return True\n', 'shop/settings.py': `${line}\n` });
      expect(runCorrelationRule('WEB082', await projectModelOf(dir), site)).toEqual([]);
    }
  });

  it('reports at the settings module when DEBUG is left to Django\'s default', async () => {
    const dir = await makeProject({ 'manage.py': MANAGE, 'shop/__init__.py': '', 'shop/settings.py': 'SECRET_KEY = "x"\n' });
    const site = siteWith({ notFound: exchange('https://shop.example/x/', { status: 404, body: DEBUG_404 }) });
    const [finding] = runCorrelationRule('WEB082', await projectModelOf(dir), site);
    expect(finding!.location).toMatchObject({ path: 'shop/settings.py', startLine: 1 });
    expect(finding!.message).toMatch(/^shop\.settings says DEBUG is not set \(Django's default False applies\), but/);
  });
});
