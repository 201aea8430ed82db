import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

const scan = async (dir: string) => (await audit({ path: dir, select: ['SET018'], jobs: 1 })).report;

describe('SET018 debug-enabled-in-production', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET018', path.join(FIXTURES, 'rules/settings/debug-enabled-in-production'));
  });

  it('judges a lone settings.py when nothing marks a deployment module', async () => {
    const dir = await makeProject({
      'manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n',
      'mysite/__init__.py': '',
      'mysite/settings.py': 'SECRET_KEY = "x"\nDEBUG = True\n',
    });
    const report = await scan(dir);
    expect(report.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine])).toEqual([['SET018', 'mysite/settings.py', 2]]);
    expect(report.target.settingsModules).toEqual(['mysite.settings']);
  });

  it('leaves development settings alone when a production module exists', async () => {
    const dir = await makeProject({
      'config/__init__.py': '',
      'config/settings/__init__.py': '',
      'config/settings/local.py': 'DEBUG = True\n',
      'config/settings/production.py': 'DEBUG = False\n',
    });
    expect((await scan(dir)).findings).toEqual([]);
  });

  it('honours production-settings from the configuration', async () => {
    const dir = await makeProject({
      'pyproject.toml': '[tool.ponyguard]\nproduction-settings = ["config.settings.local"]\n',
      'config/__init__.py': '',
      'config/settings/__init__.py': '',
      'config/settings/local.py': 'DEBUG = True\n',
      'config/settings/production.py': 'DEBUG = False\n',
    });
    const report = await scan(dir);
    expect(report.findings.map((f) => [f.location.path, f.location.startLine])).toEqual([['config/settings/local.py', 1]]);
    expect(report.findings[0]!.message).toContain('production-settings');
  });

  it('carries the Django check id as an alias', async () => {
    const dir = await makeProject({ 'prod_settings.py': 'DEBUG = True\n' });
    const report = await audit({ path: dir, select: ['security.W018'], jobs: 1, exclude: [] });
    // prod_settings.py is not a settings module by name (no settings.py, no settings/ package): nothing to judge.
    expect(report.report.findings).toEqual([]);
    const named = await makeProject({ 'pyproject.toml': '[tool.ponyguard]\nsettings-modules = ["prod_settings"]\n', 'prod_settings.py': 'DEBUG = True\n' });
    const found = (await audit({ path: named, select: ['security.W018'], jobs: 1 })).report.findings;
    expect(found.map((f) => [f.ruleId, f.aliases])).toEqual([['SET018', ['security.W018']]]);
  });
});
