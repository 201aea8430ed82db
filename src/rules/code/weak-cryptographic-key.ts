import { integerOption } from '../../core/rule-options.js';
import { definePythonRule, type RuleOptionSpec } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field } from '../../python/ast.js';
import type { PythonModule } from '../../python/module.js';

type KeyType = 'RSA' | 'DSA' | 'EC';
type SizeOption = Extract<RuleOptionSpec, { type: 'integer' }>;

/** A threshold of Bandit's `weak_cryptographic_key` block: `weak_key_size_rsa_high` and so on. */
function sizeOption(type: KeyType, severity: 'high' | 'medium', bits: number): SizeOption {
  return {
    name: `weak_key_size_${type.toLowerCase()}_${severity}`,
    type: 'integer',
    default: bits,
    description: `${type} keys smaller than this many bits are reported with ${severity} severity (0: never). Bandit's option of the same name.`,
  };
}

/** Bandit's thresholds: a key smaller than `…_high` bits is high severity, smaller than `…_medium` medium. */
const THRESHOLDS: Readonly<Record<KeyType, { high: SizeOption; medium: SizeOption }>> = {
  RSA: { high: sizeOption('RSA', 'high', 1024), medium: sizeOption('RSA', 'medium', 2048) },
  DSA: { high: sizeOption('DSA', 'high', 1024), medium: sizeOption('DSA', 'medium', 2048) },
  EC: { high: sizeOption('EC', 'high', 160), medium: sizeOption('EC', 'medium', 224) },
};

const ASYMMETRIC = 'cryptography.hazmat.primitives.asymmetric';

/** Key generators taking a size in bits: name → key type, keyword and position of the size. */
const SIZED: Readonly<Record<string, { type: 'RSA' | 'DSA'; keyword: string; position: number }>> = {
  [`${ASYMMETRIC}.rsa.generate_private_key`]: { type: 'RSA', keyword: 'key_size', position: 1 },
  [`${ASYMMETRIC}.dsa.generate_private_key`]: { type: 'DSA', keyword: 'key_size', position: 0 },
  [`${ASYMMETRIC}.dsa.generate_parameters`]: { type: 'DSA', keyword: 'key_size', position: 0 },
  'Crypto.PublicKey.RSA.generate': { type: 'RSA', keyword: 'bits', position: 0 },
  'Crypto.PublicKey.DSA.generate': { type: 'DSA', keyword: 'bits', position: 0 },
  'Cryptodome.PublicKey.RSA.generate': { type: 'RSA', keyword: 'bits', position: 0 },
  'Cryptodome.PublicKey.DSA.generate': { type: 'DSA', keyword: 'bits', position: 0 },
  'rsa.newkeys': { type: 'RSA', keyword: 'nbits', position: 0 },
};

/** EC key generators taking a curve: cryptography's curve classes, PyCryptodome's curve names. */
const CURVED = [`${ASYMMETRIC}.ec.generate_private_key`, 'Crypto.PublicKey.ECC.generate', 'Cryptodome.PublicKey.ECC.generate'];

/** Key sizes of cryptography's curve classes (Bandit's table). */
const CURVE_CLASS_BITS: Readonly<Record<string, number>> = {
  SECT571K1: 571,
  SECT571R1: 570,
  SECP521R1: 521,
  BrainpoolP512R1: 512,
  SECT409K1: 409,
  SECT409R1: 409,
  BrainpoolP384R1: 384,
  SECP384R1: 384,
  SECT283K1: 283,
  SECT283R1: 283,
  BrainpoolP256R1: 256,
  SECP256K1: 256,
  SECP256R1: 256,
  SECT233K1: 233,
  SECT233R1: 233,
  SECP224R1: 224,
  SECP192R1: 192,
  SECT163K1: 163,
  SECT163R2: 163,
};

/** Key sizes of PyCryptodome's curve names (lower-cased; `ECC.generate(curve="P-192")`). */
const CURVE_NAME_BITS: Readonly<Record<string, number>> = {
  'p-192': 192, p192: 192, 'nist p-192': 192, prime192v1: 192, secp192r1: 192,
  'p-224': 224, p224: 224, 'nist p-224': 224, prime224v1: 224, secp224r1: 224,
  'p-256': 256, p256: 256, 'nist p-256': 256, prime256v1: 256, secp256r1: 256,
  'p-384': 384, p384: 384, 'nist p-384': 384, prime384v1: 384, secp384r1: 384,
  'p-521': 521, p521: 521, 'nist p-521': 521, prime521v1: 521, secp521r1: 521,
  ed25519: 255, curve25519: 255, ed448: 448, curve448: 448,
};

/** The key size a curve argument stands for: `ec.SECP192R1()`, `ec.SECP192R1`, `"P-192"`; undefined when unknown. */
function curveBits(module: PythonModule, node: PyNode): number | undefined {
  const value = module.literal(node);
  if (value?.kind === 'str') return CURVE_NAME_BITS[value.value.toLowerCase()];
  const target = node.type === 'call' ? field(node, 'function') : node;
  if (!target) return undefined;
  const chain = module.dottedChain(target);
  const last = chain?.[chain.length - 1];
  return last !== undefined ? CURVE_CLASS_BITS[last] : undefined;
}

