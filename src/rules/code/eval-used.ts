import { definePythonRule } from '../../core/rule.js';
import { dynamicCodeVisitors } from '../support/dynamic-code.js';

export default definePythonRule({
  meta: {
    code: 'PY307',
    name: 'eval-used',
    family: 'code',
    severity: 'medium',
    confidence: 'high',
    cwe: [78, 95],
    owasp: ['A03:2021-Injection'],
    aliases: ['B307'],
    status: 'stable',
    summary: 'eval() runs a string as Python code.',
    fix: 'Parse the value instead: ast.literal_eval() for Python literals, json.loads() for JSON, int()/float() for numbers.',
    docs: {
      whatItDoes:
        'Reports calls to the builtin `eval()` (also through `builtins.eval` or an alias). A call whose argument is a ' +
        'constant string is still reported, with low confidence, since it rarely stays constant.',
      whyItMatters:
        '`eval()` executes its argument with the full power of the running process: anything that reaches it from a ' +
        'request, a file or the database becomes remote code execution — reading settings and secrets, running ' +
        'shell commands, changing data. Restricting `globals`/`builtins` does not make it safe.',
      example: {
        bad: ['def set_limit(request):', '    limit = eval(request.GET["limit"])'].join('\n'),
        good: ['def set_limit(request):', '    limit = int(request.GET["limit"])'].join('\n'),
      },
      howToFix:
        'Convert data with a parser that cannot run code: `int()`, `float()`, `json.loads()`, or ' +
        '`ast.literal_eval()` for Python literal syntax. For expressions, write a small evaluator for the grammar you ' +
        'need, or use a dedicated library.',
      references: [
        { title: 'Python: eval()', url: 'https://docs.python.org/3/library/functions.html#eval' },
        { title: 'Python: ast.literal_eval()', url: 'https://docs.python.org/3/library/ast.html#ast.literal_eval' },
        { title: 'CWE-95: Eval Injection', url: 'https://cwe.mitre.org/data/definitions/95.html' },
        { title: 'Bandit B307: eval', url: 'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b307-eval' },
      ],
    },
  },
  create(context) {
    return dynamicCodeVisitors(context, 'eval', {
      constant: 'eval() of a constant string: replace it with the value or ast.literal_eval()',
      dynamic: 'eval() of a value that is not a constant: whatever reaches it runs as Python code',
    });
  },
});
