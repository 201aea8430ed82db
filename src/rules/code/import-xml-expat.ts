import { definePythonRule } from '../../core/rule.js';
import { defusedStdlib, riskyImportVisitors } from '../support/risky-import.js';

const MODULE = 'xml.dom.expatbuilder';

export default definePythonRule({
  meta: {
    code: 'PY407',
    name: 'import-xml-expat',
    family: 'code',
    severity: 'low',
    confidence: 'high',
    cwe: [20, 776],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: ['B407'],
    status: 'stable',
    summary: 'xml.dom.expatbuilder is imported: it builds DOM trees with a parser that is not hardened against malicious XML.',
    fix: 'Parse untrusted XML with defusedxml.expatbuilder, or with defusedxml.minidom if a DOM is what you need.',
    docs: {
      whatItDoes:
        'Reports imports of `xml.dom.expatbuilder` (plain, `from … import`, and dynamic imports through ' +
        '`importlib.import_module` or `__import__`), the low-level builder behind `minidom`. A module import is not ' +
        'reported when the same file calls `defusedxml.defuse_stdlib()`, which patches it. The parsing calls ' +
        'themselves are reported by PY316.',
      whyItMatters:
        'The expat builder expands the entities a document declares and accepts arbitrarily large tokens; whether ' +
        'that stays bounded depends on the libexpat the interpreter is linked with, which differs between Python ' +
        'builds. A DOM tree is held entirely in memory, so an entity-expansion document ("billion laughs") sent to a ' +
        'view that builds one can use up the worker\'s memory with a request of a few hundred bytes.',
      example: {
        bad: [
          'from xml.dom import expatbuilder',
          '',
          'def read_manifest(upload):',
          '    document = expatbuilder.parseString(upload.read())',
        ].join('\n'),
        good: [
          'from defusedxml import minidom',
          '',
          'def read_manifest(upload):',
          '    document = minidom.parseString(upload.read())',
        ].join('\n'),
      },
      howToFix:
        'Code rarely needs `expatbuilder` directly: use `defusedxml.minidom.parse()`/`parseString()` for a DOM, or ' +
        '`defusedxml.expatbuilder` where the builder itself is required. Both reject entity declarations and ' +
        'external references whatever the platform\'s expat version.',
      references: [
        { title: 'Python: XML vulnerabilities', url: 'https://docs.python.org/3/library/xml.html#xml-vulnerabilities' },
        { title: 'defusedxml', url: 'https://github.com/tiran/defusedxml' },
        { title: 'CWE-776: Recursive Entity References in DTDs (XML Entity Expansion)', url: 'https://cwe.mitre.org/data/definitions/776.html' },
        { title: 'Bandit B407: import_xml_expat', url: 'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html#b407-import-xml-expat' },
      ],
      limitations: '`defusedxml.defuse_stdlib()` is only seen when called in the same file.',
    },
  },
  create: (context) =>
    riskyImportVisitors(context, {
      modules: [MODULE],
      remedy: defusedStdlib([MODULE]),
      message: () => `${MODULE} imported: its parser is not hardened against malicious XML; parse untrusted input with defusedxml`,
    }),
});
