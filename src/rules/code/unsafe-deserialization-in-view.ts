import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { describeView } from '../../python/django.js';
import type { PythonModule } from '../../python/module.js';

/** Decoders that can run code while reading their input. */
const DECODERS = [
  'pickle.loads',
  'pickle.load',
  'pickle.Unpickler',
  '_pickle.loads',
  '_pickle.load',
  'cPickle.loads',
  'cPickle.load',
  'dill.loads',
  'dill.load',
  'marshal.loads',
  'marshal.load',
  'shelve.open',
  'jsonpickle.decode',
  'pandas.read_pickle',
  'yaml.load',
  'yaml.load_all',
  'yaml.unsafe_load',
  'yaml.unsafe_load_all',
];
/** yaml loaders that only build plain Python data. */
const SAFE_LOADERS = new Set(['SafeLoader', 'CSafeLoader', 'BaseLoader', 'CBaseLoader']);

export default definePythonRule({
  meta: {
    code: 'PY811',
    name: 'unsafe-deserialization-in-view',
    family: 'code',
    severity: 'high',
    confidence: 'high',
    cwe: [502],
    owasp: ['A08:2021-Software and Data Integrity Failures'],
    aliases: [],
    status: 'stable',
    summary: 'A view deserializes data with pickle, marshal, shelve, dill or an unsafe YAML loader, which can run code chosen by whoever wrote the data.',
    fix: 'Parse request data with json.loads(), a DRF serializer or a Django form; for YAML use yaml.safe_load().',
    docs: {
      whatItDoes:
        'Finds code-executing decoders — `pickle.load(s)`/`Unpickler`, `dill.load(s)`, `marshal.load(s)`, ' +
        '`shelve.open`, `jsonpickle.decode`, `pandas.read_pickle`, and `yaml.load`/`load_all` without `SafeLoader` ' +
        '(or `yaml.unsafe_load`) — when they are called inside a view: a function whose first parameter is `request` ' +
        '(after `self` for methods), a method of a class-based view (a subclass of a Django or Django REST framework ' +
        'view, or a class whose name ends in `View`/`ViewSet`), an `@api_view` function, or any function in a ' +
        '`views.py` module or `views/` package. It is the Django-context escalation of PY301 and PY506, which report ' +
        'these calls everywhere with medium severity.',
      whyItMatters:
        'Unpickling is program execution: a pickle can name any importable callable and its arguments, so ' +
        '`pickle.loads(request.body)` lets anyone who can reach the URL run shell commands as the web server, read ' +
        '`SECRET_KEY` and the database credentials, and pivot into the network. The same holds for `marshal`, ' +
        '`shelve`, `dill`, `jsonpickle` and PyYAML\'s full and unsafe loaders (`!!python/object/apply`). In a view ' +
        'the input is, almost by definition, the request — an uploaded file, a cookie, a body or a value from a cache ' +
        'or database an attacker could write to — which is why this rule reports with high severity and confidence.',
      example: {
        bad: [
          'import pickle',
          '',
          'def import_cart(request):',
          '    cart = pickle.loads(request.body)',
          '    request.session["cart"] = cart',
          '    return JsonResponse({"items": len(cart)})',
        ].join('\n'),
        good: [
          'import json',
          '',
          'def import_cart(request):',
          '    cart = json.loads(request.body)',
          '    request.session["cart"] = CartSerializer(data=cart).validated_data  # after is_valid()',
          '    return JsonResponse({"items": len(cart)})',
        ].join('\n'),
      },
      howToFix:
        'Accept data in a format that cannot carry code: JSON (`json.loads`, DRF parsers), form data, or ' +
        '`yaml.safe_load()`. Validate the structure with a form or a serializer. If you need to round-trip Python ' +
        'objects through the client, sign a JSON payload with `django.core.signing.dumps()` and read it with ' +
        '`signing.loads(value, max_age=...)` instead of pickling. Never unpickle data that crossed a trust boundary, ' +
        'even if it was "only" stored in the cache or the database.',
      references: [
        { title: 'Python: pickle — restricting globals (and its warning)', url: 'https://docs.python.org/3/library/pickle.html#restricting-globals' },
        { title: 'PyYAML: yaml.load(input) deprecation', url: 'https://github.com/yaml/pyyaml/wiki/PyYAML-yaml.load(input)-Deprecation' },
        { title: 'Django: Cryptographic signing', url: 'https://docs.djangoproject.com/en/stable/topics/signing/' },
        { title: 'OWASP Deserialization Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Deserialization_Cheat_Sheet.html' },
        { title: 'CWE-502: Deserialization of Untrusted Data', url: 'https://cwe.mitre.org/data/definitions/502.html' },
      ],
      limitations:
        'A view is recognised by its shape (a `request` parameter, a view base class, a views module), not by the ' +
        'URLconf; whether the deserialized bytes come from the request is assumed, not proven. Helpers that views ' +
        'call from other modules are left to PY301/PY506 and the taint rules.',
    },
  },
  create(context) {
    const { module } = context;
    const viewsModule = context.file.roles.includes('views');
    const verdicts = new Map<PyNode, string | undefined>();
    const check = (call: PyNode): void => {
      const qualified = module.qualifiedName(call) ?? '';
      if ((qualified === 'yaml.load' || qualified === 'yaml.load_all') && safeYamlLoader(call, module)) return;
      const view = enclosingView(call, module, viewsModule, verdicts);
      if (!view) return;
      context.report({ node: call, message: `${qualified}() in ${view}: data from the request can make it run arbitrary code` });
    };
    return Object.fromEntries(DECODERS.map((name) => [`call:${name}`, check]));
  },
});

function safeYamlLoader(call: PyNode, module: PythonModule): boolean {
  const loader = module.argument(call, 1, 'Loader');
  if (!loader) return false;
  const name = module.qualifiedName(loader) ?? module.text(loader);
  return SAFE_LOADERS.has(name.split('.').pop() ?? '');
}

/** A description of the view the call is in (the nearest enclosing function that is one), or undefined. */
function enclosingView(call: PyNode, module: PythonModule, viewsModule: boolean, cache: Map<PyNode, string | undefined>): string | undefined {
  for (let fn = module.enclosingFunction(call); fn; fn = module.enclosingFunction(fn)) {
    if (!cache.has(fn)) cache.set(fn, describeView(fn, module, viewsModule));
    const found = cache.get(fn);
    if (found) return found;
  }
  return undefined;
}
