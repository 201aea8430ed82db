import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, REPO_ROOT, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/hardening/static-root-contains-source');

describe('HRD040 static-root-contains-source', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('HRD040', fixture);
  });

  it('says what the directory holds, and lowers the confidence of relative paths', async () => {
    const findings = async (settings: string) => (await audit({ path: fixture, select: ['HRD040'], jobs: 1, settings })).report.findings;
    const [root] = await findings('mysite.settings.prod_root');
    expect(root).toMatchObject({ severity: 'high', confidence: 'high', location: { path: 'mysite/settings/prod_root.py', startLine: 3 } });
    expect(root!.message).toContain('is the project root, the directory of manage.py');
    const [app] = await findings('mysite.settings.prod_app');
    expect(app!.message).toContain('the app blog');
    const [settingsDir] = await findings('mysite.settings.prod_settings_dir');
    expect(settingsDir!.message).toContain('mysite/settings/');
    const [parent] = await findings('mysite.settings.prod_parent');
    expect(parent!.message).toContain('parent of the whole project');
    const [relative] = await findings('mysite.settings.prod_relative');
    expect(relative).toMatchObject({ confidence: 'low' });
    const [inherited] = await findings('mysite.settings.prod_inherited');
    expect(inherited!.location.path).toBe('mysite/settings/shared_unsafe.py');
  });

  it('reports an unsafe environment default at the default, and judges the variable once it is set', async () => {
    const unset = (await audit({ path: fixture, select: ['HRD040'], jobs: 1, settings: 'mysite.settings.prod_env_default' })).report.findings;
    expect(unset.map((f) => [f.location.startLine, f.confidence])).toEqual([[5, 'medium']]);
    expect(unset[0]!.message).toContain('DJANGO_STATIC_ROOT is not set');
    const set = await audit({ path: fixture, select: ['HRD040'], jobs: 1, settings: 'mysite.settings.prod_env_default', env: ['DJANGO_STATIC_ROOT=/var/www/static'] });
    expect(set.report.findings).toEqual([]);
  });

  it('has low confidence when django.contrib.staticfiles is not installed', async () => {
    const project = await makeProject({
      'manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_conf.production")\n',
      'site_conf/__init__.py': '',
      'site_conf/production.py': 'from pathlib import Path\nBASE_DIR = Path(__file__).resolve().parent.parent\nINSTALLED_APPS = ["django.contrib.admin"]\nSTATIC_ROOT = BASE_DIR\n',
    });
    const { report } = await audit({ path: project, select: ['HRD040'], jobs: 1 });
    expect(report.findings.map((f) => [f.location.path, f.location.startLine, f.confidence])).toEqual([['site_conf/production.py', 4, 'low']]);
  });

  it('finds nothing in the example projects (their STATIC_ROOT is a dedicated directory)', async () => {
    for (const variant of ['vulnerable-shop', 'hardened-shop']) {
      const { report } = await audit({ path: path.join(REPO_ROOT, 'examples', variant), select: ['HRD040'], jobs: 1 });
      expect(report.findings).toEqual([]);
    }
  });
});
