import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MYSITE, exampleLines, expectAnnotated, projectScanner } from '../../hardening/source-helpers.js';
import { FIXTURES } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/hardening/web-server-exposes-dotfiles');

/** A project outside any git work tree: its deployed checkout is assumed to hold .git at the top. */
const DJANGO = {
  ...MYSITE,
  'mysite/settings.py': 'DEBUG = False\n',
  'deploy/uwsgi.ini': '[uwsgi]\nchdir = /srv/shop\nmodule = mysite.wsgi\n',
};

const scan = projectScanner('HRD046', DJANGO);

describe('HRD046 web-server-exposes-dotfiles', () => {
  it('reports exactly the annotated lines of its fixture project (nginx, Apache, uWSGI, Caddy)', async () => {
    const { report, expected } = await expectAnnotated('HRD046', fixture);
    expect(expected.length).toBeGreaterThan(4);
    for (const finding of report.findings) expect(finding.severity).toBe('medium');
    const alias = report.findings.find((f) => f.location.path === 'deploy/nginx.conf' && f.location.startLine === 37)!;
    expect(alias.message).toContain('GET /src/.env is answered from it');
  });

  it('sees through the FilesMatch half-fix: file names are matched, so /.git/config is still served', async () => {
    const vhost = (rules: string) => `<VirtualHost *:80>\n    DocumentRoot /srv/shop\n${rules}</VirtualHost>\n`;
    const half = await scan({ 'deploy/apache.conf': vhost('    <FilesMatch "^\\.">\n        Require all denied\n    </FilesMatch>\n') });
    expect(half.map((f) => f.at)).toEqual(['deploy/apache.conf:2']);
    expect(half[0]!.message).toContain('the git repository .git/');
    expect(half[0]!.message).not.toContain('.env');
    const none = await scan({ 'deploy/apache.conf': vhost('') });
    expect(none[0]!.message).toContain('the git repository .git/ and .env');
    const full = await scan({ 'deploy/apache.conf': vhost('    <DirectoryMatch "/\\.git">\n        Require all denied\n    </DirectoryMatch>\n    <Files ".env">\n        Require all denied\n    </Files>\n') });
    expect(full).toEqual([]);
    const rewrite = await scan({ 'deploy/apache.conf': vhost('    RewriteEngine On\n    RewriteRule "(^|/)\\." - [F]\n') });
    expect(rewrite).toEqual([]);
  });

  it('reads deny rules from includes the repository has, and is unsure about the others', async () => {
    const server = (include: string) => `server {\n    root /srv/shop;\n    ${include}\n}\n`;
    const included = await scan({
      'deploy/nginx/site.conf': server('include snippets/deny-dotfiles.conf;'),
      'deploy/nginx/snippets/deny-dotfiles.conf': 'location ~ /\\. {\n    deny all;\n}\n',
    });
    expect(included).toEqual([]);
    const missing = await scan({ 'deploy/nginx/site.conf': server('include /etc/nginx/snippets/security.conf;') });
    expect(missing.map((f) => [f.at, f.confidence])).toEqual([['deploy/nginx/site.conf:2', 'low']]);
  });

  it('follows Caddy handle blocks and hide patterns', async () => {
    const handled = await scan({
      'Caddyfile': 'shop.example.com {\n\thandle_path /files/* {\n\t\troot * /srv/shop\n\t\tfile_server\n\t}\n\thandle {\n\t\treverse_proxy 127.0.0.1:8000\n\t}\n}\n',
    });
    expect(handled.map((f) => f.at)).toEqual(['Caddyfile:3']);
    expect(handled[0]!.message).toContain('GET /files/.git/config');
    const hidden = await scan({
      'Caddyfile': 'shop.example.com {\n\thandle_path /files/* {\n\t\troot * /srv/shop\n\t\tfile_server {\n\t\t\thide .git .env\n\t\t}\n\t}\n}\n',
    });
    expect(hidden).toEqual([]);
  });

  it("finds the vulnerable example's nginx configuration and nothing in the hardened one", async () => {
    expect(await exampleLines('HRD046', 'vulnerable-shop')).toEqual(['deploy/nginx.conf:5', 'deploy/nginx.conf:16']);
    expect(await exampleLines('HRD046', 'hardened-shop')).toEqual([]);
  });
});
