import { definePythonRule } from '../../core/rule.js';
import { xmlParseVisitors, XML_PARSE_REFERENCES } from '../support/xml-parse.js';

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
        ...XML_PARSE_REFERENCES,
      ],
      limitations: 'A project-wide `defusedxml.defuse_stdlib()` call is not taken into account; suppress the findings if you rely on it.',
    },
  },
  create: (context) =>
    xmlParseVisitors(context, {
      module: 'xml.dom.pulldom',
      // Bandit B319's list, with the keyword of the XML text.
      calls: { parse: null, parseString: 'string' },
      defused: 'defusedxml.pulldom',
    }),
});
