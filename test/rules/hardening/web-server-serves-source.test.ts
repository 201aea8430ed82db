import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { MYSITE, exampleLines, expectAnnotated, projectScanner } from '../../hardening/source-helpers.js';
import { FIXTURES, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/hardening/web-server-serves-source');

const DJANGO = {
  ...MYSITE,
  'mysite/settings.py': 'from pathlib import Path\nBASE_DIR = Path(__file__).resolve().parent.parent\nSTATIC_ROOT = BASE_DIR / "staticfiles"\n',
  'mysite/wsgi.py': 'from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n',
  'mysite/static/mysite/site.css': 'body {}\n',
};

const scan = projectScanner('HRD045', DJANGO);

describe('HRD045 web-server-serves-source', () => {
  it('reports exactly the annotated lines of its fixture project (nginx, Apache, uWSGI, Caddy)', async () => {
    const { expected } = await expectAnnotated('HRD045', fixture);
    expect(expected.length).toBeGreaterThan(8);
  });

  it('is high when a request reaches the code, low when the directory is configured but every request is proxied', async () => {
    const { report } = await audit({ path: fixture, select: ['HRD045'], jobs: 1 });
    const by = new Map(report.findings.map((f) => [`${f.location.path}:${f.location.startLine}`, f]));
    expect(by.get('deploy/nginx/site.conf:5')).toMatchObject({ severity: 'high', confidence: 'high' });
    expect(by.get('deploy/nginx/site.conf:5')!.message).toContain('GET /manage.py returns the source of manage.py');
    expect(by.get('deploy/nginx/site.conf:5')!.message).toContain('is the project root');
    expect(by.get('deploy/nginx/site.conf:17')!.message).toContain('/assets../ reaches the alias\' parent directory');
    expect(by.get('deploy/nginx/site.conf:24')).toMatchObject({ severity: 'low' });
    expect(by.get('deploy/apache/mysite.conf:3')).toMatchObject({ severity: 'low' });
    expect(by.get('deploy/apache/mysite.conf:7')).toMatchObject({ severity: 'high' });
    expect(by.get('deploy/caddy/Caddyfile:2')).toMatchObject({ severity: 'high' });
    expect(by.get('deploy/caddy/Caddyfile:12')).toMatchObject({ severity: 'low' });
    expect(by.get('deploy/uwsgi.ini:7')!.message).toContain('the app blog');
    // uWSGI's %d is the configuration's own directory: no deployment evidence is needed.
    expect(by.get('deploy/uwsgi.ini:8')!.message).not.toContain('placed in the repository by');
  });

  it('places deployment paths through a WSGIScriptAlias target, a supervisor directory or gunicorn --chdir', async () => {
    const apache = await scan({
      'deploy/site.conf': '<VirtualHost *:443>\n    WSGIScriptAlias / /home/app/src/mysite/wsgi.py\n    Alias /files/ /home/app/src/\n</VirtualHost>\n',
    });
    expect(apache.map((f) => [f.at, f.severity, f.confidence])).toEqual([['deploy/site.conf:3', 'high', 'high']]);
    expect(apache[0]!.message).toContain('WSGIScriptAlias in deploy/site.conf line 2');
    const supervisor = await scan({
      'deploy/supervisor.conf': '[program:web]\ncommand=/opt/venv/bin/gunicorn mysite.wsgi\ndirectory=/opt/shop\n',
      'deploy/nginx.conf': 'server {\n    location / { root /opt/shop; }\n}\n',
    });
    expect(supervisor.map((f) => [f.at, f.severity])).toEqual([['deploy/nginx.conf:2', 'high']]);
    const gunicorn = await scan({
      'deploy/app.conf': 'description "shop"\nexec /opt/venv/bin/gunicorn --chdir /opt/shop mysite.wsgi\n',
      'deploy/nginx.conf': 'server {\n    root /opt/shop/mysite;\n}\n',
    });
    expect(gunicorn.map((f) => f.at)).toEqual(['deploy/nginx.conf:2']);
    expect(gunicorn[0]!.message).toContain('the settings module mysite/settings.py');
  });

  it('places the document root of an image that copies the checkout into it (Dockerfile COPY)', async () => {
    const findings = await scan({
      'Dockerfile': 'FROM nginx:stable\nWORKDIR /usr/share/nginx\nCOPY . html\nCOPY deploy/nginx.conf /etc/nginx/conf.d/default.conf\n',
      'deploy/nginx.conf': 'server {\n    listen 80;\n    root /usr/share/nginx/html;\n    index index.html;\n}\n',
    });
    expect(findings.map((f) => [f.at, f.severity, f.confidence])).toEqual([['deploy/nginx.conf:3', 'high', 'high']]);
    expect(findings[0]!.message).toContain('COPY . html in Dockerfile line 3');
  });

  it('places a path by its tail only with enough evidence, at medium confidence', async () => {
    const tail = await scan({
      'deploy/nginx.conf': 'server {\n    root /var/www/shop;\n    location /static/mysite/ { alias /var/www/shop/mysite/static/mysite/; }\n}\n',
    });
    expect(tail.map((f) => [f.at, f.severity, f.confidence])).toEqual([['deploy/nginx.conf:2', 'high', 'medium']]);
    // Nothing ties /var/www/shop to the repository: not judged.
    expect(await scan({ 'deploy/nginx.conf': 'server {\n    root /var/www/shop;\n}\n' })).toEqual([]);
    expect(await scan({ 'deploy/nginx.conf': 'server {\n    root /var/www/mysite;\n}\n' })).toEqual([]);
  });

  it('lowers the confidence when an include it cannot read may change the answer', async () => {
    const findings = await scan({
      'deploy/uwsgi.ini': '[uwsgi]\nchdir = /srv/shop\n',
      'deploy/nginx.conf': 'server {\n    root /srv/shop;\n    include /etc/nginx/snippets/hardening.conf;\n}\n',
    });
    expect(findings.map((f) => [f.at, f.severity, f.confidence])).toEqual([['deploy/nginx.conf:2', 'high', 'low']]);
  });

  it('judges a snippet in the context of the server that includes it', async () => {
    const findings = await scan({
      'deploy/uwsgi.ini': '[uwsgi]\nchdir = /srv/shop\n',
      'deploy/nginx/site.conf': 'server {\n    include snippets/root.conf;\n    location / { proxy_pass http://127.0.0.1:8000; }\n}\n',
      'deploy/nginx/snippets/root.conf': 'root /srv/shop;\n',
    });
    expect(findings.map((f) => [f.at, f.severity])).toEqual([['deploy/nginx/snippets/root.conf:1', 'low']]);
    // On its own (nobody includes it), a snippet is judged as a server of its own.
    const alone = await scan({ 'deploy/uwsgi.ini': '[uwsgi]\nchdir = /srv/shop\n', 'deploy/nginx/snippets/root.conf': 'root /srv/shop;\n' });
    expect(alone.map((f) => [f.at, f.severity])).toEqual([['deploy/nginx/snippets/root.conf:1', 'high']]);
  });

  it('never fails on odd configuration files', async () => {
    const { report } = await audit({
      path: await makeProject({
        ...DJANGO,
        'nginx/broken.conf': 'server { root "/srv/x; location ~ ((( { alias }}}} \\',
        'apache2/broken.conf': '<VirtualHost *:80\nDocumentRoot\n</Directory>\nAlias\n',
        'Caddyfile': '{\n  admin off\n}\n}}} root * \nfile_server {\n',
        'uwsgi.yaml': 'uwsgi: [unclosed\n',
        'uwsgi.json': '{"uwsgi": {"static-map": 5}',
        'uwsgi.xml': '<uwsgi><static-map>/a=</static-map>',
        'deploy/.htaccess': 'RewriteEngine on\nRewriteRule ((( - [F]\n',
      }),
      select: ['HRD045', 'HRD046'],
      jobs: 1,
    });
    expect(report.errors).toEqual([]);
  });

  it("finds the vulnerable example's nginx configuration and nothing in the hardened one", async () => {
    expect(await exampleLines('HRD045', 'vulnerable-shop')).toEqual(['deploy/nginx.conf:5', 'deploy/nginx.conf:16']);
    expect(await exampleLines('HRD045', 'hardened-shop')).toEqual([]);
  });
});
