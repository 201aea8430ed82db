import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';

/** Bandit B301's call list: pickle and the libraries built on it. */
const PICKLE_CALLS = [
  'pickle.loads',
  'pickle.load',
  'pickle.Unpickler',
  'dill.loads',
  'dill.load',
  'dill.Unpickler',
  'shelve.open',
  'shelve.DbfilenameShelf',
  'jsonpickle.decode',
  'jsonpickle.unpickler.decode',
  'jsonpickle.unpickler.Unpickler',
  'pandas.read_pickle',
];

export default definePythonRule({
  meta: {
    code: 'PY301',
    name: 'pickle-deserialization',
    family: 'code',
    severity: 'medium',
    confidence: 'high',
    cwe: [502],
    owasp: ['A08:2021-Software and Data Integrity Failures'],
    aliases: ['B301'],
    status: 'stable',
    summary: 'Data is deserialized with pickle (or a library built on it), which runs code chosen by whoever wrote the data.',
    fix: 'Store and exchange data as JSON (json, Django\'s signing or JSONField) and keep pickle for data only your own process wrote.',
    docs: {
      whatItDoes:
        'Reports calls that unpickle data: `pickle.load()`, `pickle.loads()` and `pickle.Unpickler`, their `dill` ' +
        'equivalents, `shelve.open()` / `shelve.DbfilenameShelf`, `jsonpickle.decode()` and its `Unpickler`, and ' +
        '`pandas.read_pickle()`, through any import or alias.',
      whyItMatters:
        'A pickle is a small program for the unpickler: its `__reduce__` entries name any importable callable and its ' +
        'arguments, so `pickle.loads(data)` can run `os.system("…")` before it returns. Whoever can write the bytes — a ' +
        'request body, an uploaded file, a cookie, a cache or queue shared with another service, a row in the database — ' +
        'gets code execution in the Django process, with its settings, secrets and database access. Signing the data ' +
        'helps only as long as the signing key stays secret.',
      example: {
        bad: [
          'import base64, pickle',
          '',
          'def restore_cart(request):',
          '    cart = pickle.loads(base64.b64decode(request.COOKIES["cart"]))',
        ].join('\n'),
        good: [
          'from django.core import signing',
          '',
          'def restore_cart(request):',
          '    cart = signing.loads(request.COOKIES["cart"], salt="cart", max_age=86400)  # JSON, signed',
        ].join('\n'),
      },
      howToFix:
        'Use a data-only format: `json`, Django\'s `signing.dumps()`/`signing.loads()` (JSON plus an HMAC) for values ' +
        'that travel through the client, a `JSONField` for structured data in the database. When pickle cannot be ' +
        'avoided (a cache or task queue private to your own processes), make sure nothing else can write to that ' +
        'store, and never unpickle data that crossed a trust boundary.',
      references: [
        { title: 'Python: pickle (security warning)', url: 'https://docs.python.org/3/library/pickle.html' },
        { title: 'Django: cryptographic signing', url: 'https://docs.djangoproject.com/en/stable/topics/signing/' },
        { title: 'CWE-502: Deserialization of Untrusted Data', url: 'https://cwe.mitre.org/data/definitions/502.html' },
        { title: 'Bandit B301: pickle', url: 'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b301-pickle' },
      ],
      limitations:
        'Every call is reported: the rule cannot tell bytes your process wrote from bytes an attacker supplied. ' +
        'Indirect unpickling (Django\'s cache backends, Celery\'s pickle serializer, `numpy.load(allow_pickle=True)`) ' +
        'is not a call to these functions and is not reported here.',
    },
  },
  create(context) {
    const { module } = context;
    const check = (node: PyNode): void => {
      const name = module.qualifiedName(node) ?? 'pickle.loads';
      context.report({ node, message: `${name}() deserializes with pickle: data from an untrusted source can run arbitrary code` });
    };
    return Object.fromEntries(PICKLE_CALLS.map((name) => [`call:${name}`, check]));
  },
});
