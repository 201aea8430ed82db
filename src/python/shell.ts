/**
 * Starting programs and shells (PY602–PY607, PY609; PY601 judges commands too): Bandit's `shell_injection`
 * configuration — which functions take `shell=`, always use a shell or never do — and what makes a command safe.
 */
import { stringListOption } from '../core/rule-options.js';
import type { PythonVisitors, RuleOptionSpec } from '../core/rule.js';
import type { PyNode } from './ast.js';
import { isTruthy } from './expressions.js';
import type { PythonModule } from './module.js';
import { isConstantText, stringBuild } from './strings.js';

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

/**
 * Bandit's `has_shell`: the call passes a `shell=` keyword whose value is truthy. A literal is judged by its Python
 * truthiness; any other expression (a variable, a call) counts as a shell, as in Bandit, but is flagged as unsure.
 */
export function shellKeyword(call: PyNode, module: PythonModule): { shell: boolean; literal: boolean } {
  const value = module.keywordArg(call, 'shell');
  if (!value) return { shell: false, literal: true };
  const literal = module.literal(value);
  return literal ? { shell: isTruthy(literal), literal: true } : { shell: true, literal: false };
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
