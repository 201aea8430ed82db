import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, hits, makeProject, runRule } from '../../helpers.js';

describe('SET220 admin-default-url', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('SET220', path.join(FIXTURES, 'rules/settings/admin-default-url.py'));
  });

  it('is informational', async () => {
    const dir = await makeProject({
      'shop/__init__.py': '',
      'shop/urls.py': ['from django.contrib import admin', 'from django.urls import path', 'urlpatterns = [path("admin/", admin.site.urls)]'].join('\n'),
    });
    const { report } = await audit({ path: dir, select: ['SET220'], jobs: 1 });
    expect(report.findings.map((f) => [f.location.path, f.location.startLine, f.severity, f.confidence])).toEqual([['shop/urls.py', 3, 'info', 'high']]);
  });

  it('resolves an aliased path function', async () => {
    const source = ['from django.contrib import admin', 'from django.urls import path as route', 'urlpatterns = [route("/admin", admin.site.urls)]'].join('\n');
    expect(hits(await runRule('SET220', source))).toEqual([{ code: 'SET220', line: 3 }]);
  });

  it('needs Django\'s URL functions, resolved through imports', async () => {
    const source = ['from django.contrib import admin', 'def path(route, view):', '    return (route, view)', 'urlpatterns = [path("admin/", admin.site.urls)]'].join('\n');
    expect(await runRule('SET220', source)).toEqual([]);
  });

  it('skips test files', async () => {
    const source = ['from django.contrib import admin', 'from django.urls import path', 'urlpatterns = [path("admin/", admin.site.urls)]'].join('\n');
    expect(await runRule('SET220', source, { path: 'tests/urls.py', moduleName: 'tests.urls', roles: ['test'] })).toEqual([]);
  });
});
