import { definePythonRule } from '../../core/rule.js';
import { xmlParseVisitors, XML_PARSE_REFERENCES } from '../support/xml-parse.js';

export default definePythonRule({
  meta: {
    code: 'PY316',
    name: 'xml-expatbuilder-parse',
    family: 'code',
    severity: 'medium',
    confidence: 'high',
    cwe: [20, 776, 611],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: ['B316'],
    status: 'stable',
    summary: 'Untrusted XML may be parsed with xml.dom.expatbuilder, which does not guard against entity-expansion attacks.',
    fix: 'Parse with defusedxml.expatbuilder (or defusedxml.minidom) instead of xml.dom.expatbuilder.',
    docs: {
      whatItDoes: 'Reports `parse()` and `parseString()` of `xml.dom.expatbuilder`, the internal builder behind `minidom`, through any import or alias. When the XML is a literal string the finding has low confidence. Calls into `defusedxml` are never reported.',
      whyItMatters: 'Expat, the parser behind the standard library\'s XML modules, expands entities defined in the document\'s DTD. A few hundred bytes of nested entities ("billion laughs") or one huge entity repeated (quadratic blowup) expand to gigabytes and exhaust the worker\'s memory and CPU: one upload or API request takes the site down. Whether the installed Expat limits this depends on the system library (2.4.1 and later do); `defusedxml` refuses such documents whatever the version, and also blocks external entities and DTD retrieval.',
      example: {
        bad: [
          'from xml.dom import expatbuilder',
          '',
          'def read_invoice(upload):',
          '    document = expatbuilder.parse(upload)',
        ].join('\n'),
        good: [
          'from defusedxml import expatbuilder',
          '',
          'def read_invoice(upload):',
          '    document = expatbuilder.parse(upload)',
        ].join('\n'),
      },
      howToFix: 'Use `defusedxml.expatbuilder.parse()` / `parseString()`, or the higher-level `defusedxml.minidom`, which reject entity declarations and external references. `xml.dom.expatbuilder` is an undocumented internal module; application code rarely needs it.',
      references: [
        { title: 'Python: xml.dom.minidom', url: 'https://docs.python.org/3/library/xml.dom.minidom.html' },
        ...XML_PARSE_REFERENCES,
      ],
    },
  },
  create: (context) =>
    xmlParseVisitors(context, {
      module: 'xml.dom.expatbuilder',
      // Bandit B316's list, with the keyword of the XML text.
      calls: { parse: null, parseString: 'string' },
      defused: 'defusedxml.expatbuilder',
    }),
});
