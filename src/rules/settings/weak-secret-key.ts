import { defineProjectRule } from '../../core/rule.js';
import { weakSecretKeyReason } from '../../settings/django-checks.js';
import type { DjangoVersion } from '../../settings/django-defaults.js';
import { checkSettings, unsetDefaults } from '../../settings/report.js';
import { truthy, type Value } from '../../settings/value.js';

/** Before 3.2 Django checked only length and variety; it is also all it can check on a bytes key. */
const LENGTH_AND_VARIETY_ONLY: DjangoVersion = { major: 3, minor: 1, patch: 0 };

const GENERATE = 'python -c "from django.core.management.utils import get_random_secret_key; print(get_random_secret_key())"';

/** A false key described without printing it. */
function emptyKind(value: Value): string {
  if (value.t === 'none') return 'None';
  if (value.t === 'str') return 'an empty string';
  if (value.t === 'bytes') return 'empty bytes';
  return 'a false value';
}

export default defineProjectRule({
  meta: {
    code: 'SET009',
    name: 'weak-secret-key',
    family: 'settings',
    severity: 'high',
    confidence: 'high',
    cwe: [1391, 330],
    owasp: ['A02:2021-Cryptographic Failures', 'A07:2021-Identification and Authentication Failures', 'A05:2021-Security Misconfiguration'],
    aliases: ['security.W009'],
    status: 'stable',
    summary: "SECRET_KEY is missing, empty, shorter than 50 characters, has fewer than 5 distinct characters, or is a startproject 'django-insecure-' key.",
    fix: 'Generate a new key with django.core.management.utils.get_random_secret_key() and load it from the environment or a secrets store in production.',
    docs: {
      whatItDoes:
        "Reproduces Django's `security.W009` deployment check on each production settings module, statically: the " +
        'final `SECRET_KEY` is reported when it is not set, empty or `None`, shorter than 50 characters, made of ' +
        'fewer than 5 distinct characters, or (Django 3.2 and later) starts with `django-insecure-`, the prefix ' +
        '`startproject` gives development keys. When the key comes from the default of an environment read ' +
        '(`os.environ.get("SECRET_KEY", "django-insecure-…")`, `env("SECRET_KEY", default=…)`, ' +
        '`config("SECRET_KEY", default=…)`), the finding points at that default and names the variable. A key ' +
        'ponyguard cannot know (a required environment variable, a file read, a vault call) is not reported. ' +
        'Messages give the length and the reason, never the key itself.',
      whyItMatters:
        'Django signs session data, password-reset and email-confirmation tokens, `signing.dumps()` payloads, ' +
        'signed cookies and messages with `SECRET_KEY`. Anyone who knows or can guess it can forge those: log in ' +
        'as any user with a crafted session (with the signed-cookie session backend), reset passwords, or tamper ' +
        'with signed data, and, where pickle-based serialization is used, run code. Short or low-variety keys can ' +
        'be brute-forced offline from a single signed value; `django-insecure-` keys and insecure fallback defaults ' +
        'are committed to repositories and shared between every deployment that forgot to set the variable.',
      example: {
        bad: ['import os', '', 'SECRET_KEY = os.environ.get(', '    "DJANGO_SECRET_KEY", "django-insecure-8^x0b$%r!3e1k)w4m9z2v7q6p5n1c0a8s7d6f5g4h3j2"', ')'].join('\n'),
        good: ['import os', '', '# A missing variable fails loudly instead of falling back to a known key.', 'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]'].join('\n'),
      },
      howToFix:
        `Generate a fresh key (\`${GENERATE}\`), store it in the deployment's secret store or environment, and read ` +
        'it without a default (`os.environ["DJANGO_SECRET_KEY"]`, `env("DJANGO_SECRET_KEY")`) so that a missing ' +
        'variable stops the application instead of running with a key everybody knows. If a weak or published key ' +
        'was ever used in production, rotate it: Django 4.1+ lets you move the old key to `SECRET_KEY_FALLBACKS` ' +
        'for a transition period so existing sessions survive; then remove it. Rotating invalidates sessions, ' +
        'password-reset links and other signed values made with the old key.',
      references: [
        { title: 'Django settings: SECRET_KEY', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#secret-key' },
        { title: 'Django deployment checklist: SECRET_KEY', url: 'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#secret-key' },
        { title: 'Django system checks: security.W009', url: 'https://docs.djangoproject.com/en/stable/ref/checks/#security' },
        { title: 'Django: Cryptographic signing', url: 'https://docs.djangoproject.com/en/stable/topics/signing/' },
        { title: 'CWE-1391: Use of Weak Credentials', url: 'https://cwe.mitre.org/data/definitions/1391.html' },
        { title: 'OWASP Secrets Management Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html' },
      ],
      limitations:
        'A long random-looking key is not reported even when it is committed to the repository; the secrets family ' +
        'finds hard-coded keys. A key of another type than a string or bytes (on which Django itself would fail) ' +
        'is not judged. An empty key read from an unset variable is reported with low confidence: Django refuses ' +
        'to run without a key, so the failure is loud rather than insecure.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      const key = settings.get('SECRET_KEY');
      const value = key.value;
      const falsy = truthy(value);
      if (falsy === undefined) return;
      let reason: string | undefined;
      if (falsy === false) reason = key.source === 'assigned' ? `is ${emptyKind(value)}` : "is not set (Django's default is an empty string)";
      else if (value.t === 'str') reason = weakSecretKeyReason(value.v, settings.django.version);
      // Django compares a bytes key with the str prefix, which raises TypeError: only length and variety apply.
      else if (value.t === 'bytes') reason = weakSecretKeyReason(value.v, LENGTH_AND_VARIETY_ONLY);
      else return;
      if (reason === undefined) return;

      const what = falsy === false ? `SECRET_KEY ${reason}` : `SECRET_KEY is weak (${reason})`;
      const unset = unsetDefaults(value.env);
      const given = (value.env ?? []).filter((use) => !use.unset).map((use) => use.variable);
      if (unset.length > 0) {
        // Without a key Django refuses to start (since 3.2 on first use): a loud failure, not a silent weakness.
        const loud = falsy === false;
        const variables = [...new Set(unset.map((use) => use.variable))].join(', ');
        report({
          setting: 'SECRET_KEY',
          message: loud ? `${what} (Django refuses to run with an empty key)` : what,
          ...(loud ? { confidence: 'low' as const } : {}),
          // With a default, checkSettings points at it and says to fix it; otherwise say what to do here.
          ...(unset.some((use) => use.defaultAt)
            ? {}
            : {
                fix: loud
                  ? `Set ${variables} to a new random key in the production environment (${GENERATE}).`
                  : `Set ${variables} to a new random key in the production environment (${GENERATE}), and remove the fallback key from the SECRET_KEY assignment so a missing variable fails loudly.`,
              }),
          djangoId: 'security.W009',
        });
        return;
      }
      if (given.length > 0) {
        report({
          setting: 'SECRET_KEY',
          message: `${what}, as read from ${given.join(', ')} in the environment given`,
          fix: `Put a new random key in ${given.join(', ')} (${GENERATE}) and rotate the old one.`,
          djangoId: 'security.W009',
        });
        return;
      }
      report({
        setting: 'SECRET_KEY',
        message: what,
        lines: ['SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]  # a new key from get_random_secret_key(), kept out of the repository'],
        djangoId: 'security.W009',
      });
    });
  },
});
