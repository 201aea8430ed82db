import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';

const MODULE = 'xml.sax';
/** The parsing calls matched (Bandit B317's list first), with the keyword of the XML text for those that take it. */
const CALLS: ReadonlyMap<string, string | null> = new Map([
  ['parse', null],
  ['parseString', 'string'],
  ['make_parser', null],
]);

export default definePythonRule({
  meta: {
    code: 'PY317',
    name: 'xml-sax-parse',
    family: 'code',
    severity: 'medium',
    confidence: 'high',
    cwe: [20, 776, 611],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: ['B317'],
    status: 'stable',
    summary: 'Untrusted XML may be parsed with xml.sax, which does not guard against entity-expansion attacks.',
    fix: 'Parse with defusedxml.sax (parse, parseString, make_parser) instead of xml.sax.',
    docs: {
      whatItDoes: 'Reports `xml.sax.parse()`, `xml.sax.parseString()` and `xml.sax.make_parser()`, through any import or alias. When the XML is a literal string the finding has low confidence. Calls into `defusedxml` are never reported.',
      whyItMatters: 'Expat, the parser behind the standard library\'s XML modules, expands entities defined in the document\'s DTD. A few hundred bytes of nested entities ("billion laughs") or one huge entity repeated (quadratic blowup) expand to gigabytes and exhaust the worker\'s memory and CPU: one upload or API request takes the site down. Whether the installed Expat limits this depends on the system library (2.4.1 and later do); `defusedxml` refuses such documents whatever the version, and also blocks external entities and DTD retrieval.',
      example: {
        bad: [
          'import xml.sax',
          '',
          'def import_catalogue(upload, handler):',
          '    xml.sax.parse(upload, handler)',
        ].join('\n'),
        good: [
          'import defusedxml.sax',
          '',
          'def import_catalogue(upload, handler):',
          '    defusedxml.sax.parse(upload, handler)',
        ].join('\n'),
      },
      howToFix: 'Use `defusedxml.sax.parse()`, `parseString()` and `make_parser()`: same signatures, with readers that reject entity declarations and external references. Never enable `xml.sax.handler.feature_external_ges` on a reader that sees documents you did not write: it makes the parser fetch external entities, local files included (XXE).',
      references: [
        { title: 'Python: xml.sax', url: 'https://docs.python.org/3/library/xml.sax.html' },
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
          ? `${MODULE}.${name}() on a constant document: harmless unless the text changes; defusedxml.sax is the safe habit`
          : `${MODULE}.${name}() parses XML without protection against entity expansion: use defusedxml.sax`,
        ...(constant ? { confidence: 'low' as const } : {}),
      });
    };
    return Object.fromEntries([...CALLS.keys()].map((name) => [`call:${MODULE}.${name}`, check]));
  },
});
