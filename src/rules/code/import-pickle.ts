import { definePythonRule } from '../../core/rule.js';
import { riskyImportVisitors } from '../support/risky-import.js';

/** Bandit B403's modules: pickle and the libraries that unpickle under the hood. */
const MODULES = ['pickle', 'cPickle', 'dill', 'shelve'];

/** Names that only serialize (or are exceptions and constants): importing them alone cannot unpickle anything. */
const WRITE_ONLY = ['dump', 'dumps', 'Pickler', 'PickleBuffer', 'PickleError', 'PicklingError', 'UnpicklingError', 'HIGHEST_PROTOCOL', 'DEFAULT_PROTOCOL'];
const QUIET = new Set(['pickle', 'cPickle', 'dill'].flatMap((m) => WRITE_ONLY.map((n) => `${m}.${n}`)));

export default definePythonRule({
  meta: {
    code: 'PY403',
    name: 'import-pickle',
    family: 'code',
    severity: 'low',
    confidence: 'high',
    cwe: [502],
    owasp: ['A08:2021-Software and Data Integrity Failures'],
    aliases: ['B403'],
    status: 'stable',
    summary: 'A pickle-based module (pickle, cPickle, dill or shelve) is imported: the module can deserialize pickles, which run code.',
    fix: 'Nothing to change by itself; make sure the module never unpickles data that another party could have written, or switch to JSON.',
    docs: {
      whatItDoes:
        'Reports imports of `pickle`, `cPickle`, `dill` and `shelve` (plain, `from … import`, and dynamic imports ' +
        'through `importlib.import_module` or `__import__`), one finding per import statement. It marks the modules ' +
        'that can unpickle, so a reviewer knows where to look; the unpickling calls themselves are reported by PY301. ' +
        'Quieter than Bandit: a `from pickle import …` (or `cPickle`, `dill`) that takes only writing functions ' +
        '(`dumps`, `dump`, `Pickler`), exceptions or protocol constants is not reported, since such a module cannot ' +
        'read a pickle through those names.',
      whyItMatters:
        'Unpickling runs code: a pickle can name any importable callable with its arguments, and the unpickler calls ' +
        'it. A module that can load pickles turns every store it reads from — a cookie, an upload, a cache or queue ' +
        'shared with another service — into a way to execute code in the Django process. `shelve` stores its values ' +
        'as pickles, so opening a shelf file someone else can write is the same risk.',
      example: {
        bad: [
          'import pickle',
          '',
          'def load_report(upload):',
          '    return pickle.load(upload)',
        ].join('\n'),
        good: [
          'import json',
          '',
          'def load_report(upload):',
          '    return json.load(upload)',
        ].join('\n'),
      },
      howToFix:
        'Prefer JSON (`json`, Django\'s `signing` module, a `JSONField`) for anything that crosses a trust boundary. ' +
        'Keep pickle for data only your own processes write and read (a private cache, a task queue nobody else can ' +
        'publish to). If the import is needed only to write pickles, import just `dumps`/`dump` by name and this ' +
        'rule stays quiet.',
      references: [
        { title: 'Python: pickle (security warning)', url: 'https://docs.python.org/3/library/pickle.html' },
        { title: 'Python: shelve (security warning)', url: 'https://docs.python.org/3/library/shelve.html' },
        { title: 'CWE-502: Deserialization of Untrusted Data', url: 'https://cwe.mitre.org/data/definitions/502.html' },
        { title: 'Bandit B403: import_pickle', url: 'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html#b403-import-pickle' },
      ],
      limitations:
        '`import pickle` is reported even when the module only writes pickles: the rule looks at the import, not at ' +
        'the calls. Other pickle-based libraries (`joblib`, `jsonpickle`, `pandas.read_pickle`) are not imports this ' +
        'rule knows; their loading calls are PY301\'s concern.',
    },
  },
  create: (context) =>
    riskyImportVisitors(context, {
      modules: MODULES,
      harmless: (name) => QUIET.has(name),
      message: (name) => `${name} imported: this module can deserialize pickles, which run code chosen by whoever wrote them`,
    }),
});
