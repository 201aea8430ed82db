import { defineTaintRule } from '../../core/rule.js';
import type { CallView, SinkArgument, SinkMatch } from '../../taint/spec.js';

/** python-ldap: search(base, scope, filterstr, …) and its variants. */
const PYTHON_LDAP_SEARCHES = new Set(['search', 'search_s', 'search_st', 'search_ext', 'search_ext_s']);
/** ldap3: Connection.search(search_base, search_filter, …), extend.standard.paged_search(…). */
const LDAP3_SEARCHES = new Set(['search', 'paged_search']);

const PYTHON_LDAP_TYPE = /^ldap\.(initialize|open|ldapobject\.(Simple|Reconnect)?LDAPObject|ldapobject\.LDAPObject)\(\)/;
const LDAP3_TYPE = /^ldap3\.(core\.connection\.)?Connection\(\)/;

type Layout = 'python-ldap' | 'ldap3';

/** Which library's search this is, and whether the receiver is known to be a connection of it. */
function layoutOf(call: CallView, method: string): { layout: Layout; known: boolean } | undefined {
    const types = call.receiverTypes;
  if (types.some((type) => PYTHON_LDAP_TYPE.test(type)) && PYTHON_LDAP_SEARCHES.has(method)) return { layout: 'python-ldap', known: true };
  if (types.some((type) => LDAP3_TYPE.test(type)) && LDAP3_SEARCHES.has(method)) return { layout: 'ldap3', known: true };
  // Other receivers: only names and arguments that are unmistakably LDAP.
  if (method !== 'search' && PYTHON_LDAP_SEARCHES.has(method)) return { layout: 'python-ldap', known: false };
  if (method === 'paged_search') return { layout: 'ldap3', known: false };
  const receiverText = call.receiver ? call.module.text(call.receiver) : '';
  if (!/ldap|conn/i.test(receiverText)) return undefined;
  if (call.keyword('search_filter') || call.keyword('search_base')) return { layout: 'ldap3', known: false };
  const scope = call.argument(1, 'scope');
  const scopeName = scope ? call.module.qualifiedName(scope) : null;
  if (call.keyword('filterstr') || (scopeName?.startsWith('ldap.SCOPE_') ?? false)) return { layout: 'python-ldap', known: false };
  return undefined;
}

function searchMatch(call: CallView): SinkMatch | undefined {
  const method = call.method;
  if (!method) return undefined;
  const found = layoutOf(call, method);
  if (!found) return undefined;
  const [base, filter] =
    found.layout === 'python-ldap' ? [call.argument(0, 'base'), call.argument(2, 'filterstr')] : [call.argument(0, 'search_base'), call.argument(1, 'search_filter')];
  const args: SinkArgument[] = [base, filter].filter((node) => node !== undefined).map((node) => ({ node }));
  if (args.length === 0) return undefined;
  return {
    args,
    note: `LDAP search base or filter of ${found.layout === 'python-ldap' ? 'python-ldap' : 'ldap3'} ${method}()`,
    accepts: ['data'],
    ...(found.known ? {} : { maxConfidence: 'medium' as const }),
  };
}

