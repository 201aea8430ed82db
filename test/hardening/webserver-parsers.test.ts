/** The web-server configuration parsers behind HRD045 / HRD046: syntax, request routing, and robustness. */
import { describe, expect, it } from 'vitest';
import { configKind } from '../../src/hardening/webserver.js';
import { readApache } from '../../src/hardening/webserver-apache.js';
import { parseCaddy, readCaddy } from '../../src/hardening/webserver-caddy.js';
import type { ParsedConfig, ServedDirectory } from '../../src/hardening/webserver-model.js';
import { parseNginx, readNginx, tokenizeNginx } from '../../src/hardening/webserver-nginx.js';
import { parseUwsgi, readUwsgi } from '../../src/hardening/webserver-uwsgi.js';

const nginx = (text: string, includes: Record<string, string> = {}): ParsedConfig =>
  readNginx('site.conf', text, (target) => {
    const key = Object.keys(includes).find((k) => target.endsWith(k));
    return key ? { file: key, text: includes[key]! } : null;
  });

/** The served directory declared on a line. */
const at = (config: ParsedConfig, line: number, traversal = false): ServedDirectory => {
  const found = config.served.find((s) => s.at.line === line && Boolean(s.traversal) === traversal);
  if (!found) throw new Error(`nothing served at line ${line}: ${config.served.map((s) => `${s.at.line} ${s.text}`).join('; ')}`);
  return found;
};

const dir = (s: ServedDirectory): string => (s.dir.kind === 'absolute' ? s.dir.path : `@${s.dir.rel}`);

describe('nginx', () => {
  it('tokenizes quotes, escapes, comments and ${var} placeholders with their positions', () => {
    const tokens = tokenizeNginx('root "/srv/my app"; # a comment { ;\nalias /x/${name}/y;\nset $a \'b\\\'c\';');
    expect(tokens.map((t) => t.value)).toEqual(['root', '/srv/my app', ';', 'alias', '/x/${name}/y', ';', 'set', '$a', "b'c", ';']);
    expect(tokens[3]).toMatchObject({ line: 2, column: 1 });
    expect(tokens[1]).toMatchObject({ quoted: true });
  });

  it('tolerates unbalanced braces and missing semicolons', () => {
    expect(() => parseNginx('}}} server { location / { root /a', 'x')).not.toThrow();
    const parsed = parseNginx('server { root /a }\nserver { root /b; }', 'x');
    expect(parsed.map((d) => d.name)).toEqual(['server', 'server']);
    expect(parsed[0]!.block!.map((d) => [d.name, d.args.map((a) => a.value)])).toEqual([['root', ['/a']]]);
  });

  it('selects locations as nginx does: exact, ^~, regex in order, longest prefix, nested', () => {
    const config = nginx(
      [
        'server {', // 1
        '    root /srv/app;', // 2
        '    location = /exact.py { proxy_pass http://a; }', // 3
        '    location ^~ /keep/ { }', // 4
        '    location ~ \\.py$ { deny all; }', // 5
        '    location /api/ { proxy_pass http://a; }', // 6
        '    location /nested/ {', // 7
        '        location ~ \\.txt$ { return 404; }', // 8
        '    }', // 9
        '    location /int/ { internal; }', // 10
        '    location /tf/ { try_files /maintenance.html @app; }', // 11
        '}',
      ].join('\n'),
    );
    const root = at(config, 2);
    expect(root.serves('exact.py')).toBe(false);
    expect(root.serves('keep/a.py')).toBe(true); // ^~ wins over the regex
    expect(root.serves('other/a.py')).toBe(false); // the regex denies
    expect(root.serves('other/a.css')).toBe(true);
    expect(root.serves('api/a.css')).toBe(false);
    expect(root.serves('nested/a.txt')).toBe(false);
    expect(root.serves('nested/a.css')).toBe(true);
    expect(root.serves('int/a.css')).toBe(false);
    expect(root.serves('tf/a.css')).toBe(false);
  });

  it('maps root inside a prefix location to that subtree, alias to its prefix, and finds the off-by-slash traversal', () => {
    const config = nginx(
      [
        'http {', // 1
        '  root /srv/http;', // 2
        '  server {', // 3
        '    location /static/ { root /srv/app; }', // 4
        '    location /media { alias /srv/media/; }', // 5
        '    location /files/ { alias /srv/files/; }', // 6
        '    location ~ ^/img/(.*)$ { alias /srv/img/$1; }', // 7
        '  }',
        '}',
      ].join('\n'),
    );
    expect(dir(at(config, 2))).toBe('/srv/http');
    expect([dir(at(config, 4)), at(config, 4).url]).toEqual(['/srv/app/static', '/static/']);
    expect(at(config, 4).serves('a.css')).toBe(true);
    expect([dir(at(config, 5)), at(config, 5).url]).toEqual(['/srv/media', '/media/']);
    expect([dir(at(config, 5, true)), at(config, 5, true).url]).toEqual(['/srv', '/media../']);
    expect(at(config, 5, true).serves('app/settings.py')).toBe(true);
    expect(config.served.some((s) => s.at.line === 6 && s.traversal)).toBe(false);
    expect(config.served.some((s) => s.at.line === 7)).toBe(false); // variables: not judged
    // The http-level root serves requests no location takes.
    expect(at(config, 2).serves('index.html')).toBe(true);
  });

  it('treats a server-level return as answering everything, and a 4xx return location as a denial', () => {
    const redirect = nginx('server {\n  root /srv/app;\n  return 301 https://example.com$request_uri;\n}\n');
    expect(at(redirect, 2).serves('a.py')).toBe(false);
    const deny = nginx('server {\n  root /srv/app;\n  location ~ /\\.git { return 404; }\n}\n');
    expect(at(deny, 2).serves('.git/config')).toBe(false);
    expect(at(deny, 2).serves('.env')).toBe(true);
  });

  it('inlines includes it can find and is unsure when it cannot', () => {
    const found = nginx('server {\n  root /srv/app;\n  include snippets/deny.conf;\n}\n', { 'snippets/deny.conf': 'location ~ /\\. { deny all; }\n' });
    expect(at(found, 2).serves('.env')).toBe(false);
    expect(at(found, 2).serves('a.css')).toBe(true);
    const missing = nginx('server {\n  root /srv/app;\n  include /etc/nginx/conf.d/*.conf;\n}\n');
    expect(at(missing, 2).serves('a.css')).toBeUndefined();
    const stock = nginx('server {\n  root /srv/app;\n  include mime.types;\n}\n');
    expect(at(stock, 2).serves('a.css')).toBe(true);
  });

  it('gives up on regexes JavaScript cannot run', () => {
    const config = nginx('server {\n  root /srv/app;\n  location ~ (?x) a b { deny all; }\n}\n');
    expect(at(config, 2).serves('x')).toBeUndefined();
  });
});

