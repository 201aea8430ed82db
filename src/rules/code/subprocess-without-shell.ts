import { definePythonRule } from '../../core/rule.js';
import { abbreviate } from '../../python/expressions.js';
import { callVisitors, commandArgument, isConstantCommand, shellInjectionNames, shellKeyword, SUBPROCESS_OPTION } from '../../python/shell.js';

export default definePythonRule({
  meta: {
    code: 'PY603',
    name: 'subprocess-without-shell',
    family: 'code',
    severity: 'low',
    confidence: 'high',
    cwe: [78],
    owasp: ['A03:2021-Injection'],
    aliases: ['B603'],
    status: 'stable',
    summary: 'A subprocess function starts a program (without a shell): check that no argument comes from untrusted input.',
    fix: 'Use an absolute program path and validate every argument that comes from a request; put "--" before user-supplied arguments.',
    docs: {
      whatItDoes:
        'Reports calls to `subprocess.Popen`, `call`, `check_call`, `check_output` and `run` (or the names in the ' +
        '`subprocess` option) that do not pass a truthy `shell=`; PY602 covers the shell case. Unlike Bandit, which ' +
        'gives every such call the same low severity, a call whose arguments are all constants (`["git", "rev-parse", ' +
        '"HEAD"]`, a name only assigned such a list, `sys.executable`) is only informational; a call with any ' +
        'argument computed at run time keeps low severity.',
      whyItMatters:
        'Without a shell, a value cannot inject a new command, but it still decides what the program does: an ' +
        'argument that starts with `-` becomes an option (`--output=/etc/cron.d/x`, `-oProxyCommand=…` for ssh, ' +
        '`--upload-pack` for git), and a variable program name runs whatever binary the attacker names. Keeping a ' +
        'list of the places that start programs with computed arguments makes those values easy to review.',
      example: {
        bad: [
          'import subprocess',
          '',
          'def fetch_repo(request):',
          '    url = request.POST["url"]',
          '    subprocess.run(["git", "clone", url, "/srv/repos/new"], check=True)',
        ].join('\n'),
        good: [
          'import subprocess',
          '',
          'def fetch_repo(request):',
          '    form = RepoForm(request.POST)  # URLField limited to https:// on an allow-listed host',
          '    if form.is_valid():',
          '        url = form.cleaned_data["url"]',
          '        subprocess.run(["/usr/bin/git", "clone", "--", url, "/srv/repos/new"], check=True)',
        ].join('\n'),
      },
      howToFix:
        'Call the program by its absolute path, pass arguments as a list, validate each request-supplied argument ' +
        'against an allow-list or a strict pattern (a Django form does this well), and put `--` before them so the ' +
        'program never reads them as options. Where a Python library does the job, prefer it to an external program.',
      references: [
        { title: 'Python: subprocess security considerations', url: 'https://docs.python.org/3/library/subprocess.html#security-considerations' },
        { title: 'CWE-78: OS Command Injection', url: 'https://cwe.mitre.org/data/definitions/78.html' },
        { title: 'CWE-88: Argument Injection', url: 'https://cwe.mitre.org/data/definitions/88.html' },
        { title: 'Bandit B603: subprocess_without_shell_equals_true', url: 'https://bandit.readthedocs.io/en/latest/plugins/b603_subprocess_without_shell_equals_true.html' },
      ],
      limitations:
        'Whether a computed argument comes from a request is not traced here. Options: `subprocess` (qualified ' +
        "names) replaces the list of subprocess functions, as in Bandit's `shell_injection` block.",
    },
    options: [SUBPROCESS_OPTION],
  },
  create(context) {
    const { module } = context;
    const names = shellInjectionNames(context.options);
    return callVisitors(names.subprocess, module, (node, name) => {
      if (shellKeyword(node, module).shell) return; // PY602
      const callee = name.split('.').pop()!;
      const command = commandArgument(node, module);
      if (command && isConstantCommand(command, module)) {
        context.report({ node, message: `${callee}() starts a program with constant arguments`, severity: 'info' });
        return;
      }
      context.report({
        node,
        message: command
          ? `${callee}() starts a program with arguments computed at run time (\`${abbreviate(module.text(command))}\`): check that none comes from untrusted input`
          : `${callee}() starts a program: check that its arguments do not come from untrusted input`,
      });
    });
  },
});
