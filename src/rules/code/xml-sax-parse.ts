import { definePythonRule } from '../../core/rule.js';
import { xmlParseVisitors, XML_PARSE_REFERENCES } from '../support/xml-parse.js';

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
        ...XML_PARSE_REFERENCES,
      ],
      limitations: 'A project-wide `defusedxml.defuse_stdlib()` call is not taken into account; suppress the findings if you rely on it.',
    },
  },
  create: (context) =>
    xmlParseVisitors(context, {
      module: 'xml.sax',
      // Bandit B317's list, with the keyword of the XML text.
      calls: { parse: null, parseString: 'string', make_parser: null },
      defused: 'defusedxml.sax',
    }),
});
