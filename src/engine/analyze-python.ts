/**
 * One Python file, start to end: read, decode, parse once, run every enabled Python rule in a single traversal,
 * collect suppression directives. Runs inside a pool worker (or inline). Never throws: every problem becomes a
 * `ScanError` naming the file and line.
 */
import type { ScanError } from '../core/finding.js';
import type { FileRole, PythonFileInfo, PythonReportDescriptor, PythonRule } from '../core/rule.js';
import { parseDirectives, type Directive } from '../core/suppressions.js';
import type { Comment, PyNode } from '../python/ast.js';
import { walk } from '../python/ast.js';
import { PythonModule, isWithinModule, type ImportedName } from '../python/module.js';
import { parsePython } from '../python/parser.js';
import { taintRules } from '../rules/index.js';
import type { ModuleSummary } from '../taint/summary.js';
import { summarizeModule } from '../taint/summarize.js';
import { excerptAround, type RawFinding } from './raw-finding.js';
import { readSource } from './read-source.js';

export interface PythonTask {
  absPath: string;
  relPath: string;
  moduleName: string | null;
  isPackage: boolean;
  roles: FileRole[];
  /** Send the parsed module back for project-level analysis (settings modules). */
  keepModule: boolean;
  /**
   * Also send it back when it matters to whole-project rules (see `keepForProject`): URLconfs, views, models, forms,
   * serializers, and modules mentioning authentication, throttling, uploads or static serving.
   */
  keepForProject?: boolean;
  maxBytes: number;
}

export interface KeptModule {
  source: string;
  root: PyNode;
  comments: Comment[];
}

export interface PythonTaskResult {
  relPath: string;
  bytes: number;
  parsed: boolean;
  /** The parse recovered from syntax errors: Python itself could not import the file. */
  syntaxError?: boolean;
  findings: RawFinding[];
  directives: Directive[];
  errors: ScanError[];
  module?: KeptModule;
  /** The module's taint summary, when taint rules are enabled. */
  taint?: ModuleSummary;
}

export interface RuleRunOptions {
  /** Options per rule code. */
  ruleOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Codes of every rule enabled in the scan (Python and project rules). */
  enabledCodes?: ReadonlySet<string>;
  /** Codes of the enabled taint rules: when any, each module is summarized for the taint solver. */
  taintCodes?: readonly string[];
}

export async function analyzePythonTask(task: PythonTask, rules: readonly PythonRule[], run: RuleRunOptions = {}): Promise<PythonTaskResult> {
  const result: PythonTaskResult = { relPath: task.relPath, bytes: 0, parsed: false, findings: [], directives: [], errors: [] };
  const read = readSource(task.absPath, { maxBytes: task.maxBytes, python: true });
  if (!read.ok) {
    result.errors.push({ path: task.relPath, line: read.line, message: read.message });
    return result;
  }
  result.bytes = read.bytes;
  let parsed;
  try {
    parsed = await parsePython(read.text);
  } catch (error) {
    result.errors.push({ path: task.relPath, line: null, message: `cannot parse: ${(error as Error).message}` });
    return result;
  }
  result.parsed = true;
  const first = parsed.syntaxErrors[0];
  if (first) {
    result.syntaxError = true;
    const more = parsed.syntaxErrors.length > 1 ? ` (and ${parsed.syntaxErrors.length - 1} more)` : '';
    result.errors.push({
      path: task.relPath,
      line: first.line,
      message: `syntax error at line ${first.line}, column ${first.column}: ${first.message}${more}; findings for this file may be incomplete`,
    });
  }
  for (const comment of parsed.comments) result.directives.push(...parseDirectives(comment.text, comment.line));

  const info: PythonFileInfo = { path: task.relPath, moduleName: task.moduleName, isPackage: task.isPackage, roles: task.roles };
  const module = new PythonModule(read.text, parsed.root, parsed.comments, { moduleName: task.moduleName, isPackage: task.isPackage }, parsed.lines);
  result.findings = runPythonRules(module, info, rules, result.errors, run);
  if (run.taintCodes && run.taintCodes.length > 0) {
    const codes = run.taintCodes;
    try {
      result.taint = summarizeModule(module, task.relPath, taintRules().filter((rule) => codes.includes(rule.meta.code)));
    } catch (error) {
      result.errors.push({ path: task.relPath, line: null, message: `internal error in the data-flow analysis: ${(error as Error).message}; taint findings through this file are missing` });
    }
  }
  if (task.keepModule || (task.keepForProject && keepForProject(task, read.text))) result.module = { source: read.text, root: parsed.root, comments: parsed.comments };
  return result;
}

type Handler = { rule: PythonRule; fn: (node: PyNode, imported?: readonly ImportedName[]) => void };

const PROJECT_ROLES: ReadonlySet<FileRole> = new Set(['urls', 'views', 'models', 'admin', 'settings']);
const PROJECT_BASENAMES = /(^|\/)(forms|serializers|api|auth\w*|validators|storage|storages|throttl\w*)\.py$/;
const PROJECT_WORDS = /\b(urlpatterns|authenticate|check_password|LoginView|ObtainAuthToken|obtain_auth_token|TokenObtain\w*|throttle\w*|ratelimit|watch_login|FileField|ImageField|FILES|upload_to)\b/;