export default definePythonRule({
  meta: {
    code: 'PY505',
    name: 'weak-cryptographic-key',
    family: 'code',
    severity: 'high',
    confidence: 'high',
    cwe: [326],
    owasp: ['A02:2021-Cryptographic Failures'],
    aliases: ['B505'],
    status: 'stable',
    summary: 'An RSA, DSA or elliptic-curve key is generated with a size small enough to be broken.',
    fix: 'Generate RSA keys of at least 3072 bits (2048 as the floor), or use an elliptic curve such as SECP256R1 or Ed25519.',
    docs: {
      whatItDoes:
        'Reports key generation with a literal size below the thresholds: cryptography\'s ' +
        '`rsa.generate_private_key(public_exponent, key_size)`, `dsa.generate_private_key(key_size)` and ' +
        '`dsa.generate_parameters(key_size)`, PyCrypto/PyCryptodome\'s `RSA.generate(bits)` and ' +
        '`DSA.generate(bits)`, and python-rsa\'s `rsa.newkeys(nbits)` (keyword or positional); and ' +
        '`ec.generate_private_key(curve)` or PyCryptodome\'s `ECC.generate(curve="P-192")` with a small curve. By ' +
        'default (Bandit\'s): RSA and DSA below 1024 bits are high severity, below 2048 medium; EC curves below 160 ' +
        'bits high, below 224 medium (so SECP192R1 and the 163-bit binary curves are reported). The thresholds are ' +
        'the options `weak_key_size_{rsa,dsa,ec}_{high,medium}` (Bandit\'s `weak_cryptographic_key` block).',
      whyItMatters:
        'The cost of factoring RSA moduli and solving discrete logarithms falls with key size: 512-bit RSA keys ' +
        'are factored in hours on rented hardware, 768 bits has been publicly broken, and 1024 bits is within reach ' +
        'of well-funded attackers. A key generated today often lives for years — signing tokens, protecting exported ' +
        'data, authenticating a service — so whoever breaks it can forge signatures or decrypt everything recorded ' +
        'under it. NIST stopped allowing keys below 2048 bits (112-bit security) in 2013.',
      example: {
        bad: [
          'from cryptography.hazmat.primitives.asymmetric import rsa',
          '',
          'def new_signing_key():',
          '    return rsa.generate_private_key(public_exponent=65537, key_size=1024)',
        ].join('\n'),
        good: [
          'from cryptography.hazmat.primitives.asymmetric import ed25519, rsa',
          '',
          'def new_signing_key():',
          '    return rsa.generate_private_key(public_exponent=65537, key_size=3072)',
          '    # or: ed25519.Ed25519PrivateKey.generate()',
        ].join('\n'),
      },
      howToFix:
        'Use at least 2048-bit RSA or DSA keys, 3072 bits for keys that must stay secure beyond 2030; prefer ' +
        'elliptic curves — `ec.SECP256R1()` or larger, or Ed25519 — which give stronger security with small keys. ' +
        'Replace keys that were already generated too small: rotating the code does not fix existing keys.',
      references: [
        { title: 'cryptography: RSA key generation', url: 'https://cryptography.io/en/latest/hazmat/primitives/asymmetric/rsa/#generation' },
        { title: 'NIST SP 800-57 Part 1 Rev. 5: Recommendation for Key Management', url: 'https://csrc.nist.gov/pubs/sp/800/57/pt1/r5/final' },
        { title: 'CWE-326: Inadequate Encryption Strength', url: 'https://cwe.mitre.org/data/definitions/326.html' },
        { title: 'Bandit B505: weak_cryptographic_key', url: 'https://bandit.readthedocs.io/en/latest/plugins/b505_weak_cryptographic_key.html' },
      ],
      limitations:
        'Only literal sizes are judged (constant arithmetic such as `2**10` included); a size read from a variable ' +
        'or setting is not followed, and an unknown curve is not reported (Bandit counts it as 224 bits). Keys ' +
        'generated by other libraries (paramiko, PyNaCl) and keys loaded from files are not checked.',
    },
    options: Object.values(THRESHOLDS).flatMap(({ high, medium }) => [high, medium]),
  },
  create(context) {
    const { module } = context;
    const limits = Object.fromEntries(
      Object.entries(THRESHOLDS).map(([type, { high, medium }]) => [type, { high: integerOption(context.options, high), medium: integerOption(context.options, medium) }]),
    ) as Record<KeyType, { high: number; medium: number }>;
    const judge = (node: PyNode, type: KeyType, bits: number): void => {
      const { high, medium } = limits[type];
      const [severity, limit] = bits < high ? (['high', high] as const) : bits < medium ? (['medium', medium] as const) : [undefined, 0];
      if (!severity) return;
      context.report({ node, message: `${type} key of ${bits} bits: ${type} keys below ${limit} bits are considered breakable`, severity });
    };
    const visitors: Record<string, (node: PyNode) => void> = {};
    for (const [name, { type, keyword, position }] of Object.entries(SIZED)) {
      visitors[`call:${name}`] = (node) => {
        const size = module.argument(node, position, keyword);
        const value = size && module.literal(size);
        if (value?.kind === 'int') judge(node, type, value.value);
      };
    }
    for (const name of CURVED) {
      visitors[`call:${name}`] = (node) => {
        const curve = module.argument(node, 0, 'curve');
        const bits = curve && curveBits(module, curve);
        if (bits !== undefined) judge(node, 'EC', bits);
      };
    }
    return visitors;
  },
});
