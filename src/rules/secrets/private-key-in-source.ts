import { defineSecretRule } from '../../core/rule.js';
import { HISTORY_NOTE, SECRET_REFERENCES } from '../support/secrets.js';

export default defineSecretRule({
  meta: {
    code: 'SEC004',
    name: 'private-key-in-source',
    family: 'secrets',
    severity: 'critical',
    confidence: 'high',
    cwe: [321, 798],
    owasp: ['A02:2021-Cryptographic Failures'],
    aliases: [],
    status: 'stable',
    summary: 'A private key (PEM or OpenSSH) is committed in a file.',
    fix: 'Replace the key pair (a new key, a new certificate or authorized key), remove the file from the repository and load the key from a secret store or a mounted file outside the code.',
    docs: {
      whatItDoes:
        'Reports `-----BEGIN … PRIVATE KEY-----` blocks (RSA, EC, DSA, PKCS#8, encrypted PKCS#8, OpenSSH) with a body, ' +
        'in every text file of the project, including keys pasted into settings, fixtures or JSON. ' +
        HISTORY_NOTE,
      whyItMatters:
        'A TLS key lets an attacker impersonate the site; an SSH deploy key opens servers or repositories; a JWT ' +
        'signing key forges any token; a SAML key forges logins. Unlike passwords, keys are rarely rotated, so a leak ' +
        'stays usable for years.',
      example: {
        bad: ['JWT_PRIVATE_KEY = """-----BEGIN PRIVATE KEY-----', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC…', '-----END PRIVATE KEY-----"""'].join('\n'),
        good: 'JWT_PRIVATE_KEY = Path(os.environ["JWT_PRIVATE_KEY_FILE"]).read_text()',
      },
      howToFix:
        'Generate a new key pair and replace the public half wherever it is trusted (certificate, authorized_keys, ' +
        'identity provider), then delete the committed file, add its pattern (`*.pem`, `*.key`) to `.gitignore` and ' +
        'mount the new key at run time. Rewrite history only after rotating: the old key is in every clone.',
      references: [...SECRET_REFERENCES],
    },
  },
  detectors: { 'private-key': 'private key' },
});
