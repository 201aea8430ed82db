import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field } from '../../python/ast.js';
import { literalString, unwrap } from '../../python/expressions.js';
import type { PythonModule } from '../../python/module.js';
import { isSecretName, judgedBySettingsRule, nonSecretValue, shownSecret, targetName } from '../../python/passwords.js';
import { SECRET_REFERENCES } from '../support/secrets.js';

/** Environment variable names that hold secrets beyond Bandit's password words: keys, DSNs, credentials. */
const SECRET_ENV_NAME = /(^|_)(SECRET|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|SIGNING_?KEY|ENCRYPTION_?KEY|AUTH_?KEY|MASTER_?KEY|CLIENT_?SECRET|WEBHOOK_?SECRET|DSN|CREDENTIALS?)(_|$)/i;

/** Settings modules for development, tests or CI: their defaults are meant to be used. */
const NON_PRODUCTION_FILE = /(^|[/_.-])(dev|devel|development|local|test|tests|testing|ci|example|sample)(_settings|_config)?\.py$/i;

/** django-environ's typed readers whose default is a plain string. */
const ENVIRON_READERS = new Set(['str', 'get_value', 'bytes']);

/** The literal default an environment read falls back to, with the variable's name; undefined otherwise. */
function environmentDefault(call: PyNode, module: PythonModule, environNames: ReadonlySet<string>): { variable: string; fallback: PyNode; reader: string } | undefined {
  const qualified = module.qualifiedName(call);
  let reader: string | undefined;
  let fallback: PyNode | undefined;
  if (qualified === 'os.environ.get' || qualified === 'os.getenv' || qualified === 'os.environ.setdefault') {
    reader = qualified;
    fallback = module.argument(call, 1, qualified === 'os.getenv' ? 'default' : undefined);
  } else if (qualified === 'decouple.config') {
    reader = 'decouple.config';
    fallback = module.keywordArg(call, 'default');
  } else {
    const chain = module.dottedChain(field(call, 'function') ?? call);
    const [head, method] = chain ?? [];
    if (head && environNames.has(head) && (chain!.length === 1 || (chain!.length === 2 && method && ENVIRON_READERS.has(method)))) {
      reader = chain!.join('.');
      fallback = module.keywordArg(call, 'default');
    }
  }
  if (!reader || !fallback) return undefined;
  const variable = literalString(module.argument(call, 0), module);
  return variable === undefined ? undefined : { variable, fallback, reader };
}

/** The name the read is assigned to (`SECRET_KEY = os.environ.get(…)`), looking through `str(…)` wrappers. */
function assignedName(call: PyNode, module: PythonModule): string | undefined {
  let node: PyNode = call;
  while (node.parent && (node.parent.type === 'parenthesized_expression' || node.parent.type === 'argument_list' || (node.parent.type === 'call' && node.parent !== call))) node = node.parent;
  const assignment = node.parent;
  if (assignment?.type !== 'assignment' || field(assignment, 'right') !== node) return undefined;
  const left = field(assignment, 'left');
  return left ? targetName(left, module) : undefined;
}

export default definePythonRule({
  meta: {
    code: 'SEC007',
    name: 'secret-default-in-environment-read',
    family: 'secrets',
    severity: 'medium',
    confidence: 'high',
    cwe: [798, 1188],
    owasp: ['A07:2021-Identification and Authentication Failures', 'A05:2021-Security Misconfiguration'],
    aliases: [],
    status: 'stable',
    summary: 'A secret read from the environment falls back to a literal default (`os.environ.get("API_KEY", "…")`), so production silently runs with a committed secret when the variable is missing.',
    fix: 'Read the secret without a default (`os.environ["NAME"]`, `env("NAME")`, `config("NAME")`) so a missing variable stops the start-up, and rotate the committed value.',
    docs: {
      whatItDoes:
        'Reports environment reads of secret-like variables (`*_PASSWORD`, `*_TOKEN`, `*_SECRET`, `*_API_KEY`, ' +
        '`*_ACCESS_KEY`, `*_PRIVATE_KEY`, `*_DSN`, `*_CREDENTIALS`…) whose default is a string literal: ' +
        '`os.environ.get(name, "…")`, `os.getenv(name, "…")`, `os.environ.setdefault(name, "…")`, django-environ ' +
        '(`env(name, default="…")`, `env.str(…)` on an `environ.Env()` instance) and python-decouple ' +
        '(`config(name, default="…")`). Empty defaults, placeholders (`<token>`, `xxx`), references to other ' +
        'variables and URLs without credentials are not reported; nor are modules for development, tests or CI ' +
        '(`dev.py`, `local.py`, `test_settings.py`, test files). `SECRET_KEY`, `EMAIL_HOST_PASSWORD` and database ' +
        'passwords in settings are judged by SET201 and SET218, with the settings context; a default a provider rule ' +
        'recognises (an AWS key, a Stripe key) is reported by that rule. Findings in production settings modules are ' +
        'high severity.',
      whyItMatters:
        'The default exists for convenience in development, but the code path is the same in production: the day a ' +
        'deployment forgets the variable (a renamed secret, a new environment, a typo), the application starts with ' +
        'the committed value instead of failing, and everyone who can read the repository knows the secret.',
      example: {
        bad: 'STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "whsec_8f3kQ2vT9xLm")',
        good: 'STRIPE_WEBHOOK_SECRET = os.environ["STRIPE_WEBHOOK_SECRET"]',
      },
      howToFix:
        'Drop the default so that a missing variable raises `KeyError` (or `ImproperlyConfigured` with ' +
        'django-environ and decouple) at start-up. Keep development values in an untracked `.env` file or in a ' +
        'development settings module. Rotate the committed value: it is in the git history.',
      references: [
        { title: 'Django deployment checklist: SECRET_KEY', url: 'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#secret-key' },
        { title: 'django-environ', url: 'https://django-environ.readthedocs.io/' },
        { title: 'python-decouple', url: 'https://github.com/HBNetwork/python-decouple' },
        { title: 'CWE-1188: Initialization of a Resource with an Insecure Default', url: 'https://cwe.mitre.org/data/definitions/1188.html' },
        ...SECRET_REFERENCES,
      ],
      limitations:
        'django-environ instances are recognised when created in the same module (`env = environ.Env()`); an ' +
        'instance imported from another module is not.',
    },
  },
  create(context) {
    const { module, file } = context;
    if (file.roles.includes('test') || NON_PRODUCTION_FILE.test(file.path)) return {};
    const production = file.roles.includes('production-settings');
    const environNames = new Set<string>();
    return {
      call(node) {
        if (module.qualifiedName(node) === 'environ.Env') {
          const parent = node.parent;
          const left = parent?.type === 'assignment' ? field(parent, 'left') : undefined;
          if (left?.type === 'identifier') environNames.add(module.text(left));
          return;
        }
        const read = environmentDefault(node, module, environNames);
        if (!read) return;
        if (!isSecretName(read.variable) && !SECRET_ENV_NAME.test(read.variable)) return;
        const inner = unwrap(read.fallback);
        const value = literalString(inner, module);
        if (value === undefined || nonSecretValue(value) !== undefined) return;
        const target = assignedName(node, module);
        if (target !== undefined && judgedBySettingsRule(target, node, module, (code) => context.isEnabled(code))) return;
        context.report({
          node: inner,
          message: `${read.reader}("${read.variable}", …) falls back to the literal ${shownSecret(value)} when the variable is unset: a missing variable silently deploys a committed secret`,
          redact: [value],
          ...(production ? { severity: 'high' as const } : {}),
        });
      },
    };
  },
});
