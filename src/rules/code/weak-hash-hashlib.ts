import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import type { PythonModule } from '../../python/module.js';

/** Bandit B324's lists: hashlib constructors / `hashlib.new` names, and the crypt methods. */
const WEAK_HASHES = new Set(['md4', 'md5', 'sha', 'sha1']);
const WEAK_CRYPT_METHODS = new Set(['METHOD_CRYPT', 'METHOD_MD5', 'METHOD_BLOWFISH']);

export default definePythonRule({
  meta: {
    code: 'PY324',
    name: 'weak-hash-hashlib',
    family: 'code',
    severity: 'high',
    confidence: 'high',
    cwe: [327, 328],
    owasp: ['A02:2021-Cryptographic Failures'],
    aliases: ['B324'],
    status: 'stable',
    summary: 'hashlib creates an MD4, MD5 or SHA-1 hash (or crypt uses a weak method) without saying it is not for security.',
    fix: 'Use hashlib.sha256() (or stronger), or pass usedforsecurity=False when the digest is only a checksum or cache key.',
    docs: {
      whatItDoes:
        'Reports `hashlib.md4()`, `hashlib.md5()`, `hashlib.sha()` and `hashlib.sha1()`, and `hashlib.new()` with one ' +
        'of those names (case-insensitive, positional or `name=`), unless the call passes `usedforsecurity=False` ' +
        '(high severity). Also reports `crypt.crypt()` with a salt of `crypt.METHOD_CRYPT`, `METHOD_MD5` or ' +
        '`METHOD_BLOWFISH`, and `crypt.mksalt()` with one of those methods (medium severity). Only the names Bandit ' +
        'lists count: `hashlib.new("ripemd160")` or `"md5-sha1"` are not reported.',
      whyItMatters:
        'MD4, MD5 and SHA-1 have practical collision attacks, so a digest from them no longer proves integrity: an ' +
        'attacker can craft two files, signed payloads or tokens with the same hash. These functions are also fast, so ' +
        'passwords or secrets hashed with them fall to GPU brute force. The old crypt methods are no better: ' +
        'traditional DES crypt keeps only 8 characters of a password, and MD5-crypt is broken by the same GPUs.',
      example: {
        bad: [
          'import hashlib',
          '',
          'def api_key_digest(raw_key):',
          '    return hashlib.md5(raw_key.encode()).hexdigest()',
        ].join('\n'),
        good: [
          'import hashlib',
          '',
          'def api_key_digest(raw_key):',
          '    return hashlib.sha256(raw_key.encode()).hexdigest()',
          '',
          'def template_cache_key(name):  # not a security use',
          '    return hashlib.md5(name.encode(), usedforsecurity=False).hexdigest()',
        ].join('\n'),
      },
      howToFix:
        'For integrity and fingerprints use `hashlib.sha256()`, `sha512()` or `blake2b()`; to authenticate data use ' +
        'HMAC (`hmac.new(key, msg, "sha256")` or Django\'s `salted_hmac()`); for passwords use Django\'s ' +
        '`make_password()`, never a bare hash. When MD5 or SHA-1 is required by a format and has no security role (ETags, ' +
        'cache keys, a legacy checksum), say so with `usedforsecurity=False` (Python 3.9+), which also keeps the call ' +
        'working on FIPS-mode systems. Replace `crypt` (removed in Python 3.13) with a maintained password hasher.',
      references: [
        { title: 'Python: hashlib (usedforsecurity)', url: 'https://docs.python.org/3/library/hashlib.html' },
        { title: 'Python: crypt (removed in 3.13)', url: 'https://docs.python.org/3.12/library/crypt.html' },
        { title: 'Django: password management', url: 'https://docs.djangoproject.com/en/stable/topics/auth/passwords/' },
        { title: 'CWE-328: Use of Weak Hash', url: 'https://cwe.mitre.org/data/definitions/328.html' },
        { title: 'Bandit B324: hashlib_insecure_functions', url: 'https://bandit.readthedocs.io/en/latest/plugins/b324_hashlib.html' },
      ],
      limitations:
        'A `usedforsecurity=` argument that is not the literal `True` is taken as a deliberate choice and not reported; ' +
        'a `hashlib.new()` name held in a variable is not followed.',
    },
  },
  create(context) {
    const { module } = context;
    const checkConstructor = (node: PyNode): void => {
      if (!forSecurity(node, module)) return;
      const algorithm = (module.qualifiedName(node) ?? 'hashlib.md5').split('.').pop()!;
      context.report({ node, message: `hashlib.${algorithm}() is a broken hash: use SHA-256 or pass usedforsecurity=False if it protects nothing` });
    };
    const checkNew = (node: PyNode): void => {
      const nameArgument = module.argument(node, 0, 'name');
      const value = nameArgument && module.literal(nameArgument);
      if (value?.kind !== 'str' || !WEAK_HASHES.has(value.value.toLowerCase()) || !forSecurity(node, module)) return;
      context.report({ node, message: `hashlib.new("${value.value}") is a broken hash: use SHA-256 or pass usedforsecurity=False if it protects nothing` });
    };
    const checkCrypt = (index: number, keyword: string) => (node: PyNode): void => {
      const argument = module.argument(node, index, keyword);
      const method = argument && module.dottedChain(argument)?.pop();
      if (!method || !WEAK_CRYPT_METHODS.has(method)) return;
      const fn = (module.qualifiedName(node) ?? 'crypt.crypt').split('.').pop()!;
      context.report({ node, message: `crypt.${fn}() with ${method}: a weak password hashing method`, severity: 'medium' });
    };
    return {
      ...Object.fromEntries([...WEAK_HASHES].map((name) => [`call:hashlib.${name}`, checkConstructor])),
      'call:hashlib.new': checkNew,
      'call:crypt.crypt': checkCrypt(1, 'salt'),
      'call:crypt.mksalt': checkCrypt(0, 'method'),
    };
  },
});

/** Bandit's test: reported unless `usedforsecurity` is given as anything but the literal True. */
function forSecurity(call: PyNode, module: PythonModule): boolean {
  const flag = module.keywordArg(call, 'usedforsecurity');
  if (!flag) return true;
  const value = module.literal(flag);
  return value?.kind === 'bool' && value.value;
}
