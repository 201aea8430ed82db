import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field } from '../../python/ast.js';
import { abbreviate, textIs, unwrap } from '../../python/expressions.js';
import type { PythonModule } from '../../python/module.js';
import { isConstantText } from '../../python/strings.js';

/** `QuerySet.extra(select=None, where=None, params=None, tables=None, order_by=None, select_params=None)`. */
const POSITIONS = ['select', 'where', 'params', 'tables', 'order_by', 'select_params'] as const;

export default definePythonRule({
  meta: {
    code: 'PY610',
    name: 'django-extra-used',
    family: 'code',
    severity: 'medium',
    confidence: 'medium',
    cwe: [89],
    owasp: ['A03:2021-Injection'],
    aliases: ['B610'],
    status: 'stable',
    summary: 'QuerySet.extra() receives SQL fragments that are not constants.',
    fix: 'Replace extra() with annotate()/filter() and query expressions (F, Func, RawSQL with params); keep any SQL text constant and pass values in params.',
    docs: {
      whatItDoes:
        'Reports `.extra(...)` method calls (Bandit matches any call named `extra`) whose `where` or `tables` ' +
        'arguments are not lists of constant strings, or whose `select` argument is not a dictionary of constant ' +
        'strings, by keyword or by position. Constant means a literal, text built only from literals and numbers, ' +
        'or a name only assigned such values; `params` and `select_params` are where values belong and are not checked.',
      whyItMatters:
        '`extra()` pastes its `select`, `where` and `tables` strings into the SQL that Django sends to the database. ' +
        'A request value formatted into one of them (an ordering column, a search term, a filter from the URL) ' +
        'becomes SQL: an attacker can read any table, bypass filters such as `owner = request.user`, or change data. ' +
        'Django\'s documentation asks you to avoid `extra()` altogether.',
      example: {
        bad: [
          'def articles(request):',
          '    year = request.GET["year"]',
          '    return Article.objects.extra(where=[f"EXTRACT(year FROM published) = {year}"])',
        ].join('\n'),
        good: [
          'def articles(request):',
          '    year = int(request.GET["year"])',
          '    return Article.objects.filter(published__year=year)',
        ].join('\n'),
      },
      howToFix:
        'Express the query with the ORM: `filter()` with lookups, `annotate()` with `F()`, `Func()` or `Case()`. ' +
        'When raw SQL is unavoidable, keep the SQL text constant and pass the values separately: ' +
        '`extra(where=["price > %s"], params=[limit])`, or `RawSQL("…%s…", [value])` inside `annotate()`.',
      references: [
        { title: 'Django: QuerySet.extra()', url: 'https://docs.djangoproject.com/en/stable/ref/models/querysets/#extra' },
        { title: 'Django security: SQL injection protection', url: 'https://docs.djangoproject.com/en/stable/topics/security/#sql-injection-protection' },
        { title: 'CWE-89: SQL Injection', url: 'https://cwe.mitre.org/data/definitions/89.html' },
        { title: 'Bandit B610: django_extra_used', url: 'https://bandit.readthedocs.io/en/latest/plugins/b610_django_extra_used.html' },
      ],
      limitations:
        'Any method named `extra` is checked, as Bandit does, since the receiver\'s type is unknown. A `where` or ' +
        '`select` held in a variable is reported unless the variable is only ever assigned constants in the same ' +
        'function or module.',
    },
  },
  create(context) {
    const { module } = context;
    return {
      call(node) {
        const fn = field(node, 'function');
        if (fn?.type !== 'attribute') return;
        const method = field(fn, 'attribute');
        if (!method || !textIs(module, method, 'extra')) return;
        const argument = (name: (typeof POSITIONS)[number]): PyNode | undefined => module.keywordArg(node, name) ?? module.positionalArgs(node)[POSITIONS.indexOf(name)];
        const unsafe = unsafeArgument(argument, module);
        if (!unsafe) return;
        context.report({ node, message: `extra() ${unsafe}: that text is pasted into the SQL query` });
      },
    };
  },
});

/** Which argument makes the call unsafe (Bandit's order: where, tables, then select), or undefined. */
function unsafeArgument(argument: (name: 'where' | 'tables' | 'select') => PyNode | undefined, module: PythonModule): string | undefined {
  for (const name of ['where', 'tables'] as const) {
    const value = argument(name);
    if (!value) continue;
    const inner = unwrap(value);
    if (inner.type !== 'list' && inner.type !== 'tuple') {
      if (!isConstantText(inner, module)) return `${name}= is not a list of constant strings (\`${abbreviate(module.text(value))}\`)`;
      continue;
    }
    const entry = inner.children.find((c) => c.type !== 'comment' && !isConstantText(c, module));
    if (entry) return `${name}= holds SQL built at run time (\`${abbreviate(module.text(entry))}\`)`;
  }
  const select = argument('select');
  if (!select) return undefined;
  const inner = unwrap(select);
  if (inner.type !== 'dictionary') {
    return isConstantText(inner, module) ? undefined : `select= is not a dictionary of constant strings (\`${abbreviate(module.text(select))}\`)`;
  }
  for (const pair of inner.children) {
    if (pair.type === 'comment') continue;
    if (pair.type !== 'pair') return `select= is unpacked from another mapping (\`${abbreviate(module.text(pair))}\`)`;
    for (const part of [field(pair, 'key'), field(pair, 'value')]) {
      if (part && !isConstantText(part, module)) return `select= holds SQL built at run time (\`${abbreviate(module.text(part))}\`)`;
    }
  }
  return undefined;
}
