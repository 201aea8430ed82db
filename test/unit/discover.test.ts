import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverProject, moduleIdentity } from '../../src/project/discover.js';
import { findDjangoPin } from '../../src/project/django-version.js';
import { walkProject } from '../../src/project/walk.js';
import { REPO_ROOT, makeProject } from '../helpers.js';

const LOCKFILES = path.resolve(REPO_ROOT, '..', 'shared', 'data', 'lockfiles');

async function discover(files: Record<string, string>, options = { settingsModules: [] as string[], productionSettings: [] as string[] }) {
  const dir = await makeProject(files);
  const walked = await walkProject(dir, { exclude: [] });
  return discoverProject(dir, walked.files, walked.gitRoot, options);
}

const cookiecutter = {
  'manage.py': 'import os\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")\n',
  'config/__init__.py': '',
  'config/wsgi.py': "import os\n# os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings.old')\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings.production')\n",
  'config/settings/__init__.py': '',
  'config/settings/base.py': '',
  'config/settings/local.py': '',
  'config/settings/test.py': '',
  'config/settings/production.py': '',
  'pytest.ini': '[pytest]\nDJANGO_SETTINGS_MODULE = config.settings.test\n',
  'shop/__init__.py': '',
  'shop/apps.py': '',
  'shop/models.py': '',
  'shop/tests.py': '',
  'shop/templates/shop/index.html': '',
  'templates/base.html': '',
  'requirements/base.txt': 'Django==4.2.7\n',
  'requirements/local.txt': '-r base.txt\n',
  'tests/test_views.py': '',
};

describe('discoverProject', () => {
  it('finds settings modules, which are production, apps, templates and requirements', async () => {
    const { discovery, pythonFiles } = await discover(cookiecutter);
    expect(discovery.managePy).toBe('manage.py');
    expect(discovery.settingsDefaults.map((d) => [d.module, d.path, d.line, d.source])).toEqual([
      ['config.settings.production', 'config/wsgi.py', 3, 'wsgi'],
      ['config.settings.local', 'manage.py', 3, 'manage.py'],
      ['config.settings.test', 'pytest.ini', 2, 'pytest'],
    ]);
    expect(discovery.settingsModules.map((m) => [m.name, m.path, m.production])).toEqual([
      ['config.settings', 'config/settings/__init__.py', false],
      ['config.settings.base', 'config/settings/base.py', false],
      ['config.settings.local', 'config/settings/local.py', false],
      ['config.settings.production', 'config/settings/production.py', true],
      ['config.settings.test', 'config/settings/test.py', false],
    ]);
    expect(discovery.settingsModules.find((m) => m.production)?.productionReason).toBe('named by DJANGO_SETTINGS_MODULE in config/wsgi.py');
    expect(discovery.apps).toEqual(['shop']);
    expect(discovery.templateDirs).toEqual(['shop/templates', 'templates']);
    expect(discovery.requirementFiles).toEqual(['requirements/base.txt', 'requirements/local.txt']);
    expect(discovery.djangoVersion).toEqual({ version: '4.2.7', path: 'requirements/base.txt', line: 1 });
    expect(pythonFiles.get('config/settings/production.py')?.roles).toEqual(['settings', 'production-settings']);
    expect(pythonFiles.get('tests/test_views.py')?.roles).toEqual(['test']);
    // Django's startapp writes each app's tests to tests.py; a settings module named test.py is settings.
    expect(pythonFiles.get('shop/tests.py')?.roles).toEqual(['test']);
    expect(pythonFiles.get('config/settings/test.py')?.roles).toEqual(['settings']);
  });

  it('finds settings named in deployment files and tox.ini', async () => {
    const { discovery } = await discover({
      'Dockerfile': 'FROM python:3.12\nENV DJANGO_SETTINGS_MODULE=site_conf.prod_settings\n',
      'tox.ini': '[testenv]\nsetenv =\n    DJANGO_SETTINGS_MODULE = site_conf.ci_settings\n',
      'site_conf/__init__.py': '',
      'site_conf/prod_settings.py': '',
      'site_conf/ci_settings.py': '',
    });
    expect(discovery.settingsModules.map((m) => [m.name, m.production, m.sources])).toEqual([
      ['site_conf.ci_settings', false, ['tox']],
      ['site_conf.prod_settings', true, ['deployment']],
    ]);
  });

  it('honours settings-modules from the configuration', async () => {
    const { discovery, warnings } = await discover(
      { 'a/__init__.py': '', 'a/conf.py': '', 'a/settings.py': '' },
      { settingsModules: ['a.conf', 'a.missing'], productionSettings: [] },
    );
    expect(discovery.settingsModules.map((m) => m.name)).toEqual(['a.conf']);
    expect(warnings.map((w) => w.message)).toEqual(['settings module "a.missing" (from configuration) was not found under the scan root']);
  });
});

describe('moduleIdentity', () => {
  const paths = new Set(['src/shop/__init__.py', 'src/shop/views.py', 'ns/pkg/mod.py', 'manage.py', 'src/shop/sub/__init__.py', 'src/shop/sub/x.py']);
  it('derives dotted names from packages and source roots', () => {
    expect(moduleIdentity('src/shop/views.py', paths, ['', 'src'])).toEqual({ moduleName: 'shop.views', isPackage: false });
    expect(moduleIdentity('src/shop/sub/__init__.py', paths, ['', 'src'])).toEqual({ moduleName: 'shop.sub', isPackage: true });
    expect(moduleIdentity('ns/pkg/mod.py', paths, [''])).toEqual({ moduleName: 'ns.pkg.mod', isPackage: false });
    expect(moduleIdentity('scripts/my-tool.py', paths, [''])).toEqual({ moduleName: null, isPackage: false });
  });
});

// The reference pack's real lock files (../shared/data/lockfiles); skipped when it is not beside the repository.
describe.skipIf(!existsSync(LOCKFILES))('findDjangoPin on real lock files', () => {
  const cases: Array<[string, string]> = [
    ['poetry.lock', '5.2.1'],
    ['Pipfile.lock', '5.1.6'],
    ['uv.lock', '5.2.16'],
    ['pdm.lock', '5.0'],
  ];
  it.each(cases)('%s pins Django %s', async (file, version) => {
    const warnings: Array<{ path: string; line: number | null; message: string }> = [];
    const pin = await findDjangoPin(LOCKFILES, [file], [], warnings);
    expect(pin?.version).toBe(version);
    const text = await readFile(path.join(LOCKFILES, file), 'utf8');
    expect(text.split('\n')[pin!.line - 1]!.toLowerCase()).toContain('django');
    expect(warnings).toEqual([]);
  });

  it.each([
    ['requirements.txt', '1.11.20'],
    ['requirements.pip-compile-hashes.txt', '6.0.3'],
  ])('%s pins Django %s', async (file, version) => {
    const pin = await findDjangoPin(LOCKFILES, [], [file], []);
    expect(pin?.version).toBe(version);
  });
});
