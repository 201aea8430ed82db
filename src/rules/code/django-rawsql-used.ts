import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { describeBuild, isConstantText, stringBuild } from '../../python/strings.js';

export default definePythonRule({
  meta: {
    code: 'PY611',
    name: 'django-rawsql-used',
    family: 'code',
    severity: 'medium',
    confidence: 'medium',
    cwe: [89],
    owasp: ['A03:2021-Injection'],
    aliases: ['B611'],
    status: 'stable',
    summary: 'RawSQL() receives SQL text that is not a constant.',
    fix: 'Keep the SQL text of RawSQL() constant and pass every value in its params list.',
    docs: {
      whatItDoes:
        'Reports `RawSQL(sql, params)` expressions (`django.db.models.expressions.RawSQL`, also imported from ' +
        '`django.db.models`, through any import or alias) whose SQL argument is not a constant: a variable, a ' +
        'parameter, or a string built with `%`, `+`, `format()`, `join()` or an f-string from non-constant values. ' +
        'A literal, text built only from literals and numbers, or a name only assigned such values is not reported.',
      whyItMatters:
        '`RawSQL` inserts its SQL text verbatim into the query Django builds, typically inside `annotate()`, ' +
        '`order_by()` or `filter()`. If a request value is formatted into that text, the attacker writes part of the ' +
        'query: they can read other tables through a subquery, leak data through errors or timing, or defeat the ' +
        'permission filters around it. Only the `params` list is quoted by the database driver.',
      example: {
        bad: [
          'from django.db.models.expressions import RawSQL',
          '',
          'def ranked(request):',
          '    boost = request.GET.get("boost", "1")',
          '    return Product.objects.annotate(score=RawSQL(f"rating * {boost}", []))',
        ].join('\n'),
        good: [
          'from django.db.models.expressions import RawSQL',
          '',
          'def ranked(request):',
          '    boost = float(request.GET.get("boost", "1"))',
          '    return Product.objects.annotate(score=RawSQL("rating * %s", [boost]))',
        ].join('\n'),
      },
      howToFix:
        'Write the SQL as a constant with `%s` placeholders and pass the values in the second argument: ' +
        '`RawSQL("SELECT … WHERE id = %s", [value])`. Better still, use query expressions (`F()`, `Func()`, ' +
        '`Subquery()`, `Case()`/`When()`), which need no raw SQL. Column or table names cannot be parameters: pick ' +
        'them from a fixed allow-list.',
      references: [
        { title: 'Django: RawSQL expressions', url: 'https://docs.djangoproject.com/en/stable/ref/models/expressions/#raw-sql-expressions' },
        { title: 'Django security: SQL injection protection', url: 'https://docs.djangoproject.com/en/stable/topics/security/#sql-injection-protection' },
        { title: 'CWE-89: SQL Injection', url: 'https://cwe.mitre.org/data/definitions/89.html' },
        { title: 'Bandit B611: django_rawsql_used', url: 'https://bandit.readthedocs.io/en/latest/plugins/b611_django_rawsql_used.html' },
      ],
      limitations:
        'Within one function or module: SQL text received as a parameter is reported, whatever the caller passes. ' +
        'Whether a non-constant part comes from a request is the taint rules\' job.',
    },
  },
  create(context) {
    const { module } = context;
    const check = (node: PyNode): void => {
      const sql = module.argument(node, 0, 'sql');
      if (!sql || isConstantText(sql, module)) return;
      const build = stringBuild(sql, module, { knownString: true });
      context.report({
        node,
        message: build ? `RawSQL() text is built with ${describeBuild(build.how)} from values that are not constants` : `RawSQL() text is not a constant (\`${module.text(sql).replace(/\s+/g, ' ').slice(0, 60)}\`)`,
      });
    };
    return { 'call:django.db.models.expressions.RawSQL': check, 'call:django.db.models.RawSQL': check };
  },
});
