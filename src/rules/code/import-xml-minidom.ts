import { definePythonRule } from '../../core/rule.js';
import { defusedStdlib, riskyImportVisitors } from '../support/risky-import.js';

const MODULE = 'xml.dom.minidom';

/** Names of minidom that build or describe documents; only parse() and parseString() read XML. */
const QUIET = new Set(
  [
    'Document',
    'DocumentFragment',
    'DocumentType',
    'DOMImplementation',
    'getDOMImplementation',
    'Element',
    'Attr',
    'Text',
    'Comment',
    'CDATASection',
    'ProcessingInstruction',
    'Entity',
    'Notation',
    'NamedNodeMap',
    'Node',
    'TypeInfo',
  ].map((n) => `${MODULE}.${n}`),
);

export default definePythonRule({
  meta: {
    code: 'PY408',
    name: 'import-xml-minidom',
    family: 'code',
    severity: 'low',
    confidence: 'high',
    cwe: [20, 776],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: ['B408'],
    status: 'stable',
    summary: 'xml.dom.minidom is imported for parsing, and the standard-library XML parsers are not hardened against malicious XML.',
    fix: 'Parse untrusted XML with defusedxml.minidom (same parse/parseString API), and keep xml.dom.minidom for building documents.',
    docs: {
      whatItDoes:
        'Reports imports of `xml.dom.minidom` (plain, `from … import`, and dynamic imports through ' +
        '`importlib.import_module` or `__import__`). Quieter than Bandit in two cases: a `from xml.dom.minidom ' +
        'import …` that takes only document-building names (`Document`, `Element`, `getDOMImplementation`, …) is ' +
        'not reported, since only `parse()` and `parseString()` read XML; and module imports are not reported when ' +
        'the same file calls `defusedxml.defuse_stdlib()`. The parsing calls themselves are reported by PY318.',
      whyItMatters:
        'minidom loads the whole document into memory and expands the entities it declares. An entity-expansion ' +
        'document ("billion laughs") or one with huge tokens can exhaust a worker; how far that goes depends on the ' +
        'libexpat version the interpreter uses, which varies across builds. Django projects parse XML from payment ' +
        'providers, SAML identity providers, RSS feeds and uploads — all of it input an attacker can shape.',
      example: {
        bad: [
          'from xml.dom import minidom',
          '',
          'def read_invoice(request):',
          '    document = minidom.parseString(request.body)',
        ].join('\n'),
        good: [
          'from defusedxml import minidom',
          '',
          'def read_invoice(request):',
          '    document = minidom.parseString(request.body)  # raises on entity declarations',
        ].join('\n'),
      },
      howToFix:
        'Install `defusedxml` and call `defusedxml.minidom.parse()` / `parseString()` for any XML from outside; the ' +
        'returned documents are ordinary minidom objects. To generate XML, importing `Document` or ' +
        '`getDOMImplementation` from `xml.dom.minidom` by name is safe and keeps this rule quiet.',
      references: [
        { title: 'Python: XML vulnerabilities', url: 'https://docs.python.org/3/library/xml.html#xml-vulnerabilities' },
        { title: 'Python: xml.dom.minidom', url: 'https://docs.python.org/3/library/xml.dom.minidom.html' },
        { title: 'defusedxml', url: 'https://github.com/tiran/defusedxml' },
        { title: 'CWE-776: Recursive Entity References in DTDs (XML Entity Expansion)', url: 'https://cwe.mitre.org/data/definitions/776.html' },
        { title: 'Bandit B408: import_xml_minidom', url: 'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html#b408-import-xml-minidom' },
      ],
      limitations:
        '`from xml.dom import minidom` is reported even when the module only builds documents; import the building ' +
        'names directly to make that visible. `defusedxml.defuse_stdlib()` is only seen when called in the same file.',
    },
  },
  create: (context) =>
    riskyImportVisitors(context, {
      modules: [MODULE],
      harmless: (name) => QUIET.has(name),
      remedy: defusedStdlib([MODULE]),
      message: (name) => `${name} imported: the standard-library XML parsers are not hardened against malicious XML; parse untrusted input with defusedxml.minidom`,
    }),
});
