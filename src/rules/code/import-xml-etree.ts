import { definePythonRule } from '../../core/rule.js';
import { defusedStdlib, riskyImportVisitors } from '../support/risky-import.js';

const MODULES = ['xml.etree.ElementTree', 'xml.etree.cElementTree'];

/** Names that build or serialize XML, or are exceptions and helpers: importing only these parses nothing. */
const BUILDERS = [
  'Element',
  'SubElement',
  'Comment',
  'ProcessingInstruction',
  'PI',
  'QName',
  'TreeBuilder',
  'tostring',
  'tostringlist',
  'dump',
  'indent',
  'iselement',
  'register_namespace',
  'ParseError',
  'VERSION',
];
const QUIET = new Set(MODULES.flatMap((m) => BUILDERS.map((n) => `${m}.${n}`)));

export default definePythonRule({
  meta: {
    code: 'PY405',
    name: 'import-xml-etree',
    family: 'code',
    severity: 'low',
    confidence: 'high',
    cwe: [20, 776],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: ['B405'],
    status: 'stable',
    summary: 'xml.etree.ElementTree (or cElementTree) is imported for parsing, and the standard-library XML parsers are not hardened against malicious XML.',
    fix: 'Parse untrusted XML with defusedxml.ElementTree (same API), and keep xml.etree for building and serializing documents.',
    docs: {
      whatItDoes:
        'Reports imports of `xml.etree.ElementTree` and `xml.etree.cElementTree` (plain, `from … import`, and dynamic ' +
        'imports through `importlib.import_module` or `__import__`). Quieter than Bandit in two cases: a ' +
        '`from xml.etree.ElementTree import …` that takes only names for building and writing XML (`Element`, ' +
        '`SubElement`, `tostring`, `indent`, `ParseError`, …) is not reported, since it cannot parse anything; and ' +
        'module imports are not reported when the same file calls `defusedxml.defuse_stdlib()`, which patches the ' +
        'module\'s parsers. The parsing calls themselves are reported by PY313/PY314.',
      whyItMatters:
        'XML can declare entities that expand to gigabytes ("billion laughs"), tokens that take quadratic time, or ' +
        'external resources. Whether `xml.etree` resists them depends on the libexpat it is linked with: recent ' +
        'expat releases limit entity amplification and huge tokens, but many Python builds use the operating ' +
        'system\'s libexpat, and Python\'s own documentation lists the protection as version-dependent. A Django ' +
        'view that parses an uploaded XML file, a SAML response or a partner\'s feed with `ElementTree` can then be ' +
        'exhausted by one request. `defusedxml` rejects entity declarations outright, whatever the platform.',
      example: {
        bad: [
          'import xml.etree.ElementTree as ET',
          '',
          'def import_catalog(request):',
          '    root = ET.fromstring(request.body)',
        ].join('\n'),
        good: [
          'import defusedxml.ElementTree as ET',
          '',
          'def import_catalog(request):',
          '    root = ET.fromstring(request.body)  # raises on entity declarations',
        ].join('\n'),
      },
      howToFix:
        'Install `defusedxml` and import `defusedxml.ElementTree` wherever XML from outside is parsed: it offers the ' +
        'same `parse()`, `fromstring()` and `iterparse()` and returns standard `Element` objects. Keep importing ' +
        '`Element`, `SubElement` and `tostring` from `xml.etree.ElementTree` for generating XML — that is safe, and ' +
        'importing those names directly keeps this rule quiet.',
      references: [
        { title: 'Python: XML vulnerabilities', url: 'https://docs.python.org/3/library/xml.html#xml-vulnerabilities' },
        { title: 'defusedxml', url: 'https://github.com/tiran/defusedxml' },
        { title: 'CWE-776: Recursive Entity References in DTDs (XML Entity Expansion)', url: 'https://cwe.mitre.org/data/definitions/776.html' },
        { title: 'Bandit B405: import_xml_etree', url: 'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html#b405-import-xml-etree' },
      ],
      limitations:
        '`import xml.etree.ElementTree as ET` is reported even when the module only builds XML; import the building ' +
        'names directly to make that visible. `defusedxml.defuse_stdlib()` is only seen when called in the same file.',
    },
  },
  create: (context) =>
    riskyImportVisitors(context, {
      modules: MODULES,
      harmless: (name) => QUIET.has(name),
      remedy: defusedStdlib(MODULES),
      message: (name) => `${name} imported: the standard-library XML parsers are not hardened against malicious XML; parse untrusted input with defusedxml`,
    }),
});
