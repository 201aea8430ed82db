import { defineSecretRule } from '../../core/rule.js';
import { HISTORY_NOTE, ROTATE, SECRET_REFERENCES } from '../support/secrets.js';

export default defineSecretRule({
  meta: {
    code: 'SEC001',
    name: 'django-secret-key-in-source',
    family: 'secrets',
    severity: 'critical',
    confidence: 'high',
    cwe: [798, 321],
    owasp: ['A02:2021-Cryptographic Failures', 'A07:2021-Identification and Authentication Failures'],
    aliases: [],
    status: 'stable',
    summary: "A Django SECRET_KEY (Django's 50-character shape, or a startproject `django-insecure-` key) is committed in a file.",
    fix: 'Generate a new key (`django.core.management.utils.get_random_secret_key()`), load it from the environment or a secret store, and keep the old one only in SECRET_KEY_FALLBACKS until sessions have moved over.',
    docs: {
      whatItDoes:
        'Scans every text file of the project (Python, `.env` files, YAML, JSON, shell scripts, docs) for Django secret ' +
        "keys: a `SECRET_KEY` literal of the shape `get_random_secret_key()` produces (50 characters of `a-z0-9!@#$%^&*(-_=+)`, " +
        'punctuation included, which generic secret scanners miss) and any `django-insecure-` key written by ' +
        '`startproject`. Keys in the settings modules ponyguard judges are reported by SET201 instead (with the ' +
        'settings context), so each key is reported once. ' +
        HISTORY_NOTE,
      whyItMatters:
        'The secret key signs sessions (with the signed-cookie backend), password-reset tokens, messages, ' +
        '`signing.dumps` values and CSRF-protected forms. Whoever knows it can forge a password-reset link for any ' +
        'account, forge session cookies and, with a pickle-based serializer, execute code. A key in the repository is ' +
        'known to everyone with read access to any clone, fork, CI log or image.',
      example: {
        bad: ["# deploy/env.sh", "export DJANGO_SECRET_KEY='k#3v9(2m!x…50 characters…'"].join('\n'),
        good: ['# deploy/env.sh reads the key from the secret store at deploy time', 'export DJANGO_SECRET_KEY="$(vault kv get -field=key shop/django)"'].join('\n'),
        language: 'sh',
      },
      howToFix: ROTATE + ' For Django, put the old key in `SECRET_KEY_FALLBACKS` (Django 4.1+) while existing sessions and tokens expire, then remove it.',
      references: [
        { title: 'Django settings: SECRET_KEY', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#secret-key' },
        { title: 'Django settings: SECRET_KEY_FALLBACKS', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#secret-key-fallbacks' },
        ...SECRET_REFERENCES,
      ],
      limitations:
        'A key of another shape (shorter, other alphabet) assigned to SECRET_KEY is reported by SEC006 when its entropy ' +
        'is high, or by SET201 in settings modules.',
    },
  },
  detectors: {
    'django-secret-key': 'Django SECRET_KEY',
    'django-insecure-secret-key': 'Django development key (django-insecure-)',
  },
});