export default defineTaintRule({
  meta: {
    code: 'TNT016',
    name: 'ldap-injection',
    family: 'taint',
    severity: 'high',
    confidence: 'high',
    cwe: [90],
    owasp: ['A03:2021-Injection'],
    aliases: [],
    status: 'stable',
    summary: 'Request data is built into an LDAP search filter or base DN (python-ldap, ldap3) without escaping.',
    fix: 'Escape request values with ldap.filter.escape_filter_chars() (ldap3.utils.conv.escape_filter_chars()) for filters and ldap.dn.escape_dn_chars() for DNs, or build filters with ldap.filter.filter_format().',
    docs: {
      whatItDoes:
        'Follows data from the request (query string, form fields, JSON bodies, headers, cookies, URL arguments) ' +
        'through assignments, string building, helper functions and other modules, and reports it when it becomes ' +
        'part of an LDAP search: the base DN (argument 0) or the filter (`filterstr`, argument 2) of python-ldap\'s ' +
        '`search`, `search_s`, `search_st`, `search_ext` and `search_ext_s`, and the `search_base` / ' +
        '`search_filter` of ldap3\'s `Connection.search()` and `extend.standard.paged_search()`. Connections are ' +
        'recognised from `ldap.initialize()` / `LDAPObject()` and `ldap3.Connection()`; on other receivers the ' +
        'python-ldap specific names (`search_s`…) and `search()` calls that are unmistakably LDAP (an ' +
        '`ldap.SCOPE_*` argument, `search_filter=`) are reported at medium confidence. Values escaped with ' +
        '`ldap.filter.escape_filter_chars()`, `ldap.dn.escape_dn_chars()`, `ldap3.utils.conv.escape_filter_chars()` ' +
        'or `ldap3.utils.dn.escape_rdn()`, filters built with `ldap.filter.filter_format()`, numbers and values ' +
        'checked against a literal allow-list are not reported.',
      whyItMatters:
        'LDAP filters are text with their own syntax: a user name `*)(uid=*))(|(uid=*` turns ' +
        '`(&(uid={name})(objectClass=person))` into a filter that matches every entry, and `*` alone enumerates the ' +
        'directory. Applications that look users up before binding, or that check group membership with a ' +
        'search, can be tricked into authenticating or authorising the wrong entry, and injected filters leak ' +
        'attributes (e-mail addresses, phone numbers, group memberships) one character at a time. A base DN built ' +
        'from request data moves the search to another part of the directory.',
      example: {
        bad:
          'def find_employee(request):\n' +
          '    uid = request.GET["uid"]\n' +
          '    conn = ldap.initialize(settings.LDAP_URI)\n' +
          '    entries = conn.search_s("ou=people,dc=example,dc=com", ldap.SCOPE_SUBTREE, f"(uid={uid})", ["cn", "mail"])\n' +
          '    return JsonResponse({"found": len(entries)})',
        good:
          'from ldap.filter import escape_filter_chars\n' +
          '\n' +
          'def find_employee(request):\n' +
          '    uid = escape_filter_chars(request.GET["uid"])\n' +
          '    conn = ldap.initialize(settings.LDAP_URI)\n' +
          '    entries = conn.search_s("ou=people,dc=example,dc=com", ldap.SCOPE_SUBTREE, f"(uid={uid})", ["cn", "mail"])\n' +
          '    return JsonResponse({"found": len(entries)})',
      },
      howToFix:
        'Escape every request value placed in a filter with `escape_filter_chars()` (python-ldap or ldap3), or let ' +
        '`ldap.filter.filter_format("(uid=%s)", [uid])` do it; escape values placed in a DN with ' +
        '`ldap.dn.escape_dn_chars()` / `ldap3.utils.dn.escape_rdn()`. Keep the search base constant. Validate ' +
        'identifiers against their expected format (an allow-list of characters) before they reach the directory, ' +
        'and consider django-auth-ldap, which escapes the user name in its search templates.',
      references: [
        { title: 'python-ldap: ldap.filter (escape_filter_chars, filter_format)', url: 'https://www.python-ldap.org/en/latest/reference/ldap-filter.html' },
        { title: 'ldap3: Searching the DIT', url: 'https://ldap3.readthedocs.io/en/latest/searches.html' },
        { title: 'CWE-90: LDAP Injection', url: 'https://cwe.mitre.org/data/definitions/90.html' },
        { title: 'OWASP LDAP Injection Prevention Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/LDAP_Injection_Prevention_Cheat_Sheet.html' },
        { title: 'CodeQL: py/ldap-injection', url: 'https://codeql.github.com/codeql-query-help/python/py-ldap-injection/' },
      ],
      limitations:
        'Filter escaping and DN escaping are both accepted for both positions, although a filter-escaped value is ' +
        'not safe in a DN (and the reverse). Connections stored on `self` or passed in as parameters are ' +
        'recognised only through the method name or the arguments (medium confidence). Bind DNs ' +
        '(`simple_bind_s(f"uid={name},…")`) and modify / delete operations are not sinks of this rule.',
    },
  },
  sinks: {
    methods: [...new Set([...PYTHON_LDAP_SEARCHES, ...LDAP3_SEARCHES])],
    match: searchMatch,
  },
  sanitizers: [
    'ldap.filter.escape_filter_chars',
    'ldap.filter.filter_format',
    'ldap.dn.escape_dn_chars',
    'ldap3.utils.conv.escape_filter_chars',
    'ldap3.utils.dn.escape_rdn',
  ],
  // LDAP filter and DN syntax.
  attackCharacters: '*()\\&|=!<>~,+;"#',
});
