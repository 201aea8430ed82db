import { definePythonRule } from '../../core/rule.js';
import { defusedStdlib, riskyImportVisitors } from '../support/risky-import.js';

const MODULE = 'xml.dom.pulldom';

/** pulldom's event-type constants: comparing events parses nothing. */
const QUIET = new Set(
  ['START_ELEMENT', 'END_ELEMENT', 'COMMENT', 'START_DOCUMENT', 'END_DOCUMENT', 'PROCESSING_INSTRUCTION', 'IGNORABLE_WHITESPACE', 'CHARACTERS'].map(
    (n) => `${MODULE}.${n}`,
  ),
);

export default definePythonRule({
  meta: {
    code: 'PY409',
    name: 'import-xml-pulldom',
    family: 'code',
    severity: 'low',
    confidence: 'high',
    cwe: [20, 776],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: ['B409'],
    status: 'stable',
    summary: 'xml.dom.pulldom is imported for parsing, and the standard-library XML parsers are not hardened against malicious XML.',
    fix: 'Parse untrusted XML with defusedxml.pulldom (same parse/parseString API).',
    docs: {
      whatItDoes:
        'Reports imports of `xml.dom.pulldom` (plain, `from … import`, and dynamic imports through ' +
        '`importlib.import_module` or `__import__`). Quieter than Bandit in two cases: a `from xml.dom.pulldom ' +
        'import …` of only the event constants (`START_ELEMENT`, `CHARACTERS`, …) is not reported, and module imports ' +
        'are not reported when the same file calls `defusedxml.defuse_stdlib()`. The parsing calls themselves are ' +
        'reported by PY319.',
      whyItMatters:
        'pulldom streams a document through the SAX parser and builds DOM fragments on demand, so it inherits SAX\'s ' +
        'exposure: entity-expansion documents ("billion laughs") and huge tokens are bounded only as far as the ' +
        'libexpat the interpreter is linked with bounds them, and that differs between Python builds. Streaming is ' +
        'typically chosen for large imports, exactly the endpoints that accept big untrusted uploads.',
      example: {
        bad: [
          'from xml.dom import pulldom',
          '',
          'def import_products(upload):',
          '    for event, node in pulldom.parse(upload):',
          '        ...',
        ].join('\n'),
        good: [
          'from defusedxml import pulldom',
          '',
          'def import_products(upload):',
          '    for event, node in pulldom.parse(upload):',
          '        ...',
        ].join('\n'),
      },
      howToFix:
        'Install `defusedxml` and switch to `defusedxml.pulldom.parse()` / `parseString()`; the events and nodes are ' +
        'the same. The event constants can stay imported from `xml.dom.pulldom`.',
      references: [
        { title: 'Python: XML vulnerabilities', url: 'https://docs.python.org/3/library/xml.html#xml-vulnerabilities' },
        { title: 'Python: xml.dom.pulldom', url: 'https://docs.python.org/3/library/xml.dom.pulldom.html' },
        { title: 'defusedxml', url: 'https://github.com/tiran/defusedxml' },
        { title: 'CWE-776: Recursive Entity References in DTDs (XML Entity Expansion)', url: 'https://cwe.mitre.org/data/definitions/776.html' },
        { title: 'Bandit B409: import_xml_pulldom', url: 'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html#b409-import-xml-pulldom' },
      ],
      limitations: '`defusedxml.defuse_stdlib()` is only seen when called in the same file.',
    },
  },
  create: (context) =>
    riskyImportVisitors(context, {
      modules: [MODULE],
      harmless: (name) => QUIET.has(name),
      remedy: defusedStdlib([MODULE]),
      message: (name) => `${name} imported: the standard-library XML parsers are not hardened against malicious XML; parse untrusted input with defusedxml.pulldom`,
    }),
});
