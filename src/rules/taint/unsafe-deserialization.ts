import type { Confidence } from '../../core/finding.js';
import { defineTaintRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { isTruthy } from '../../python/expressions.js';
import type { TaintKind } from '../../taint/kinds.js';
import type { CallView, SinkMatch } from '../../taint/spec.js';

/** Decoders of bytes or text: the payload is the first argument. */
const FROM_BYTES: ReadonlyMap<string, string> = new Map([
  ['pickle.loads', 'data'],
  ['_pickle.loads', 'data'],
  ['cPickle.loads', 'data'],
  ['dill.loads', 'str'],
  ['cloudpickle.loads', 'data'],
  ['marshal.loads', 'bytes'],
  ['jsonpickle.decode', 'string'],
  ['jsonpickle.unpickler.decode', 'string'],
]);

/** Decoders of a file (or a path): the request itself and uploads are file-like. */
const FROM_FILE: ReadonlyMap<string, string> = new Map([
  ['pickle.load', 'file'],
  ['_pickle.load', 'file'],
  ['cPickle.load', 'file'],
  ['pickle.Unpickler', 'file'],
  ['_pickle.Unpickler', 'file'],
  ['cPickle.Unpickler', 'file'],
  ['dill.load', 'file'],
  ['dill.Unpickler', 'file'],
  ['cloudpickle.load', 'file'],
  ['marshal.load', 'file'],
  ['joblib.load', 'filename'],
  ['sklearn.externals.joblib.load', 'filename'],
  ['pandas.read_pickle', 'filepath_or_buffer'],
]);

/** YAML loaders that only build plain data. */
const SAFE_LOADERS = new Set(['SafeLoader', 'CSafeLoader', 'BaseLoader', 'CBaseLoader']);
/** Loaders that construct arbitrary Python objects from tags. */
const UNSAFE_LOADERS = new Set(['Loader', 'CLoader', 'UnsafeLoader', 'CUnsafeLoader']);
/** FullLoader: arbitrary objects before PyYAML 5.4 (CVE-2020-1747, CVE-2020-14343), a subset since. */
const FULL_LOADERS = new Set(['FullLoader', 'CFullLoader']);

/**
 * Kinds counted as a payload by a decoder that reads a file: data, an upload, the request itself (`HttpRequest` has
 * `read()`), and objects built from them by unknown code (`gzip.GzipFile(fileobj=upload)`, `open(path)` with a
 * request-chosen path), the last at reduced confidence by the engine's weakening of unknown calls.
 */
const FILE_LIKE: TaintKind[] = ['data', 'upload', 'request', 'drf-request', 'wrapper'];

function yamlLoader(call: CallView): { safe: boolean; confidence: Confidence; name: string } {
  const loader = call.argument(1, 'Loader');
  if (!loader) return { safe: false, confidence: 'medium', name: 'the default loader' };
  const qualified = call.module.qualifiedName(loader) ?? call.module.text(loader);
  const last = qualified.slice(qualified.lastIndexOf('.') + 1);
  // getattr(yaml, "CSafeLoader", yaml.SafeLoader): the C loader when compiled in, the Python one otherwise.
  if (loader.type === 'call' && last === 'getattr') {
    const text = call.module.text(loader);
    if (/\b(C?SafeLoader|C?BaseLoader)\b/.test(text) && !/Unsafe|FullLoader|\bC?Loader\b/.test(text)) return { safe: true, confidence: 'high', name: 'a safe loader' };
  }
  if (SAFE_LOADERS.has(last)) return { safe: true, confidence: 'high', name: last };
  if (UNSAFE_LOADERS.has(last)) return { safe: false, confidence: 'high', name: last };
  if (FULL_LOADERS.has(last)) return { safe: false, confidence: 'medium', name: last };
  // A project loader class (usually a SafeLoader subclass with extra constructors) or a computed one.
  return { safe: false, confidence: 'low', name: last };
}

function literalTruth(call: CallView, node: PyNode | undefined): boolean | undefined {
  const value = node ? call.module.literal(node) : undefined;
  return value ? isTruthy(value) : undefined;
}

function match(call: CallView): SinkMatch | undefined {
  const name = call.callee;
  if (name === null) return undefined;
  const bytesKeyword = FROM_BYTES.get(name);
  if (bytesKeyword !== undefined) {
    const payload = call.argument(0, bytesKeyword);
    return payload ? { args: [{ node: payload }], note: `data decoded by ${name}()` } : undefined;
  }
  const fileKeyword = FROM_FILE.get(name);
  if (fileKeyword !== undefined) {
    const payload = call.argument(0, fileKeyword);
    return payload ? { args: [{ node: payload }], note: `data decoded by ${name}()`, accepts: FILE_LIKE } : undefined;
  }
  switch (name) {
    case 'yaml.load':
    case 'yaml.load_all': {
      const stream = call.argument(0, 'stream');
      const loader = yamlLoader(call);
      if (!stream || loader.safe) return undefined;
      return { args: [{ node: stream }], note: `YAML loaded by ${name}() with ${loader.name}`, accepts: FILE_LIKE, ...(loader.confidence === 'high' ? {} : { maxConfidence: loader.confidence }) };
    }
    case 'yaml.unsafe_load':
    case 'yaml.unsafe_load_all':
    case 'yaml.full_load':
    case 'yaml.full_load_all': {
      const stream = call.argument(0, 'stream');
      if (!stream) return undefined;
      return { args: [{ node: stream }], note: `YAML loaded by ${name}()`, accepts: FILE_LIKE, ...(name.includes('full') ? { maxConfidence: 'medium' as const } : {}) };
    }
    case 'numpy.load': {
      // allow_pickle defaults to False since numpy 1.16.3: only an explicit (or computed) True unpickles.
      const file = call.argument(0, 'file');
      const allow = call.argument(2, 'allow_pickle');
      const truth = literalTruth(call, allow);
      if (!file || !allow || truth === false) return undefined;
      return { args: [{ node: file }], note: 'an array file loaded by numpy.load(allow_pickle=True)', accepts: FILE_LIKE, ...(truth === undefined ? { maxConfidence: 'medium' as const } : {}) };
    }
    case 'torch.load': {
      // weights_only defaults to True since PyTorch 2.6, to False before: an omitted argument depends on the version.
      const file = call.argument(0, 'f');
      const weightsOnly = call.keyword('weights_only');
      const truth = literalTruth(call, weightsOnly);
      if (!file || truth === true) return undefined;
      return { args: [{ node: file }], note: `a model unpickled by torch.load(${truth === false ? 'weights_only=False' : ''})`, accepts: FILE_LIKE, ...(truth === false ? {} : { maxConfidence: 'medium' as const }) };
    }
    case 'shelve.open': {
      // The request chooses which shelf (a pickle database) is opened: exploitable with a file the attacker wrote.
      const path = call.argument(0, 'filename');
      return path ? { args: [{ node: path }], note: 'the path of a shelf opened by shelve.open()', maxConfidence: 'medium' } : undefined;
    }
    case 'django.core.signing.loads': {
      // Signed data cannot be forged without SECRET_KEY; with PickleSerializer a leaked key becomes code execution.
      const serializer = call.argument(4, 'serializer');
      const qualified = serializer ? (call.module.qualifiedName(serializer) ?? call.module.text(serializer)) : '';
      if (!/PickleSerializer$/.test(qualified)) return undefined;
      const payload = call.argument(0, 's');
      return payload ? { args: [{ node: payload }], note: 'signed data unpickled by signing.loads(serializer=PickleSerializer)', maxConfidence: 'low' } : undefined;
    }
    default:
      return undefined;
  }
}

export default defineTaintRule({
  meta: {
    code: 'TNT010',
    name: 'unsafe-deserialization',
    family: 'taint',
    severity: 'critical',
    confidence: 'high',
    cwe: [502],
    owasp: ['A08:2021-Software and Data Integrity Failures'],
    aliases: [],
    status: 'stable',
    summary: 'Request data reaches a decoder that can run code: pickle, dill, marshal, jsonpickle, joblib, pandas.read_pickle(), an unsafe yaml loader, numpy.load(allow_pickle=True) or torch.load().',
    fix: 'Accept request data as JSON (json.loads(), DRF parsers, forms) or yaml.safe_load(), and never unpickle anything a client sent or chose.',
    docs: {
      whatItDoes:
        'Follows request data — bodies, form fields, cookies, headers, URL arguments, uploaded files, and the ' +
        'request object itself, which is file-like (`pickle.load(request)`) — through assignments, decoding ' +
        '(`base64`, `zlib`, `io.BytesIO`), helper functions and other modules, and reports it when it reaches a ' +
        'decoder that can construct arbitrary objects: `pickle` / `_pickle` / `cPickle` `load()`, `loads()` and ' +
        '`Unpickler`, `dill`, `cloudpickle`, `marshal`, `jsonpickle.decode()`, `joblib.load()`, ' +
        '`pandas.read_pickle()`, `yaml.load()` / `load_all()` without a safe loader, `yaml.unsafe_load()`, ' +
        '`numpy.load(allow_pickle=True)` and `torch.load()` without `weights_only=True`. It also reports a ' +
        'request-chosen path given to `shelve.open()` (medium confidence) and `django.core.signing.loads(..., ' +
        'serializer=PickleSerializer)` (low confidence). `yaml.safe_load()`, `yaml.load(..., Loader=SafeLoader)` ' +
        '(or `CSafeLoader`, `BaseLoader`), `json.loads()` and values that went through a Django `Signer().unsign()` ' +
        'or `signing.loads()` are not reported.',
      whyItMatters:
        'A pickle is a program for a small stack machine that can import any callable and call it: ' +
        '`pickle.loads(payload)` with a payload whose `__reduce__` returns `(os.system, ("id",))` runs a shell ' +
        'command in the web process before your code sees the result. The same holds for `dill`, `jsonpickle`, ' +
        '`joblib`, `torch.load()` and numpy\'s pickled arrays (they unpickle), `marshal` (crafted code objects ' +
        'crash or subvert the interpreter), and PyYAML\'s unsafe loaders (`!!python/object/apply:os.system`). ' +
        'Anyone who can send a request, a cookie or an upload gets remote code execution: the settings, ' +
        '`SECRET_KEY`, the database and the internal network.',
      example: {
        bad:
          'import base64, pickle\n\n' +
          'def restore_cart(request):\n' +
          '    cart = pickle.loads(base64.b64decode(request.COOKIES["cart"]))\n' +
          '    return JsonResponse({"items": len(cart)})',
        good:
          'from django.core import signing\n\n' +
          'def restore_cart(request):\n' +
          '    try:\n' +
          '        cart = signing.loads(request.COOKIES["cart"], salt="cart", max_age=86400)  # signed JSON\n' +
          '    except signing.BadSignature:\n' +
          '        cart = []\n' +
          '    return JsonResponse({"items": len(cart)})',
      },
      howToFix:
        'Exchange data with clients in a format that only carries data: JSON (`json.loads()`, DRF parsers and ' +
        'serializers, Django forms), or YAML read with `yaml.safe_load()`. When the server must get back state it ' +
        'handed out, sign a JSON payload with `django.core.signing.dumps()` and read it with `signing.loads()` ' +
        '(which rejects tampered data). For machine-learning models, load weights with ' +
        '`torch.load(f, weights_only=True)` or use the safetensors format; for arrays keep `allow_pickle=False`. ' +
        'Never unpickle an upload or a file whose path the request chooses.',
      references: [
        { title: 'Python: pickle — restricting globals and the security warning', url: 'https://docs.python.org/3/library/pickle.html' },
        { title: 'Django: Cryptographic signing', url: 'https://docs.djangoproject.com/en/stable/topics/signing/' },
        { title: 'PyYAML: yaml.load(input) deprecation', url: 'https://github.com/yaml/pyyaml/wiki/PyYAML-yaml.load(input)-Deprecation' },
        { title: 'CWE-502: Deserialization of Untrusted Data', url: 'https://cwe.mitre.org/data/definitions/502.html' },
        { title: 'OWASP Deserialization Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Deserialization_Cheat_Sheet.html' },
        { title: 'CodeQL: py/unsafe-deserialization', url: 'https://codeql.github.com/codeql-query-help/python/py-unsafe-deserialization/' },
      ],
      limitations:
        '`yaml.load()` without a `Loader` and `yaml.full_load()` are reported with medium confidence: PyYAML 6 ' +
        'requires a loader, 5.1–5.4 default to `FullLoader`, which had code-execution bypasses before 5.4. A project ' +
        'loader class is reported with low confidence (it is usually a `SafeLoader` subclass). `torch.load()` ' +
        'without `weights_only` is medium (PyTorch 2.6 made `weights_only=True` the default), and so is a ' +
        'non-literal `allow_pickle`. A file-reading decoder given an object built by code the analysis does not ' +
        'know (`open(path)` with a request-chosen path, `gzip.GzipFile(fileobj=upload)`) is reported with medium ' +
        'confidence. Data stored in the database or cache and unpickled later (second-order) is not followed, and ' +
        'a signature checked by hand (`hmac.compare_digest()` before `pickle.loads()`) is not recognised as a ' +
        'guard. `ruamel.yaml` (`YAML(typ="unsafe")`), `keras` models and `xmlrpc` are not modelled.',
    },
  },
  sinks: {
    callees: [
      ...FROM_BYTES.keys(),
      ...FROM_FILE.keys(),
      'yaml.load',
      'yaml.load_all',
      'yaml.unsafe_load',
      'yaml.unsafe_load_all',
      'yaml.full_load',
      'yaml.full_load_all',
      'numpy.load',
      'torch.load',
      'shelve.open',
      'django.core.signing.loads',
    ],
    match,
  },
  sanitizers: [
    'django.core.signing.loads',
    'django.core.signing.Signer().unsign',
    'django.core.signing.Signer().unsign_object',
    'django.core.signing.TimestampSigner().unsign',
    'django.core.signing.TimestampSigner().unsign_object',
  ],
});
