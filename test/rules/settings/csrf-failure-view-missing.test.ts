import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { runSettingsPhase } from '../../../src/engine/settings-phase.js';
import type { ProjectModule } from '../../../src/project/model.js';
import { discoverProject } from '../../../src/project/discover.js';
import { walkProject } from '../../../src/project/walk.js';
import { EMPTY_ENVIRONMENT } from '../../../src/settings/environment.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/csrf-failure-view-missing');

async function run(settings: string, options: { env?: string[]; showSuppressed?: boolean } = {}) {
  const { report } = await audit({ path: fixture, select: ['SET102'], jobs: 1, settings, ...options });
  expect(report.errors).toEqual([]);
  return report.findings;
}

describe('SET102 csrf-failure-view-missing', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET102', fixture);
  });

  it('carries the Django id only where Django reports E102 (elsewhere its check crashes)', async () => {
    const aliases = async (module: string) => (await run(module)).map((f) => [f.location.startLine, f.aliases]);
    // ImportError: E102.
    expect(await aliases('settings.prod_unqualified')).toEqual([[1, ['security.E102']]]);
    expect(await aliases('settings.prod_trailing_dot')).toEqual([[1, ['security.E102']]]);
    expect(await aliases('settings.prod_deep_missing')).toEqual([[1, ['security.E102']]]);
    // ViewDoesNotExist: the finding stands, the message says what Django does.
    for (const module of ['settings.prod_module_typo', 'settings.prod_name_missing']) {
      const findings = await run(module);
      expect(findings.map((f) => f.location.startLine)).toEqual([1]);
      expect(findings[0]!.message).toContain('ViewDoesNotExist');
    }
  });

  it('names the missing piece', async () => {
    expect((await run('settings.prod_module_typo'))[0]!.message).toContain('the project has no module myapp.view');
    expect((await run('settings.prod_deep_missing'))[0]!.message).toContain('the project has no module myapp.errors');
    expect((await run('settings.prod_name_missing'))[0]!.message).toContain('myapp/views.py defines no csrf_failur');
  });

  it('judges the environment default, and the path the environment gives', async () => {
    const unset = await run('settings.prod_env_default');
    expect(unset.map((f) => [f.location.startLine, f.confidence])).toEqual([[3, 'medium']]);
    expect(unset[0]!.message).toContain('CSRF_VIEW is not set');
    expect(await run('settings.prod_env_default', { env: ['CSRF_VIEW=myapp.views.csrf_failure'] })).toEqual([]);
    expect((await run('settings.prod_env_default', { env: ['CSRF_VIEW=myapp.nope.csrf_failure'] })).map((f) => f.location.startLine)).toEqual([3]);
  });

  it('honours SILENCED_SYSTEM_CHECKS as a suppression', async () => {
    const findings = await run('settings.prod_silenced', { showSuppressed: true });
    expect(findings.map((f) => [f.ruleId, f.suppression?.kind])).toEqual([['SET102', 'inline']]);
  });

  it('exists from Django 3.2 only', async () => {
    const files = { 'settings/__init__.py': '', 'settings/prod.py': 'CSRF_FAILURE_VIEW = "csrf_failure"\n' };
    const old = await makeProject({ ...files, 'requirements.txt': 'Django==3.1.14\n' });
    expect((await audit({ path: old, select: ['SET102'], jobs: 1 })).report.findings).toEqual([]);
    const current = await makeProject({ ...files, 'requirements.txt': 'Django==3.2.25\n' });
    expect((await audit({ path: current, select: ['SET102'], jobs: 1 })).report.findings.map((f) => f.ruleId)).toEqual(['SET102']);
  });

  it('finds views in a src/ layout and in the package that holds the settings', async () => {
    const dir = await makeProject({
      'src/manage.py': '',
      'src/shop/__init__.py': '',
      'src/shop/settings/__init__.py': '',
      'src/shop/settings/production.py': 'CSRF_FAILURE_VIEW = "shop.errors.csrf_failure"\nROOT_URLCONF = "shop.urls"\n',
      'src/shop/errors.py': 'def csrf_failure(request, reason=""):\n    pass\n',
      'src/shop/urls.py': 'urlpatterns = []\n',
      'src/shop/settings/staging.py': 'CSRF_FAILURE_VIEW = "shop.error.csrf_failure"\n',
    });
    const { report } = await audit({ path: dir, select: ['SET102'], jobs: 1 });
    expect(report.errors).toEqual([]);
    expect(report.findings.map((f) => [f.location.path, f.location.startLine])).toEqual([['src/shop/settings/staging.py', 1]]);
  });

  it('rests on the settings phase loading the modules CSRF_FAILURE_VIEW and ROOT_URLCONF name, with their packages', async () => {
    const dir = await makeProject({
      'settings/__init__.py': '',
      'settings/prod.py': 'CSRF_FAILURE_VIEW = "shop.web.errors.csrf_failure"\nROOT_URLCONF = "shop.urls"\n',
      'shop/__init__.py': '',
      'shop/urls.py': 'urlpatterns = []\n',
      'shop/web/__init__.py': '',
      'shop/web/errors.py': 'def csrf_failure(request, reason=""):\n    pass\n',
      'shop/web/other.py': '',
    });
    const walked = await walkProject(dir, { exclude: [] });
    const discovered = await discoverProject(dir, walked.files, walked.gitRoot, { settingsModules: [], productionSettings: [] });
    const modules = new Map<string, ProjectModule>();
    const errors: Array<{ path: string; line: number | null; message: string }> = [];
    const result = await runSettingsPhase({
      root: dir,
      discovery: discovered.discovery,
      pythonFiles: discovered.pythonFiles,
      files: walked.files,
      modules,
      environment: EMPTY_ENVIRONMENT,
      brokenPaths: new Set(),
      maxBytes: 1024 * 1024,
      errors,
    });
    expect(errors).toEqual([]);
    expect(result.snapshots.map((s) => s.name)).toEqual(['settings.prod']);
    expect([...modules.keys()].sort()).toEqual(['settings.prod', 'shop', 'shop.urls', 'shop.web', 'shop.web.errors']);
    expect(modules.get('shop.web.errors')!.path).toBe('shop/web/errors.py');
  });
});

