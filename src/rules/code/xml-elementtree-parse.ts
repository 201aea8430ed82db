import { definePythonRule } from '../../core/rule.js';
import { ELEMENTTREE_CALLS, xmlParseVisitors, XML_PARSE_LIMITATIONS, XML_PARSE_REFERENCES } from '../support/xml-parse.js';

export default definePythonRule({
  meta: {
    code: 'PY314',
    name: 'xml-elementtree-parse',
    family: 'code',
    severity: 'medium',
    confidence: 'high',
    cwe: [20, 776, 611],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: ['B314'],
    status: 'stable',
    summary: 'Untrusted XML may be parsed with xml.etree.ElementTree, which does not guard against entity-expansion attacks.',
    fix: 'Parse with defusedxml.ElementTree (same API) instead of xml.etree.ElementTree.',
    docs: {
      whatItDoes: 'Reports `parse()`, `iterparse()`, `fromstring()` and `XMLParser()` of `xml.etree.ElementTree` (Bandit\'s list), plus `XML()`, `fromstringlist()` and `XMLPullParser()`, which are the same parsers under other names, through any import or alias (`import xml.etree.ElementTree as ET`). A parser passed as `parser=` to one of these calls is reported once, on the outer call. When the XML is a literal string the finding has low confidence. Calls into `defusedxml` are never reported.',
      whyItMatters: 'Expat, the parser behind the standard library\'s XML modules, expands entities defined in the document\'s DTD. A few hundred bytes of nested entities ("billion laughs") or one huge entity repeated (quadratic blowup) expand to gigabytes and exhaust the worker\'s memory and CPU: one upload or API request takes the site down. Whether the installed Expat limits this depends on the system library (2.4.1 and later do); `defusedxml` refuses such documents whatever the version, and also blocks external entities and DTD retrieval.',
      example: {
        bad: [
          'import xml.etree.ElementTree as ET',
          '',
          'def sitemap_upload(request):',
          '    tree = ET.parse(request.FILES["sitemap"])',
        ].join('\n'),
        good: [
          'import defusedxml.ElementTree as ET',
          '',
          'def sitemap_upload(request):',
          '    tree = ET.parse(request.FILES["sitemap"])',
        ].join('\n'),
      },
      howToFix: 'Import `defusedxml.ElementTree` instead of `xml.etree.ElementTree` for parsing: the functions have the same names and return the same `Element` objects, so usually only the import changes. Keep `xml.etree.ElementTree` for building and serialising XML, which is safe. For uploads, also cap the request size (`DATA_UPLOAD_MAX_MEMORY_SIZE`, `FILE_UPLOAD_MAX_MEMORY_SIZE`).',
      references: [
        { title: 'Python: xml.etree.ElementTree', url: 'https://docs.python.org/3/library/xml.etree.elementtree.html' },
        ...XML_PARSE_REFERENCES,
      ],
      limitations: XML_PARSE_LIMITATIONS,
    },
  },
  create: (context) =>
    xmlParseVisitors(context, {
      module: 'xml.etree.ElementTree',
      calls: ELEMENTTREE_CALLS,
      defused: 'defusedxml.ElementTree',
      parserClass: 'XMLParser',
    }),
});
