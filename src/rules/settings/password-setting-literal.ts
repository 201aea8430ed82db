import { defineProjectRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field, walk } from '../../python/ast.js';
import type { PythonModule } from '../../python/module.js';
import { parseDatabaseUrl } from '../../settings/evaluator.js';
import { checkSettings } from '../../settings/report.js';
import type { SettingsSnapshot } from '../../settings/snapshot.js';
import { dictGet, envOf, pyRepr, type EnvUse, type Origin, type Value } from '../../settings/value.js';

/** A name or key that holds a password: `PASSWORD`, `EMAIL_HOST_PASSWORD`, `DB_PASS`, `db_passwd`. */
const PASSWORD_NAME = /pass(?:word|wd)?/i;

export default defineProjectRule({
  meta: {
    code: 'SET218',
    name: 'password-setting-literal',
    family: 'settings',
    severity: 'high',
    confidence: 'high',
    cwe: [798, 259],
    owasp: ['A07:2021-Identification and Authentication Failures', 'A02:2021-Cryptographic Failures'],
    aliases: [],
    status: 'stable',
    summary: 'A database or SMTP password is written as a string literal in the settings code.',
    fix: 'Read the password from the environment or a secret store without a literal fallback, and rotate it: the old value stays in the repository history.',
    docs: {
      whatItDoes:
        'Reports, for each production settings module, every `DATABASES[alias]["PASSWORD"]` and the ' +
        '`EMAIL_HOST_PASSWORD` whose final value is a non-empty string written in the settings code: a literal ' +
        'in the dict or assignment (or in a variable it uses), the password part of a database URL literal parsed by ' +
        'dj-database-url or django-environ\'s `env.db()`, or the literal default of an environment read ' +
        '(`os.environ.get("DB_PASSWORD", "hunter2")`, `env.db(default="postgres://app:hunter2@db/app")`) that is in ' +
        'force when the variable is unset. The finding is at the literal. Messages show at most the first four ' +
        'characters of the password.',
      whyItMatters:
        'Everything in settings code ends up in the repository, its history, every clone, CI logs, container images ' +
        'and backups. A database password there lets anyone with read access to any of those — a contractor, a ' +
        'leaked laptop, a public fork, a compromised CI — read and change all application data if the database is ' +
        'reachable, and SMTP credentials let them send mail as the site (phishing from a trusted domain, password ' +
        'reset spoofing). A "development only" default in an environment read becomes the production password the ' +
        'day the variable is forgotten. Django\'s deployment checklist asks to protect these exactly like `SECRET_KEY`.',
      example: {
        bad: [
          'DATABASES = {',
          '    "default": {',
          '        "ENGINE": "django.db.backends.postgresql",',
          '        "NAME": "shop",',
          '        "USER": "shop",',
          '        "PASSWORD": "s3cr3t-Pa55",',
          '    }',
          '}',
          'EMAIL_HOST_PASSWORD = os.environ.get("SMTP_PASSWORD", "mailgun-key-123")',
        ].join('\n'),
        good: [
          'DATABASES = {',
          '    "default": {',
          '        "ENGINE": "django.db.backends.postgresql",',
          '        "NAME": "shop",',
          '        "USER": "shop",',
          '        "PASSWORD": os.environ["DATABASE_PASSWORD"],',
          '    }',
          '}',
          'EMAIL_HOST_PASSWORD = os.environ["SMTP_PASSWORD"]',
        ].join('\n'),
      },
      howToFix:
        'Read the password from the environment without a default (`os.environ["DATABASE_PASSWORD"]`, ' +
        '`env("DATABASE_PASSWORD")`, `env.db()` with `DATABASE_URL` set by the deployment), from a file mounted by ' +
        'the orchestrator (Docker or Kubernetes secrets), or from a secret manager, so a missing secret fails at ' +
        'start-up instead of silently using a committed one. Then rotate the password on the database or mail ' +
        'provider: removing it from the code does not remove it from the git history. For local development, put ' +
        'the value in an untracked `.env` file.',
      references: [
        { title: 'Django deployment checklist: critical settings', url: 'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#critical-settings' },
        { title: 'Django settings: DATABASES PASSWORD', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#password' },
        { title: 'Django settings: EMAIL_HOST_PASSWORD', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#email-host-password' },
        { title: 'CWE-798: Use of Hard-coded Credentials', url: 'https://cwe.mitre.org/data/definitions/798.html' },
        { title: 'OWASP Secrets Management Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html' },
      ],
      limitations:
        'A literal default of an environment read is reported only when that default is in force (the variable is ' +
        'not set in the environment ponyguard evaluates); pass the production environment with `--env`/`--env-file` ' +
        'to judge it instead. Passwords built by code ponyguard cannot evaluate, and passwords in other settings ' +
        '(cache or broker URLs, API keys), are left to the secrets rules.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      const candidates: Array<{ setting: string; label: string; value: Value; env: EnvUse[] | undefined }> = [];
      const databases = settings.get('DATABASES');
      if (databases.source === 'assigned' && databases.value.t === 'dict') {
        for (const [alias, config] of databases.value.entries) {
          const password = dictGet(config, 'PASSWORD');
          if (alias.t !== 'str' || !password) continue;
          candidates.push({ setting: 'DATABASES', label: `DATABASES[${pyRepr(alias.v)}]['PASSWORD']`, value: password, env: envOf(databases.value, config, password) });
        }
      }
      const email = settings.get('EMAIL_HOST_PASSWORD');
      if (email.source === 'assigned') candidates.push({ setting: 'EMAIL_HOST_PASSWORD', label: 'EMAIL_HOST_PASSWORD', value: email.value, env: email.value.env });

      for (const { setting, label, value, env } of candidates) {
        if (value.t !== 'str' || value.v === '') continue;
        const located = locateLiteral(settings, value.v);
        if (!located) continue; // not written in the code (the environment, a file, code ponyguard cannot evaluate)
        const { at, url } = located;
        const fromDefault = defaultUse(env, at);
        const shown = url ? `the password ${mask(value.v)} of a database URL` : mask(value.v);
        if (fromDefault) {
          report({
            setting,
            message: `${label} is ${shown} from the literal default of ${fromDefault.variable} in the settings code, in force when ${fromDefault.variable} is not set`,
            fix: `Remove the literal default so a missing ${fromDefault.variable} fails loudly, set ${fromDefault.variable} in the production environment, and rotate the password: it stays in the repository history.`,
            at,
            confidence: settings.environment.given ? 'high' : 'medium',
            redact: [value.v],
          });
        } else {
          report({
            setting,
            message: `${label} is ${url ? shown : `a string literal (${shown})`} written in the settings code`,
            fix: `Read ${label} from the environment or a secret store (e.g. os.environ["${setting === 'DATABASES' ? 'DATABASE_PASSWORD' : 'EMAIL_HOST_PASSWORD'}"], with no default) and rotate the password: it stays in the repository history.`,
            at,
            confidence: 'high',
            redact: [value.v],
          });
        }
      }
    });
  },
});

/** The first characters of a secret, never more than four and never more than a third of it, then `…`. */
function mask(secret: string): string {
  const shown = [...secret].slice(0, Math.min(4, Math.floor([...secret].length / 3))).join('');
  return `'${shown}…'`;
}

/** The unset environment read whose default expression holds the literal, if the literal is such a default. */
function defaultUse(env: EnvUse[] | undefined, at: Origin): EnvUse | undefined {
  return (env ?? []).find(
    (use) => use.unset && use.defaultAt && use.defaultAt.path === at.path && use.defaultAt.node.start <= at.node.start && at.node.end <= use.defaultAt.node.end,
  );
}

/**
 * The string literal of the settings chain that gives the password: a literal equal to it in a password context
 * (a `"PASSWORD"` key, a `…PASSWORD` assignment or keyword), or a database URL literal whose password part it is.
 * The settings module itself is searched first, then the modules it imports.
 */
function locateLiteral(settings: SettingsSnapshot, password: string): { at: Origin; url: boolean } | undefined {
  for (const { path, module } of settings.chain) {
    let found: PyNode | undefined;
    let url = false;
    walk(module.root, (node) => {
      if (found) return false;
      if (node.type !== 'string' && node.type !== 'concatenated_string') return undefined;
      const literal = module.literal(node);
      if (literal?.kind !== 'str') return false;
      if (literal.value === password && inPasswordContext(module, node)) found = node;
      else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(literal.value) && urlPassword(literal.value) === password) {
        found = node;
        url = true;
      }
      return false;
    });
    if (found) return { at: { path, module, node: found }, url };
  }
  return undefined;
}

