import { defineProjectRule } from '../../core/rule.js';
import { checkSettings, unsetDefaults } from '../../settings/report.js';
import { pyRepr, type Value } from '../../settings/value.js';

const HASHERS = 'django.contrib.auth.hashers.';

/** Hasher classes built on a fast digest (or DES crypt): what an offline attacker cracks at billions of guesses a second. */
const WEAK_HASHERS: Record<string, string> = {
  MD5PasswordHasher: 'salted MD5',
  SHA1PasswordHasher: 'salted SHA-1',
  UnsaltedMD5PasswordHasher: 'unsalted MD5',
  UnsaltedSHA1PasswordHasher: 'unsalted SHA-1',
  CryptPasswordHasher: 'crypt(3), usually DES with an 8-character limit',
};

/** Hashers Django recommends for new passwords, in the order a fixed list should prefer them. */
const STRONG_HASHERS = ['Argon2PasswordHasher', 'ScryptPasswordHasher', 'BCryptSHA256PasswordHasher', 'PBKDF2PasswordHasher'];

/** The weak hasher a dotted path names: Django's own classes, or vendored copies under any module path. */
function weakHasher(dotted: string): string | undefined {
  const className = dotted.split('.').pop() ?? '';
  return Object.hasOwn(WEAK_HASHERS, className) ? className : undefined;
}

function isStrong(dotted: string): boolean {
  return STRONG_HASHERS.includes(dotted.split('.').pop() ?? '') && !dotted.includes('Wrapped');
}

/** The list with a strong hasher first (the one already listed, else PBKDF2), keeping the others for upgrades. */
function fixedLine(entries: string[], container: Value['t']): string {
  const strong = entries.find(isStrong) ?? `${HASHERS}PBKDF2PasswordHasher`;
  const ordered = [strong, ...entries.filter((entry) => entry !== strong)].map((entry) => pyRepr(entry));
  return container === 'tuple' ? `PASSWORD_HASHERS = (${ordered.join(', ')}${ordered.length === 1 ? ',' : ''})` : `PASSWORD_HASHERS = [${ordered.join(', ')}]`;
}

