import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field } from '../../python/ast.js';
import type { PythonModule } from '../../python/module.js';

/** Bandit B311's list: the module-level functions of `random` (the shared Mersenne Twister) and `random.Random`. */
const RANDOM_CALLS = ['random', 'randrange', 'randint', 'choice', 'choices', 'uniform', 'triangular', 'randbytes', 'sample', 'getrandbits', 'Random'].map(
  (name) => `random.${name}`,
);

/** Names of values that must be unguessable. */
const TOKEN_LIKE = /token|secret|password|key|otp|nonce|salt|code|reset|session/i;

export default definePythonRule({
  meta: {
    code: 'PY311',
    name: 'insecure-random',
    family: 'code',
    severity: 'low',
    confidence: 'high',
    cwe: [330, 338],
    owasp: ['A02:2021-Cryptographic Failures'],
    aliases: ['B311'],
    status: 'stable',
    summary: 'The random module, whose output is predictable, produces a value that may need to be unguessable.',
    fix: 'Use the secrets module (secrets.token_urlsafe(), secrets.choice()) or django.utils.crypto.get_random_string() for anything an attacker must not guess.',
    docs: {
      whatItDoes:
        'Reports calls to the `random` module\'s generator: `random()`, `randint()`, `randrange()`, `choice()`, ' +
        '`choices()`, `sample()`, `uniform()`, `triangular()`, `randbytes()`, `getrandbits()` and the `Random` class. ' +
        'Severity is low by default, as in Bandit, and rises to medium when the value is assigned to, passed as or ' +
        'returned from something named like a secret — a name containing token, secret, password, key, otp, nonce, ' +
        'salt, code, reset or session (`reset_token = …`, `key=…`, `def make_otp(): return …`).',
      whyItMatters:
        '`random` is a Mersenne Twister: after observing 624 32-bit outputs (or fewer, with some structure) anyone can ' +
        'compute every past and future value. Password-reset links, e-mail confirmation codes, one-time passwords, ' +
        'invitation codes or API keys drawn from it can be predicted from a few samples the attacker requests for ' +
        'their own account, and then used to take over someone else\'s. For shuffling a list or sampling test data it ' +
        'is fine — hence the low default severity.',
      example: {
        bad: [
          'import random, string',
          '',
          'def send_login_code(user):',
          '    login_code = "".join(random.choices(string.digits, k=6))',
          '    LoginCode.objects.create(user=user, code=login_code)',
        ].join('\n'),
        good: [
          'import secrets, string',
          '',
          'def send_login_code(user):',
          '    login_code = "".join(secrets.choice(string.digits) for _ in range(6))',
          '    LoginCode.objects.create(user=user, code=login_code)',
        ].join('\n'),
      },
      howToFix:
        'Draw secrets from the operating system\'s generator: `secrets.token_urlsafe(32)` for tokens, ' +
        '`secrets.choice()` / `secrets.randbelow()` for codes, `django.utils.crypto.get_random_string()` for random ' +
        'strings, or `random.SystemRandom()` when an API needs a `Random` object. For password resets prefer ' +
        'Django\'s `default_token_generator`, which is already built for the job. Leave `random` for simulations, ' +
        'games and test data, and suppress the finding there if it is noise.',
      references: [
        { title: 'Python: secrets — generate secure random numbers', url: 'https://docs.python.org/3/library/secrets.html' },
        { title: 'Python: random (not for security purposes)', url: 'https://docs.python.org/3/library/random.html' },
        { title: 'Django: password reset views and token generator', url: 'https://docs.djangoproject.com/en/stable/topics/auth/default/#django.contrib.auth.views.PasswordResetView' },
        { title: 'CWE-338: Use of Cryptographically Weak PRNG', url: 'https://cwe.mitre.org/data/definitions/338.html' },
        { title: 'Bandit B311: random', url: 'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b311-random' },
      ],
      limitations:
        'The secret-like context is judged by names only, within the statement holding the call (or the function ' +
        'returning it). Methods called on a `random.Random()` instance are not reported; the construction is.',
    },
  },
  create(context) {
    const { module } = context;
    const check = (node: PyNode): void => {
      const name = module.qualifiedName(node) ?? 'random.random';
      const target = secretTarget(node, module);
      context.report({
        node,
        message: target
          ? `${name}() produces \`${target}\`: the random module is predictable, so the value can be guessed`
          : `${name}() uses a predictable generator: do not use it for tokens, codes or keys`,
        ...(target ? { severity: 'medium' as const } : {}),
      });
    };
    return Object.fromEntries(RANDOM_CALLS.map((name) => [`call:${name}`, check]));
  },
});

/**
 * The secret-like name the call's value flows to within its statement: an assignment target, a keyword argument,
 * a dictionary key, or the function it is returned from. Undefined when there is none.
 */
function secretTarget(call: PyNode, module: PythonModule): string | undefined {
  let child = call;
  for (let parent = call.parent; parent; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case 'assignment':
      case 'augmented_assignment': {
        if (child.field !== 'right') return undefined;
        const name = targetNames(field(parent, 'left'), module).find((n) => TOKEN_LIKE.test(n));
        if (name) return name;
        if (parent.parent?.type === 'assignment') continue; // a = b = random.random()
        return undefined;
      }
      case 'named_expression': {
        const name = field(parent, 'name');
        if (child.field === 'value' && name && TOKEN_LIKE.test(module.text(name))) return module.text(name);
        continue;
      }
      case 'keyword_argument': {
        const name = field(parent, 'name');
        if (child.field === 'value' && name && TOKEN_LIKE.test(module.text(name))) return module.text(name);
        continue;
      }
      case 'pair': {
        const key = field(parent, 'key');
        const value = key && module.literal(key);
        if (child.field === 'value' && value?.kind === 'str' && TOKEN_LIKE.test(value.value)) return value.value;
        continue;
      }
      case 'return_statement': {
        const fn = module.enclosingFunction(parent);
        const name = fn && module.definitionName(fn);
        return name && TOKEN_LIKE.test(name) ? name : undefined;
      }
      case 'lambda':
      case 'function_definition':
      case 'class_definition':
      case 'decorator':
      case 'block':
      case 'module':
      case 'expression_statement':
        return undefined;
      default:
        // A comprehension's source (`for c in random.sample(…)`) still feeds its result; other clauses are conditions.
        if (parent.type.endsWith('_statement') || (parent.type.endsWith('_clause') && parent.type !== 'for_in_clause')) return undefined;
    }
  }
  return undefined;
}

/** The names an assignment target binds or writes: `token`, `user.reset_code` → reset_code, `d["otp"]` → otp. */
function targetNames(target: PyNode | undefined, module: PythonModule): string[] {
  if (!target) return [];
  switch (target.type) {
    case 'identifier':
      return [module.text(target)];
    case 'attribute': {
      const attribute = field(target, 'attribute');
      return attribute ? [module.text(attribute)] : [];
    }
    case 'subscript': {
      const key = field(target, 'subscript');
      const value = key && module.literal(key);
      if (value?.kind === 'str') return [value.value];
      return targetNames(field(target, 'value'), module);
    }
    case 'pattern_list':
    case 'tuple_pattern':
    case 'list_pattern':
    case 'expression_list':
    case 'tuple':
    case 'list':
      return target.children.flatMap((c) => targetNames(c, module));
    default:
      return [];
  }
}
