/**
 * Recognising hard-coded passwords (PY105–PY107): Bandit's name pattern, then what ponyguard leaves out — names of
 * things that describe a secret without being one (`password_field`, `token_type`, `PASSWORD_MIN_LENGTH`) and
 * values that cannot be a secret (empty strings, format strings, URL paths, environment-variable names, masks).
 * Placeholder values (`"changeme"`, `"password"`) under a real secret name are still secrets: weak ones. Also the
 * literal passwords given to Django accounts (PY809), which PY106 leaves to that rule.
 */
import type { PyNode } from './ast.js';
import { field } from './ast.js';
import { literalString, unwrap } from './expressions.js';
import type { PythonModule } from './module.js';
import { redactSecret } from '../engine/raw-finding.js';

/** Bandit's words (`pas+wo?r?d|pass(phrase)?|pwd|token|secrete?`) as a whole name or an `_`-delimited part. */
const WORD = '(?:pas+wo?r?d|pass(?:phrase)?|pwd|token|secrete?)';
const CANDIDATE = new RegExp(`^${WORD}$|_${WORD}_|^${WORD}_|_${WORD}$`, 'i');
const SECRET_WORD = new RegExp(`^${WORD}$`, 'i');

/**
 * Words that, after the secret word, make the name describe a secret instead of holding one: `password_field`,
 * `token_type`, `PASSWORD_MIN_LENGTH`, `password_reset_url`, `SECRET_NAME`, `AUTH_PASSWORD_VALIDATORS`.
 * (`SECRET_KEY`, `client_secret`, `DB_PASSWORD` and `password_hash` keep their meaning: `key` and `hash` are not here.)
 */
const DESCRIPTIVE_WORDS = new Set(
  (
    'field type kind name label title caption prompt placeholder hint help description desc message msg text error warning display ' +
    'url uri endpoint route path file filename dir directory email subject ' +
    'length len min max minimum maximum size count limit strength complexity ' +
    'regex regexp pattern format fmt template header prefix suffix separator sep ' +
    'param parameter column col attr attribute claim cookie ' +
    'env var variable setting ' +
    'policy validator hasher algorithm alg algo backend class module model serializer handler generator storage ' +
    'expiry expires expiration ttl timeout lifetime age day hour minute second ' +
    'char charset alphabet encoding method mode enabled required widget form view user username'
  ).split(' '),
);

/** Words naming a mapping of labels or descriptions (`labels`, `help_texts`, `error_messages`, `placeholders`). */
const LABEL_WORDS = new Set(
  'label title caption prompt placeholder hint help description desc message msg text error warning display verbose name type kind widget format template pattern regex url path'.split(' '),
);

/** Authentication schemes and JWT algorithm names: what `token_type`/`auth_scheme`-like values hold. */
const SCHEME_VALUES = new Set(['bearer', 'basic', 'digest', 'jwt', 'oauth', 'oauth2', 'hmac', 'hs256', 'hs384', 'hs512', 'rs256', 'rs384', 'rs512', 'es256', 'es384', 'es512']);

/**
 * Text that stands for a value someone must fill in and that no login would accept as it is: `<password>`,
 * `xxxxxx`, `...`, `your-password-here`, `REPLACE_ME`, `<redacted>`. Not `"changeme"` or `"password"`: those are real
 * (weak) passwords that get deployed unchanged.
 */
const PLACEHOLDER = /^(?:<[^<>]*>|\[[A-Za-z _-]+\]|[xX]{3,}|\.{3,}|…|(?:enter[-_ ]?)?your[-_ ]?[\w-]*[-_ ]?here|replace[-_ ]?(?:me|this)|(?:to[-_ ]?do|fixme|tbd)|(?:<)?redacted(?:>)?)$/i;

