import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, REPO_ROOT, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/hardening/upload-without-size-limit');
const examples = path.join(REPO_ROOT, 'examples');

const APP = {
  'app/__init__.py': '',
  'app/models.py': 'from django.db import models\n\n\nclass Doc(models.Model):\n    file = models.FileField()\n',
};

async function hits(root: string): Promise<string[]> {
  const { report } = await audit({ path: root, select: ['HRD025'], jobs: 1 });
  expect(report.errors).toEqual([]);
  return report.findings.map((f) => `${f.location.path}:${f.location.startLine}`).sort();
}

describe('HRD025 upload-without-size-limit', () => {
  it('reports exactly the annotated lines of its fixture project (fields and views)', async () => {
    await expectFixture('HRD025', fixture);
  });

  it('is silenced by a request-body limit in a web-server configuration of the repository', async () => {
    expect(await hits(await makeProject(APP))).toEqual(['app/models.py:5']);
    for (const [file, text] of [
      ['deploy/nginx.conf', 'server {\n    listen 80;\n    client_max_body_size 10m;\n}\n'],
      ['deploy/site.conf', 'http { server { client_max_body_size 20M; } }\n'],
      ['public/.htaccess', 'LimitRequestBody 10485760\n'],
      ['deploy/uwsgi.ini', '[uwsgi]\nmodule = app.wsgi\nlimit-post = 10485760\n'],
      ['Caddyfile', 'example.com {\n    request_body {\n        max_size 10MB\n    }\n}\n'],
    ]) {
      expect(await hits(await makeProject({ ...APP, [file!]: text! })), file).toEqual([]);
    }
  });

  it('does not count a limit of 0 (unlimited) or a commented-out directive', async () => {
    expect(await hits(await makeProject({ ...APP, 'deploy/nginx.conf': 'server {\n    client_max_body_size 0;\n    # client_max_body_size 10m;\n}\n' }))).toEqual(['app/models.py:5']);
    const unlimitedProxy = 'server {\n    client_max_body_size 0;\n    location / { proxy_pass http://127.0.0.1:8000; }\n}\n';
    expect(await hits(await makeProject({ ...APP, 'deploy/nginx.conf': unlimitedProxy }))).toEqual(['app/models.py:5']);
  });

  it("counts nginx's default 1 MB limit when nginx proxies to the application without client_max_body_size", async () => {
    const proxy = 'server {\n    listen 80;\n    location / {\n        uwsgi_pass unix:/run/shop.sock;\n    }\n}\n';
    expect(await hits(await makeProject({ ...APP, 'deploy/nginx.conf': proxy }))).toEqual([]);
    // A configuration that serves files only does not stand in front of the application.
    expect(await hits(await makeProject({ ...APP, 'deploy/nginx.conf': 'server {\n    root /srv/static;\n}\n' }))).toEqual(['app/models.py:5']);
  });

  it('judges request handlers only: a debug page listing request.FILES is not an upload', async () => {
    const views = [
      'class ExceptionReporter:',
      '    def get_traceback_data(self):',
      '        return {"files": self.request.FILES.items()}',
      '',
      '',
      'def upload(request):',
      '    data = request.FILES["doc"].read()',
      '    return data',
      '',
    ].join('\n');
    expect(await hits(await makeProject({ 'app/__init__.py': '', 'app/debug.py': views }))).toEqual(['app/debug.py:7']);
  });

  it('trusts custom upload handlers to enforce a limit', async () => {
    const settings = 'FILE_UPLOAD_HANDLERS = ["app.handlers.LimitedUploadHandler"]\n';
    const files = { ...APP, 'config/__init__.py': '', 'config/settings/__init__.py': '', 'config/settings/production.py': settings };
    expect(await hits(await makeProject(files))).toEqual([]);
  });

  it('finds the unlimited uploads of examples/vulnerable-shop and none in hardened-shop', async () => {
    expect(await hits(path.join(examples, 'vulnerable-shop'))).toEqual(['catalog/forms.py:26', 'catalog/models.py:53', 'catalog/views.py:105']);
    expect(await hits(path.join(examples, 'hardened-shop'))).toEqual([]);
  });
});
