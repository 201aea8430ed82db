import { definePythonRule } from '../../core/rule.js';
import { xmlParseVisitors, XML_PARSE_REFERENCES } from '../support/xml-parse.js';

export default definePythonRule({
  meta: {
    code: 'PY315',
    name: 'xml-expatreader-parser',
    family: 'code',
    severity: 'medium',
    confidence: 'high',
    cwe: [20, 776, 611],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: ['B315'],
    status: 'stable',
    summary: 'A SAX reader is created with xml.sax.expatreader, which does not guard against entity-expansion attacks.',
    fix: 'Create the reader with defusedxml.expatreader.create_parser() instead.',
    docs: {
      whatItDoes: 'Reports `xml.sax.expatreader.create_parser()`, the low-level constructor of the Expat SAX reader, through any import or alias. Calls into `defusedxml` are never reported.',
      whyItMatters: 'Expat, the parser behind the standard library\'s XML modules, expands entities defined in the document\'s DTD. A few hundred bytes of nested entities ("billion laughs") or one huge entity repeated (quadratic blowup) expand to gigabytes and exhaust the worker\'s memory and CPU: one upload or API request takes the site down. Whether the installed Expat limits this depends on the system library (2.4.1 and later do); `defusedxml` refuses such documents whatever the version, and also blocks external entities and DTD retrieval.',
      example: {
        bad: [
          'from xml.sax import expatreader',
          '',
          'def parse_feed(stream, handler):',
          '    reader = expatreader.create_parser()',
          '    reader.setContentHandler(handler)',
          '    reader.parse(stream)',
        ].join('\n'),
        good: [
          'from defusedxml import expatreader',
          '',
          'def parse_feed(stream, handler):',
          '    reader = expatreader.create_parser()',
          '    reader.setContentHandler(handler)',
          '    reader.parse(stream)',
        ].join('\n'),
      },
      howToFix: 'Use `defusedxml.expatreader.create_parser()`, which returns a reader that rejects entity declarations and external references, or `defusedxml.sax.make_parser()`. Never turn on `feature_external_ges` for documents you did not write: it makes the reader fetch external entities (XXE).',
      references: [
        { title: 'Python: xml.sax', url: 'https://docs.python.org/3/library/xml.sax.html' },
        ...XML_PARSE_REFERENCES,
      ],
    },
  },
  create: (context) =>
    xmlParseVisitors(context, {
      module: 'xml.sax.expatreader',
      // Bandit B315's list.
      calls: { create_parser: null },
      defused: 'defusedxml.expatreader',
    }),
});
