import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field } from '../../python/ast.js';
import type { PythonModule } from '../../python/module.js';
import { hardcodedSecret, isLabelName, judgedBySettingsRule, isSecretName, literalText, shownSecret, targetName } from '../../python/passwords.js';

const EQUALITY = new Set(['==', '!=', 'is', 'is not']);

/** The names a literal is assigned to: every target of `a = b = "x"`, annotated `a: str = "x"` included. */
function assignedNames(assignment: PyNode, module: PythonModule): string[] {
  const names: string[] = [];
  for (let current: PyNode | null = assignment; current?.type === 'assignment'; current = current.parent) {
    const left = field(current, 'left');
    const name = left && targetName(left, module);
    if (name !== undefined) names.push(name);
    if (current.parent?.type !== 'assignment' || field(current.parent, 'right') !== current) break;
  }
  return names;
}

/** The name a dictionary is known by: the target it is assigned to, or the keyword it is passed as. */
function ownerName(dictionary: PyNode, module: PythonModule): string | undefined {
  const parent = dictionary.parent;
  if (parent?.type === 'assignment' && field(parent, 'right') === dictionary) {
    const left = field(parent, 'left');
    return left && targetName(left, module);
  }
  if (parent?.type === 'keyword_argument') {
    const name = field(parent, 'name');
    return name && module.text(name);
  }
  return undefined;
}

