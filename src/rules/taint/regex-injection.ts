import { defineTaintRule } from '../../core/rule.js';
import { field } from '../../python/ast.js';
import type { CallView, SinkArgument, SinkMatch } from '../../taint/spec.js';

/** `re` / `regex` functions taking a pattern first. */
const PATTERN_FUNCTIONS = ['compile', 'match', 'search', 'fullmatch', 'sub', 'subn', 'split', 'findall', 'finditer'];
const REGEX_MODULES = ['re', 'regex'];

/** ORM lookups whose value is a regular expression the database evaluates. */
const REGEX_LOOKUP = /__i?regex$/;
const QUERY_METHODS = ['filter', 'exclude', 'get', 'get_or_create', 'update_or_create', 'filter_by'];

function patternMatch(call: CallView): SinkMatch | undefined {
  const callee = call.callee ?? '';
  const dot = callee.lastIndexOf('.');
  if (REGEX_MODULES.includes(callee.slice(0, dot)) && PATTERN_FUNCTIONS.includes(callee.slice(dot + 1))) {
    const pattern = call.argument(0, 'pattern');
    return pattern ? { args: [{ node: pattern }], note: `the pattern of ${callee}()`, accepts: ['data'] } : undefined;
  }
  if (callee === 'django.core.validators.RegexValidator') {
    const pattern = call.argument(0, 'regex');
    return pattern ? { args: [{ node: pattern }], note: 'the pattern of RegexValidator()', accepts: ['data'] } : undefined;
  }
  return undefined;
}

/** `Model.objects.filter(name__regex=value)`, `Q(name__iregex=value)`. */
function lookupMatch(call: CallView): SinkMatch | undefined {
  const isQ = call.callee === 'django.db.models.Q' || call.callee === 'django.db.models.query_utils.Q';
  if (!isQ && !(call.method && QUERY_METHODS.includes(call.method))) return undefined;
  const args: SinkArgument[] = [];
  for (const argument of field(call.node, 'arguments')?.children ?? []) {
    if (argument.type !== 'keyword_argument') continue;
    const name = field(argument, 'name');
    const value = field(argument, 'value');
    if (name && value && REGEX_LOOKUP.test(call.module.text(name))) args.push({ node: value });
  }
  if (args.length === 0) return undefined;
  return { args, note: 'the pattern of a __regex / __iregex lookup (evaluated by the database)', maxConfidence: 'medium', accepts: ['data'] };
}

export default defineTaintRule({
  meta: {
    code: 'TNT014',
    name: 'regex-injection',
    family: 'taint',
    severity: 'medium',
    confidence: 'high',
    cwe: [730, 1333],
    owasp: ['A03:2021-Injection'],
    aliases: [],
    status: 'stable',
    summary: 'Request data is used as a regular expression (re / regex functions, RegexValidator, __regex lookups), letting a client run a catastrophic pattern.',
    fix: 'Escape request values with re.escape() before putting them in a pattern, or search with plain string operations (in, startswith, icontains).',
    docs: {
      whatItDoes:
        'Follows data from the request (query string, form fields, JSON bodies, headers, cookies, URL arguments) ' +
        'through assignments, string building, helper functions and other modules, and reports it when it becomes ' +
        'the pattern (first argument) of `re.compile/match/search/fullmatch/sub/subn/split/findall/finditer` or of ' +
        'the same functions of the `regex` module, or the `regex` of `django.core.validators.RegexValidator`. The ' +
        'ORM lookups `__regex` and `__iregex` (`filter(name__regex=q)`, `Q(...)`) are reported at medium ' +
        'confidence: the database evaluates the pattern (through Python\'s `re` on SQLite). The text searched (the ' +
        'second argument of `re.search()`) is not a pattern and is not reported; neither are values escaped with ' +
        '`re.escape()`, numbers, or values compared against a literal allow-list.',
      whyItMatters:
        'Python\'s regular expression engine backtracks: a pattern such as `(a+)+$` applied to a few dozen ' +
        'characters takes exponential time, and one request can hold a worker (or a database connection) for ' +
        'minutes, a cheap denial of service (ReDoS). A client-chosen pattern can also match far more than the ' +
        'code intended (`.*` as a "name filter"), and malformed patterns raise `re.error`, turning into server ' +
        'errors.',
      example: {
        bad:
          'def search(request):\n' +
          '    term = request.GET.get("q", "")\n' +
          '    matches = [p for p in Product.objects.all() if re.search(term, p.name, re.I)]\n' +
          '    return render(request, "search.html", {"products": matches})',
        good:
          'def search(request):\n' +
          '    term = request.GET.get("q", "")\n' +
          '    matches = [p for p in Product.objects.all() if re.search(re.escape(term), p.name, re.I)]\n' +
          '    # or simply: Product.objects.filter(name__icontains=term)\n' +
          '    return render(request, "search.html", {"products": matches})',
      },
      howToFix:
        'When the user supplies a search term, escape it (`re.escape(term)`) so that it matches literally, or use ' +
        'string operations and the ORM\'s `__contains` / `__icontains` / `__startswith` lookups. If users really ' +
        'need patterns, restrict them (length limits, a small syntax you translate yourself) and run them with a ' +
        'timeout or with a linear-time engine such as `re2`.',
      references: [
        { title: 'Django: Field lookups — regex', url: 'https://docs.djangoproject.com/en/stable/ref/models/querysets/#regex' },
        { title: 'Python: re.escape()', url: 'https://docs.python.org/3/library/re.html#re.escape' },
        { title: 'CWE-1333: Inefficient Regular Expression Complexity', url: 'https://cwe.mitre.org/data/definitions/1333.html' },
        { title: 'CWE-730: OWASP Top Ten 2004 Category A9 - Denial of Service', url: 'https://cwe.mitre.org/data/definitions/730.html' },
        { title: 'OWASP: Regular expression Denial of Service (ReDoS)', url: 'https://owasp.org/www-community/attacks/Regular_expression_Denial_of_Service_-_ReDoS' },
        { title: 'CodeQL: py/regex-injection', url: 'https://codeql.github.com/codeql-query-help/python/py-regex-injection/' },
      ],
      limitations:
        'Patterns built from a constant and an escaped value are silent only when the value itself went through ' +
        '`re.escape()` (or `regex.escape()`). Compiled patterns passed to other libraries (a `Pattern` given to a ' +
        'third-party validator) are reported where they are compiled, if at all. Patterns read back from the ' +
        'database (stored by an earlier request) are not followed.',
    },
  },
  sinks: {
    callees: [...REGEX_MODULES.flatMap((module) => PATTERN_FUNCTIONS.map((fn) => `${module}.${fn}`)), 'django.core.validators.RegexValidator', 'django.db.models.Q', 'django.db.models.query_utils.Q'],
    methods: QUERY_METHODS,
    match(call) {
      return patternMatch(call) ?? lookupMatch(call);
    },
  },
  sanitizers: ['re.escape', 'regex.escape'],
  // Metacharacters that make a pattern match differently or backtrack.
  attackCharacters: '*+?()[]{}|.^$\\',
});
