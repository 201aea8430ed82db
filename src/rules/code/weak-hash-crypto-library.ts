import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';

/**
 * Bandit B303's list (PyCrypto / PyCryptodome `Hash.<algo>.new`, cryptography `hashes.MD5/SHA1`), plus the `SHA1`
 * module name PyCryptodome uses for the same algorithm as `SHA`.
 */
const WEAK_HASH_CALLS = [
  ...['Crypto', 'Cryptodome'].flatMap((root) => ['MD2', 'MD4', 'MD5', 'SHA', 'SHA1'].map((algo) => `${root}.Hash.${algo}.new`)),
  'cryptography.hazmat.primitives.hashes.MD5',
  'cryptography.hazmat.primitives.hashes.SHA1',
];

export default definePythonRule({
  meta: {
    code: 'PY303',
    name: 'weak-hash-crypto-library',
    family: 'code',
    severity: 'medium',
    confidence: 'high',
    cwe: [327, 328],
    owasp: ['A02:2021-Cryptographic Failures'],
    aliases: ['B303'],
    status: 'stable',
    summary: 'A broken hash function (MD2, MD4, MD5 or SHA-1) is created through PyCrypto, PyCryptodome or cryptography.',
    fix: 'Use SHA-256 or stronger (hashes.SHA256(), SHA256.new()), HMAC for message authentication, and a password hasher for passwords.',
    docs: {
      whatItDoes:
        'Reports the creation of MD2, MD4, MD5 and SHA-1 hash objects through the third-party crypto libraries: ' +
        '`Crypto.Hash.MD5.new()` and its siblings (PyCrypto and PyCryptodome, also under the `Cryptodome` package name) ' +
        'and `cryptography.hazmat.primitives.hashes.MD5()` / `SHA1()`. The same functions in `hashlib` are PY324.',
      whyItMatters:
        'Collisions are practical for all four algorithms (SHA-1 since 2017, MD5 in seconds), so a digest no longer ' +
        'proves that data is what it claims to be: two different files, certificates or signed payloads can share ' +
        'one. Used to store passwords or tokens, these fast hashes fall to brute force at billions of guesses per ' +
        'second on a GPU.',
      example: {
        bad: [
          'from Crypto.Hash import MD5',
          '',
          'def document_fingerprint(document):',
          '    return MD5.new(document.file.read()).hexdigest()',
        ].join('\n'),
        good: [
          'from Crypto.Hash import SHA256',
          '',
          'def document_fingerprint(document):',
          '    return SHA256.new(document.file.read()).hexdigest()',
        ].join('\n'),
      },
      howToFix:
        'Pick SHA-256, SHA-512 or SHA3 for fingerprints and integrity checks, and HMAC-SHA256 (Django\'s `signing` ' +
        'or `salted_hmac`) to authenticate data. Never hash passwords yourself: use Django\'s `make_password()` and ' +
        '`check_password()`, which apply PBKDF2, Argon2 or bcrypt. Where an old protocol forces MD5 or SHA-1 for a ' +
        'non-security purpose, say so in a comment and suppress the finding on that line.',
      references: [
        { title: 'cryptography: message digests', url: 'https://cryptography.io/en/latest/hazmat/primitives/cryptographic-hashes/' },
        { title: 'PyCryptodome: hash functions', url: 'https://www.pycryptodome.org/src/hash/hash' },
        { title: 'Django: password management', url: 'https://docs.djangoproject.com/en/stable/topics/auth/passwords/' },
        { title: 'CWE-328: Use of Weak Hash', url: 'https://cwe.mitre.org/data/definitions/328.html' },
        { title: 'Bandit B303: md5', url: 'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b303-md5' },
      ],
      limitations:
        'The rule reports every creation, including checksums with no security role; it cannot tell what the digest ' +
        'is used for. `Crypto.Hash.SHA1.new` is reported as well as Bandit\'s `SHA.new`: it is the same algorithm.',
    },
  },
  create(context) {
    const { module } = context;
    const check = (node: PyNode): void => {
      const name = module.qualifiedName(node) ?? 'MD5';
      const algorithm = name.replace(/\.new$/, '').split('.').pop() ?? name;
      context.report({ node, message: `${name}() uses the broken ${algorithm === 'SHA' ? 'SHA-1' : algorithm} hash function` });
    };
    return Object.fromEntries(WEAK_HASH_CALLS.map((name) => [`call:${name}`, check]));
  },
});