describe('Apache', () => {
  it('reads continuation lines, quotes, sections and trailing comments', () => {
    const config = readApache('a.conf', '<VirtualHost *:80>\n    DocumentRoot \\\n        "/srv/my app"  # the docroot\n</VirtualHost>\n');
    expect(config.served.map((s) => [s.at.line, dir(s), s.url])).toEqual([[2, '/srv/my app', '/']]);
  });

  it('routes ProxyPass (with ! exclusions), Alias, WSGIScriptAlias and the DocumentRoot in httpd\'s order', () => {
    const config = readApache(
      'a.conf',
      [
        '<VirtualHost *:80>', // 1
        '    DocumentRoot /srv/app', // 2
        '    ProxyPass /static/ !', // 3
        '    ProxyPass /api/ http://127.0.0.1:8000/', // 4
        '    Alias /static/ /srv/app/static/', // 5
        '    WSGIScriptAlias /app /srv/app/wsgi.py', // 6
        '    Redirect permanent /old /new', // 7
        '</VirtualHost>',
      ].join('\n'),
    );
    const docroot = at(config, 2);
    expect(docroot.serves('index.html')).toBe(true);
    expect(docroot.serves('api/x')).toBe(false);
    expect(docroot.serves('static/x.css')).toBe(false); // the Alias takes it
    expect(docroot.serves('app/x')).toBe(false);
    expect(docroot.serves('old/x')).toBe(false);
    expect(at(config, 5).serves('x.css')).toBe(true);
  });

  it('applies Directory, Files and Location access sections in merge order', () => {
    const config = readApache(
      'a.conf',
      [
        'DocumentRoot /srv/app', // 1
        '<Directory />', // 2
        '    Require all denied',
        '</Directory>',
        '<Directory /srv/app>',
        '    Require all granted',
        '</Directory>',
        '<Files "*.py">',
        '    Require all denied',
        '</Files>',
        '<LocationMatch "^/private/">',
        '    Deny from all',
        '</LocationMatch>',
      ].join('\n'),
    );
    const docroot = at(config, 1);
    expect(docroot.serves('index.html')).toBe(true);
    expect(docroot.serves('settings.py')).toBe(false);
    expect(docroot.serves('private/a.html')).toBe(false);
  });

  it('applies a <Files> section nested in a <Directory> only under that directory', () => {
    const config = readApache(
      'a.conf',
      ['<VirtualHost *:80>', '    DocumentRoot /srv/app', '    Alias /other/ /srv/other/', '    <Directory /srv/app>', '        <Files ".env">', '            Require all denied', '        </Files>', '    </Directory>', '</VirtualHost>'].join('\n'),
    );
    expect(at(config, 2).serves('.env')).toBe(false);
    expect(at(config, 2).serves('.git/config')).toBe(true);
    expect(at(config, 3).serves('.env')).toBe(true);
  });

  it('reads deployment anchors from WSGIScriptAlias, WSGIPythonPath and WSGIDaemonProcess', () => {
    const config = readApache('a.conf', 'WSGIScriptAlias / /srv/app/mysite/wsgi.py\nWSGIPythonPath /srv/app:/srv/lib\nWSGIDaemonProcess app python-path=/srv/app python-home=/srv/venv\n');
    expect(config.anchors.map((a) => [a.directive, a.kind, a.path.kind === 'absolute' ? a.path.path : ''])).toEqual([
      ['WSGIScriptAlias', 'file', '/srv/app/mysite/wsgi.py'],
      ['WSGIPythonPath', 'python-dir', '/srv/app'],
      ['WSGIPythonPath', 'python-dir', '/srv/lib'],
      ['WSGIDaemonProcess python-path', 'python-dir', '/srv/app'],
    ]);
  });
});

