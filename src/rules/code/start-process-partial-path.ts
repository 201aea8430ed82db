import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { callVisitors, shellInjectionNames, SUBPROCESS_OPTION, SHELL_OPTION, NO_SHELL_OPTION } from '../../python/shell.js';

/** Bandit's test for a full path: a drive letter (`C:`), or a leading `/`, `\` or `.`. */
const FULL_PATH = /^(?:[A-Za-z](?=:)|[\\/.])/;

export default definePythonRule({
  meta: {
    code: 'PY607',
    name: 'start-process-partial-path',
    family: 'code',
    severity: 'low',
    confidence: 'high',
    cwe: [78, 426],
    owasp: ['A03:2021-Injection'],
    aliases: ['B607'],
    status: 'stable',
    summary: 'A program is started by its bare name, so the PATH environment variable decides which binary runs.',
    fix: 'Start the program by its absolute path (/usr/bin/git), or resolve it once with shutil.which() at startup and check the result.',
    docs: {
      whatItDoes:
        'Reports process-starting calls (the subprocess functions, the shell-running functions and `os.exec*` / ' +
        '`os.spawn*` / `os.startfile`, or the names in the `subprocess`, `shell` and `no_shell` options) whose ' +
        'executable is a string literal without a directory: `"git"`, `["convert", path]`, `"ls -l"`. An absolute or ' +
        'explicitly relative path (`/usr/bin/git`, `./bin/tool`, `C:\\Tools\\x.exe`) is not reported, and neither ' +
        'is an executable held in a variable or built at run time, which this rule cannot judge. A literal `executable=` ' +
        'argument, when present, is the program judged instead of the first list item.',
      whyItMatters:
        'A bare name is looked up in the directories of `PATH`, in order. Whoever can put a file earlier in that ' +
        'list, or change `PATH` for the process (a compromised deployment script, a writable directory such as a ' +
        'virtualenv\'s `bin/` or the current directory on Windows), makes the application run their binary with its ' +
        'arguments and permissions. It also makes behaviour depend on the host: `convert` may be a different program ' +
        'on another server.',
      example: {
        bad: ['import subprocess', '', 'def current_revision():', '    return subprocess.check_output(["git", "rev-parse", "HEAD"], text=True).strip()'].join('\n'),
        good: [
          'import subprocess',
          '',
          'GIT = "/usr/bin/git"',
          '',
          'def current_revision():',
          '    return subprocess.check_output([GIT, "rev-parse", "HEAD"], text=True).strip()',
        ].join('\n'),
      },
      howToFix:
        'Use absolute paths, kept in one place (a setting or a module constant) so operators can adjust them per host. ' +
        'If the location varies, resolve it once with `shutil.which("git")` at startup, check that it lies in a ' +
        'directory you trust, and use the result. Run the web process with a minimal, fixed `PATH`.',
      references: [
        { title: 'Python: subprocess — resolving the executable path', url: 'https://docs.python.org/3/library/subprocess.html#popen-constructor' },
        { title: 'Python: shutil.which()', url: 'https://docs.python.org/3/library/shutil.html#shutil.which' },
        { title: 'CWE-426: Untrusted Search Path', url: 'https://cwe.mitre.org/data/definitions/426.html' },
        { title: 'CWE-78: OS Command Injection', url: 'https://cwe.mitre.org/data/definitions/78.html' },
        { title: 'Bandit B607: start_process_with_partial_path', url: 'https://bandit.readthedocs.io/en/latest/plugins/b607_start_process_with_partial_path.html' },
      ],
      limitations:
        'Only literal executables are judged; a variable holding `"git"` is not followed. For the `os.spawn*` family ' +
        'the executable is the second argument (the first is the mode), which Bandit does not look at. Options: ' +
        "`subprocess`, `shell` and `no_shell`, as in Bandit's `shell_injection` block.",
    },
    options: [SUBPROCESS_OPTION, SHELL_OPTION, NO_SHELL_OPTION],
  },
  create(context) {
    const { module } = context;
    const names = shellInjectionNames(context.options);
    const check = (node: PyNode, name: string): void => {
      const positional = module.positionalArgs(node);
      const isSpawn = /^os\.spawn/.test(name);
      let executable = isSpawn ? (positional[1] ?? module.keywordArg(node, 'file') ?? module.keywordArg(node, 'path')) : (positional[0] ?? module.keywordArg(node, 'args'));
      if (!executable) return;
      // `Popen(["git", …], executable="/usr/bin/git")`: the first item is only argv[0]; the keyword names the program.
      const explicit = module.keywordArg(node, 'executable');
      if (explicit && module.literal(explicit)?.kind === 'str') executable = explicit;
      // An argument list: the program is its first item.
      if (executable.type === 'list' || executable.type === 'tuple') {
        executable = executable.children.find((c) => c.type !== 'comment');
        if (!executable) return;
      }
      const value = module.literal(executable);
      if (value?.kind !== 'str' || value.value === '' || FULL_PATH.test(value.value)) return;
      const program = value.value.trim().split(/\s+/)[0] ?? value.value;
      context.report({ node, message: `${name}() starts "${program}" by a partial path: the PATH environment variable decides which binary runs` });
    };
    return callVisitors(names.all, module, check);
  },
});
