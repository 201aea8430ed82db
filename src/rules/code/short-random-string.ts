import type { Confidence } from '../../core/finding.js';
import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field } from '../../python/ast.js';
import { literalString } from '../../python/expressions.js';
import type { PythonModule } from '../../python/module.js';
import { targetName } from '../../python/passwords.js';

const GET_RANDOM_STRING = ['django.utils.crypto.get_random_string'];
/** get_random_string's default alphabet: a-z, A-Z, 0-9. */
const DEFAULT_ALPHABET = 62;
/** Below this, a value used as a secret is too short (16 × log2(62) ≈ 95 bits). */
const SECRET_MIN = 16;
/** Below this, any random string is too short to be unguessable (8 × log2(62) ≈ 48 bits). */
const ANY_MIN = 8;
/** Name parts that say the value is a secret. */
const SECRET_PARTS = new Set([
  'token',
  'secret',
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'key',
  'apikey',
  'code',
  'otp',
  'pin',
  'nonce',
  'auth',
  'session',
  'csrf',
  'signature',
  'credential',
  'credentials',
]);

export default definePythonRule({
  meta: {
    code: 'PY810',
    name: 'short-random-string',
    family: 'code',
    severity: 'medium',
    confidence: 'medium',
    cwe: [331, 330],
    owasp: ['A02:2021-Cryptographic Failures'],
    aliases: [],
    status: 'stable',
    summary: 'get_random_string() generates a value too short to be unguessable.',
    fix: 'Use at least 16 characters (get_random_string(32) or secrets.token_urlsafe(32)) for tokens, keys and passwords.',
    docs: {
      whatItDoes:
        'Finds `django.utils.crypto.get_random_string(length)` with a literal length below 16 when the result is used ' +
        'as a secret — assigned to a name, attribute or keyword argument, or returned from a function, whose name ' +
        'contains `token`, `secret`, `password`, `key`, `code`, `otp`, `nonce` and similar words — and with a ' +
        'length below 8 wherever it is used. A call without a length (Django before 4.0 defaulted to 12 characters) ' +
        'counts as 12. The message estimates the entropy, taking a literal `allowed_chars` into account.',
      whyItMatters:
        '`get_random_string()` draws from a cryptographically secure generator, but strength also depends on length. ' +
        'With the default 62-character alphabet each character adds about 6 bits: 6 characters is ~36 bits, which an ' +
        'online attacker can brute-force against an unthrottled password-reset, invitation or API endpoint, and an ' +
        'offline attacker (with a hash or a signed value) in seconds. Short alphabets (digits only) make it much ' +
        'worse. Tokens that grant access — reset links, API keys, invitation codes, generated passwords — need at ' +
        'least 128 bits when they live long, and never less than about 96.',
      example: {
        bad: [
          'from django.utils.crypto import get_random_string',
          '',
          'def issue_api_key(user):',
          '    user.api_key = get_random_string(8)',
          '    user.save()',
        ].join('\n'),
        good: [
          'import secrets',
          '',
          'def issue_api_key(user):',
          '    user.api_key = secrets.token_urlsafe(32)',
          '    user.save()',
        ].join('\n'),
      },
      howToFix:
        'Use `get_random_string(32)` or more for anything that grants access, or `secrets.token_urlsafe(32)` (256 ' +
        'bits). Short human-typed codes (an SMS one-time code) are acceptable only with a short expiry and strict ' +
        'attempt limits; document that and suppress the finding. For passwords you generate for users, prefer an ' +
        'invitation or reset link over a generated password.',
      references: [
        { title: 'Django: django.utils.crypto.get_random_string', url: 'https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.crypto.get_random_string' },
        { title: 'Python: secrets — how many bytes should tokens use?', url: 'https://docs.python.org/3/library/secrets.html#how-many-bytes-should-tokens-use' },
        { title: 'OWASP Forgot Password Cheat Sheet (token requirements)', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Forgot_Password_Cheat_Sheet.html' },
        { title: 'CWE-331: Insufficient Entropy', url: 'https://cwe.mitre.org/data/definitions/331.html' },
      ],
      limitations:
        'Only literal lengths are checked. The use is judged from the name the value is stored under, so a token ' +
        'stored under an unrelated name is only reported below 8 characters.',
    },
  },
  create(context) {
    const { module } = context;
    const check = (call: PyNode): void => {
      const lengthArg = module.argument(call, 0, 'length');
      let length = 12;
      if (lengthArg) {
        const value = module.literal(lengthArg);
        if (value?.kind !== 'int') return;
        length = value.value;
      }
      if (length >= SECRET_MIN) return;
      const charsArg = module.argument(call, 1, 'allowed_chars');
      const chars = charsArg ? module.literal(charsArg) : undefined;
      const alphabet = chars?.kind === 'str' ? new Set(chars.value).size : DEFAULT_ALPHABET;
      const bits = Math.round(length * Math.log2(Math.max(alphabet, 2)));
      const use = secretUse(call, module);
      if (!use && length >= ANY_MIN) return;
      const confidence: Confidence = use ? 'high' : 'medium';
      context.report({
        node: call,
        message: `get_random_string(${lengthArg ? length : ''}) gives ${length} characters (about ${bits} bits)${use ? ` for ${use}` : ''}: use at least ${use ? SECRET_MIN : ANY_MIN}, 32 for anything that grants access`,
        ...(confidence !== 'medium' ? { confidence } : {}),
      });
    };
    return Object.fromEntries(GET_RANDOM_STRING.map((name) => [`call:${name}`, check]));
  },
});

function isSecretName(name: string): boolean {
  const parts = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return parts.some((p) => SECRET_PARTS.has(p));
}

/** The secret-sounding name the random string is stored under, e.g. `api_key` or `token=`. */
function secretUse(call: PyNode, module: PythonModule): string | undefined {
  let node: PyNode = call;
  // Climb through wrappers that keep the value: parentheses, `"prefix_" + x`, f-strings, `x.upper()`.
  for (let parent = node.parent; parent; node = parent, parent = parent.parent) {
    if (parent.type === 'parenthesized_expression' || parent.type === 'binary_operator' || parent.type === 'interpolation' || parent.type === 'string' || parent.type === 'concatenated_string') continue;
    if (parent.type === 'attribute' && parent.parent?.type === 'call' && node.field === 'object') continue;
    if (parent.type === 'call' && node.type === 'attribute') continue;
    break;
  }
  const parent = node.parent;
  if (!parent) return undefined;
  const name = (target: PyNode | undefined): string | undefined => (target ? targetName(target, module) : undefined);
  let candidate: string | undefined;
  if ((parent.type === 'assignment' || parent.type === 'augmented_assignment') && node.field === 'right') candidate = name(field(parent, 'left'));
  else if (parent.type === 'keyword_argument') candidate = name(field(parent, 'name'));
  else if (parent.type === 'pair' && node.field === 'value') candidate = name(field(parent, 'key')) ?? literalString(field(parent, 'key'), module);
  else if (parent.type === 'return_statement') {
    const fn = module.enclosingFunction(parent);
    const fnName = fn ? module.definitionName(fn) : undefined;
    return fnName && isSecretName(fnName) ? `the value returned by \`${fnName}()\`` : undefined;
  }
  return candidate && isSecretName(candidate) ? `\`${candidate}\`` : undefined;
}
