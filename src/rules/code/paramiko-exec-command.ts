import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field } from '../../python/ast.js';
import { textIs } from '../../python/expressions.js';
import { isConstantCommand } from '../../python/shell.js';

export default definePythonRule({
  meta: {
    code: 'PY601',
    name: 'paramiko-exec-command',
    family: 'code',
    severity: 'medium',
    confidence: 'medium',
    cwe: [78],
    owasp: ['A03:2021-Injection'],
    aliases: ['B601'],
    status: 'stable',
    summary: 'A command is run on a remote host over SSH (paramiko exec_command), where the remote shell interprets it.',
    fix: 'Build the remote command from constants and quote every value with shlex.quote(); validate values against an allow-list.',
    docs: {
      whatItDoes:
        'Reports `.exec_command(...)` calls in modules that import `paramiko`. The SSH server hands the command ' +
        'string to the remote user\'s shell. A command that is not a constant keeps Bandit\'s medium severity; a ' +
        'constant command (a literal, or a name only assigned literals) or one whose only run-time parts are ' +
        '`shlex.quote()` results, which Bandit reports the same way, is low severity.',
      whyItMatters:
        'Whatever reaches the command string is parsed by the shell on the remote host, so `;`, `&&`, `$(…)` and ' +
        'backticks in a request value (a branch name, a file name, a host alias) run extra commands there, with the ' +
        'privileges of the SSH account your Django app uses, often a deployment or backup account with wide access.',
      example: {
        bad: [
          'import paramiko',
          '',
          'def tail_log(client: paramiko.SSHClient, request):',
          '    name = request.GET["log"]',
          '    _, stdout, _ = client.exec_command(f"tail -n 100 /var/log/app/{name}")',
          '    return stdout.read()',
        ].join('\n'),
        good: [
          'import shlex',
          'import paramiko',
          '',
          'LOGS = {"web": "web.log", "worker": "worker.log"}',
          '',
          'def tail_log(client: paramiko.SSHClient, request):',
          '    name = LOGS[request.GET["log"]]  # KeyError for anything else',
          '    _, stdout, _ = client.exec_command("tail -n 100 -- " + shlex.quote(f"/var/log/app/{name}"))',
          '    return stdout.read()',
        ].join('\n'),
      },
      howToFix:
        'Map request values to a fixed set of allowed values, quote every value placed in the command with ' +
        '`shlex.quote()`, and put `--` before arguments so they are not read as options. Restrict the SSH account ' +
        '(a forced command in `authorized_keys`) so it can only do what the application needs.',
      references: [
        { title: 'Paramiko: SSHClient.exec_command', url: 'https://docs.paramiko.org/en/stable/api/client.html#paramiko.client.SSHClient.exec_command' },
        { title: 'Python: shlex.quote()', url: 'https://docs.python.org/3/library/shlex.html#shlex.quote' },
        { title: 'CWE-78: OS Command Injection', url: 'https://cwe.mitre.org/data/definitions/78.html' },
        { title: 'Bandit B601: paramiko_calls', url: 'https://bandit.readthedocs.io/en/latest/plugins/b601_paramiko_calls.html' },
      ],
      limitations:
        'Any method named `exec_command` counts once the module imports paramiko, as in Bandit, since the type of the ' +
        'client object is not known. Whether a non-constant part comes from a request is the taint rules\' job.',
    },
  },
  create(context) {
    const { module } = context;
    // Bandit's condition: the module imports paramiko. Most files do not even mention it.
    if (!module.source.includes('paramiko')) return {};
    let importsParamiko = false;
    const calls: PyNode[] = [];
    return {
      'import:paramiko': () => {
        importsParamiko = true;
      },
      call(node) {
        const fn = field(node, 'function');
        if (fn?.type !== 'attribute') return;
        const method = field(fn, 'attribute');
        if (method && textIs(module, method, 'exec_command')) calls.push(node);
      },
      // Reported at the end: an import further down the file counts too.
      'module:exit': () => {
        if (!importsParamiko) return;
        for (const node of calls) {
          const command = module.argument(node, 0, 'command');
          const constant = command !== undefined && isConstantCommand(command, module);
          context.report({
            node,
            message: constant ? 'exec_command() runs a constant (or shell-quoted) command through the remote shell' : 'exec_command() runs a command built at run time through the remote shell: shell metacharacters in it run as commands',
            ...(constant ? { severity: 'low' as const } : {}),
          });
        }
      },
    };
  },
});