/** `{}`, `{0}`, `{name}`, `{name!r:>10}`, `%s`, `%(name)s`, `{{ var }}`, `{% tag %}`: a template, not a value. */
const FORMAT_PLACEHOLDER = /\{\}|\{\d+\}|\{[A-Za-z_][\w.[\]]*(?:![rsa])?(?::[^{}]*)?\}|%(?:\([\w.]+\))?[-#0 +]*\d*(?:\.\d+)?[sdrif]|\{\{.*?\}\}|\{%.*?%\}/;

/** Words of a name: `_`/`-`/`.`/space separated, camelCase split, lower-cased. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

function inSet(set: ReadonlySet<string>, word: string): boolean {
  return set.has(word) || (word.length > 3 && word.endsWith('s') && set.has(word.slice(0, -1)));
}

/** Does the name match Bandit's password pattern? */
export function isPasswordName(name: string): boolean {
  return CANDIDATE.test(name);
}

/** A name matching Bandit's pattern that names a secret (not a field, type, length, URL… of one). */
export function isSecretName(name: string): boolean {
  if (!isPasswordName(name)) return false;
  const parts = words(name);
  let last = -1;
  parts.forEach((word, index) => {
    if (SECRET_WORD.test(word)) last = index;
  });
  return !parts.slice(last + 1).some((word) => inSet(DESCRIPTIVE_WORDS, word));
}

/** Does the name hold labels or descriptions (`labels`, `help_texts`, `error_messages`) rather than values? */
export function isLabelName(name: string): boolean {
  return words(name).some((word) => inSet(LABEL_WORDS, word));
}

/** Why a string cannot be a secret, or undefined when it may be one. */
export function nonSecretValue(value: string): string | undefined {
  if (value.trim() === '') return 'empty';
  if (FORMAT_PLACEHOLDER.test(value)) return 'a format string or template';
  if (/^\$\{?[A-Za-z_]\w*\}?$/.test(value)) return 'a reference to an environment variable';
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(value) && /PASS|PWD|TOKEN|SECRET|KEY/.test(value)) return 'the name of an environment variable';
  if (/^(?:https?|wss?|ftp):\/\/[^\s@]*$/i.test(value)) return 'a URL without credentials';
  if (/^\/[a-z0-9_.~<>:{}/-]*$/.test(value)) return 'a path';
  if (SCHEME_VALUES.has(value.toLowerCase())) return 'an authentication scheme';
  if (/^[*•●]+$/.test(value)) return 'a mask';
  if (PLACEHOLDER.test(value.trim())) return 'a placeholder';
  return undefined;
}

/** The text of a string or bytes literal (not an f-string with fields), or undefined. */
export function literalText(node: PyNode, module: PythonModule): string | undefined {
  const inner = unwrap(node);
  if (inner.type !== 'string' && inner.type !== 'concatenated_string') return undefined;
  const value = module.literal(inner);
  return value?.kind === 'str' || value?.kind === 'bytes' ? value.value : undefined;
}

/** The name a target or operand stands for: `x`, `obj.x`, `d["x"]` (a string key); undefined otherwise. */
export function targetName(node: PyNode, module: PythonModule): string | undefined {
  const inner = unwrap(node);
  if (inner.type === 'identifier') return module.text(inner);
  if (inner.type === 'attribute') {
    const attribute = field(inner, 'attribute');
    return attribute ? module.text(attribute) : undefined;
  }
  if (inner.type === 'subscript') {
    const key = field(inner, 'subscript');
    const value = key ? module.literal(key) : undefined;
    return value?.kind === 'str' ? value.value : undefined;
  }
  return undefined;
}

/** The secret when `node` is a literal that may be one held under `name`; undefined otherwise. */
export function hardcodedSecret(name: string, node: PyNode, module: PythonModule): string | undefined {
  if (!isSecretName(name)) return undefined;
  const value = literalText(node, module);
  return value === undefined || nonSecretValue(value) !== undefined ? undefined : value;
}

