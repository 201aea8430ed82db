import { definePythonRule } from '../../core/rule.js';

export default definePythonRule({
  meta: {
    code: 'PY306',
    name: 'tempfile-mktemp',
    family: 'code',
    severity: 'medium',
    confidence: 'high',
    cwe: [377],
    owasp: ['A01:2021-Broken Access Control'],
    aliases: ['B306'],
    status: 'stable',
    summary: 'tempfile.mktemp() returns a file name that another process can create first.',
    fix: 'Use tempfile.NamedTemporaryFile(), mkstemp() or TemporaryDirectory(), which create the file atomically.',
    docs: {
      whatItDoes: 'Reports calls to `tempfile.mktemp()`, through any import or alias.',
      whyItMatters:
        '`mktemp()` only returns a name that did not exist a moment ago; the file is created later, by your code. In ' +
        'between, another local user or process can create that path — often as a symlink to a file the Django process ' +
        'may write, such as a settings module or a log — so your code overwrites the wrong file or reads data the ' +
        'attacker planted. Python has deprecated the function since 2.3 for this reason.',
      example: {
        bad: [
          'import tempfile',
          '',
          'def export_csv(rows):',
          '    path = tempfile.mktemp(suffix=".csv")',
          '    with open(path, "w") as handle:',
          '        write_rows(handle, rows)',
        ].join('\n'),
        good: [
          'import tempfile',
          '',
          'def export_csv(rows):',
          '    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as handle:',
          '        write_rows(handle, rows)',
        ].join('\n'),
      },
      howToFix:
        'Let the standard library create the file and hand you the open handle: `NamedTemporaryFile()` or ' +
        '`TemporaryFile()` for files, `mkstemp()` when you need a descriptor and a path, `TemporaryDirectory()` for a ' +
        'private directory. For uploads, Django\'s `TemporaryFileUploadHandler` already does this.',
      references: [
        { title: 'Python: tempfile.mktemp() (deprecated)', url: 'https://docs.python.org/3/library/tempfile.html#tempfile.mktemp' },
        { title: 'Django: file uploads and upload handlers', url: 'https://docs.djangoproject.com/en/stable/topics/http/file-uploads/' },
        { title: 'CWE-377: Insecure Temporary File', url: 'https://cwe.mitre.org/data/definitions/377.html' },
        { title: 'Bandit B306: mktemp_q', url: 'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b306-mktemp-q' },
      ],
    },
  },
  create(context) {
    return {
      'call:tempfile.mktemp': (node) => {
        context.report({ node, message: 'tempfile.mktemp() returns a name, not a file: another process can create that path first' });
      },
    };
  },
});
