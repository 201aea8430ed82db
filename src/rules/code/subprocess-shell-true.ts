import { definePythonRule } from '../../core/rule.js';
import { abbreviate } from '../../python/expressions.js';
import { callVisitors, commandArgument, isConstantCommand, shellInjectionNames, shellKeyword, SUBPROCESS_OPTION } from '../../python/shell.js';

export default definePythonRule({
  meta: {
    code: 'PY602',
    name: 'subprocess-shell-true',
    family: 'code',
    severity: 'high',
    confidence: 'high',
    cwe: [78],
    owasp: ['A03:2021-Injection'],
    aliases: ['B602'],
    status: 'stable',
    summary: 'A subprocess function runs its command through a shell (shell=True).',
    fix: 'Pass the command as a list of arguments and drop shell=True; validate any argument that comes from a request.',
    docs: {
      whatItDoes:
        'Reports calls to `subprocess.Popen`, `call`, `check_call`, `check_output` and `run` (through any import or ' +
        'alias, or the names listed in the `subprocess` option) that pass a truthy `shell=` argument. A command that ' +
        'is not a constant (a variable, a formatted string, a list with variable items) is high severity; a constant ' +
        'command (a literal, a list of literals, a name only assigned literals, or text whose only run-time parts are ' +
        '`shlex.quote()` results) is low severity.',
      whyItMatters:
        'With `shell=True` the command string is handed to `/bin/sh`, which interprets `;`, `&&`, `|`, `$(…)`, ' +
        'backticks, globs and redirections. Any request value that reaches the string (a file name from an upload, a ' +
        'host name from a form) lets an attacker append their own commands and run them as the web server: read ' +
        'settings and secrets, pivot into the database, install a backdoor. Quoting by hand is easy to get wrong.',
      example: {
        bad: [
          'import subprocess',
          '',
          'def ping(request):',
          '    host = request.GET["host"]',
          '    out = subprocess.check_output(f"ping -c 1 {host}", shell=True)',
          '    return HttpResponse(out, content_type="text/plain")',
        ].join('\n'),
        good: [
          'import subprocess',
          'from django.core.validators import validate_ipv46_address',
          '',
          'def ping(request):',
          '    host = request.GET["host"]',
          '    validate_ipv46_address(host)  # raises ValidationError for anything but an IP address',
          '    out = subprocess.check_output(["/usr/bin/ping", "-c", "1", "--", host])',
          '    return HttpResponse(out, content_type="text/plain")',
        ].join('\n'),
      },
      howToFix:
        'Pass a list (`["/usr/bin/convert", path, "out.png"]`) without `shell=True`: each item reaches the program as ' +
        'one argument and nothing is interpreted. Put `--` before user-supplied arguments so they cannot be read as ' +
        'options, and validate them against an allow-list (a Django form field with a strict pattern). If you really ' +
        'need shell features, build the string from constants and quote every value with `shlex.quote()`. Better ' +
        'still, use a Python library instead of an external program.',
      references: [
        { title: 'Python: subprocess security considerations', url: 'https://docs.python.org/3/library/subprocess.html#security-considerations' },
        { title: 'Python: shlex.quote()', url: 'https://docs.python.org/3/library/shlex.html#shlex.quote' },
        { title: 'CWE-78: OS Command Injection', url: 'https://cwe.mitre.org/data/definitions/78.html' },
        { title: 'Bandit B602: subprocess_popen_with_shell_equals_true', url: 'https://bandit.readthedocs.io/en/latest/plugins/b602_subprocess_popen_with_shell_equals_true.html' },
      ],
      limitations:
        'Whether a non-constant command really holds user input is not traced here (the taint rules do that), so ' +
        'every non-constant command is high severity. A `shell=` value that is not a literal (`shell=use_shell`) ' +
        'counts as a shell, as in Bandit, with medium confidence. Options: `subprocess` (qualified names) replaces ' +
        "the list of subprocess functions, as in Bandit's `shell_injection` block.",
    },
    options: [SUBPROCESS_OPTION],
  },
  create(context) {
    const { module } = context;
    const names = shellInjectionNames(context.options);
    return callVisitors(names.subprocess, module, (node, name) => {
      const shell = shellKeyword(node, module);
      if (!shell.shell) return;
      const command = commandArgument(node, module);
      if (!command) return; // Bandit needs a command to judge; `Popen(**kwargs, shell=True)` is not reported.
      const callee = name.split('.').pop()!;
      const unsure = shell.literal ? {} : { confidence: 'medium' as const };
      if (isConstantCommand(command, module)) {
        context.report({
          node,
          message: `${callee}() runs a constant command through a shell (shell=True): safe today, but a value added later becomes shell code`,
          severity: 'low',
          ...unsure,
        });
        return;
      }
      context.report({
        node,
        message: `${callee}() runs a command built at run time (\`${abbreviate(module.text(command))}\`) through a shell (shell=True): shell metacharacters in it run as commands`,
        ...unsure,
      });
    });
  },
});

