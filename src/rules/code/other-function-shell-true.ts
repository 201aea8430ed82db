import { definePythonRule } from '../../core/rule.js';
import { field } from '../../python/ast.js';
import { abbreviate, textIs } from '../../python/expressions.js';
import { commandArgument, isConstantCommand, shellInjectionNames, shellKeyword, SUBPROCESS_OPTION } from '../../python/shell.js';

export default definePythonRule({
  meta: {
    code: 'PY604',
    name: 'other-function-shell-true',
    family: 'code',
    severity: 'medium',
    confidence: 'low',
    cwe: [78],
    owasp: ['A03:2021-Injection'],
    aliases: ['B604'],
    status: 'stable',
    summary: 'A function other than the subprocess ones is called with shell=True, which probably runs its command through a shell.',
    fix: 'Check what the function does with shell=True; pass the command as a list of arguments without a shell if it allows it.',
    docs: {
      whatItDoes:
        'Reports any call that passes a truthy `shell=` keyword and is not one of the subprocess functions PY602 ' +
        'checks: project wrappers such as `run_command(cmd, shell=True)`, task runners, deployment helpers. The ' +
        'name alone cannot say what the function does, so confidence is low; a constant command (a literal or a list ' +
        'of literals) lowers the severity to low.',
      whyItMatters:
        'Helpers that take `shell=True` usually hand it straight to `subprocess`, so they carry the same risk: ' +
        'whatever reaches the command string is interpreted by `/bin/sh`, and a request value in it runs as a shell ' +
        'command on the server. Because the call site does not mention `subprocess`, this path is easy to miss in review.',
      example: {
        bad: [
          'from ops.utils import run_command',
          '',
          'def restart(request, service):',
          '    run_command(f"systemctl restart {service}", shell=True)',
        ].join('\n'),
        good: [
          'from ops.utils import run_command',
          '',
          'ALLOWED = {"worker", "beat"}',
          '',
          'def restart(request, service):',
          '    if service not in ALLOWED:',
          '        raise Http404',
          '    run_command(["/usr/bin/systemctl", "restart", service])',
        ].join('\n'),
      },
      howToFix:
        'Give the helper a list of arguments and let it call `subprocess` without a shell. If a shell is required, ' +
        'build the command from constants and quote every value with `shlex.quote()`, and restrict values to an ' +
        'allow-list.',
      references: [
        { title: 'Python: subprocess security considerations', url: 'https://docs.python.org/3/library/subprocess.html#security-considerations' },
        { title: 'Python: shlex.quote()', url: 'https://docs.python.org/3/library/shlex.html#shlex.quote' },
        { title: 'CWE-78: OS Command Injection', url: 'https://cwe.mitre.org/data/definitions/78.html' },
        { title: 'Bandit B604: any_other_function_with_shell_equals_true', url: 'https://bandit.readthedocs.io/en/latest/plugins/b604_any_other_function_with_shell_equals_true.html' },
      ],
      limitations:
        'Any function with a truthy `shell=` keyword is reported, whatever it does with it; a non-literal value ' +
        "counts as truthy, as in Bandit. Options: `subprocess` (qualified names, as in Bandit's `shell_injection` " +
        'block) lists the functions left to PY602/PY603.',
    },
    options: [SUBPROCESS_OPTION],
  },
  create(context) {
    const { module } = context;
    const names = shellInjectionNames(context.options);
    return {
      keyword_argument(keyword) {
        const key = field(keyword, 'name');
        if (!key || !textIs(module, key, 'shell')) return;
        const call = keyword.parent?.parent;
        if (call?.type !== 'call') return;
        const name = module.qualifiedName(call) ?? module.calleeText(call);
        if (names.subprocess.has(name)) return; // PY602 / PY603
        if (!shellKeyword(call, module).shell) return;
        const command = commandArgument(call, module);
        const constant = command !== undefined && isConstantCommand(command, module);
        context.report({
          node: call,
          message: `${name}() is called with shell=True${command ? ` on \`${abbreviate(module.text(command))}\`` : ''}: it probably runs the command through a shell`,
          ...(constant ? { severity: 'low' as const } : {}),
        });
      },
    };
  },
});
