import { defineProjectRule } from '../../core/rule.js';
import { checkExists } from '../../settings/django-checks.js';
import { checkSettings } from '../../settings/report.js';
import { display } from '../../settings/value.js';

export default defineProjectRule({
  meta: {
    code: 'SET100',
    name: 'default-hashing-algorithm-invalid',
    family: 'settings',
    severity: 'medium',
    confidence: 'high',
    cwe: [327],
    owasp: ['A02:2021-Cryptographic Failures', 'A05:2021-Security Misconfiguration'],
    aliases: ['security.E100'],
    status: 'stable',
    summary: "DEFAULT_HASHING_ALGORITHM is neither 'sha1' nor 'sha256' (Django 3.1 and 3.2).",
    fix: 'Set DEFAULT_HASHING_ALGORITHM = "sha256" (or remove it: sha256 is the default), and drop it before upgrading to Django 4.0.',
    docs: {
      whatItDoes:
        'Reports a production settings module of a Django 3.1 or 3.2 project whose `DEFAULT_HASHING_ALGORITHM` is ' +
        'anything but the exact strings `"sha1"` or `"sha256"`: another algorithm (`"md5"`), a different case ' +
        '(`"SHA256"`), `None` or a number. This is Django\'s `security.E100` check, a regular system check that ' +
        'existed only in 3.1 and 3.2; the setting itself was removed in Django 4.0, so the rule is silent for other ' +
        'versions. The project\'s Django version comes from its pinned requirements.',
      whyItMatters:
        'The setting was a transitional switch for the algorithm behind signing, session hashes, password-reset ' +
        'tokens and `salted_hmac()` while a site upgraded from Django 3.0. An invalid value is an error that stops ' +
        '`manage.py` commands, and the only other accepted value, `"sha1"`, keeps the weaker legacy algorithm: it ' +
        'was meant for the duration of a rolling upgrade, not as a permanent configuration.',
      example: {
        bad: ['# Django 3.2', 'DEFAULT_HASHING_ALGORITHM = "md5"'].join('\n'),
        good: ['# Django 3.2: sha256 is the default; the setting can simply be removed.', 'DEFAULT_HASHING_ALGORITHM = "sha256"'].join('\n'),
      },
      howToFix:
        'Remove the setting, or set it to `"sha256"`. Use `"sha1"` only while instances of Django 3.0 and 3.1/3.2 ' +
        'run side by side during an upgrade, then remove it: Django 4.0 no longer reads it and always uses SHA-256.',
      references: [
        { title: 'Django 3.1 settings: DEFAULT_HASHING_ALGORITHM', url: 'https://docs.djangoproject.com/en/3.2/ref/settings/#default-hashing-algorithm' },
        { title: 'Django 3.1 release notes: DEFAULT_HASHING_ALGORITHM', url: 'https://docs.djangoproject.com/en/3.2/releases/3.1/' },
        { title: 'Django system checks: security.E100', url: 'https://docs.djangoproject.com/en/3.2/ref/checks/#security' },
        { title: 'CWE-327: Use of a Broken or Risky Cryptographic Algorithm', url: 'https://cwe.mitre.org/data/definitions/327.html' },
      ],
      limitations:
        'Without a pinned Django version ponyguard assumes the newest release, where the setting no longer exists. ' +
        'An unhashable value (a list) makes Django\'s own check crash and is not reported.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      if (!checkExists(settings, '3.1', '4.0')) return;
      const algorithm = settings.get('DEFAULT_HASHING_ALGORITHM');
      if (algorithm.source === 'opaque') return;
      const value = algorithm.value;
      // Django: `value not in {'sha1', 'sha256'}`; only hashable known values get an answer.
      if (value.t === 'str') {
        if (value.v === 'sha1' || value.v === 'sha256') return;
      } else if (value.t !== 'none' && value.t !== 'int' && value.t !== 'float' && value.t !== 'bool' && value.t !== 'bytes') return;
      report({
        setting: 'DEFAULT_HASHING_ALGORITHM',
        message: `DEFAULT_HASHING_ALGORITHM is ${display(value)}, but Django accepts only 'sha1' or 'sha256'`,
        lines: ['DEFAULT_HASHING_ALGORITHM = "sha256"'],
        djangoId: 'security.E100',
      });
    });
  },
});
