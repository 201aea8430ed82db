import type { Severity } from '../../core/finding.js';
import { defineProbeRule } from '../../core/rule.js';
import { exposedFiles, type ExposedKind } from '../../probe/django/signals.js';

const KINDS: Readonly<Record<ExposedKind, { what: string; severity: Severity; fix: string }>> = {
  'git-head': {
    what: 'the git repository (.git/HEAD answers, so the objects can be downloaded and the source rebuilt, history and committed secrets included)',
    severity: 'high',
    fix: 'Deny every path under /.git/ at the web server (nginx: location ~ /\\. { deny all; }) and keep the repository out of the document root.',
  },
  'env-file': {
    what: 'an environment file (the deployment\'s secrets: SECRET_KEY, database and API credentials)',
    severity: 'critical',
    fix: 'Stop serving the file (move it out of the document root or static/media directories, deny dotfiles at the web server) and rotate every secret it holds.',
  },
  'settings-module': {
    what: 'a Django settings module (source code with SECRET_KEY, database settings and credentials)',
    severity: 'critical',
    fix: 'Stop serving the project directory (STATIC_ROOT, a static route or the web server\'s root must not contain code) and rotate SECRET_KEY and every credential the module holds.',
  },
};

export default defineProbeRule({
  meta: {
    code: 'WEB053',
    name: 'sensitive-file-exposed',
    family: 'probe',
    severity: 'critical',
    confidence: 'high',
    cwe: [538, 527],
    owasp: ['A05:2021-Security Misconfiguration', 'A01:2021-Broken Access Control'],
    aliases: [],
    status: 'preview',
    summary: 'The site serves a file that must never be public: .git/HEAD, .env or a settings module.',
    fix: 'Stop serving the file at the web server and rotate every secret it held.',
    docs: {
      whatItDoes:
        'Checks what the probe got for `/.git/HEAD`, `/.env`, `/settings.py` and `/static/settings.py`. A 200 is reported ' +
        'only when the content really is such a file — `ref: refs/heads/…` or a commit id for `.git/HEAD`, `NAME=value` ' +
        'lines for `.env`, two or more Django settings assignments for a `.py` file — so a catch-all page answering 200 ' +
        'everywhere is not reported. A non-HTML file served with a binary content type (nginx and Django serve `.env` as ' +
        '`application/octet-stream`), whose text the probe does not decode, is reported with medium confidence. The ' +
        'finding shows the names found, never their values.',
      whyItMatters:
        'An environment file or settings module gives away SECRET_KEY (session forgery, and remote code execution ' +
        'wherever signed data is unpickled), database passwords and API keys. A readable `.git` directory lets anyone ' +
        'download the repository with a tool such as git-dumper: the source, its history and every secret ever committed.',
      example: {
        bad: ['GET /.env HTTP/1.1', '', 'HTTP/1.1 200 OK', 'Content-Type: application/octet-stream', '', 'SECRET_KEY=…', 'DATABASE_URL=postgres://…'].join('\n'),
        good: ['GET /.env HTTP/1.1', '', 'HTTP/1.1 404 Not Found'].join('\n'),
        language: 'http',
      },
      howToFix:
        'Serve only the directories meant to be public: `STATIC_ROOT` filled by `collectstatic` and `MEDIA_ROOT`, both ' +
        'outside the project\'s source tree. Deny dotfiles at the web server (nginx `location ~ /\\. { deny all; }`). Never ' +
        'point a static route or a document root at the project directory. Then treat everything the file held as ' +
        'leaked: rotate SECRET_KEY, passwords and keys.',
      references: [
        { title: 'Django: Deploying static files', url: 'https://docs.djangoproject.com/en/stable/howto/static-files/deployment/' },
        { title: 'Django deployment checklist: SECRET_KEY', url: 'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#secret-key' },
        { title: 'CWE-538: Insertion of Sensitive Information into Externally-Accessible File or Directory', url: 'https://cwe.mitre.org/data/definitions/538.html' },
        { title: 'CWE-527: Exposure of Version-Control Repository to an Unauthorized Control Sphere', url: 'https://cwe.mitre.org/data/definitions/527.html' },
        { title: 'OWASP WSTG: Review Old Backup and Unreferenced Files for Sensitive Information', url: 'https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/02-Configuration_and_Deployment_Management_Testing/04-Review_Old_Backup_and_Unreferenced_Files_for_Sensitive_Information' },
      ],
      limitations: 'Only the listed paths are tried; settings modules under other names or deeper static paths are not.',
    },
  },
  check(context) {
    const { site } = context;
    for (const file of exposedFiles(site)) {
      const kind = KINDS[file.kind];
      context.report({
        url: file.url,
        message: file.confirmed
          ? `${file.url} serves ${kind.what}`
          : `${file.url} answers 200 with a non-HTML file, probably ${kind.what}; the probe did not read its binary-typed content`,
        severity: kind.severity,
        ...(file.confirmed ? {} : { confidence: 'medium' as const }),
        fix: kind.fix,
        key: `exposed ${file.path}`,
        evidence: file.evidence,
      });
    }
  },
});