export default definePythonRule({
  meta: {
    code: 'PY105',
    name: 'hardcoded-password-string',
    family: 'code',
    severity: 'low',
    confidence: 'medium',
    cwe: [259, 798],
    owasp: ['A07:2021-Identification and Authentication Failures'],
    aliases: ['B105'],
    status: 'stable',
    summary: 'A string literal is assigned to, compared with, or stored under a name that holds a password or token.',
    fix: 'Read the secret from the environment or a secret store at run time, and rotate it: the literal stays in the repository history.',
    docs: {
      whatItDoes:
        'Finds string (and bytes) literals assigned to a password-like name (`DB_PASSWORD = "…"`, ' +
        '`self.token = "…"`, `config["api_token"] = "…"`), compared with one (`if password == "…"`), or stored as a ' +
        'dictionary value under a password-like key (`{"password": "…"}`). A name is password-like when it matches ' +
        'Bandit\'s pattern: `pas+wo?r?d`, `pass`, `passphrase`, `pwd`, `token`, `secret` or `secrete`, as the whole ' +
        'name or as a part delimited by `_`.\n\n' +
        'Quieter than Bandit, it does not report: names that describe a secret rather than hold one — a descriptive ' +
        'word after the secret word, such as `password_field`, `token_type`, `PASSWORD_MIN_LENGTH`, ' +
        '`password_reset_url`, `SECRET_NAME`, `TOKEN_EXPIRY`, `AUTH_PASSWORD_VALIDATORS` (field, type, name, label, ' +
        'help, message, url, path, file, length, min/max, regex, format, template, header, prefix, env/var, ' +
        'validator, hasher, algorithm, backend, class, model, serializer, expiry/ttl/timeout, …), and dictionaries ' +
        'named that way (`labels = {"password": "Password"}`, `help_texts`, `error_messages`); values that cannot ' +
        'be secrets — empty strings, format strings and templates (`"password: {}"`, `"%(token)s"`), `$VAR` ' +
        'references, environment-variable names (`"DB_PASSWORD"`), URLs without credentials, lower-case paths ' +
        '(`"/reset/"`), authentication schemes (`"bearer"`, `"HS256"`) and masks (`"****"`). Values read at run ' +
        'time (`os.environ.get("DB_PASSWORD")`, `env("X")`) are never literals, so never reported. Placeholder ' +
        'values under a real secret name (`password = "changeme"`, `token = "password"`) **are** reported: each is ' +
        'a weak secret that works wherever it is not replaced.\n\n' +
        'In test files the findings have low confidence (fixtures and fake credentials are expected there). In ' +
        'settings modules, `SECRET_KEY`, `EMAIL_HOST_PASSWORD` and `DATABASES` passwords are left to SET201 and ' +
        'SET218 when those rules run, which judge the value production actually uses; with only the code rules ' +
        'selected (`--select PY`) they are reported here, as Bandit does.',
      whyItMatters:
        'A secret in the source is readable by everyone with access to the repository, its history, every clone, ' +
        'CI logs, container images and backups, and it cannot be rotated without a code change. Whoever finds it ' +
        'can log in to the database, the mail server or the API it protects, or forge whatever the token signs.',
      example: {
        bad: ['import psycopg', '', 'DB_PASSWORD = "s3cr3t-Pa55"', '', 'def connect():', '    return psycopg.connect(host="db", user="shop", password=DB_PASSWORD)'].join('\n'),
        good: ['import os', 'import psycopg', '', 'DB_PASSWORD = os.environ["DB_PASSWORD"]', '', 'def connect():', '    return psycopg.connect(host="db", user="shop", password=DB_PASSWORD)'].join('\n'),
      },
      howToFix:
        'Read secrets at run time from the environment (`os.environ["NAME"]`, without a literal default), from ' +
        'files mounted by the orchestrator, or from a secret manager; keep development values in an untracked ' +
        '`.env` file. Then rotate the secret: removing it from the code does not remove it from git history. For ' +
        'a value that only looks like a secret, rename it (`password_label`) or suppress the finding with the reason.',
      references: [
        { title: 'Django deployment checklist: critical settings', url: 'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#critical-settings' },
        { title: 'OWASP Secrets Management Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html' },
        { title: 'CWE-259: Use of Hard-coded Password', url: 'https://cwe.mitre.org/data/definitions/259.html' },
        { title: 'Bandit B105: hardcoded_password_string', url: 'https://bandit.readthedocs.io/en/latest/plugins/b105_hardcoded_password_string.html' },
      ],
      limitations:
        'The rule judges names and literal values, not data flow: a secret first stored in an innocently named ' +
        'variable, camelCase names (`dbPassword`), names such as `api_key`, tuple unpacking and literal defaults of ' +
        'environment reads (`os.environ.get("DB_PASSWORD", "hunter2")`, reported in settings by SET218) are not ' +
        'covered. The value exclusions can hide an unusual real secret, for instance one that is a lower-case ' +
        'path or contains `%s`.',
    },
  },
  create(context) {
    const { module, file } = context;
    const lowConfidence = file.roles.includes('test');
    const settings = file.roles.includes('settings');
    const report = (literal: PyNode, name: string, how: string): void => {
      const value = hardcodedSecret(name, literal, module);
      if (value === undefined) return;
      if (settings && judgedBySettingsRule(name, literal, module, (code) => context.isEnabled(code))) return;
      context.report({
        node: literal,
        message: `Possible hard-coded password: ${shownSecret(value)} ${how} ${name}`,
        redact: [value],
        ...(lowConfidence ? { confidence: 'low' as const } : {}),
      });
    };
    return {
      assignment(node) {
        const right = field(node, 'right');
        if (!right || right.type === 'assignment' || literalText(right, module) === undefined) return;
        const name = assignedNames(node, module).find(isSecretName);
        if (name !== undefined) report(right, name, 'assigned to');
      },
      comparison_operator(node) {
        const operands = node.children.filter((c) => c.type !== 'comment');
        (node.ops ?? []).forEach((op, index) => {
          const left = operands[index];
          const right = operands[index + 1];
          if (!left || !right || !EQUALITY.has(op)) return;
          for (const [named, literal] of [
            [left, right],
            [right, left],
          ] as const) {
            const name = targetName(named, module);
            if (name !== undefined && literalText(literal, module) !== undefined) report(literal, name, 'compared with');
          }
        });
      },
      dictionary(node) {
        const owner = ownerName(node, module);
        if (owner !== undefined && isLabelName(owner)) return;
        for (const pair of node.children) {
          if (pair.type !== 'pair') continue;
          const key = field(pair, 'key');
          const value = field(pair, 'value');
          if (!key || !value || literalText(value, module) === undefined) continue;
          const keyValue = module.literal(key);
          if (keyValue?.kind === 'str') report(value, keyValue.value, 'stored under');
        }
      },
    };
  },
});
