import { stringListOption } from '../../core/rule-options.js';
import { definePythonRule, type PythonVisitors, type RuleOptionSpec } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import type { PythonModule } from '../../python/module.js';
import type { PyValue } from '../../python/literal.js';
import { isConstantText, stringBuild } from '../../python/strings.js';

// ---------------------------------------------------------------------------------------------------------------
// Bandit's `shell_injection` configuration, shared by PY602–PY607 and PY609 (which import these helpers).

/** Bandit's default `shell_injection` lists (bandit/plugins/injection_shell.py, gen_config). */
export const SHELL_INJECTION_DEFAULTS = {
  subprocess: ['subprocess.Popen', 'subprocess.call', 'subprocess.check_call', 'subprocess.check_output', 'subprocess.run'],
  shell: [
    'os.system',
    'os.popen',
    'os.popen2',
    'os.popen3',
    'os.popen4',
    'popen2.popen2',
    'popen2.popen3',
    'popen2.popen4',
    'popen2.Popen3',
    'popen2.Popen4',
    'commands.getoutput',
    'commands.getstatusoutput',
    'subprocess.getoutput',
    'subprocess.getstatusoutput',
  ],
  no_shell: [
    'os.execl',
    'os.execle',
    'os.execlp',
    'os.execlpe',
    'os.execv',
    'os.execve',
    'os.execvp',
    'os.execvpe',
    'os.spawnl',
    'os.spawnle',
    'os.spawnlp',
    'os.spawnlpe',
    'os.spawnv',
    'os.spawnve',
    'os.spawnvp',
    'os.spawnvpe',
    'os.startfile',
  ],
} as const;

/** The `shell_injection` options, declared by each rule that reads them. */
export const SUBPROCESS_OPTION = {
  name: 'subprocess',
  type: 'string-list',
  default: SHELL_INJECTION_DEFAULTS.subprocess,
  description: 'Qualified names of the functions that start a program and take shell= (replaces the default list).',
} as const satisfies RuleOptionSpec;
export const SHELL_OPTION = {
  name: 'shell',
  type: 'string-list',
  default: SHELL_INJECTION_DEFAULTS.shell,
  description: 'Qualified names of the functions that always run their command through a shell (replaces the default list).',
} as const satisfies RuleOptionSpec;
export const NO_SHELL_OPTION = {
  name: 'no_shell',
  type: 'string-list',
  default: SHELL_INJECTION_DEFAULTS.no_shell,
  description: 'Qualified names of the functions that start a program without a shell (replaces the default list).',
} as const satisfies RuleOptionSpec;

export interface ShellInjectionNames {
  subprocess: ReadonlySet<string>;
  shell: ReadonlySet<string>;
  noShell: ReadonlySet<string>;
  /** subprocess + shell (PY609). */
  subprocessOrShell: ReadonlySet<string>;
  /** All three lists (PY607). */
  all: ReadonlySet<string>;
}

function namesFrom(subprocess: readonly string[], shell: readonly string[], noShell: readonly string[]): ShellInjectionNames {
  const clean = (list: readonly string[]): string[] => list.map((name) => name.trim()).filter(Boolean);
  return {
    subprocess: new Set(clean(subprocess)),
    shell: new Set(clean(shell)),
    noShell: new Set(clean(noShell)),
    subprocessOrShell: new Set(clean([...subprocess, ...shell])),
    all: new Set(clean([...subprocess, ...shell, ...noShell])),
  };
}

const DEFAULT_NAMES = namesFrom(SHELL_INJECTION_DEFAULTS.subprocess, SHELL_INJECTION_DEFAULTS.shell, SHELL_INJECTION_DEFAULTS.no_shell);
/** A scan hands every file the same options object: the sets are built once per scan, not once per file. */
const namesByOptions = new WeakMap<object, ShellInjectionNames>();

/**
 * The qualified names each list holds: a list given in the rule's options (`subprocess`, `shell`, `no_shell`, as in
 * Bandit's `shell_injection` block) replaces that default list; lists not given keep their defaults (Bandit itself
 * breaks when a block omits one).
 */
export function shellInjectionNames(options: Readonly<Record<string, unknown>>): ShellInjectionNames {
  if (options[SUBPROCESS_OPTION.name] === undefined && options[SHELL_OPTION.name] === undefined && options[NO_SHELL_OPTION.name] === undefined) return DEFAULT_NAMES;
  let names = namesByOptions.get(options);
  if (!names) {
    names = namesFrom(stringListOption(options, SUBPROCESS_OPTION), stringListOption(options, SHELL_OPTION), stringListOption(options, NO_SHELL_OPTION));
    namesByOptions.set(options, names);
  }
  return names;
}

/** One `call:<name>` visitor per qualified name, all sharing one handler (the key strings are built once per set). */
export function callVisitors(names: ReadonlySet<string>, module: PythonModule, handler: (node: PyNode, name: string) => void): PythonVisitors {
  let keys = keysBySet.get(names);
  if (!keys) keysBySet.set(names, (keys = [...names].map((name) => `call:${name}`)));
  const visit = (node: PyNode): void => handler(node, module.qualifiedName(node) ?? '');
  const visitors: PythonVisitors = {};
  for (const key of keys) visitors[key] = visit;
  return visitors;
}
const keysBySet = new WeakMap<ReadonlySet<string>, string[]>();

/** Python truthiness of a literal value. */
export function truthy(value: PyValue): boolean {
  switch (value.kind) {
    case 'str':
    case 'bytes':
      return value.value.length > 0;
    case 'int':
    case 'float':
      return value.value !== 0;
    case 'bool':
      return value.value;
    case 'none':
      return false;
    case 'dict':
      return value.entries.length > 0;
    default:
      return value.items.length > 0;
  }
}

/**
 * Bandit's `has_shell`: the call passes a `shell=` keyword whose value is truthy. A literal is judged by its Python
 * truthiness; any other expression (a variable, a call) counts as a shell, as in Bandit, but is flagged as unsure.
 */
export function shellKeyword(call: PyNode, module: PythonModule): { shell: boolean; literal: boolean } {
  const value = module.keywordArg(call, 'shell');
  if (!value) return { shell: false, literal: true };
  const literal = module.literal(value);
  return literal ? { shell: truthy(literal), literal: true } : { shell: true, literal: false };
}

/** The command (or argument list) of a process-starting call: the first positional argument, or `args=`/`cmd=`. */
export function commandArgument(call: PyNode, module: PythonModule): PyNode | undefined {
  return module.positionalArgs(call)[0] ?? module.keywordArg(call, 'args') ?? module.keywordArg(call, 'cmd') ?? module.keywordArg(call, 'command');
}

/** Functions that quote a value for the shell. */
const SHELL_QUOTE = new Set(['shlex.quote', 'shlex.join', 'pipes.quote']);

/**
 * A command that cannot carry attacker-chosen shell syntax: a string literal, a list or tuple of them, text built
 * only from constants (numbers, names assigned only literals, `sys.executable`), or text whose only run-time parts
 * are `shlex.quote()` results. Bandit only accepts a plain string literal here.
 */
export function isConstantCommand(node: PyNode, module: PythonModule): boolean {
  if (isConstantText(node, module)) return true;
  const build = stringBuild(node, module);
  return build !== undefined && build.dynamic.every((part) => part.type === 'call' && SHELL_QUOTE.has(module.qualifiedName(part) ?? ''));
}

export function abbreviate(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}

// ---------------------------------------------------------------------------------------------------------------

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