describe('SET102 with declared dependencies', () => {
  it('reports views whose package no declared dependency provides, with low confidence', async () => {
    const { audit } = await import('../../../src/engine/scan.js');
    const { makeProject } = await import('../../helpers.js');
    const dir = await makeProject({
      'requirements.txt': 'Django==4.2.7\ndjango-allauth==0.58.0\n',
      'settings/__init__.py': '',
      'settings/prod_undeclared.py': 'CSRF_FAILURE_VIEW = "not_installed.views.csrf_failure"\n',
      'settings/prod_declared.py': 'CSRF_FAILURE_VIEW = "allauth.views.csrf_failure"\n',
      'settings/prod_stdlib_importer.py': 'CSRF_FAILURE_VIEW = "shopviews.ok.csrf_failure"\n',
      'settings/prod_broken_import.py': 'CSRF_FAILURE_VIEW = "shopviews.broken.csrf_failure"\n',
      'shopviews/__init__.py': '',
      'shopviews/ok.py': 'import json\nfrom django.http import HttpResponseForbidden\n\ndef csrf_failure(request, reason=""):\n    return HttpResponseForbidden()\n',
      'shopviews/broken.py': 'import missing_lib\n\ndef csrf_failure(request, reason=""):\n    return None\n',
    });
    const { report } = await audit({ path: dir, jobs: 1, select: ['SET102'] });
    expect(report.findings.map((f) => [f.location.path, f.location.startLine, f.confidence, f.aliases]).sort()).toEqual([
      ['settings/prod_broken_import.py', 1, 'low', ['security.E102']],
      ['settings/prod_undeclared.py', 1, 'low', ['security.E102']],
    ]);
  });
});