export default defineProjectRule({
  meta: {
    code: 'SET208',
    name: 'weak-password-hasher',
    family: 'settings',
    severity: 'high',
    confidence: 'high',
    cwe: [916, 328],
    owasp: ['A02:2021-Cryptographic Failures', 'A07:2021-Identification and Authentication Failures'],
    aliases: [],
    status: 'stable',
    summary: 'PASSWORD_HASHERS hashes new passwords with a fast digest (MD5, SHA-1, unsalted variants or crypt) instead of a slow password hasher.',
    fix: 'Put a slow hasher (PBKDF2PasswordHasher, Argon2PasswordHasher, ScryptPasswordHasher or BCryptSHA256PasswordHasher) first in PASSWORD_HASHERS.',
    docs: {
      whatItDoes:
        'Reads the final `PASSWORD_HASHERS` of each production settings module. Django hashes every new (and every ' +
        'changed) password with the first entry, and uses the others only to verify hashes already stored. When the ' +
        'first entry is `MD5PasswordHasher`, `SHA1PasswordHasher`, `UnsaltedMD5PasswordHasher`, ' +
        '`UnsaltedSHA1PasswordHasher` or `CryptPasswordHasher` (Django\'s classes, or a vendored copy of them under ' +
        'another module path, since Django 5.0/5.1 removed most of them) the rule reports it as high severity. When ' +
        'such a hasher appears later in the list it reports a low-severity finding: it does not weaken new ' +
        'passwords, but it shows the database may still hold weak hashes. Django\'s own defaults never trigger the rule.',
      whyItMatters:
        'A password hash only matters once the database leaks (a backup, an SQL injection, a stolen replica). MD5 ' +
        'and SHA-1 are designed to be fast: a single GPU tries billions of candidates a second, so most real ' +
        'passwords fall within hours, and unsalted hashes can be looked up in precomputed tables instantly. ' +
        'PBKDF2 with Django\'s iteration count, Argon2, scrypt and bcrypt are deliberately slow and salted, which ' +
        'turns the same attack into years. `MD5PasswordHasher` first in the list is a common leftover of test ' +
        'settings (where it speeds up the test suite) copied into production.',
      example: {
        bad: ['PASSWORD_HASHERS = [', '    "django.contrib.auth.hashers.MD5PasswordHasher",', '    "django.contrib.auth.hashers.PBKDF2PasswordHasher",', ']'].join('\n'),
        good: ['PASSWORD_HASHERS = [', '    "django.contrib.auth.hashers.PBKDF2PasswordHasher",', '    "django.contrib.auth.hashers.MD5PasswordHasher",  # only to upgrade old hashes', ']'].join('\n'),
      },
      howToFix:
        'Put a slow hasher first: remove the `PASSWORD_HASHERS` override to get Django\'s default ' +
        '(`PBKDF2PasswordHasher` first), or list `Argon2PasswordHasher` (needs `argon2-cffi`) or ' +
        '`ScryptPasswordHasher` first. Keep the old hasher after it only while stored hashes still use it: Django ' +
        'verifies them and rehashes each password with the first hasher on the user\'s next successful login. ' +
        'Users who never log in again keep their weak hash; to upgrade them without a login, follow Django\'s ' +
        '"Password upgrading without requiring a login" recipe (wrap the old hashes, e.g. with ' +
        '`PBKDF2WrappedSHA1PasswordHasher`, in a data migration) and then remove the weak hasher from the list. ' +
        'Keep `MD5PasswordHasher` in test settings only.',
      references: [
        { title: 'Django: How Django stores passwords', url: 'https://docs.djangoproject.com/en/stable/topics/auth/passwords/#how-django-stores-passwords' },
        { title: 'Django: Password upgrading without requiring a login', url: 'https://docs.djangoproject.com/en/stable/topics/auth/passwords/#password-upgrading-without-requiring-a-login' },
        { title: 'Django settings: PASSWORD_HASHERS', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#password-hashers' },
        { title: 'OWASP Password Storage Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html' },
        { title: 'CWE-916: Use of Password Hash With Insufficient Computational Effort', url: 'https://cwe.mitre.org/data/definitions/916.html' },
      ],
      limitations:
        'Custom hasher classes are judged by class name only: a home-made fast hasher under another name is not ' +
        'recognised, and the iteration counts of PBKDF2/Argon2 subclasses are not checked. A list ponyguard cannot ' +
        'evaluate (built by a function, read from a file) is not judged.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      const hashers = settings.get('PASSWORD_HASHERS');
      // Django's defaults put PBKDF2 first; only the project's own list can be weak.
      if (hashers.source !== 'assigned') return;
      const value = hashers.value;
      if (value.t !== 'list' && value.t !== 'tuple') return;
      const entries = value.items.map((item) => (item.t === 'str' ? item.v : undefined));
      const first = entries[0];
      const known = entries.filter((entry): entry is string => entry !== undefined);
      const fixable = known.length === entries.length;
      const firstWeak = first !== undefined ? weakHasher(first) : undefined;
      if (firstWeak) {
        // An environment default inside the list: the list itself carries no provenance, so report at the default.
        const defaults = unsetDefaults(value.items[0]!.env);
        const defaultAt = defaults.find((use) => use.defaultAt)?.defaultAt;
        const variables = [...new Set(defaults.map((use) => use.variable))].join(', ');
        const when = defaultAt ? ` when ${variables} is not set (the default applies; set ${variables} in the production environment)` : '';
        report({
          setting: 'PASSWORD_HASHERS',
          message: `PASSWORD_HASHERS starts with ${pyRepr(first!)}${when}: every new or changed password is stored as ${WEAK_HASHERS[firstWeak]}, which a leaked database gives up to offline cracking within hours`,
          ...(defaultAt ? { at: defaultAt, ...(settings.environment.given ? {} : { confidence: 'medium' as const }) } : {}),
          ...(defaultAt
            ? { fix: `Set ${variables} in the production environment, and change the default at ${defaultAt.path}:${defaultAt.module.lines.lineOf(defaultAt.node.start)} to ${pyRepr(`${HASHERS}PBKDF2PasswordHasher`)}.` }
            : fixable
            ? { lines: [fixedLine(known, value.t)] }
            : { fix: `Put a slow hasher (${HASHERS}PBKDF2PasswordHasher, Argon2PasswordHasher or ScryptPasswordHasher) first in PASSWORD_HASHERS; keep ${first!} later only to upgrade old hashes.` }),
          severity: 'high',
        });
        return;
      }
      if (first === undefined) return; // the hasher used for new passwords is not known
      const later = known.slice(1).filter((entry) => weakHasher(entry) !== undefined);
      if (later.length === 0) return;
      const names = later.map((entry) => pyRepr(entry)).join(', ');
      report({
        setting: 'PASSWORD_HASHERS',
        message:
          `PASSWORD_HASHERS still accepts ${names} after ${pyRepr(first)}: new passwords are safe, and old hashes of that kind are rehashed at the user's next login, ` +
          'but accounts that have not logged in since keep a weak hash in the database',
        fix: `Upgrade the remaining weak hashes (Django's "password upgrading without requiring a login" recipe wraps them in a slow hasher with a data migration), then remove ${names} from PASSWORD_HASHERS.`,
        severity: 'low',
        confidence: 'medium',
      });
    });
  },
});
