import { defineTaintRule } from '../../core/rule.js';
import type { CallView, SinkMatch } from '../../taint/spec.js';

/** Functions that compile or run Python source: callee → (position, keyword) of the source. */
const CODE: ReadonlyMap<string, [number, string | undefined]> = new Map<string, [number, string | undefined]>([
  ['eval', [0, undefined]],
  ['exec', [0, undefined]],
  ['compile', [0, 'source']],
  ['builtins.eval', [0, undefined]],
  ['builtins.exec', [0, undefined]],
  ['builtins.compile', [0, 'source']],
  ['timeit.timeit', [0, 'stmt']],
  ['timeit.repeat', [0, 'stmt']],
  ['timeit.Timer', [0, 'stmt']],
]);

/**
 * Functions that import a module (running its top-level code) or resolve a dotted path to any importable object
 * chosen by name: unsafe reflection (CWE-470), reported at medium confidence — the attacker picks among code that is
 * already installed rather than writing new code.
 */
const REFLECTION: ReadonlyMap<string, [number, string]> = new Map<string, [number, string]>([
  ['importlib.import_module', [0, 'name']],
  ['importlib.__import__', [0, 'name']],
  ['__import__', [0, 'name']],
  ['django.utils.module_loading.import_string', [0, 'dotted_path']],
  ['pydoc.locate', [0, 'path']],
  ['runpy.run_module', [0, 'mod_name']],
  ['runpy.run_path', [0, 'path_name']],
]);

/** code.InteractiveInterpreter / InteractiveConsole methods that run source. */
const INTERPRETER_METHODS = new Set(['runsource', 'runcode', 'push']);

function isInterpreter(types: readonly string[]): boolean {
  return types.some((type) => /^code\.Interactive(Interpreter|Console)\(\)$/.test(type));
}

function interpreterMatch(call: CallView): SinkMatch | undefined {
  const method = call.method!;
  const known = isInterpreter(call.receiverTypes);
  // push() is too common a name to match on an unknown receiver; runsource()/runcode() are not.
  if (!known && method === 'push') return undefined;
  const source = call.argument(0, method === 'runcode' ? 'code' : method === 'push' ? 'line' : 'source');
  if (!source) return undefined;
  return { args: [{ node: source }], note: `Python source run by an interactive interpreter (${method}())`, ...(known ? {} : { maxConfidence: 'medium' as const }) };
}

