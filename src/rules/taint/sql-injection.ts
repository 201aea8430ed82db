import { defineTaintRule } from '../../core/rule.js';

/** Receivers known to be database cursors: `connection.cursor()`, `connections["x"].cursor()`, DB-API connections. */
function isCursor(types: readonly string[]): boolean {
  return types.some((type) => type.endsWith('.cursor()') || type.endsWith('.cursor().__enter__()'));
}

export default defineTaintRule({
  meta: {
    code: 'TNT001',
    name: 'sql-injection',
    family: 'taint',
    severity: 'high',
    confidence: 'high',
    cwe: [89],
    owasp: ['A03:2021-Injection'],
    aliases: [],
    status: 'stable',
    summary: 'Request data reaches an SQL statement: cursor.execute(), Manager.raw(), QuerySet.extra() or RawSQL().',
    fix: 'Pass request values as query parameters (cursor.execute(sql, [value]), .raw(sql, [value])) or use the ORM; never build SQL text from them.',
    docs: {
      whatItDoes:
        'Follows data from the request (query string, form fields, JSON bodies, headers, cookies, URL arguments, ' +
        'uploaded file names) through assignments, string building, helper functions and other modules, and reports ' +
        'it when it becomes part of the SQL text of `cursor.execute()` / `executemany()`, `Manager.raw()`, ' +
        '`QuerySet.extra()` (`select`, `where`, `tables`, `order_by`) or `RawSQL()`. Values passed as query ' +
        'parameters (the second argument of `execute()` and `raw()`) are not reported, nor are values converted with ' +
        '`int()`, `float()` or `uuid.UUID()`, compared against a literal allow-list, or quoted with ' +
        '`connection.ops.quote_name()`.',
      whyItMatters:
        'An attacker who controls part of an SQL statement controls the statement: `?q=x\' OR \'1\'=\'1` reads every ' +
        'row, `UNION SELECT` reads other tables (password hashes, sessions), and on databases that allow stacked ' +
        'queries it writes or drops data. The ORM escapes values for you; raw SQL built with `%`, `+`, f-strings or ' +
        '`.format()` gives that protection up.',
      example: {
        bad:
          'def search(request):\n' +
          '    term = request.GET.get("q", "")\n' +
          '    with connection.cursor() as cursor:\n' +
          '        cursor.execute(f"SELECT id, name FROM shop_product WHERE name LIKE \'%{term}%\'")\n' +
          '        return JsonResponse({"ids": [row[0] for row in cursor.fetchall()]})',
        good:
          'def search(request):\n' +
          '    term = request.GET.get("q", "")\n' +
          '    with connection.cursor() as cursor:\n' +
          '        cursor.execute("SELECT id, name FROM shop_product WHERE name LIKE %s", [f"%{term}%"])\n' +
          '        return JsonResponse({"ids": [row[0] for row in cursor.fetchall()]})',
      },
      howToFix:
        'Keep the SQL text constant and pass every value separately: `cursor.execute(sql, [value])`, ' +
        '`Model.objects.raw(sql, [value])`, `RawSQL(sql, [value])`, `extra(where=["price <= %s"], params=[value])`. ' +
        'Better still, express the query with the ORM (`filter(name__icontains=term)`). Identifiers (column names for ' +
        'sorting) cannot be parameters: map the request value to a column through a dictionary of allowed names.',
      references: [
        { title: 'Django: Performing raw SQL queries', url: 'https://docs.djangoproject.com/en/stable/topics/db/sql/' },
        { title: 'Django security: SQL injection protection', url: 'https://docs.djangoproject.com/en/stable/topics/security/#sql-injection-protection' },
        { title: 'CWE-89: SQL Injection', url: 'https://cwe.mitre.org/data/definitions/89.html' },
        { title: 'OWASP SQL Injection Prevention Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/SQL_Injection_Prevention_Cheat_Sheet.html' },
        { title: 'CodeQL: py/sql-injection', url: 'https://codeql.github.com/codeql-query-help/python/py-sql-injection/' },
      ],
      limitations:
        '`.execute()` on a receiver the analysis cannot identify as a database cursor is still a sink, at medium ' +
        'confidence. Data that is stored in the database and read back later (second-order injection) is not followed.',
    },
  },
  sinks: {
    callees: ['django.db.models.expressions.RawSQL', 'django.db.models.RawSQL'],
    methods: ['execute', 'executemany', 'raw', 'extra'],
    match(call) {
      if (call.callee === 'django.db.models.expressions.RawSQL' || call.callee === 'django.db.models.RawSQL') {
        const sql = call.argument(0, 'sql');
        return sql ? { args: [{ node: sql }], note: 'SQL of RawSQL()' } : undefined;
      }
      switch (call.method) {
        case 'execute':
        case 'executemany': {
          const sql = call.argument(0, 'sql') ?? call.keyword('operation') ?? call.keyword('query');
          if (!sql) return undefined;
          const cursor = isCursor(call.receiverTypes);
          return { args: [{ node: sql }], note: `SQL passed to ${cursor ? 'cursor' : 'an object'}.${call.method}()`, ...(cursor ? {} : { maxConfidence: 'medium' as const }) };
        }
        case 'raw': {
          const sql = call.argument(0, 'raw_query');
          return sql ? { args: [{ node: sql }], note: 'SQL passed to Manager.raw()', ...(call.receiverTypes.length === 0 && !/objects|_set|manager/i.test(call.receiver ? call.module.text(call.receiver) : '') ? { maxConfidence: 'medium' as const } : {}) } : undefined;
        }
        case 'extra': {
          const args = [call.argument(0, 'select'), call.argument(1, 'where'), call.argument(3, 'tables'), call.argument(4, 'order_by')].filter((node) => node !== undefined).map((node) => ({ node }));
          return args.length > 0 ? { args, note: 'SQL fragments passed to QuerySet.extra()' } : undefined;
        }
        default:
          return undefined;
      }
    },
  },
  // Quotes, comment and statement separators, spaces and parentheses: what an injection needs to escape its position.
  attackCharacters: `'"\\;#/*() =`,
  sanitizers: ['django.db.connection.ops.quote_name', 'psycopg2.sql.Identifier', 'psycopg2.sql.Literal', 'psycopg.sql.Identifier', 'psycopg.sql.Literal', 'psycopg2.extensions.quote_ident'],
});
