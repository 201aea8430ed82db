import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field, walk } from '../../python/ast.js';
import { describeBuild, stringBuild, type StringBuild } from '../../python/strings.js';

/**
 * Bandit's SQL shape test (hardcoded_sql_expressions), anchored at the start of the text: a statement begins with its
 * verb, while prose such as "Hello %s, select your items from the list" only contains one.
 */
const SQL_SHAPE = /^[\s(]*(?:explain\s+(?:analyze\s+)?)?(?:select\s[\s\S]*\bfrom\s|delete\s+from\s|insert\s+into\s[\s\S]*\bvalues\b|update\s[\s\S]*\bset\s|with\s+\w+\s+as\s*\()/i;
/** "Select an image from the list": a determiner after the verb is English, not a column list. */
const PROSE = /^[\s(]*select\s+(?:an|the|your|our|my|one|this|that|these|those|which|some|any|from)\b/i;
/** A necessary condition for SQL_SHAPE, tested on the source text before any analysis. */
const SQL_VERB = /select|insert|update|delete|with/i;
/** Lengths of the method names the call visitor cares about: execute(many), raw, format, replace, join. */
const METHOD_LENGTHS = new Set(['execute', 'executemany', 'raw', 'format', 'replace', 'join'].map((name) => name.length));
const EXECUTE_METHODS = new Set(['execute', 'executemany']);
/** Receivers of `.raw(sql)` that are Django managers or querysets. */
const MANAGER_RECEIVER = /(^|\.)(objects|_default_manager|_base_manager)(\.|\(|$)|\.using\(/;

export default definePythonRule({
  meta: {
    code: 'PY608',
    name: 'sql-string-formatting',
    family: 'code',
    severity: 'medium',
    confidence: 'medium',
    cwe: [89],
    owasp: ['A03:2021-Injection'],
    aliases: ['B608'],
    status: 'stable',
    summary: 'SQL is built with string formatting instead of query parameters.',
    fix: 'Pass values as query parameters (cursor.execute(sql, [value])) or use the ORM; never format them into the SQL text.',
    docs: {
      whatItDoes:
        'Finds SQL statements assembled at run time with `%`, `+`, `str.format()`, f-strings, `str.join()` or ' +
        '`str.replace()` from values that are not constants: any such string passed to a DB-API ' +
        '`execute()`/`executemany()` or a manager\'s `raw()` (directly or through a variable assigned in the same ' +
        'function), and any SQL-shaped string (`SELECT … FROM`, `INSERT INTO … VALUES`, `UPDATE … SET`, `DELETE FROM`) ' +
        'built that way elsewhere. Parts that cannot carry text are not counted: literals, numbers (`int(x)`, `len(x)`, ' +
        '`%d` and `{:d}` conversions), booleans, `"ASC" if asc else "DESC"` choices, parameter-marker lists such as ' +
        '`", ".join(["%s"] * len(ids))`, and names only ever assigned such values.',
      whyItMatters:
        'A value formatted into SQL text becomes SQL. If any part of it comes from a request (a search term, an ordering ' +
        'field, an id in the URL), an attacker can close the quote and append their own SQL: read every table, change ' +
        'data, or bypass a login. Django escapes nothing in raw SQL; only query parameters keep data and code apart.',
      example: {
        bad: [
          'def search(request):',
          '    term = request.GET["q"]',
          '    with connection.cursor() as cursor:',
          '        cursor.execute("SELECT id FROM shop_product WHERE name LIKE \'%%%s%%\'" % term)',
          '        return cursor.fetchall()',
        ].join('\n'),
        good: [
          'def search(request):',
          '    term = request.GET["q"]',
          '    with connection.cursor() as cursor:',
          '        cursor.execute("SELECT id FROM shop_product WHERE name LIKE %s", [f"%{term}%"])',
          '        return cursor.fetchall()',
        ].join('\n'),
      },
      howToFix:
        'Keep the SQL text constant and pass every value separately: `cursor.execute(sql, params)` with `%s` ' +
        'markers (the driver quotes the values), or `Model.objects.raw(sql, params)`. Better still, express the query ' +
        'with the ORM (`filter(name__icontains=term)`). Identifiers (table or column names) cannot be parameters: ' +
        'choose them from a fixed allow-list, never from input.',
      references: [
        { title: 'Django: Performing raw SQL queries — passing parameters', url: 'https://docs.djangoproject.com/en/stable/topics/db/sql/#passing-parameters-into-raw' },
        { title: 'Django security: SQL injection protection', url: 'https://docs.djangoproject.com/en/stable/topics/security/#sql-injection-protection' },
        { title: 'CWE-89: SQL Injection', url: 'https://cwe.mitre.org/data/definitions/89.html' },
        { title: 'OWASP A03:2021 Injection', url: 'https://owasp.org/Top10/A03_2021-Injection/' },
        { title: 'Bandit B608: hardcoded_sql_expressions', url: 'https://bandit.readthedocs.io/en/latest/plugins/b608_hardcoded_sql_expressions.html' },
      ],
      limitations:
        'Within one function only: a string built in another function and passed in is the taint rules\' job. ' +
        'Whether the dynamic part is attacker-controlled is not checked here, so confidence is medium.',
    },
  },
  create(context) {
    const { module } = context;
    const reported = new Set<PyNode>();
    const candidates: Array<{ node: PyNode; build: StringBuild }> = [];

    const report = (node: PyNode, build: StringBuild, viaExecute: PyNode | undefined, through?: PyNode): void => {
      if (reported.has(node)) return;
      reported.add(node);
      const method = viaExecute ? module.calleeName(viaExecute) : undefined;
      const line = (n: PyNode): number => module.lines.lineOf(n.start);
      context.report({
        node,
        message: viaExecute
          ? `SQL passed to ${method}() is built with ${describeBuild(build.how)}${through ? ` (in ${JSON.stringify(module.text(through))})` : ''}; pass values as query parameters`
          : `SQL statement built with ${describeBuild(build.how)}; pass values as query parameters`,
        confidence: viaExecute && build.how !== 'replace' && !onlyQuotedNames(build) ? 'medium' : 'low',
        ...(viaExecute && through
          ? {
              trace: [
                { path: context.file.path, line: line(node), note: `SQL built with ${describeBuild(build.how)}` },
                { path: context.file.path, line: line(viaExecute), note: `executed by ${method}()` },
              ],
            }
          : {}),
      });
    };

    /** The last assignment to `name` before `call` in the same function (or module). */
    const lastAssignment = (name: string, call: PyNode): PyNode | undefined => {
      const scope = module.enclosingFunction(call) ?? module.root;
      let found: PyNode | undefined;
      walk(scope, (node) => {
        if (node !== scope && (node.type === 'function_definition' || node.type === 'class_definition' || node.type === 'lambda')) return false;
        if (node.start >= call.start) return false;
        if (node.type === 'assignment') {
          const left = field(node, 'left');
          const right = field(node, 'right');
          if (left?.type === 'identifier' && module.text(left) === name && right) found = right;
        }
        return undefined;
      });
      return found;
    };

    /** Identifiers quoted with `connection.ops.quote_name()` are usually model metadata, not input. */
    const onlyQuotedNames = (build: StringBuild): boolean =>
      build.dynamic.every((d) => d.type === 'call' && module.calleeName(d) === 'quote_name');

    const isSqlSink = (call: PyNode, name: string): boolean => {
      const fn = field(call, 'function');
      if (fn?.type !== 'attribute') return false;
      if (EXECUTE_METHODS.has(name)) return true;
      const receiver = field(fn, 'object');
      return name === 'raw' && receiver !== undefined && MANAGER_RECEIVER.test(module.text(receiver).replace(/\s+/g, ''));
    };

    return {
      call(node) {
        // Sinks (`cursor.execute`, `objects.raw`) and builds (`"…".format`, `.replace`, `.join`) are all method calls:
        // most calls are rejected by the length of their method name, without reading it.
        const fn = field(node, 'function');
        const attribute = fn?.type === 'attribute' ? field(fn, 'attribute') : undefined;
        if (!attribute || !METHOD_LENGTHS.has(attribute.end - attribute.start)) return;
        const name = module.text(attribute);
        if (isSqlSink(node, name)) {
          const sql = module.argument(node, 0, name === 'raw' ? 'raw_query' : 'sql') ?? module.keywordArg(node, 'query') ?? module.keywordArg(node, 'operation');
          if (!sql) return;
          const direct = stringBuild(sql, module, { knownString: true });
          if (direct) {
            report(sql, direct, node);
            return;
          }
          if (sql.type === 'identifier') {
            const source = lastAssignment(module.text(sql), node);
            const build = source && stringBuild(source, module, { knownString: true });
            if (source && build) report(source, build, node, sql);
          }
          return;
        }
        collect(node);
      },
      binary_operator: collect,
      string: collect,
      concatenated_string: collect,
      'module:exit'() {
        for (const { node, build } of candidates) {
          if (!reported.has(node) && !insideReported(node)) report(node, build, undefined);
        }
      },
    };

    function collect(node: PyNode): void {
      // Only the outermost expression of a build: `"a" + x + "b"` is one finding.
      let parent = node.parent;
      while (parent?.type === 'parenthesized_expression') parent = parent.parent;
      if (parent && (parent.type === 'binary_operator' || parent.type === 'concatenated_string')) return;
      if (!mayBuild(node)) return;
      // The SQL verb must appear in the source text: a cheap test before analysing the build.
      if (!SQL_VERB.test(module.text(node))) return;
      const build = stringBuild(node, module);
      if (build && SQL_SHAPE.test(build.literalText) && !PROSE.test(build.literalText)) candidates.push({ node, build });
    }

    /** Can `stringBuild` find anything here? Only f-strings, `%`/`+` and `.format`/`.replace`/`.join` calls build text. */
    function mayBuild(node: PyNode): boolean {
      switch (node.type) {
        case 'string':
          return node.children.length > 0; // plain literals are leaves; f-strings keep their parts
        case 'concatenated_string':
          return node.children.some((part) => part.children.length > 0);
        case 'binary_operator':
          return node.ops?.[0] === '%' || node.ops?.[0] === '+';
        default:
          return true; // calls: already filtered by method name
      }
    }

    function insideReported(node: PyNode): boolean {
      for (let current = node.parent; current; current = current.parent) if (reported.has(current)) return true;
      return false;
    }
  },
});
