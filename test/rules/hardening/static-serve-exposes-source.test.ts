import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, REPO_ROOT, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/hardening/static-serve-exposes-source');

describe('HRD047 static-serve-exposes-source', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('HRD047', fixture);
  });

  it('is high for routes every environment has, medium for development-only ones', async () => {
    const { report } = await audit({ path: fixture, select: ['HRD047'], jobs: 1 });
    const by = new Map(report.findings.map((f) => [f.location.startLine, f]));
    expect(by.get(20)).toMatchObject({ severity: 'high', confidence: 'high' });
    expect(by.get(20)!.message).toContain('settings.BASE_DIR in mysite.settings.production');
    expect(by.get(20)!.message).toContain('is the project root');
    expect(by.get(21)!.message).toContain('the Python package mysite/');
    expect(by.get(23)!.message).toContain('the app blog');
    expect(by.get(30)).toMatchObject({ severity: 'medium' });
    expect(by.get(30)!.message).toContain('the static() helper');
    expect(by.get(31)).toMatchObject({ severity: 'medium' });
    expect(by.get(33)).toMatchObject({ severity: 'high' });
  });

  it('evaluates settings the URLconf imports from the settings package, and environment defaults at medium confidence', async () => {
    const project = await makeProject({
      'manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "conf.settings")\n',
      'conf/__init__.py': '',
      'conf/settings.py': 'import os\nfrom pathlib import Path\nBASE_DIR = Path(__file__).resolve().parent.parent\nFILES_ROOT = os.environ.get("FILES_ROOT", str(BASE_DIR))\n',
      'conf/urls.py': [
        'from django.conf import settings',
        'from django.urls import re_path',
        'from django.views.static import serve',
        'from conf.settings import BASE_DIR',
        '',
        'urlpatterns = [',
        '    re_path(r"^a/(?P<path>.*)$", serve, {"document_root": BASE_DIR / "conf"}),',
        '    re_path(r"^b/(?P<path>.*)$", serve, {"document_root": settings.FILES_ROOT}),',
        ']',
        '',
      ].join('\n'),
    });
    const { report } = await audit({ path: project, select: ['HRD047'], jobs: 1 });
    expect(report.findings.map((f) => [f.location.startLine, f.severity, f.confidence])).toEqual([
      [7, 'high', 'high'],
      [8, 'high', 'medium'],
    ]);
    const set = await audit({ path: project, select: ['HRD047'], jobs: 1, env: ['FILES_ROOT=/srv/files'] });
    expect(set.report.findings.map((f) => f.location.startLine)).toEqual([7]);
  });

  it('leaves the media route of examples/vulnerable-shop to PY806 (MEDIA_ROOT holds no code) and finds nothing in hardened-shop', async () => {
    for (const variant of ['vulnerable-shop', 'hardened-shop']) {
      const { report } = await audit({ path: path.join(REPO_ROOT, 'examples', variant), select: ['HRD047'], jobs: 1 });
      expect(report.findings).toEqual([]);
    }
  });
});