/** A secret as messages may show it: quoted, at most its first four characters. */
export function shownSecret(value: string): string {
  return `'${redactSecret(value)}'`;
}

// ---------------------------------------------------------------------------------------------------------------
// Django account passwords (PY809; PY106 leaves these calls to it).

/** `UserManager.create_user`/`create_superuser` (on any manager) and `AbstractBaseUser.set_password`. */
const USER_PASSWORD_METHODS = new Set(['create_user', 'create_superuser', 'set_password']);
export const MAKE_PASSWORD = 'django.contrib.auth.hashers.make_password';

/** A literal password given to a Django account: the callee's name, the argument and its (non-empty) value. */
export interface UserPassword {
  callee: string;
  argument: PyNode;
  value: string;
}

/** A non-empty `str` literal argument. (`set_password("")` equalises login timing; an empty string is not a credential.) */
function passwordLiteral(callee: string, argument: PyNode | undefined, module: PythonModule): UserPassword | undefined {
  const value = literalString(argument, module);
  return argument && value ? { callee, argument, value } : undefined;
}

/**
 * `x.create_user(…)`, `x.create_superuser(…)` (the password as a keyword, as the third positional argument, or as the
 * second after an e-mail address) or `x.set_password("…")` with a literal password.
 */
export function userMethodPassword(call: PyNode, module: PythonModule): UserPassword | undefined {
  const fn = field(call, 'function');
  if (fn?.type !== 'attribute') return undefined;
  const attribute = field(fn, 'attribute');
  const length = attribute ? attribute.end - attribute.start : 0;
  if (length !== 11 && length !== 12 && length !== 16) return undefined; // cheap test before reading the name
  const method = module.text(attribute!);
  if (!USER_PASSWORD_METHODS.has(method)) return undefined;
  if (method === 'set_password') return passwordLiteral(method, module.argument(call, 0, 'raw_password'), module);
  const keyword = module.keywordArg(call, 'password');
  if (keyword) return passwordLiteral(method, keyword, module);
  const positional = module.positionalArgs(call);
  if (positional.length >= 3) return passwordLiteral(method, positional[2], module);
  // E-mail based custom managers: create_user(email, password).
  if (positional.length === 2 && literalString(positional[0], module)?.includes('@') && !literalString(positional[1], module)?.includes('@')) {
    return passwordLiteral(method, positional[1], module);
  }
  return undefined;
}

/** `make_password("…")` (the caller has matched the callee) with a literal password. */
export function makePasswordLiteral(call: PyNode, module: PythonModule): UserPassword | undefined {
  return passwordLiteral('make_password', module.argument(call, 0, 'password'), module);
}

/** The literal password a call gives a Django account, as PY809 reports it: either of the two above. */
export function userPassword(call: PyNode, module: PythonModule): UserPassword | undefined {
  return userMethodPassword(call, module) ?? (module.qualifiedName(call) === MAKE_PASSWORD ? makePasswordLiteral(call, module) : undefined);
}

/** Settings the settings rules judge with the evaluated value (SET201 for the key, SET218 for passwords). */
export function judgedBySettingsRule(name: string, literal: PyNode, module: PythonModule, isEnabled: (code: string) => boolean): boolean {
  if (name === 'SECRET_KEY') return isEnabled('SET201');
  if (name === 'EMAIL_HOST_PASSWORD') return isEnabled('SET218');
  if (name !== 'PASSWORD' || !isEnabled('SET218')) return false;
  // DATABASES = {"default": {"PASSWORD": "…"}} or DATABASES["default"]["PASSWORD"] = "…"
  for (let node: PyNode | null = literal.parent; node; node = node.parent) {
    if (node.type === 'assignment') {
      const left = field(node, 'left');
      let root = left;
      while (root?.type === 'subscript') root = field(root, 'value');
      return root?.type === 'identifier' && module.text(root) === 'DATABASES';
    }
  }
  return false;
}
