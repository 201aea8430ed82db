import { defineProjectRule } from '../../core/rule.js';
import { dotfileServing, type DotfileServing } from '../../hardening/webserver.js';

const SERVER_NAMES = { nginx: 'nginx', apache: 'Apache', uwsgi: 'uWSGI', caddy: 'Caddy' } as const;

const REMEDY = {
  nginx: 'add `location ~ /\\.(?!well-known) { deny all; }` to the server block',
  apache: 'add `RedirectMatch 404 /\\.(?!well-known)` (or a `<DirectoryMatch "/\\.">` / `<LocationMatch "/\\.">` section with `Require all denied`) to the host',
  uwsgi: 'serve the directory from the web server instead, or add `static-skip-ext`/internal routing rules that refuse dotfiles',
  caddy: 'add `hide .*` to the file_server block (or `@dotfiles path */.*` with `respond @dotfiles 404`)',
} as const;

export default defineProjectRule({
  meta: {
    code: 'HRD046',
    name: 'web-server-exposes-dotfiles',
    family: 'hardening',
    severity: 'medium',
    confidence: 'high',
    cwe: [527, 538],
    owasp: ['A05:2021-Security Misconfiguration', 'A01:2021-Broken Access Control'],
    aliases: [],
    status: 'stable',
    summary: 'A web-server configuration in the repository publishes a directory that holds (or, deployed, will hold) .git or .env, and nothing denies requests for dotfiles.',
    fix: 'Stop publishing the checkout, and deny dotfiles in the web server (nginx `location ~ /\\.(?!well-known) { deny all; }`, Apache `RedirectMatch 404 /\\.`, Caddy `hide .*`).',
    docs: {
      whatItDoes:
        'Places each directory a web-server configuration of the repository publishes (nginx `root` / `alias`, Apache ' +
        '`DocumentRoot` / `Alias`, uWSGI `static-map` / `check-static`, Caddy `root` with `file_server`) in the ' +
        'repository, the same way HRD045 does, and asks whether requests for `.git/config` at the top of the git ' +
        'work tree and for `.env` (at the project root, next to `manage.py`, and wherever the repository keeps ' +
        '`.env*` files) would be answered from it. The server\'s routing and deny rules are followed: nginx regex ' +
        'locations such as `location ~ /\\. { deny all; }` (and `^~` prefix locations that bypass them), Apache ' +
        '`<DirectoryMatch>` / `<FilesMatch>` / `<LocationMatch>` with `Require all denied`, `RedirectMatch 404` and ' +
        '`RewriteRule … [F]`, Caddy `hide` and `respond` matchers. A directory reached only through a proxy is not ' +
        'reported.',
      whyItMatters:
        'A published `.git` directory lets anyone download the repository with its whole history — including ' +
        'secrets that were committed once and deleted since — with tools such as git-dumper. A published `.env` ' +
        'hands out the production secrets directly. Both are among the most scanned-for paths on the internet. ' +
        'An Apache `<FilesMatch "^\\.">` section is a common half-fix: it matches file names, so `.env` is denied ' +
        'but `/.git/config` (a file named `config`) is still served.',
      example: {
        language: 'nginx',
        bad: ['server {', '    root /srv/shop;           # the git checkout', '    location / { try_files $uri @django; }', '    location @django { proxy_pass http://app; }', '}'].join('\n'),
        good: [
          'server {',
          '    root /srv/shop;',
          '    location ~ /\\.(?!well-known) { deny all; }   # .git, .env, .htpasswd, …',
          '    location / { try_files $uri @django; }',
          '    location @django { proxy_pass http://app; }',
          '}',
        ].join('\n'),
      },
      howToFix:
        'Do not publish the checkout at all (see HRD045); publish `STATIC_ROOT` and `MEDIA_ROOT` only. As a second ' +
        'line of defence, deny every path segment that starts with a dot except `/.well-known/`: nginx ' +
        '`location ~ /\\.(?!well-known) { deny all; }` (placed so no `^~` location shadows it), Apache ' +
        '`RedirectMatch 404 /\\.(?!well-known)`, Caddy `file_server { hide .* }`. Keep `.git` out of deployment ' +
        'artifacts (`.dockerignore`, `git archive`) and, if it was exposed, rotate every secret in its history.',
      references: [
        { title: 'OWASP WSTG: Review Old Backup and Unreferenced Files for Sensitive Information', url: 'https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/02-Configuration_and_Deployment_Management_Testing/04-Review_Old_Backup_and_Unreferenced_Files_for_Sensitive_Information' },
        { title: 'nginx: location', url: 'https://nginx.org/en/docs/http/ngx_http_core_module.html#location' },
        { title: 'Apache httpd: RedirectMatch', url: 'https://httpd.apache.org/docs/2.4/mod/mod_alias.html#redirectmatch' },
        { title: 'Caddy: file_server hide', url: 'https://caddyserver.com/docs/caddyfile/directives/file_server' },
        { title: 'CWE-527: Exposure of Version-Control Repository to an Unauthorized Control Sphere', url: 'https://cwe.mitre.org/data/definitions/527.html' },
      ],
      limitations:
        'Only directories the repository ties to the checkout are judged (see HRD045). The deny rules are evaluated ' +
        'with JavaScript regular expressions; a PCRE-only construct, an include the scan cannot read or uWSGI ' +
        'internal routing make the answer unknown, and the finding then has low confidence. Server-wide defaults ' +
        'outside the repository (a distribution\'s `/etc/apache2/apache2.conf`) are not seen.',
    },
  },
  check(context) {
    const best = new Map<string, DotfileServing>();
    for (const item of dotfileServing(context.project)) {
      const key = `${item.served.at.file}:${item.served.at.line}:${item.served.at.column}`;
      const existing = best.get(key);
      if (!existing || (existing.state === 'unknown' && item.state === 'served')) best.set(key, item);
    }
    for (const item of best.values()) {
      const { served, located } = item;
      const server = SERVER_NAMES[served.server];
      const via = located.via ? ` (placed in the repository by ${located.via})` : '';
      const what = item.files.map((f) => (f.endsWith('.git/config') ? `the git repository ${f.replace(/config$/, '')}` : f)).join(' and ');
      const subject = served.traversal
        ? `${server} \`${served.text}\` sits under a location without a trailing slash, so ${served.url} reaches the alias' parent directory, which`
        : `${server} \`${served.text}\` publishes the directory that`;
      const message =
        item.state === 'served'
          ? `${subject} holds ${what} in a deployed checkout${via}, and nothing denies requests for dotfiles: GET ${item.urls[0]} is answered from it`
          : `${subject} holds .git or .env in a deployed checkout${via}, and the configuration does not show a rule that denies dotfiles`;
      context.report({
        at: { path: served.at.file, startLine: served.at.line, startColumn: served.at.column, endLine: served.at.endLine, endColumn: served.at.endColumn },
        message,
        confidence: item.state === 'unknown' ? 'low' : located.strong ? 'high' : 'medium',
        fix: `Publish only STATIC_ROOT and MEDIA_ROOT, and ${REMEDY[served.server]}.`,
        key: `${served.at.file}\n${served.text}\n${item.files.join(',')}`,
      });
    }
  },
});