function urlPassword(url: string): string | undefined {
  const parsed = dictGet(parseDatabaseUrl(url), 'PASSWORD');
  return parsed?.t === 'str' && parsed.v !== '' ? parsed.v : undefined;
}

/** Is the literal the value of a `"PASSWORD"` key, or assigned (directly or as a default) to a password-named target? */
function inPasswordContext(module: PythonModule, literal: PyNode): boolean {
  for (let child = literal, parent = literal.parent; parent; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case 'pair': {
        if (field(parent, 'value') !== child) return false;
        const key = field(parent, 'key');
        const keyLiteral = key ? module.literal(key) : undefined;
        return keyLiteral?.kind === 'str' && PASSWORD_NAME.test(keyLiteral.value);
      }
      case 'keyword_argument': {
        const name = field(parent, 'name');
        // `dict(PASSWORD="…")`; a `default=` keyword of an environment read is judged by its enclosing target.
        if (name && PASSWORD_NAME.test(module.text(name))) return true;
        break;
      }
      case 'assignment': {
        if (field(parent, 'right') !== child) return false;
        const left = field(parent, 'left');
        if (!left) return false;
        if (left.type === 'subscript') {
          const key = field(left, 'subscript');
          const keyLiteral = key ? module.literal(key) : undefined;
          return keyLiteral?.kind === 'str' && PASSWORD_NAME.test(keyLiteral.value);
        }
        return PASSWORD_NAME.test(module.text(left));
      }
      case 'expression_statement':
      case 'block':
      case 'module':
        return false;
      default:
        break;
    }
  }
  return false;
}

