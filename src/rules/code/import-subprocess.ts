import { definePythonRule } from '../../core/rule.js';

export default definePythonRule({
  meta: {
    code: 'PY404',
    name: 'import-subprocess',
    family: 'code',
    severity: 'low',
    confidence: 'high',
    cwe: [78],
    owasp: ['A03:2021-Injection'],
    aliases: ['B404'],
    status: 'stable',
    summary: 'The subprocess module is imported: the module can start external programs.',
    fix: 'Nothing to change by itself; make sure every subprocess call passes a list of arguments without shell=True.',
    docs: {
      whatItDoes:
        'Reports imports of `subprocess` (`import subprocess`, `from subprocess import run`, and dynamic imports ' +
        'through `importlib.import_module("subprocess")` or `__import__`). It marks the modules that can start ' +
        'external programs, so a reviewer knows where to look; the calls themselves are judged by PY602–PY607.',
      whyItMatters:
        'A web process that starts programs turns any injection into command execution on the server. Knowing which ' +
        'modules can do it keeps the reviewing surface small; in most Django code the answer should be "none".',
      example: {
        bad: ['import subprocess', '', 'def thumbnail(path):', '    subprocess.run(["convert", path, "thumb.png"], check=True)'].join('\n'),
        good: ['from PIL import Image', '', 'def thumbnail(path):', '    Image.open(path).resize((128, 128)).save("thumb.png")'].join('\n'),
      },
      howToFix:
        'Prefer a library over an external program. Where a program is needed, call it with a list of arguments, an ' +
        'absolute executable path and no `shell=True`, and validate every argument that comes from a request.',
      references: [
        { title: 'Python: subprocess security considerations', url: 'https://docs.python.org/3/library/subprocess.html#security-considerations' },
        { title: 'CWE-78: OS Command Injection', url: 'https://cwe.mitre.org/data/definitions/78.html' },
        { title: 'Bandit B404: import_subprocess', url: 'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html#b404-import-subprocess' },
      ],
    },
  },
  create(context) {
    return {
      'import:subprocess': (node) => {
        context.report({ node, message: 'subprocess imported: this module can start external programs' });
      },
    };
  },
});
