import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { isWithinModule } from '../../python/module.js';

/** Bandit B413's list: PyCrypto's subpackages. (PyCryptodome installs under the same `Crypto` name.) */
const PYCRYPTO_PACKAGES = ['Crypto.Cipher', 'Crypto.Hash', 'Crypto.IO', 'Crypto.Protocol', 'Crypto.PublicKey', 'Crypto.Random', 'Crypto.Signature', 'Crypto.Util'];

/** Modules and names that exist only in PyCryptodome: a file importing one of them runs on PyCryptodome, not PyCrypto. */
const FORK_ONLY = [
  'Crypto.Math',
  'Crypto.Util.Padding',
  'Crypto.PublicKey.ECC',
  'Crypto.Signature.DSS',
  'Crypto.Signature.pss',
  'Crypto.Signature.pkcs1_15',
  'Crypto.Signature.eddsa',
  'Crypto.Hash.SHA3_224',
  'Crypto.Hash.SHA3_256',
  'Crypto.Hash.SHA3_384',
  'Crypto.Hash.SHA3_512',
  'Crypto.Hash.BLAKE2b',
  'Crypto.Hash.BLAKE2s',
  'Crypto.Hash.keccak',
  'Crypto.Hash.SHAKE128',
  'Crypto.Hash.SHAKE256',
  'Crypto.Hash.Poly1305',
  'Crypto.Cipher.ChaCha20',
  'Crypto.Cipher.ChaCha20_Poly1305',
  'Crypto.Protocol.KDF.scrypt',
  'Crypto.Protocol.KDF.bcrypt',
  'Crypto.Protocol.KDF.HKDF',
  'Crypto.Protocol.SecretSharing',
];

const under = (name: string, prefixes: readonly string[]): boolean => prefixes.some((p) => isWithinModule(name, p));

export default definePythonRule({
  meta: {
    code: 'PY413',
    name: 'import-pycrypto',
    family: 'code',
    severity: 'high',
    confidence: 'high',
    cwe: [327, 1104],
    owasp: ['A06:2021-Vulnerable and Outdated Components', 'A02:2021-Cryptographic Failures'],
    aliases: ['B413'],
    status: 'stable',
    summary: 'PyCrypto\'s Crypto package is imported: PyCrypto has been unmaintained since 2013 and has known, unfixed vulnerabilities.',
    fix: 'Move to pyca/cryptography, or replace the pycrypto dependency with pycryptodome, which keeps the Crypto import name.',
    docs: {
      whatItDoes:
        'Reports imports from PyCrypto\'s subpackages — `Crypto.Cipher`, `Crypto.Hash`, `Crypto.IO`, ' +
        '`Crypto.Protocol`, `Crypto.PublicKey`, `Crypto.Random`, `Crypto.Signature`, `Crypto.Util` — plain, ' +
        '`from … import`, or dynamic. PyCryptodome, PyCrypto\'s maintained fork, installs under the same `Crypto` ' +
        'name, so Bandit reports its users too. This rule is quieter: when the same file imports something only ' +
        'PyCryptodome has (`Crypto.Util.Padding`, `Crypto.PublicKey.ECC`, `Crypto.Cipher.ChaCha20`, ' +
        '`Crypto.Signature.pss`, SHA-3 and BLAKE2 hashes, scrypt/HKDF, …), its `Crypto` imports are not reported. ' +
        '`Cryptodome` (the pycryptodomex package name) is never reported.',
      whyItMatters:
        'PyCrypto\'s last release (2.6.1) dates from 2013. It has unfixed security bugs — a heap buffer overflow in ' +
        'the ALGnew function of the AES module (CVE-2013-7459) is reachable with a crafted IV — no constant-time ' +
        'guarantees, and no fixes for new Python or compiler versions. Cryptography code that ' +
        'protects tokens, exports or stored secrets in a Django project should rest on a library that still ' +
        'receives fixes.',
      example: {
        bad: [
          'from Crypto.Cipher import AES',
          '',
          'def encrypt_export(key, data):',
          '    cipher = AES.new(key, AES.MODE_CFB, iv)',
          '    return cipher.encrypt(data)',
        ].join('\n'),
        good: [
          'from cryptography.fernet import Fernet',
          '',
          'def encrypt_export(key, data):',
          '    return Fernet(key).encrypt(data)  # authenticated encryption, maintained library',
        ].join('\n'),
      },
      howToFix:
        'Prefer `cryptography` (pyca): its recipes (`Fernet`, AES-GCM through `AESGCM`) cover most needs with ' +
        'authenticated encryption. For a quick migration of existing code, replace the `pycrypto` requirement with ' +
        '`pycryptodome`, which keeps the `Crypto` import name and most of the API; make sure `pycrypto` is no longer ' +
        'installed, since both write the same package directory.',
      references: [
        { title: 'pyca/cryptography', url: 'https://cryptography.io/en/latest/' },
        { title: 'PyCryptodome: compatibility with PyCrypto', url: 'https://www.pycryptodome.org/src/vs_pycrypto' },
        { title: 'CVE-2013-7459: PyCrypto AES heap buffer overflow', url: 'https://nvd.nist.gov/vuln/detail/CVE-2013-7459' },
        { title: 'CWE-1104: Use of Unmaintained Third Party Components', url: 'https://cwe.mitre.org/data/definitions/1104.html' },
        { title: 'Bandit B413: import_pycrypto', url: 'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html#b413-import-pycrypto' },
      ],
      limitations:
        'Which package provides `Crypto` is decided at install time; the rule only sees the file. A project that ' +
        'depends on pycryptodome but imports only names both libraries share (`Crypto.Cipher.AES`, ' +
        '`Crypto.Random.get_random_bytes`) is still reported — suppress with a reason, or import from `Cryptodome` ' +
        'with the pycryptodomex package.',
    },
  },
  create(context) {
    const pending = new Map<PyNode, string>();
    let pycryptodome = false;
    return {
      'import:Crypto': (node, imported = []) => {
        const names = imported.map((name) => name.qualified);
        if (names.some((n) => under(n, FORK_ONLY))) pycryptodome = true;
        const flagged = names.find((n) => under(n, PYCRYPTO_PACKAGES));
        if (flagged !== undefined && !pending.has(node)) pending.set(node, flagged);
      },
      'module:exit': () => {
        if (pycryptodome) return;
        for (const [node, name] of pending) {
          context.report({ node, message: `${name} imported: if this is PyCrypto (not PyCryptodome), it is unmaintained and has unfixed vulnerabilities` });
        }
      },
    };
  },
});
