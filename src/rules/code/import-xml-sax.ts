import { definePythonRule } from '../../core/rule.js';
import { isWithinModule } from '../../python/module.js';
import { defusedStdlib, riskyImportVisitors } from '../support/risky-import.js';

/** Submodules of xml.sax that hold no parser: escaping helpers, handler base classes, reader interfaces. */
const QUIET_SUBMODULES = ['xml.sax.saxutils', 'xml.sax.handler', 'xml.sax.xmlreader', 'xml.sax._exceptions'];
/** Names of xml.sax that cannot parse: handler base classes, exceptions, and the helper submodules. */
const QUIET_NAMES = new Set(
  [
    'ContentHandler',
    'ErrorHandler',
    'InputSource',
    'SAXException',
    'SAXNotRecognizedException',
    'SAXNotSupportedException',
    'SAXParseException',
    'SAXReaderNotAvailable',
    'handler',
    'saxutils',
    'xmlreader',
  ].map((n) => `xml.sax.${n}`),
);
/** Imports that reach the parsers through a module object, which defusedxml.defuse_stdlib() patches. */
const PATCHED_MODULES = ['xml.sax', 'xml.sax.expatreader'];

const isQuiet = (name: string): boolean => QUIET_NAMES.has(name) || QUIET_SUBMODULES.some((m) => isWithinModule(name, m));

export default definePythonRule({
  meta: {
    code: 'PY406',
    name: 'import-xml-sax',
    family: 'code',
    severity: 'low',
    confidence: 'high',
    cwe: [20, 776],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: ['B406'],
    status: 'stable',
    summary: 'xml.sax is imported for parsing, and the standard-library XML parsers are not hardened against malicious XML.',
    fix: 'Parse untrusted XML with defusedxml.sax (same parse/parseString/make_parser API).',
    docs: {
      whatItDoes:
        'Reports imports that give a module access to the SAX parser: `import xml.sax`, `from xml.sax import ' +
        'make_parser`, `xml.sax.expatreader`, and dynamic imports through `importlib.import_module` or `__import__`. ' +
        'Quieter than Bandit, which reports every `xml.sax…` import: the helper modules `xml.sax.saxutils` (the ' +
        '`escape()`/`quoteattr()` functions and `XMLGenerator` many Django projects use to write XML), ' +
        '`xml.sax.handler` and `xml.sax.xmlreader`, and the handler base classes and exceptions imported by name, are ' +
        'not reported — none of them parses. Module imports are not reported either when the same file calls ' +
        '`defusedxml.defuse_stdlib()`. The parsing calls themselves are reported by PY315/PY317.',
      whyItMatters:
        'SAX parsing of a document that declares nested entities ("billion laughs") or very large tokens can exhaust ' +
        'memory and CPU; how well `xml.sax` resists depends on the libexpat it is linked with, which varies across ' +
        'Python builds and operating systems. External entities are no longer fetched by default (Python 3.7.1+), but ' +
        'a handler that turns `feature_external_ges` back on reopens XXE file disclosure. A view that streams a ' +
        'partner\'s XML feed or an uploaded document through SAX can be taken down by a single request.',
      example: {
        bad: [
          'import xml.sax',
          '',
          'def import_feed(request):',
          '    xml.sax.parseString(request.body, FeedHandler())',
        ].join('\n'),
        good: [
          'import defusedxml.sax',
          '',
          'def import_feed(request):',
          '    defusedxml.sax.parseString(request.body, FeedHandler())  # rejects entity declarations',
        ].join('\n'),
      },
      howToFix:
        'Install `defusedxml` and use `defusedxml.sax.parse()`, `parseString()` and `make_parser()` for any XML that ' +
        'comes from outside; handlers written for `xml.sax.handler.ContentHandler` keep working unchanged. Importing ' +
        '`ContentHandler` or `saxutils` from the standard library stays fine.',
      references: [
        { title: 'Python: XML vulnerabilities', url: 'https://docs.python.org/3/library/xml.html#xml-vulnerabilities' },
        { title: 'Python: xml.sax', url: 'https://docs.python.org/3/library/xml.sax.html' },
        { title: 'defusedxml', url: 'https://github.com/tiran/defusedxml' },
        { title: 'CWE-776: Recursive Entity References in DTDs (XML Entity Expansion)', url: 'https://cwe.mitre.org/data/definitions/776.html' },
        { title: 'Bandit B406: import_xml_sax', url: 'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html#b406-import-xml-sax' },
      ],
      limitations:
        'Importing a submodule also binds the `xml` package, so `import xml.sax.saxutils` followed by ' +
        '`xml.sax.parseString(…)` parses without a reported import; the call rules catch that call. ' +
        '`defusedxml.defuse_stdlib()` is only seen when called in the same file.',
    },
  },
  create: (context) =>
    riskyImportVisitors(context, {
      modules: ['xml.sax'],
      harmless: isQuiet,
      remedy: defusedStdlib(PATCHED_MODULES),
      message: (name) => `${name} imported: the standard-library SAX parser is not hardened against malicious XML; parse untrusted input with defusedxml.sax`,
    }),
});