/** Whether whole-project rules (authentication entry points, uploads, static serving) need this module. */
export function keepForProject(task: Pick<PythonTask, 'roles' | 'relPath'>, text: string): boolean {
  return task.roles.some((role) => PROJECT_ROLES.has(role)) || PROJECT_BASENAMES.test(task.relPath) || PROJECT_WORDS.test(text);
}

/** Nodes that can import a module: statements, and `importlib.import_module("x")` / `__import__("x")` calls. */
const IMPORT_NODES = new Set(['import_statement', 'import_from_statement', 'call']);

/** Runs rules over one module in a single traversal; a rule that throws loses only its own findings for this file. */
export function runPythonRules(module: PythonModule, info: PythonFileInfo, rules: readonly PythonRule[], errors: ScanError[], run: RuleRunOptions = {}): RawFinding[] {
  const findings: RawFinding[] = [];
  const handlers = new Map<string, Handler[]>();
  const enabledCodes = run.enabledCodes ?? new Set(rules.map((r) => r.meta.code));
  const failed = new Set<PythonRule>();
  const failRule = (rule: PythonRule, error: unknown, node?: PyNode): void => {
    if (failed.has(rule)) return;
    failed.add(rule);
    errors.push({
      path: info.path,
      line: node ? module.lines.lineOf(node.start) : null,
      message: `internal error in rule ${rule.meta.code} (${rule.meta.name}): ${(error as Error)?.message ?? String(error)}; its findings for this file are missing`,
    });
  };
  for (const rule of rules) {
    const context = {
      file: info,
      module,
      options: run.ruleOptions?.[rule.meta.code] ?? {},
      isEnabled: (code: string) => enabledCodes.has(code),
      report: (descriptor: PythonReportDescriptor) => findings.push(toRawFinding(rule, descriptor, module, info)),
    };
    let visitors;
    try {
      visitors = rule.create(context);
    } catch (error) {
      failRule(rule, error);
      continue;
    }
    for (const [type, fn] of Object.entries(visitors)) {
      if (!fn) continue;
      const list = handlers.get(type);
      if (list) list.push({ rule, fn });
      else handlers.set(type, [{ rule, fn }]);
    }
  }
  if (handlers.size === 0) return findings;
  const callKeys = [...handlers.keys()].some((k) => k.startsWith('call:'));
  const importKeys = [...handlers.keys()].filter((k) => k.startsWith('import:')).map((k) => k.slice('import:'.length));
  const dispatch = (key: string, node: PyNode, detail?: readonly ImportedName[]): void => {
    const list = handlers.get(key);
    if (!list) return;
    for (const { rule, fn } of list) {
      if (failed.has(rule)) continue;
      try {
        fn(node, detail);
      } catch (error) {
        failRule(rule, error, node);
      }
    }
  };
  const imported = (node: PyNode): void => {
    const names = module.importedNames(node);
    if (names.length === 0) return;
    // Each listening module once per statement, with the names it brings in from that module.
    for (const key of importKeys) {
      const matched = names.filter((n) => isWithinModule(n.qualified, key));
      if (matched.length > 0) dispatch(`import:${key}`, node, matched);
    }
  };
  walk(module.root, (node) => {
    dispatch(node.type, node);
    if (node.type === 'call' && callKeys) {
      const qualified = module.qualifiedName(node);
      if (qualified) dispatch(`call:${qualified}`, node);
    }
    if (importKeys.length > 0 && IMPORT_NODES.has(node.type)) imported(node);
  });
  dispatch('module:exit', module.root);
  return findings;
}

function toRawFinding(rule: PythonRule, descriptor: PythonReportDescriptor, module: PythonModule, info: PythonFileInfo): RawFinding {
  const span = module.span(descriptor.node);
  const [first, last] = module.statementLines(descriptor.node);
  const raw: RawFinding = {
    ruleId: rule.meta.code,
    message: descriptor.message,
    location: { path: info.path, ...span },
    suppressLines: [first, last],
    basis: `${scopePath(module, descriptor.node)}\n${module.text(descriptor.node)}`,
    excerpt: excerptAround(module.lines, span.startLine, span.endLine),
  };
  if (descriptor.severity) raw.severity = descriptor.severity;
  if (descriptor.confidence) raw.confidence = descriptor.confidence;
  if (descriptor.fix) raw.fix = descriptor.fix;
  if (descriptor.trace) raw.trace = descriptor.trace;
  if (descriptor.redact && descriptor.redact.length > 0) raw.redact = descriptor.redact;
  return raw;
}

/** `SearchView.get`: the enclosing definitions of a node, for fingerprints that survive moves within a scope. */
export function scopePath(module: PythonModule, node: PyNode): string {
  const names: string[] = [];
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'function_definition' || current.type === 'class_definition') {
      names.unshift(module.definitionName(current) ?? '?');
    }
  }
  return names.join('.');
}
