import { defineProjectRule } from '../../core/rule.js';
import { checkExists, weakSecretKeyReason } from '../../settings/django-checks.js';
import type { DjangoVersion } from '../../settings/django-defaults.js';
import { checkSettings, unsetDefaults } from '../../settings/report.js';
import type { Value } from '../../settings/value.js';

/** Django compares a bytes key with the str prefix, which raises TypeError: only length and variety can fail it. */
const LENGTH_AND_VARIETY_ONLY: DjangoVersion = { major: 3, minor: 1, patch: 0 };

const GENERATE = 'python -c "from django.core.management.utils import get_random_secret_key; print(get_random_secret_key())"';

/** W025's test of one fallback key: the reason it is weak, undefined when it passes or Django's test would crash. */
function weakness(key: Value, version: DjangoVersion): string | undefined {
  if (key.t === 'str') return weakSecretKeyReason(key.v, version);
  if (key.t === 'bytes') return weakSecretKeyReason(key.v, LENGTH_AND_VARIETY_ONLY);
  return undefined;
}

/** The fix for a weak entry: remove it, or, when it is an environment read's default, set the variable and drop the default. */
function fixFor(key: Value, index: number): string {
  const unset = unsetDefaults(key.env);
  const defaultAt = unset.find((use) => use.defaultAt)?.defaultAt;
  if (defaultAt) {
    const variables = [...new Set(unset.map((use) => use.variable))].join(', ');
    const line = defaultAt.module.lines.lineOf(defaultAt.node.start);
    return `Set ${variables} to a strong key in the production environment (or drop SECRET_KEY_FALLBACKS[${index}]), and remove the weak default at ${defaultAt.path}:${line} so a missing variable cannot fall back to it.`;
  }
  return `Remove SECRET_KEY_FALLBACKS[${index}]: keep only strong keys (for example the previous production key, read from the environment) and only until the tokens it signed expire.`;
}

export default defineProjectRule({
  meta: {
    code: 'SET025',
    name: 'weak-secret-key-fallback',
    family: 'settings',
    severity: 'high',
    confidence: 'high',
    cwe: [1391, 330],
    owasp: ['A02:2021-Cryptographic Failures', 'A07:2021-Identification and Authentication Failures', 'A05:2021-Security Misconfiguration'],
    aliases: ['security.W025'],
    status: 'stable',
    summary: 'An entry of SECRET_KEY_FALLBACKS is a weak key that Django still accepts for signatures.',
    fix: 'Remove the weak key from SECRET_KEY_FALLBACKS (or replace the whole list with strong keys read from the environment).',
    docs: {
      whatItDoes:
        'Reports each entry of `SECRET_KEY_FALLBACKS` in a production settings module that fails Django\'s secret ' +
        'key test: shorter than 50 characters, fewer than 5 distinct characters, or starting with ' +
        '`django-insecure-` (the prefix of keys `startproject` generates for development). Each weak entry is one ' +
        'finding naming its index, at the entry itself when the list is written out in the settings; the key is ' +
        'never printed. This is Django\'s `security.W025` deployment check (Django 4.1 and later).',
      whyItMatters:
        'Django verifies signatures with `SECRET_KEY` and then with every fallback key: sessions with the signed ' +
        'cookie backend, password-reset links, `signing.dumps()` tokens and messages signed by an old key stay valid. ' +
        'A weak or leaked development key in the fallbacks is therefore as good as the real key to an attacker, who ' +
        'can brute-force or look it up and then forge session cookies and password-reset tokens for any account.',
      example: {
        bad: [
          'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]',
          'SECRET_KEY_FALLBACKS = [',
          '    "django-insecure-3x!k…",  # the old development key',
          ']',
        ].join('\n'),
        good: [
          'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]',
          '# The previous production key, kept only until sessions signed with it expire.',
          'SECRET_KEY_FALLBACKS = [k for k in os.environ.get("DJANGO_OLD_SECRET_KEYS", "").split(",") if k]',
        ].join('\n'),
      },
      howToFix:
        'Fallback keys exist for rotation: keep the previous production key there only until the tokens signed ' +
        'with it expire (the session age, `PASSWORD_RESET_TIMEOUT`), then remove it. Never put a development, ' +
        'example or short key in the list. Read the keys from the environment or a secret store rather than the ' +
        `code, and generate new ones with \`${GENERATE}\`.`,
      references: [
        { title: 'Django settings: SECRET_KEY_FALLBACKS', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#secret-key-fallbacks' },
        { title: 'Django: Rotating secret keys', url: 'https://docs.djangoproject.com/en/stable/topics/signing/#secret-key-fallbacks' },
        { title: 'Django system checks: security.W025', url: 'https://docs.djangoproject.com/en/stable/ref/checks/#security' },
        { title: 'CWE-1391: Use of Weak Credentials', url: 'https://cwe.mitre.org/data/definitions/1391.html' },
        { title: 'OWASP A02:2021 Cryptographic Failures', url: 'https://owasp.org/Top10/A02_2021-Cryptographic_Failures/' },
      ],
      limitations:
        'Keys ponyguard cannot evaluate are not judged. A string assigned instead of a list makes Django test each ' +
        'character as a key (one warning per character); ponyguard reports it once. Entries Django cannot measure ' +
        '(None, numbers) make its own check crash and are not reported.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      if (!checkExists(settings, '4.1')) return;
      const fallbacks = settings.get('SECRET_KEY_FALLBACKS');
      if (fallbacks.source === 'opaque') return;
      const value = fallbacks.value;
      if (value.t === 'str') {
        // `for key in "…"` iterates characters: every character is a one-character key, and Django warns for each.
        if (value.v.length === 0) return;
        report({
          setting: 'SECRET_KEY_FALLBACKS',
          message: `SECRET_KEY_FALLBACKS is a string, not a list: Django iterates its ${[...value.v].length} characters and tests each as a one-character key (all weak)`,
          lines: ['SECRET_KEY_FALLBACKS = []  # or a list of strong keys read from the environment'],
          djangoId: 'security.W025',
          redact: [value.v],
        });
        return;
      }
      if (value.t !== 'list' && value.t !== 'tuple' && value.t !== 'set') return;
      const secrets = value.items.flatMap((key) => (key.t === 'str' || key.t === 'bytes' ? [key.v] : []));
      value.items.forEach((key, index) => {
        const reason = weakness(key, settings.django.version);
        if (reason === undefined) return;
        report({
          setting: 'SECRET_KEY_FALLBACKS',
          message: `SECRET_KEY_FALLBACKS[${index}] is a weak key (${reason}), and Django still accepts signatures made with it`,
          // The entry: reported at its literal or at the default of the environment read that gave it. An entry
          // without either (an item of `os.environ.get(…).split(",")`) leaves the whole setting's provenance in force.
          ...(key.src || key.env ? { value: key } : {}),
          fix: fixFor(key, index),
          djangoId: 'security.W025',
          // No key (weak or strong) may appear in the code frame around the finding either.
          ...(secrets.length > 0 ? { redact: secrets } : {}),
        });
      });
    });
  },
});
