import { defineProjectRule } from '../../core/rule.js';
import { SECRET_REFERENCES } from '../support/secrets.js';

/** Templates of secret files, meant to be committed: `.env.example`, `local_settings.py.sample`. */
const TEMPLATE_SUFFIX = /[._-](example|sample|template|tmpl|dist|defaults?|tpl|skel)$|[._-](example|sample|template|dist)\.[a-z]+$/i;

interface Kind {
  test: RegExp;
  what: string;
  severity: 'critical' | 'high' | 'medium';
}

/** What a tracked file is, by its path (basename or folder), with how bad committing it is. */
const KINDS: readonly Kind[] = [
  { test: /(^|\/)\.env(\.[\w-]+)*$|(^|\/)[\w-]+\.env$/, what: 'an environment file (the whole set of secrets a deployment uses)', severity: 'high' },
  { test: /(^|\/)(local_settings|settings_local|secrets?|credentials)\.py$|(^|\/)settings\/(local|secrets?|prod_secrets)\.py$/, what: 'a private settings module (meant to hold the secrets kept out of version control)', severity: 'high' },
  { test: /(^|\/)id_(rsa|dsa|ecdsa|ed25519)$/, what: 'an SSH private key', severity: 'critical' },
  { test: /\.(pem|key|p12|pfx|jks|keystore|ppk|asc|gpg)$/i, what: 'a key or certificate store', severity: 'high' },
  {
    test: /(^|\/)(credentials|client_secrets?(_[\w-]+)?|service[-_]?account([-_][\w-]+)?|[\w-]+-credentials|gcp[-_]key|firebase[-_]adminsdk[\w-]*)\.json$/i,
    what: 'a credentials JSON file (cloud service account or OAuth client secret)',
    severity: 'critical',
  },
  { test: /(^|\/)(\.pgpass|\.netrc|\.htpasswd|\.npmrc|\.pypirc|\.git-credentials|\.my\.cnf|\.s3cfg|\.boto)$/, what: 'a credentials file read by a client tool', severity: 'high' },
  { test: /(^|\/)db\.sqlite3$|\.(sqlite3|dump|sql\.gz)$/i, what: 'a database or dump (user data, password hashes, sessions)', severity: 'medium' },
];

/** Public halves and well-known non-secrets that share an extension. */
const NOT_SECRET = /\.pub$|(^|\/)(cacert|ca-bundle|ca-certificates|chain|fullchain|cert|certificate)\.pem$|(^|\/)test(s|data)?\/|(^|\/)fixtures?\//i;

export function secretFileKind(relPath: string): Kind | undefined {
  if (TEMPLATE_SUFFIX.test(relPath) || NOT_SECRET.test(relPath)) return undefined;
  return KINDS.find((kind) => kind.test.test(relPath));
}

export default defineProjectRule({
  meta: {
    code: 'SEC008',
    name: 'secret-file-tracked',
    family: 'secrets',
    severity: 'high',
    confidence: 'high',
    cwe: [538, 798],
    owasp: ['A05:2021-Security Misconfiguration', 'A07:2021-Identification and Authentication Failures'],
    aliases: [],
    status: 'stable',
    summary: 'A file that holds secrets by its nature (`.env`, `local_settings.py`, a private key, a credentials JSON, a database) is tracked by git.',
    fix: 'Stop tracking the file (`git rm --cached FILE`), add its pattern to `.gitignore`, rotate every secret it held, and commit a template (`.env.example`) without values instead.',
    docs: {
      whatItDoes:
        'Lists the files git tracks under the scanned directory (`git ls-files`) and reports those that are secret ' +
        'by their kind, whatever their content: `.env` and `.env.*` files (not `.env.example`, `.sample`, ' +
        '`.template`, `.dist`), `local_settings.py`, `settings/local.py` and `secrets.py`, SSH private keys ' +
        '(`id_rsa`, `id_ed25519`…), `*.pem`, `*.key`, `*.p12`/`*.pfx` and key stores, cloud credentials JSON ' +
        '(`credentials.json`, `service-account*.json`, `client_secret*.json`), client credential files (`.pgpass`, ' +
        '`.netrc`, `.htpasswd`, `.pypirc`) and SQLite databases or dumps (user data). Public keys, CA bundles and ' +
        'files under test or fixture folders are left out. The finding shows no code frame: the file is secret.',
      whyItMatters:
        'These files exist to keep secrets out of the code; once tracked, they are pushed to every remote and clone ' +
        'with all their values, including ones no pattern recognises (a short password, an internal token). A ' +
        'tracked database leaks every user\'s e-mail address, password hash and session.',
      example: { bad: ['$ git ls-files', '.env', 'shop/settings.py'].join('\n'), good: ['$ git ls-files', '.env.example', '.gitignore   # contains: .env', 'shop/settings.py'].join('\n'), language: 'sh' },
      howToFix:
        'Run `git rm --cached FILE`, add the pattern to `.gitignore`, commit, and rotate every secret the file held: it ' +
        'stays in the history (rewrite it with git-filter-repo only after rotating). Commit an example file with ' +
        'the variable names and no values so that newcomers know what to set.',
      references: [
        { title: 'Django deployment checklist', url: 'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/' },
        { title: 'git rm --cached', url: 'https://git-scm.com/docs/git-rm' },
        { title: 'CWE-538: Insertion of Sensitive Information into Externally-Accessible File or Directory', url: 'https://cwe.mitre.org/data/definitions/538.html' },
        ...SECRET_REFERENCES,
      ],
      limitations: 'Needs git: outside a work tree, or without git installed, nothing is known to be tracked and the rule is silent.',
    },
  },
  check(context) {
    const tracked = context.project.tracked;
    if (!tracked) return;
    for (const relPath of [...tracked].sort()) {
      const kind = secretFileKind(relPath);
      if (!kind) continue;
      context.report({
        at: { path: relPath, startLine: 1 },
        message: `${relPath} is tracked by git: it is ${kind.what}, so every clone has its contents`,
        severity: kind.severity,
        key: relPath,
        hideExcerpt: true,
      });
    }
  },
});
