import { definePythonRule } from '../../core/rule.js';
import { ELEMENTTREE_CALLS, xmlParseVisitors, XML_PARSE_LIMITATIONS, XML_PARSE_REFERENCES } from '../support/xml-parse.js';

export default definePythonRule({
  meta: {
    code: 'PY313',
    name: 'xml-celementtree-parse',
    family: 'code',
    severity: 'medium',
    confidence: 'high',
    cwe: [20, 776, 611],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: ['B313'],
    status: 'stable',
    summary: 'Untrusted XML may be parsed with xml.etree.cElementTree, which does not guard against entity-expansion attacks.',
    fix: 'Parse with defusedxml.ElementTree (same API) instead of xml.etree.cElementTree.',
    docs: {
      whatItDoes: 'Reports `parse()`, `iterparse()`, `fromstring()` and `XMLParser()` of `xml.etree.cElementTree` (Bandit\'s list), plus `XML()`, `fromstringlist()` and `XMLPullParser()`, which are the same parsers under other names, through any import or alias. `cElementTree` is the old C accelerator of ElementTree, removed in Python 3.9; code that still imports it is old code worth revisiting. A parser passed as `parser=` to one of these calls is reported once, on the outer call. When the XML is a literal string the finding has low confidence. Calls into `defusedxml` are never reported.',
      whyItMatters: 'Expat, the parser behind the standard library\'s XML modules, expands entities defined in the document\'s DTD. A few hundred bytes of nested entities ("billion laughs") or one huge entity repeated (quadratic blowup) expand to gigabytes and exhaust the worker\'s memory and CPU: one upload or API request takes the site down. Whether the installed Expat limits this depends on the system library (2.4.1 and later do); `defusedxml` refuses such documents whatever the version, and also blocks external entities and DTD retrieval.',
      example: {
        bad: [
          'import xml.etree.cElementTree as ET',
          '',
          'def import_products(request):',
          '    root = ET.fromstring(request.body)',
        ].join('\n'),
        good: [
          'import defusedxml.ElementTree as ET',
          '',
          'def import_products(request):',
          '    root = ET.fromstring(request.body)',
        ].join('\n'),
      },
      howToFix: 'Import `defusedxml.ElementTree` instead: it has the same `parse()`, `iterparse()`, `fromstring()` and `XMLParser` and raises an exception on entity declarations. On Python 3.9 and later `xml.etree.cElementTree` no longer exists, so the import must change anyway.',
      references: [
        { title: 'Python: xml.etree.ElementTree', url: 'https://docs.python.org/3/library/xml.etree.elementtree.html' },
        ...XML_PARSE_REFERENCES,
      ],
      limitations: XML_PARSE_LIMITATIONS,
    },
  },
  create: (context) =>
    xmlParseVisitors(context, {
      module: 'xml.etree.cElementTree',
      calls: ELEMENTTREE_CALLS,
      defused: 'defusedxml.ElementTree',
      parserClass: 'XMLParser',
    }),
});