describe('uWSGI', () => {
  it('expands %d and %(option), resolves relative paths against chdir, and honours static-skip-ext', () => {
    const config = readUwsgi(
      'deploy/uwsgi.ini',
      '[uwsgi]\nbase = /srv/app\nchdir = %(base)\nstatic-map = /a=%(base)/public\nstatic-map = /b=%d../assets\nstatic-map = /c=relative\ncheck-static = %(missing)\nstatic-skip-ext = .py\n[other]\nstatic-map = /z=/z\n',
    );
    expect(config.served.map((s) => [s.at.line, dir(s), s.url])).toEqual([
      [4, '/srv/app/public', '/a/'],
      [5, '@assets', '/b/'],
      [6, '/srv/app/relative', '/c/'],
    ]);
    expect(at(config, 4).serves('settings.py')).toBe(false);
    expect(at(config, 4).serves('a.css')).toBe(true);
    expect(config.anchors.map((a) => [a.directive, a.path.kind === 'absolute' ? a.path.path : ''])).toEqual([['chdir', '/srv/app']]);
  });

  it('reads YAML, XML and JSON configurations', () => {
    expect(parseUwsgi('uwsgi.yaml', 'uwsgi:\n  chdir: /srv/app\n  static-map:\n    - /static=/srv/app/static\n    - /media=/srv/media\n').map((o) => [o.key, o.value, o.line])).toEqual([
      ['chdir', '/srv/app', 2],
      ['static-map', '/static=/srv/app/static', 4],
      ['static-map', '/media=/srv/media', 5],
    ]);
    expect(parseUwsgi('uwsgi.xml', '<uwsgi>\n  <chdir>/srv/app</chdir>\n  <static-map>/s=/srv/s</static-map>\n</uwsgi>\n').map((o) => [o.key, o.value, o.line])).toEqual([
      ['chdir', '/srv/app', 2],
      ['static-map', '/s=/srv/s', 3],
    ]);
    expect(parseUwsgi('uwsgi.json', '{\n  "uwsgi": {\n    "chdir": "/srv/app",\n    "static-map": ["/s=/srv/s"]\n  }\n}\n').map((o) => [o.key, o.value, o.line])).toEqual([
      ['chdir', '/srv/app', 3],
      ['static-map', '/s=/srv/s', 4],
    ]);
  });

  it('answers "unknown" when internal routing may intervene', () => {
    const config = readUwsgi('uwsgi.ini', '[uwsgi]\nstatic-map = /s=/srv/s\nroute = ^/\\. break:403 Forbidden\n');
    expect(at(config, 2).serves('.env')).toBeUndefined();
  });
});

