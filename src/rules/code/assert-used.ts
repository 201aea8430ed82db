import { booleanOption, stringListOption } from '../../core/rule-options.js';
import { definePythonRule, type RuleOptionSpec } from '../../core/rule.js';

const SKIPS = {
  name: 'skips',
  type: 'string-list',
  default: [],
  description:
    'fnmatch globs (Bandit\'s `assert_used.skips`): files whose path matches one are not reported. The path is ' +
    'relative to the scan root and is also tried with a leading `./`, so `*/tests/*`, `./scripts/*` and `*_spec.py` ' +
    'all work; `*` matches across `/` as in Python\'s fnmatch.',
} as const satisfies RuleOptionSpec;

const CHECK_TESTS = {
  name: 'check_tests',
  type: 'boolean',
  default: false,
  description: 'Also report asserts in test files (files under `tests/`, `test_*.py`, `*_test.py`, `*_tests.py`, an app\'s `tests.py`, `conftest.py`).',
} as const satisfies RuleOptionSpec;

/** Python's `fnmatch.translate`: `*` matches anything (including `/`), `?` one character, `[...]`/`[!...]` a set. */
function fnmatch(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') out += '.*';
    else if (ch === '?') out += '.';
    else if (ch === '[') {
      let j = i + 1;
      if (pattern[j] === '!') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j++;
      if (j >= pattern.length) {
        out += '\\[';
        continue;
      }
      const body = pattern.slice(i + 1, j);
      const negated = body.startsWith('!');
      out += `[${negated ? '^' : ''}${(negated ? body.slice(1) : body).replace(/[\\\]^]/g, '\\$&')}]`;
      i = j;
    } else out += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^(?:${out})$`, 's');
}

export default definePythonRule({
  meta: {
    code: 'PY101',
    name: 'assert-used',
    family: 'code',
    severity: 'low',
    confidence: 'high',
    cwe: [703],
    owasp: ['A04:2021-Insecure Design'],
    aliases: ['B101'],
    status: 'stable',
    summary: 'An assert statement checks something at run time, but Python removes asserts when run with -O.',
    fix: 'Raise an exception explicitly (if not condition: raise PermissionDenied(...)) for checks that must hold in production.',
    docs: {
      whatItDoes:
        'Reports every `assert` statement outside test files. Test files — under a `tests/` (or `test/`, `testing/`) ' +
        'folder, or named `test_*.py`, `*_test.py`, `*_tests.py`, `tests.py` (Django\'s per-app test module) or ' +
        '`conftest.py` — are skipped, since asserting is what tests do (Bandit reports them too, which is why so ' +
        'many projects switch B101 off). Files matching the `skips` globs are skipped as well.',
      whyItMatters:
        'Python drops `assert` statements when it runs with optimisation (`python -O`, `PYTHONOPTIMIZE=1`, some ' +
        'container images and WSGI server configurations). An assert used as an access check ' +
        '(`assert request.user.is_staff`), an input check or an invariant then silently disappears in production, ' +
        'and the code goes on with a user, a value or a state it was never meant to accept.',
      example: {
        bad: ['def delete_product(request, pk):', '    assert request.user.is_staff, "staff only"', '    Product.objects.filter(pk=pk).delete()'].join('\n'),
        good: [
          'from django.core.exceptions import PermissionDenied',
          '',
          'def delete_product(request, pk):',
          '    if not request.user.is_staff:',
          '        raise PermissionDenied("staff only")',
          '    Product.objects.filter(pk=pk).delete()',
        ].join('\n'),
      },
      howToFix:
        'Replace the assert with an `if` that raises an exception fitting the failure: `PermissionDenied` or ' +
        '`Http404` in views, `ValidationError` in forms and models, `ValueError`/`TypeError` for bad arguments. ' +
        'Asserts that only document an internal assumption, and that may disappear without harm, can stay with a ' +
        '`# ponyguard: ignore[PY101] -- reason` comment. Helper modules of a test suite outside the test naming ' +
        'convention can be listed in `skips`.',
      references: [
        { title: 'Python: the assert statement', url: 'https://docs.python.org/3/reference/simple_stmts.html#the-assert-statement' },
        { title: 'Python: -O command-line option', url: 'https://docs.python.org/3/using/cmdline.html#cmdoption-O' },
        { title: 'CWE-703: Improper Check or Handling of Exceptional Conditions', url: 'https://cwe.mitre.org/data/definitions/703.html' },
        { title: 'Bandit B101: assert_used', url: 'https://bandit.readthedocs.io/en/latest/plugins/b101_assert_used.html' },
      ],
      limitations:
        'Test files are recognised by their path only: helper modules of a test suite named otherwise (a ' +
        '`testutils.py`, a `factories.py`) are application code to this rule; list them in `skips` (or use ' +
        '`per-path-ignores`).',
    },
    options: [SKIPS, CHECK_TESTS],
  },
  create(context) {
    const { file } = context;
    if (file.roles.includes('test') && !booleanOption(context.options, CHECK_TESTS)) return {};
    const skipped = stringListOption(context.options, SKIPS).map(fnmatch);
    if (skipped.some((glob) => glob.test(file.path) || glob.test(`./${file.path}`))) return {};
    return {
      assert_statement(node) {
        context.report({ node, message: 'assert is removed when Python runs with -O: this check disappears in optimised runs' });
      },
    };
  },
});
