import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';

/**
 * Bandit B304's list: PyCrypto / PyCryptodome `Cipher.<algo>.new` and cryptography's weak algorithms, plus the same
 * algorithms in `cryptography.hazmat.decrepit` (where cryptography 43 moved them).
 */
const WEAK_CIPHER_CALLS = [
  ...['Crypto', 'Cryptodome'].flatMap((root) => ['ARC2', 'ARC4', 'Blowfish', 'DES', 'XOR'].map((algo) => `${root}.Cipher.${algo}.new`)),
  ...['ARC4', 'Blowfish', 'CAST5', 'IDEA', 'SEED', 'TripleDES'].map((algo) => `cryptography.hazmat.primitives.ciphers.algorithms.${algo}`),
  ...['ARC4', 'Blowfish', 'CAST5', 'IDEA', 'SEED', 'TripleDES', 'RC2'].map((algo) => `cryptography.hazmat.decrepit.ciphers.algorithms.${algo}`),
];

export default definePythonRule({
  meta: {
    code: 'PY304',
    name: 'weak-cipher',
    family: 'code',
    severity: 'high',
    confidence: 'high',
    cwe: [327],
    owasp: ['A02:2021-Cryptographic Failures'],
    aliases: ['B304'],
    status: 'stable',
    summary: 'Data is encrypted with a broken or obsolete cipher (RC2, RC4, Blowfish, DES, 3DES, CAST5, IDEA, SEED or XOR).',
    fix: 'Encrypt with an authenticated modern scheme: cryptography\'s Fernet or AES-GCM / ChaCha20-Poly1305.',
    docs: {
      whatItDoes:
        'Reports the creation of weak ciphers: `ARC2`, `ARC4`, `Blowfish`, `DES` and `XOR` from PyCrypto or ' +
        'PyCryptodome (`Crypto.Cipher.DES.new(...)`, also under `Cryptodome`), and `ARC4`, `Blowfish`, `CAST5`, `IDEA`, ' +
        '`SEED` and `TripleDES` from `cryptography` (both `hazmat.primitives` and `hazmat.decrepit`, plus `RC2` there).',
      whyItMatters:
        'These algorithms no longer protect data. RC4\'s keystream is biased enough to recover plaintext, DES keys are ' +
        'brute-forced in hours, and the 64-bit blocks of Blowfish, 3DES, CAST5 and IDEA leak plaintext after a few ' +
        'dozen gigabytes under one key (Sweet32). "XOR" is not encryption. Personal data or secrets stored this way ' +
        'must be treated as readable by anyone who obtains the database or a backup.',
      example: {
        bad: [
          'from Crypto.Cipher import DES',
          '',
          'def encrypt_iban(key, iban):',
          '    return DES.new(key, DES.MODE_ECB).encrypt(iban.ljust(32).encode())',
        ].join('\n'),
        good: [
          'from cryptography.fernet import Fernet',
          '',
          'def encrypt_iban(key, iban):',
          '    return Fernet(key).encrypt(iban.encode())  # AES-128-CBC + HMAC-SHA256',
        ].join('\n'),
      },
      howToFix:
        'Use `cryptography.fernet.Fernet` for "encrypt this value" needs (keep its key out of the repository, e.g. in ' +
        'an environment variable next to SECRET_KEY), or `AESGCM` / `ChaCha20Poly1305` from ' +
        '`cryptography.hazmat.primitives.ciphers.aead` with a fresh nonce per message. Plan a migration that decrypts ' +
        'existing data with the old cipher and re-encrypts it.',
      references: [
        { title: 'cryptography: Fernet (symmetric encryption)', url: 'https://cryptography.io/en/latest/fernet/' },
        { title: 'cryptography: decrepit cryptography', url: 'https://cryptography.io/en/latest/hazmat/decrepit/' },
        { title: 'CWE-327: Use of a Broken or Risky Cryptographic Algorithm', url: 'https://cwe.mitre.org/data/definitions/327.html' },
        { title: 'Bandit B304/B305: ciphers and modes', url: 'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b304-b305-ciphers-and-modes' },
      ],
      limitations:
        'Decrypting legacy data is reported too: the rule cannot tell decryption from encryption when the cipher ' +
        'object is created.',
    },
  },
  create(context) {
    const { module } = context;
    const check = (node: PyNode): void => {
      const name = module.qualifiedName(node) ?? 'cipher';
      const algorithm = name.replace(/\.new$/, '').split('.').pop() ?? name;
      context.report({ node, message: `${name}() creates a ${algorithm} cipher, which is broken or obsolete` });
    };
    return Object.fromEntries(WEAK_CIPHER_CALLS.map((name) => [`call:${name}`, check]));
  },
});
