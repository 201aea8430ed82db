import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';

/** Bandit's list: the embeddings, overrides and isolates (and their terminators), plus RIGHT-TO-LEFT MARK. */
const NAMES: Readonly<Record<string, string>> = {
  '\u202A': 'LEFT-TO-RIGHT EMBEDDING',
  '\u202B': 'RIGHT-TO-LEFT EMBEDDING',
  '\u202C': 'POP DIRECTIONAL FORMATTING',
  '\u202D': 'LEFT-TO-RIGHT OVERRIDE',
  '\u202E': 'RIGHT-TO-LEFT OVERRIDE',
  '\u2066': 'LEFT-TO-RIGHT ISOLATE',
  '\u2067': 'RIGHT-TO-LEFT ISOLATE',
  '\u2068': 'FIRST STRONG ISOLATE',
  '\u2069': 'POP DIRECTIONAL ISOLATE',
  '\u200F': 'RIGHT-TO-LEFT MARK',
};
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200F]/g;
const ANY_BIDI = /[\u202A-\u202E\u2066-\u2069\u200F]/;

export default definePythonRule({
  meta: {
    code: 'PY613',
    name: 'bidi-control-characters',
    family: 'code',
    severity: 'high',
    confidence: 'medium',
    cwe: [838],
    owasp: ['A08:2021-Software and Data Integrity Failures'],
    aliases: ['B613'],
    status: 'stable',
    summary: 'The source contains Unicode bidirectional control characters, which can make code display differently from how it runs (Trojan Source).',
    fix: 'Remove the bidirectional control characters; write them as \\u escapes inside string literals where they are really needed.',
    docs: {
      whatItDoes:
        'Scans the whole file (code, strings and comments) for the Unicode characters that change text direction: ' +
        'the embeddings and overrides U+202A–U+202E, the isolates U+2066–U+2069, and the RIGHT-TO-LEFT MARK U+200F. ' +
        'Each line that holds one is reported at the character. Bandit reports only the first one of a file. The ' +
        'mark U+200F cannot reorder text on its own, so it is reported with low confidence.',
      whyItMatters:
        'These invisible characters make editors, diff views and code review tools display the text in a different ' +
        'order than the one Python reads ("Trojan Source", CVE-2021-42574). A pull request can show a harmless ' +
        'comment or string while the interpreter sees an early `return`, a commented-out permission check or a ' +
        'different comparison. Reviewers approve code they did not actually see.',
      example: {
        bad: [
          '# ⟨U+2067⟩ and ⟨U+2069⟩ stand for the invisible characters in the file. Review tools show the',
          '# string as "user", but Python compares with a longer one: no role is ever restricted.',
          'def is_restricted(role):',
          '    return role == "user⟨U+2067⟩ ⟨U+2069⟩"',
        ].join('\n'),
        good: ['def is_restricted(role):', '    return role == "user"'].join('\n'),
      },
      howToFix:
        'Delete the characters (most editors can show them: VS Code highlights them by default). If a string really ' +
        'needs one, for right-to-left text in a message, write it as an escape (`"\\u200f"`) so it is visible in ' +
        'the source. Translations belong in `.po` files handled by gettext, not in Python source.',
      references: [
        { title: 'Trojan Source: Invisible Vulnerabilities', url: 'https://trojansource.codes/' },
        { title: 'CVE-2021-42574', url: 'https://nvd.nist.gov/vuln/detail/CVE-2021-42574' },
        { title: 'Python: PEP 672 – Unicode-related Security Considerations', url: 'https://peps.python.org/pep-0672/' },
        { title: 'CWE-838: Inappropriate Encoding for Output Context', url: 'https://cwe.mitre.org/data/definitions/838.html' },
        { title: 'Bandit B613: trojansource', url: 'https://bandit.readthedocs.io/en/latest/plugins/b613_trojansource.html' },
      ],
      limitations: 'Other invisible or confusable characters (zero-width spaces, homoglyphs in identifiers) are not checked.',
    },
  },
  create(context) {
    const { module } = context;
    // One pass over the text per file; files without these characters cost nothing more.
    if (!ANY_BIDI.test(module.source)) return {};
    return {
      'module:exit': () => {
        let lastLine = 0;
        for (const match of module.source.matchAll(BIDI)) {
          const line = module.lines.lineOf(match.index);
          if (line === lastLine) continue;
          lastLine = line;
          const char = match[0];
          const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
          context.report({
            node: characterNode(module.root, module.source, match.index),
            message: `bidirectional control character ${code} ${NAMES[char] ?? ''}: the code may display differently from how it runs`,
            ...(char === '\u200F' ? { confidence: 'low' as const } : {}),
          });
        }
      },
    };
  },
});

/**
 * A node from the character to the end of its line (within the smallest real node containing it), hung under that
 * node: the finding points at the character, its fingerprint covers the text that follows it, and suppression
 * comments and scopes see the enclosing statement and function as usual.
 */
function characterNode(root: PyNode, source: string, offset: number): PyNode {
  let parent = root;
  for (;;) {
    const child = parent.children.find((c) => c.start <= offset && offset < c.end);
    if (!child) break;
    parent = child;
  }
  const lineEnd = source.slice(offset).search(/[\r\n]/);
  const end = Math.min(lineEnd < 0 ? source.length : offset + lineEnd, parent === root ? source.length : parent.end);
  return { type: 'bidi_character', field: null, start: offset, end: Math.max(end, offset + 1), parent, children: [] };
}
