import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';

const MODULE = 'xml.dom.pulldom';
/** The parsing calls matched (Bandit B319's list first), with the keyword of the XML text for those that take it. */
const CALLS: ReadonlyMap<string, string | null> = new Map([
  ['parse', null],
  ['parseString', 'string'],
]);

export default definePythonRule({
  meta: {
    code: 'PY319',
    name: 'xml-pulldom-parse',
    family: 'code',
    severity: 'medium',
    confidence: 'high',
    cwe: [20, 776, 611],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: ['B319'],
    status: 'stable',
    summary: 'Untrusted XML may be parsed with xml.dom.pulldom, which does not guard against entity-expansion attacks.',
    fix: 'Parse with defusedxml.pulldom (parse, parseString) instead of xml.dom.pulldom.',
    docs: {
      whatItDoes: 'Reports `xml.dom.pulldom.parse()` and `parseString()`, through any import or alias. When the XML is a literal string the finding has low confidence. Calls into `defusedxml` are never reported.',
      whyItMatters: 'Expat, the parser behind the standard library\'s XML modules, expands entities defined in the document\'s DTD. A few hundred bytes of nested entities ("billion laughs") or one huge entity repeated (quadratic blowup) expand to gigabytes and exhaust the worker\'s memory and CPU: one upload or API request takes the site down. Whether the installed Expat limits this depends on the system library (2.4.1 and later do); `defusedxml` refuses such documents whatever the version, and also blocks external entities and DTD retrieval.',
      example: {
        bad: [
          'from xml.dom import pulldom',
          '',
          'def import_orders(upload):',
          '    for event, node in pulldom.parse(upload):',
          '        handle(event, node)',
        ].join('\n'),
        good: [
          'from defusedxml import pulldom',
          '',
          'def import_orders(upload):',
          '    for event, node in pulldom.parse(upload):',
          '        handle(event, node)',
        ].join('\n'),
      },
      howToFix: 'Import `defusedxml.pulldom` instead: `parse()` and `parseString()` keep their signatures and event stream. pulldom is a good choice for large imports because it streams, but streaming does not stop entity expansion: the defused parser does.',
      references: [
        { title: 'Python: xml.dom.pulldom', url: 'https://docs.python.org/3/library/xml.dom.pulldom.html' },
        { title: 'Python: XML vulnerabilities', url: 'https://docs.python.org/3/library/xml.html#xml-vulnerabilities' },
        { title: 'defusedxml', url: 'https://pypi.org/project/defusedxml/' },
        { title: 'CWE-776: Recursive Entity References in DTDs (XML Entity Expansion)', url: 'https://cwe.mitre.org/data/definitions/776.html' },
        { title: 'CWE-611: Improper Restriction of XML External Entity Reference', url: 'https://cwe.mitre.org/data/definitions/611.html' },
        { title: 'Bandit B313–B319: XML', url: 'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b313-b314-b315-b316-b317-b318-b319-xml' },
      ],
      limitations: 'A project-wide `defusedxml.defuse_stdlib()` call is not taken into account; suppress the findings if you rely on it.',
    },
  },
  create(context) {
    const { module } = context;
    const check = (node: PyNode): void => {
      const name = module.qualifiedName(node)?.slice(MODULE.length + 1) ?? '';
      const keyword = CALLS.get(name);
      const data = keyword ? module.argument(node, 0, keyword) : undefined;
      const constant = data !== undefined && module.literal(data) !== undefined;
      context.report({
        node,
        message: constant
          ? `${MODULE}.${name}() on a constant document: harmless unless the text changes; defusedxml.pulldom is the safe habit`
          : `${MODULE}.${name}() parses XML without protection against entity expansion: use defusedxml.pulldom`,
        ...(constant ? { confidence: 'low' as const } : {}),
      });
    };
    return Object.fromEntries([...CALLS.keys()].map((name) => [`call:${MODULE}.${name}`, check]));
  },
});