describe('Caddy', () => {
  it('parses snippets, imports, the global block and the single-site form', () => {
    expect(parseCaddy('{\n\temail a@b.c\n}\n(common) {\n\tencode gzip\n}\nexample.com {\n\timport common\n}\n').map((d) => d.name)).toEqual(['', '(common)', 'example.com']);
    const single = readCaddy('Caddyfile', 'example.com\n\nroot * /srv/app\nfile_server\n');
    expect(single.served.map((s) => [s.at.line, dir(s)])).toEqual([[3, '/srv/app']]);
    expect(at(single, 3).serves('a.py')).toBe(true);
    const imported = readCaddy('Caddyfile', '(files) {\n\troot * /srv/app\n\tfile_server\n}\nexample.com {\n\timport files\n}\n');
    expect(imported.served.map((s) => s.at.line)).toEqual([2]);
  });

  it('orders handlers as Caddy does and honours named matchers with not', () => {
    const config = readCaddy(
      'Caddyfile',
      [
        'example.com {', // 1
        '\troot * /srv/app', // 2
        '\t@code {', // 3
        '\t\tpath *.py', // 4
        '\t\tnot path /public/*', // 5
        '\t}',
        '\trespond @code 404',
        '\treverse_proxy /api/* 127.0.0.1:8000',
        '\tfile_server',
        '}',
      ].join('\n'),
    );
    const root = at(config, 2);
    expect(root.serves('settings.py')).toBe(false);
    expect(root.serves('public/x.py')).toBe(true);
    expect(root.serves('api/x.css')).toBe(false);
    expect(root.serves('x.css')).toBe(true);
  });

  it('narrows root to handle blocks, strips handle_path prefixes and matches hide patterns per path segment', () => {
    const config = readCaddy(
      'Caddyfile',
      ['example.com {', '\thandle /static/* {', '\t\troot * /srv/app', '\t\tfile_server', '\t}', '\thandle_path /dl/* {', '\t\troot * /srv/dl', '\t\tfile_server {', '\t\t\thide .git', '\t\t}', '\t}', '}'].join('\n'),
    );
    expect([dir(at(config, 3)), at(config, 3).url]).toEqual(['/srv/app/static', '/static/']);
    expect(at(config, 3).serves('x.css')).toBe(true);
    expect([dir(at(config, 7)), at(config, 7).url]).toEqual(['/srv/dl', '/dl/']);
    expect(at(config, 7).serves('.git/config')).toBe(false);
    expect(at(config, 7).serves('a/b.txt')).toBe(true);
  });
});

describe('configuration kinds', () => {
  it('recognises files by name, then by content', () => {
    expect(configKind('deploy/Caddyfile', '')).toBe('caddy');
    expect(configKind('deploy/uwsgi.ini', '')).toBe('uwsgi');
    expect(configKind('app.ini', '[uwsgi]\nchdir=/a\n')).toBe('uwsgi');
    expect(configKind('.htaccess', '')).toBe('apache');
    expect(configKind('site.conf', '<VirtualHost *:80>\n</VirtualHost>\n')).toBe('apache');
    expect(configKind('site.conf', 'server {\n  listen 80;\n}\n')).toBe('nginx');
    expect(configKind('supervisord.conf', '[program:web]\ncommand=gunicorn x\n')).toBeUndefined();
    expect(configKind('.gitignore', 'server {')).toBeUndefined();
  });
});

describe('robustness', () => {
  it('never throws on arbitrary input', () => {
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const alphabet = ['{', '}', ';', '"', "'", '`', '\\', '#', '\n', ' ', '<', '>', '/', 'root', 'alias', 'location', '~', '^~', '=', 'server', '*', '(', ')', '[', '%d', '%(x)', 'Directory', 'file_server', 'handle', '@m', 'DocumentRoot', 'static-map', '='];
    for (let i = 0; i < 300; i++) {
      const text = Array.from({ length: 80 }, () => alphabet[Math.floor(random() * alphabet.length)]).join(random() < 0.5 ? ' ' : '');
      expect(() => {
        for (const config of [nginx(text), readApache('a.conf', text), readUwsgi('uwsgi.ini', text), readUwsgi('uwsgi.yaml', text), readCaddy('Caddyfile', text)]) {
          for (const served of config.served) for (const rel of ['a.py', '.git/config', '.env']) served.serves(rel);
        }
      }).not.toThrow();
    }
  });
});
