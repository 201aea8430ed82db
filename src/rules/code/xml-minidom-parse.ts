import { definePythonRule } from '../../core/rule.js';
import { xmlParseVisitors, XML_PARSE_REFERENCES } from '../support/xml-parse.js';

export default definePythonRule({
  meta: {
    code: 'PY318',
    name: 'xml-minidom-parse',
    family: 'code',
    severity: 'medium',
    confidence: 'high',
    cwe: [20, 776, 611],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: ['B318'],
    status: 'stable',
    summary: 'Untrusted XML may be parsed with xml.dom.minidom, which does not guard against entity-expansion attacks.',
    fix: 'Parse with defusedxml.minidom (parse, parseString) instead of xml.dom.minidom.',
    docs: {
      whatItDoes: 'Reports `xml.dom.minidom.parse()` and `parseString()`, through any import or alias. When the XML is a literal string the finding has low confidence. Calls into `defusedxml` are never reported.',
      whyItMatters: 'Expat, the parser behind the standard library\'s XML modules, expands entities defined in the document\'s DTD. A few hundred bytes of nested entities ("billion laughs") or one huge entity repeated (quadratic blowup) expand to gigabytes and exhaust the worker\'s memory and CPU: one upload or API request takes the site down. Whether the installed Expat limits this depends on the system library (2.4.1 and later do); `defusedxml` refuses such documents whatever the version, and also blocks external entities and DTD retrieval.',
      example: {
        bad: [
          'from xml.dom import minidom',
          '',
          'def saml_response(request):',
          '    document = minidom.parseString(request.POST["SAMLResponse"])',
        ].join('\n'),
        good: [
          'from defusedxml import minidom',
          '',
          'def saml_response(request):',
          '    document = minidom.parseString(request.POST["SAMLResponse"])',
        ].join('\n'),
      },
      howToFix: 'Import `defusedxml.minidom` instead: `parse()` and `parseString()` keep their signatures and return the same DOM. minidom also builds the whole tree in memory, so limit the size of what you accept (`DATA_UPLOAD_MAX_MEMORY_SIZE`). Using minidom only to pretty-print XML your own code generated is harmless; suppress those lines.',
      references: [
        { title: 'Python: xml.dom.minidom', url: 'https://docs.python.org/3/library/xml.dom.minidom.html' },
        ...XML_PARSE_REFERENCES,
      ],
      limitations: 'A project-wide `defusedxml.defuse_stdlib()` call is not taken into account; suppress the findings if you rely on it.',
    },
  },
  create: (context) =>
    xmlParseVisitors(context, {
      module: 'xml.dom.minidom',
      // Bandit B318's list, with the keyword of the XML text.
      calls: { parse: null, parseString: 'string' },
      defused: 'defusedxml.minidom',
    }),
});
