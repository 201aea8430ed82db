import { stringListOption } from '../../core/rule-options.js';
import { definePythonRule, type RuleOptionSpec } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field } from '../../python/ast.js';
import type { PythonModule } from '../../python/module.js';
import { stringParts } from '../../python/literal.js';

const TMP_DIRS = {
  name: 'tmp_dirs',
  type: 'string-list',
  default: ['/tmp', '/var/tmp', '/dev/shm'],
  description: 'Path prefixes of shared temporary directories (Bandit\'s `hardcoded_tmp_directory.tmp_dirs`); setting it replaces the default list.',
} as const satisfies RuleOptionSpec;

/** The text a string starts with: the whole value of a literal, or an f-string's text before its first field. */
function leadingText(node: PyNode, module: PythonModule): string | undefined {
  const value = module.literal(node);
  if (value) return value.kind === 'str' ? value.value : undefined;
  const parts = node.type === 'concatenated_string' ? node.children.filter((c) => c.type === 'string') : [node];
  let text = '';
  for (const part of parts) {
    const info = stringParts(part, module.source);
    if (!info || info.isBytes) return undefined;
    if (info.interpolations.length === 0) {
      const literal = module.literal(part);
      if (literal?.kind !== 'str') return undefined;
      text += literal.value;
      continue;
    }
    for (const child of part.children) {
      if (child.type === 'interpolation') return text;
      if (child.type === 'string_content') text += module.text(child);
    }
  }
  return text;
}

/** `tempfile.mkstemp(dir="/tmp")` and friends: the directory of a file the tempfile module creates safely. */
function isTempfileDir(node: PyNode, module: PythonModule): boolean {
  const keyword = node.parent;
  if (keyword?.type !== 'keyword_argument') return false;
  const name = field(keyword, 'name');
  const call = keyword.parent?.parent;
  if (!name || module.text(name) !== 'dir' || call?.type !== 'call') return false;
  return module.qualifiedName(call)?.startsWith('tempfile.') ?? false;
}

export default definePythonRule({
  meta: {
    code: 'PY108',
    name: 'hardcoded-tmp-directory',
    family: 'code',
    severity: 'medium',
    confidence: 'medium',
    cwe: [377],
    owasp: ['A01:2021-Broken Access Control'],
    aliases: ['B108'],
    status: 'stable',
    summary: 'A fixed path in a shared temporary directory (/tmp, /var/tmp, /dev/shm) is used.',
    fix: 'Create temporary files with tempfile.NamedTemporaryFile(), mkstemp() or TemporaryDirectory() instead of a fixed /tmp path.',
    docs: {
      whatItDoes:
        'Reports string literals — and f-strings by their text before the first replacement field — that start ' +
        'with one of the shared temporary directories: `/tmp`, `/var/tmp` and `/dev/shm` by default, or the ' +
        '`tmp_dirs` option (Bandit\'s B108 criteria, prefix match included). Docstrings are not reported, nor the ' +
        '`dir=` argument of a `tempfile` function, which creates its file safely whatever the directory.',
      whyItMatters:
        'Every local account and service can write in `/tmp`. A fixed name there can be created first by someone ' +
        'else — as a symbolic link to a file the web process may write (a settings module, a log, `.ssh/authorized_keys`), ' +
        'or as a file with content the process will trust. The process then overwrites the wrong file, or reads ' +
        'planted data; and whatever it writes there (exports, uploads, caches) is readable by others unless the ' +
        'mode says otherwise.',
      example: {
        bad: ['def export_orders(rows):', '    path = "/tmp/orders.csv"', '    with open(path, "w") as handle:', '        write_rows(handle, rows)', '    return path'].join('\n'),
        good: [
          'import tempfile',
          '',
          'def export_orders(rows):',
          '    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as handle:',
          '        write_rows(handle, rows)',
          '    return handle.name',
        ].join('\n'),
      },
      howToFix:
        'Let `tempfile` create the file or directory with an unpredictable name and private permissions: ' +
        '`NamedTemporaryFile()`, `mkstemp()`, `TemporaryDirectory()` or `mkdtemp()`. For data that must persist, ' +
        'use a directory owned by the application (outside `/tmp`) from settings, such as `MEDIA_ROOT` or a ' +
        'dedicated path. Django\'s `FILE_UPLOAD_TEMP_DIR` should point at such a private directory too.',
      references: [
        { title: 'Python: tempfile', url: 'https://docs.python.org/3/library/tempfile.html' },
        { title: 'Django settings: FILE_UPLOAD_TEMP_DIR', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#file-upload-temp-dir' },
        { title: 'CWE-377: Insecure Temporary File', url: 'https://cwe.mitre.org/data/definitions/377.html' },
        { title: 'Bandit B108: hardcoded_tmp_directory', url: 'https://bandit.readthedocs.io/en/latest/plugins/b108_hardcoded_tmp_directory.html' },
      ],
      limitations:
        'Paths built at run time (`os.path.join(tempfile.gettempdir(), "x")`, `"/" + "tmp"`) are not followed. As ' +
        'in Bandit, the match is a plain prefix: `"/tmpfiles"` matches `/tmp`.',
    },
    options: [TMP_DIRS],
  },
  create(context) {
    const { module } = context;
    const prefixes = stringListOption(context.options, TMP_DIRS).filter((p) => p !== '');
    if (prefixes.length === 0) return {};
    const check = (node: PyNode): void => {
      if (node.parent?.type === 'concatenated_string' || node.parent?.type === 'expression_statement') return;
      // Cheap test first: a single literal without escapes holds the prefix in its source text.
      const raw = module.source.slice(node.start, node.end);
      if (node.type === 'string' && !raw.includes('\\') && !prefixes.some((prefix) => raw.includes(prefix))) return;
      const text = leadingText(node, module);
      const prefix = text !== undefined ? prefixes.find((p) => text.startsWith(p)) : undefined;
      if (prefix === undefined || isTempfileDir(node, module)) return;
      const shown = text!.length > 60 ? `${text!.slice(0, 57)}...` : text!;
      context.report({ node, message: `"${shown}" is a fixed path in the shared directory ${prefix}: another local user can create or replace it first` });
    };
    return { string: check, concatenated_string: check };
  },
});
