import type { Confidence, Severity } from '../../core/finding.js';
import { defineProjectRule } from '../../core/rule.js';
import { sourceServing, type SourceServing } from '../../hardening/webserver.js';

const SERVER_NAMES = { nginx: 'nginx', apache: 'Apache', uwsgi: 'uWSGI', caddy: 'Caddy' } as const;

export default defineProjectRule({
  meta: {
    code: 'HRD045',
    name: 'web-server-serves-source',
    family: 'hardening',
    severity: 'high',
    confidence: 'high',
    cwe: [538, 552, 540],
    owasp: ['A05:2021-Security Misconfiguration', 'A01:2021-Broken Access Control'],
    aliases: [],
    status: 'stable',
    summary: 'A web-server configuration in the repository publishes a directory that holds the project\'s Python code (the project root, the settings, an app).',
    fix: 'Point the web server only at directories that hold nothing but public files (STATIC_ROOT, MEDIA_ROOT outside the code), and let every other URL go to the application server.',
    docs: {
      whatItDoes:
        'Reads the web-server configurations kept in the repository — nginx (`root`, `alias`, including the ' +
        '`location /static { alias …/static/; }` off-by-slash traversal), Apache (`DocumentRoot`, `Alias`), uWSGI ' +
        '(`static-map`, `static-map2`, `check-static`) and Caddy (`root` with `file_server`) — and places each ' +
        'published directory in the repository: directly when the path is the scanned checkout\'s own or uses ' +
        'uWSGI\'s `%d`, otherwise through deployment evidence in the repository (uWSGI `chdir` / `module` / ' +
        '`wsgi-file`, `WSGIScriptAlias` and `WSGIDaemonProcess python-path`, gunicorn `--chdir`, supervisor ' +
        '`directory=`, systemd `WorkingDirectory=`, or a served path whose tail matches the repository layout such ' +
        'as `/srv/shop/shop/static`). It reports a directory that is, or contains, the directory of `manage.py`, a ' +
        'settings package, an app or another Python package. It then follows the server\'s own request routing ' +
        '(nginx location selection, `proxy_pass` / `uwsgi_pass`, `try_files`; Apache `ProxyPass`, `Alias`, ' +
        '`WSGIScriptAlias`, access sections; Caddy `handle` blocks and handler order) to tell whether a request for ' +
        'a Python file is actually answered from it: severity high when it is, low when the directory is configured ' +
        'but every such request goes to the application (a `root` that no location uses).',
      whyItMatters:
        'A web server that serves the project directory hands out the code as plain text: `GET /shop/settings.py` ' +
        'returns the `SECRET_KEY` and database credentials, `GET /db.sqlite3` the database. Django\'s deployment ' +
        'documentation says it plainly: keep your Python code outside of the web server\'s root. A `root` that no ' +
        'location uses today is one edit away from the same leak.',
      example: {
        language: 'nginx',
        bad: [
          'server {',
          '    server_name shop.example.com;',
          '    root /srv/shop;                 # the checkout: manage.py, shop/settings.py, …',
          '    location / {',
          '        try_files $uri @django;     # files first: /shop/settings.py is served as text',
          '    }',
          '    location @django { proxy_pass http://127.0.0.1:8000; }',
          '}',
        ].join('\n'),
        good: [
          'server {',
          '    server_name shop.example.com;',
          '    location /static/ { alias /var/www/shop/static/; }  # STATIC_ROOT, outside the code',
          '    location /media/  { alias /var/lib/shop/media/; }',
          '    location / { proxy_pass http://127.0.0.1:8000; }',
          '}',
        ].join('\n'),
      },
      howToFix:
        'Publish only `STATIC_ROOT` and `MEDIA_ROOT`, each with its own `location` / `Alias` / `static-map` / `handle` ' +
        'block, and send every other request to the application server (`proxy_pass`, `uwsgi_pass`, ' +
        '`WSGIScriptAlias`, `reverse_proxy`). Remove server-wide `root` / `DocumentRoot` directives that point at ' +
        'the checkout, and write nginx `alias` locations with matching trailing slashes (`location /static/ { alias ' +
        '/var/www/shop/static/; }`). If code was served, rotate every secret it held.',
      references: [
        { title: 'Django security: keep Python code outside the web server\'s root', url: 'https://docs.djangoproject.com/en/stable/topics/security/#additional-security-topics' },
        { title: 'Django: Deploying static files', url: 'https://docs.djangoproject.com/en/stable/howto/static-files/deployment/' },
        { title: 'nginx: root, alias and location', url: 'https://nginx.org/en/docs/http/ngx_http_core_module.html#location' },
        { title: 'Apache httpd: DocumentRoot', url: 'https://httpd.apache.org/docs/2.4/mod/core.html#documentroot' },
        { title: 'uWSGI: Serving static files with uWSGI', url: 'https://uwsgi-docs.readthedocs.io/en/latest/StaticFiles.html' },
        { title: 'Caddy: file_server', url: 'https://caddyserver.com/docs/caddyfile/directives/file_server' },
        { title: 'CWE-538: Insertion of Sensitive Information into Externally-Accessible File or Directory', url: 'https://cwe.mitre.org/data/definitions/538.html' },
      ],
      limitations:
        'A deployment path is only judged when the repository ties it to the checkout (see above); a configuration ' +
        'that names `/var/www/html` with no other evidence is not judged. `if` blocks, `map`-computed roots, ' +
        'variables in paths and includes of files outside the repository are not evaluated; when they may change ' +
        'the answer the finding has low confidence. The uWSGI static options serve before internal routing rules ' +
        'are known, so those rules only lower the confidence.',
    },
  },
  check(context) {
    const best = new Map<string, SourceServing>();
    const order: Record<SourceServing['state'], number> = { served: 0, unknown: 1, unreached: 2 };
    for (const item of sourceServing(context.project)) {
      const key = `${item.served.at.file}:${item.served.at.line}:${item.served.at.column}`;
      const existing = best.get(key);
      if (!existing || order[item.state] < order[existing.state]) best.set(key, item);
    }
    for (const item of best.values()) {
      const { served, located } = item;
      const server = SERVER_NAMES[served.server];
      const via = located.via ? ` (placed in the repository by ${located.via})` : '';
      let message: string;
      let severity: Severity = 'high';
      let confidence: Confidence = located.strong ? 'high' : 'medium';
      const subject = served.traversal
        ? `${server} \`${served.text}\` sits under a location without a trailing slash, so ${served.url} reaches the alias' parent directory, which`
        : `${server} \`${served.text}\` publishes a directory that`;
      if (item.state === 'served') {
        message = `${subject} ${item.exposure}${via}: GET ${item.url} returns the source of ${item.file}`;
      } else if (item.state === 'unknown') {
        message = `${subject} ${item.exposure}${via}: Python files such as ${served.url}… may be served as files (the configuration does not fully tell)`;
        confidence = 'low';
      } else {
        message = `${subject} ${item.exposure}${via}; no request for a Python file reaches it today (other handlers take them), but any new location or handler without a proxy would publish the code`;
        severity = 'low';
        confidence = 'medium';
      }
      context.report({
        at: { path: served.at.file, startLine: served.at.line, startColumn: served.at.column, endLine: served.at.endLine, endColumn: served.at.endColumn },
        message,
        severity,
        confidence,
        key: `${served.at.file}\n${served.text}\n${served.traversal ? 'traversal' : ''}`,
      });
    }
  },
});
