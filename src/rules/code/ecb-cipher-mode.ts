import { definePythonRule } from '../../core/rule.js';

export default definePythonRule({
  meta: {
    code: 'PY305',
    name: 'ecb-cipher-mode',
    family: 'code',
    severity: 'medium',
    confidence: 'high',
    cwe: [327],
    owasp: ['A02:2021-Cryptographic Failures'],
    aliases: ['B305'],
    status: 'stable',
    summary: 'A block cipher is used in ECB mode, which encrypts equal blocks to equal ciphertext.',
    fix: 'Use an authenticated mode (AES-GCM through AESGCM) or Fernet instead of modes.ECB().',
    docs: {
      whatItDoes: 'Reports `cryptography.hazmat.primitives.ciphers.modes.ECB()`, through any import or alias.',
      whyItMatters:
        'Electronic codebook mode encrypts every 16-byte block independently with the same key: identical blocks of ' +
        'plaintext give identical ciphertext, so patterns survive encryption, records can be compared without the key, ' +
        'and blocks can be cut and pasted between messages to forge new ones. ECB has no integrity protection at all.',
      example: {
        bad: [
          'from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes',
          '',
          'def encrypt_ssn(key, ssn):',
          '    encryptor = Cipher(algorithms.AES(key), modes.ECB()).encryptor()',
          '    return encryptor.update(ssn.ljust(16).encode()) + encryptor.finalize()',
        ].join('\n'),
        good: [
          'import os',
          'from cryptography.hazmat.primitives.ciphers.aead import AESGCM',
          '',
          'def encrypt_ssn(key, ssn):',
          '    nonce = os.urandom(12)',
          '    return nonce + AESGCM(key).encrypt(nonce, ssn.encode(), None)',
        ].join('\n'),
      },
      howToFix:
        'Use `AESGCM` or `ChaCha20Poly1305` from `cryptography.hazmat.primitives.ciphers.aead` with a random 96-bit ' +
        'nonce stored beside the ciphertext, or `cryptography.fernet.Fernet`, which picks the mode, IV and MAC for you.',
      references: [
        { title: 'cryptography: symmetric encryption modes', url: 'https://cryptography.io/en/latest/hazmat/primitives/symmetric-encryption/#modes' },
        { title: 'cryptography: authenticated encryption (AEAD)', url: 'https://cryptography.io/en/latest/hazmat/primitives/aead/' },
        { title: 'CWE-327: Use of a Broken or Risky Cryptographic Algorithm', url: 'https://cwe.mitre.org/data/definitions/327.html' },
        { title: 'Bandit B304/B305: ciphers and modes', url: 'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b304-b305-ciphers-and-modes' },
      ],
      limitations:
        'PyCrypto / PyCryptodome select ECB with a constant (`AES.new(key, AES.MODE_ECB)`), which is not a call to ' +
        '`modes.ECB` and is not reported here.',
    },
  },
  create(context) {
    return {
      'call:cryptography.hazmat.primitives.ciphers.modes.ECB': (node) => {
        context.report({ node, message: 'modes.ECB(): ECB mode encrypts equal blocks to equal ciphertext and has no integrity' });
      },
    };
  },
});
