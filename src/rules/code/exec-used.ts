import { definePythonRule } from '../../core/rule.js';
import { dynamicCodeVisitors } from '../support/dynamic-code.js';

export default definePythonRule({
  meta: {
    code: 'PY102',
    name: 'exec-used',
    family: 'code',
    severity: 'medium',
    confidence: 'high',
    cwe: [95, 78],
    owasp: ['A03:2021-Injection'],
    aliases: ['B102'],
    status: 'stable',
    summary: 'exec() runs a string as Python statements.',
    fix: 'Replace exec() with ordinary code: a dict of functions to dispatch on a name, getattr() on a known object, importlib.import_module() for plug-ins.',
    docs: {
      whatItDoes:
        'Reports calls to the builtin `exec()` (also through `builtins.exec` or an alias). A call whose argument is a ' +
        'constant string is still reported, with low confidence: the code is fixed, but it hides from linters, ' +
        'reviews and this scanner, and rarely stays constant.',
      whyItMatters:
        '`exec()` runs its argument as Python with the full rights of the web process. Any part of the string that ' +
        'comes from a request, an upload, the database or a configuration file an attacker can edit becomes remote ' +
        'code execution: reading `SECRET_KEY` and database credentials, running shell commands, changing data. ' +
        'Restricted `globals`/`__builtins__` dictionaries do not make it safe; sandbox escapes are well known.',
      example: {
        bad: ['def apply_rule(product, request):', '    exec("product.price = " + request.POST["formula"])'].join('\n'),
        good: [
          'PRICE_RULES = {"discount": lambda p: p.price * 0.9, "double": lambda p: p.price * 2}',
          '',
          'def apply_rule(product, request):',
          '    rule = PRICE_RULES[request.POST["rule"]]  # KeyError for anything else',
          '    product.price = rule(product)',
        ].join('\n'),
      },
      howToFix:
        'Dispatch on data instead of generating code: look up functions in a dictionary, use `getattr()` on an ' +
        'object with a fixed set of allowed names, load plug-ins with `importlib.import_module()` from an allow-list, ' +
        'and parse data with `json.loads()` or `ast.literal_eval()`. For user-defined formulas, use a small ' +
        'expression evaluator that supports only the operations you need.',
      references: [
        { title: 'Python: exec()', url: 'https://docs.python.org/3/library/functions.html#exec' },
        { title: 'CWE-95: Eval Injection', url: 'https://cwe.mitre.org/data/definitions/95.html' },
        { title: 'Bandit B102: exec_used', url: 'https://bandit.readthedocs.io/en/latest/plugins/b102_exec_used.html' },
      ],
    },
  },
  create(context) {
    return dynamicCodeVisitors(context, 'exec', {
      constant: 'exec() of a constant string: write the code itself instead',
      dynamic: 'exec() of a value that is not a constant: whatever reaches it runs as Python code',
    });
  },
});
