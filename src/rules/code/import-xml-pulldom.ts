import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field, fields } from '../../python/ast.js';
import type { PythonModule } from '../../python/module.js';

const MODULE = 'xml.dom.pulldom';

/** pulldom's event-type constants: comparing events parses nothing. */
const QUIET = new Set(
  ['START_ELEMENT', 'END_ELEMENT', 'COMMENT', 'START_DOCUMENT', 'END_DOCUMENT', 'PROCESSING_INSTRUCTION', 'IGNORABLE_WHITESPACE', 'CHARACTERS'].map(
    (n) => `${MODULE}.${n}`,
  ),
);

/** Absolute names an import brings in (`from a import b, c` → `a.b`, `a.c`); the engine passes only the first match. */
function importedNames(module: PythonModule, node: PyNode, first: string): string[] {
  const clean = (n: PyNode | undefined): string => (n ? module.text(n).replace(/\s+/g, '') : '');
  const nameOf = (c: PyNode): string => clean(c.type === 'aliased_import' ? field(c, 'name') : c);
  if (node.type === 'import_statement') return node.children.filter((c) => c.type === 'dotted_name' || c.type === 'aliased_import').map(nameOf);
  if (node.type !== 'import_from_statement') return [first];
  const base = clean(field(node, 'module_name'));
  if (node.children.some((c) => c.type === 'wildcard_import')) return [`${base}.*`];
  return fields(node, 'name').map((c) => `${base}.${nameOf(c)}`);
}

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
  create(context) {
    const { module } = context;
    const pending = new Map<PyNode, { name: string; moduleImport: boolean }>();
    let defused = false;
    return {
      'import:xml.dom.pulldom': (node, first) => {
        const names = importedNames(module, node, first ?? MODULE).filter((n) => n === MODULE || n.startsWith(`${MODULE}.`));
        const loud = names.filter((n) => !QUIET.has(n));
        // The module itself is patched by defuse_stdlib(); a function imported by name stays the original one.
        if (loud[0] !== undefined) pending.set(node, { name: loud[0], moduleImport: loud.every((n) => n === MODULE) });
      },
      'call:defusedxml.defuse_stdlib': () => {
        defused = true;
      },
      'module:exit': () => {
        for (const [node, { name, moduleImport }] of pending) {
          if (defused && moduleImport) continue;
          context.report({ node, message: `${name} imported: the standard-library XML parsers are not hardened against malicious XML; parse untrusted input with defusedxml.pulldom` });
        }
      },
    };
  },
});