export default defineTaintRule({
  meta: {
    code: 'TNT006',
    name: 'code-injection',
    family: 'taint',
    severity: 'critical',
    confidence: 'high',
    cwe: [94, 95, 470],
    owasp: ['A03:2021-Injection'],
    aliases: [],
    status: 'stable',
    summary: 'Request data reaches Python code execution — eval(), exec(), compile(), an interactive interpreter — or chooses a module or object to import (importlib.import_module(), import_string()).',
    fix: 'Never run request data as Python: parse literals with ast.literal_eval() or json.loads(), evaluate formulas with a dedicated parser, and map names to allowed callables or modules through a dictionary.',
    docs: {
      whatItDoes:
        'Follows request data (query string, form fields, JSON bodies, headers, cookies, URL arguments, form ' +
        '`cleaned_data`, serializer `validated_data`) through assignments, string building, helper functions and ' +
        'other modules, and reports it when it becomes Python source given to `eval()`, `exec()`, `compile()` (also ' +
        'as `builtins.eval` …), `timeit`, or the `runsource()` / `runcode()` / `push()` methods of ' +
        '`code.InteractiveInterpreter` and `InteractiveConsole`. It also reports request data that chooses what is ' +
        'imported — `importlib.import_module()`, `__import__()`, Django\'s `import_string()`, `pydoc.locate()`, ' +
        '`runpy.run_module()` / `run_path()` — as unsafe reflection (CWE-470), with medium confidence. ' +
        '`ast.literal_eval()` is not a sink (it only builds literals), nor is `getattr(obj, name)`: a request ' +
        'value that picks an attribute is a logic problem, not code execution. Values converted with `int()` or ' +
        '`float()`, or compared against a literal allow-list, are not reported.',
      whyItMatters:
        '`eval()` and `exec()` run whatever Python they are given with the full rights of the web process: ' +
        '`__import__("os").system("…")` starts a shell, `open(settings.BASE_DIR / ".env").read()` leaks secrets, ' +
        'and the ORM can rewrite any table. Emptying `__builtins__` in the globals does not help: attribute walks ' +
        'such as `().__class__.__mro__[1].__subclasses__()` reach every loaded class again. Choosing the module to ' +
        'import runs that module\'s top-level code and, with `import_string()`, hands the attacker any importable ' +
        'callable (`os.system`, `subprocess.getoutput`) — code execution as soon as the result is called.',
      example: {
        bad:
          'def calculate(request):\n' +
          '    expression = request.GET.get("expr", "0")\n' +
          '    return JsonResponse({"result": eval(expression)})',
        good:
          'import ast\nimport operator\n\n' +
          'OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}\n\n' +
          'def evaluate(node):\n' +
          '    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):\n' +
          '        return node.value\n' +
          '    if isinstance(node, ast.BinOp) and type(node.op) in OPERATORS:\n' +
          '        return OPERATORS[type(node.op)](evaluate(node.left), evaluate(node.right))\n' +
          '    raise ValueError("unsupported expression")\n\n' +
          'def calculate(request):\n' +
          '    tree = ast.parse(request.GET.get("expr", "0"), mode="eval")\n' +
          '    return JsonResponse({"result": evaluate(tree.body)})',
      },
      howToFix:
        'Treat request data as data. For literals (numbers, lists, dicts) use `json.loads()` or ' +
        '`ast.literal_eval()`; for arithmetic, walk an `ast.parse(..., mode="eval")` tree that only allows numbers ' +
        'and operators (as above) or use a formula library; for a choice of behaviour, look the value up in a ' +
        'dictionary of allowed functions (`HANDLERS[request.GET["op"]]`) or modules (`PLUGINS = {"csv": ' +
        '"exports.csv"}`) and reject anything else. Never rely on restricted globals to make `eval()` safe.',
      references: [
        { title: 'Python: eval()', url: 'https://docs.python.org/3/library/functions.html#eval' },
        { title: 'Python: ast.literal_eval()', url: 'https://docs.python.org/3/library/ast.html#ast.literal_eval' },
        { title: 'Django: import_string()', url: 'https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.module_loading.import_string' },
        { title: 'CWE-94: Code Injection', url: 'https://cwe.mitre.org/data/definitions/94.html' },
        { title: 'CWE-95: Eval Injection', url: 'https://cwe.mitre.org/data/definitions/95.html' },
        { title: 'CWE-470: Unsafe Reflection', url: 'https://cwe.mitre.org/data/definitions/470.html' },
        { title: 'OWASP Injection Prevention Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Injection_Prevention_Cheat_Sheet.html' },
        { title: 'CodeQL: py/code-injection', url: 'https://codeql.github.com/codeql-query-help/python/py-code-injection/' },
      ],
      limitations:
        'Quoting a value before putting it into code (`repr()`, `json.dumps()`) is not recognised as making it safe; ' +
        'use data, not code. `runsource()` / `runcode()` on a receiver not known to be a `code` interpreter are ' +
        'reported at medium confidence, `push()` only on a known one. Libraries that evaluate expressions ' +
        'internally (`sympy.sympify()`, `pandas.eval()` / `DataFrame.query()`, `numexpr`) are not modelled, nor is ' +
        '`getattr()` with a request-chosen name (unsafe reflection without import).',
    },
  },
  sinks: {
    callees: [...CODE.keys(), ...REFLECTION.keys()],
    methods: [...INTERPRETER_METHODS],
    match(call) {
      const name = call.callee;
      if (name !== null) {
        const code = CODE.get(name);
        if (code) {
          const source = call.argument(code[0], code[1]);
          return source ? { args: [{ node: source }], note: `Python source run by ${name}()` } : undefined;
        }
        const reflection = REFLECTION.get(name);
        if (reflection) {
          const target = call.argument(reflection[0], reflection[1]);
          return target ? { args: [{ node: target }], note: `the module or object imported by ${name}()`, maxConfidence: 'medium' } : undefined;
        }
      }
      if (call.method && INTERPRETER_METHODS.has(call.method)) return interpreterMatch(call);
      return undefined;
    },
  },
  // Calls, literals and attribute access: letters alone only name a variable.
  attackCharacters: `()[]{}'".,;:=+-*/%<>!&|^~@\\ \n`,
});
