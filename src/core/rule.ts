/**
 * Rule metadata and the rule kinds analyzers run. One rule = one file exporting a rule built with a `define…Rule`
 * helper; its metadata (including its documentation) lives beside its check.
 */
import type { Confidence, Family, Severity, TraceStep } from './finding.js';
import type { PyNode } from '../python/ast.js';
import type { ImportedName, PythonModule } from '../python/module.js';
import type { ProjectModel } from '../project/model.js';
import type { TemplateToken } from '../templates/lexer.js';
import type { TaintRuleSpec } from '../taint/spec.js';
import type { DependencyAudit } from '../deps/audit.js';
import type { SiteCapture } from '../probe/model.js';

/** OWASP Top 10 (2021) categories, the form used in `RuleMeta.owasp`. */
export const OWASP_2021 = [
  'A01:2021-Broken Access Control',
  'A02:2021-Cryptographic Failures',
  'A03:2021-Injection',
  'A04:2021-Insecure Design',
  'A05:2021-Security Misconfiguration',
  'A06:2021-Vulnerable and Outdated Components',
  'A07:2021-Identification and Authentication Failures',
  'A08:2021-Software and Data Integrity Failures',
  'A09:2021-Security Logging and Monitoring Failures',
  'A10:2021-Server-Side Request Forgery',
] as const;
export type OwaspCategory = (typeof OWASP_2021)[number];

/** Code prefix of each family: `PY608` is a code rule, `SET018` a settings rule. Codes are prefix + 3 digits. */
export const FAMILY_CODE_PREFIX: Readonly<Record<Family, string>> = {
  settings: 'SET',
  code: 'PY',
  taint: 'TNT',
  templates: 'TPL',
  dependencies: 'DEP',
  secrets: 'SEC',
  hardening: 'HRD',
  probe: 'WEB',
};

/** Where each rule's generated documentation page lives (`npm run docs` writes `docs/rules/<code>.md`). */
export const RULE_DOCS_BASE_URL = 'https://github.com/ponyguard/ponyguard/blob/main/docs/rules/';

export function ruleHelpUri(code: string): string {
  return `${RULE_DOCS_BASE_URL}${code}.md`;
}

export interface RuleReference {
  title: string;
  url: string;
}

export interface RuleDocs {
  /** What it does: what the rule detects, in a paragraph. */
  whatItDoes: string;
  /** Why it matters: the attack or failure the pattern enables. */
  whyItMatters: string;
  /** Example: code the rule reports (`bad`) and the corrected code (`good`). */
  example: { bad: string; good: string; language?: string };
  /** How to fix: the remedy in detail. */
  howToFix: string;
  /** References: Django documentation, CWE, OWASP and peer tools' documentation. */
  references: RuleReference[];
  /** Known limitations (false negatives and positives) worth stating. */
  limitations?: string;
}

/**
 * An option a rule reads from `context.options` (set in `[tool.ponyguard.options.CODE]` or Bandit's per-plugin
 * configuration). Declared in the metadata so that it is documented and type-checked when the configuration loads.
 */
export type RuleOptionSpec =
  | { name: string; type: 'boolean'; default: boolean; description: string }
  | { name: string; type: 'string-list'; default: readonly string[]; description: string }
  /** A non-negative integer: a size, a count, a threshold. */
  | { name: string; type: 'integer'; default: number; description: string };

export interface RuleMeta {
  /** Stable code, prefix + 3 digits: `PY608`, `SET001`. Never reused. */
  code: string;
  /** kebab-case name of the pattern (not the fix); equals the rule's file name. */
  name: string;
  family: Family;
  /** Default severity and confidence; a finding may override them. */
  severity: Severity;
  confidence: Confidence;
  /** At least one CWE id. */
  cwe: number[];
  owasp: OwaspCategory[];
  /** Identifiers peers use for the same check: Bandit test IDs, Django check IDs. */
  aliases: string[];
  status: 'preview' | 'stable';
  /** One sentence: what is wrong when the rule fires. */
  summary: string;
  /** One sentence: the default fix attached to every finding. */
  fix: string;
  docs: RuleDocs;
  /** The options the rule reads, if any. */
  options?: readonly RuleOptionSpec[];
}

// ---------------------------------------------------------------------------------------------------------------
// Python file rules: run in the worker pool, one traversal of each file shared by all rules.

export type FileRole =
  | 'test'
  | 'migration'
  | 'settings'
  | 'production-settings'
  | 'manage'
  | 'wsgi'
  | 'asgi'
  | 'urls'
  | 'views'
  | 'models'
  | 'admin';

export interface PythonFileInfo {
  /** Root-relative, `/`-separated path. */
  path: string;
  moduleName: string | null;
  isPackage: boolean;
  roles: FileRole[];
}

export interface PythonReportDescriptor {
  node: PyNode;
  message: string;
  severity?: Severity;
  confidence?: Confidence;
  fix?: string;
  trace?: TraceStep[];
  /** Secrets to mask wherever source code is shown (code frames, SARIF snippets). */
  redact?: string[];
}

export interface PythonRuleContext {
  readonly file: PythonFileInfo;
  readonly module: PythonModule;
  /** The rule's options (from Bandit's per-plugin configuration, for instance); empty when none are set. */
  readonly options: Readonly<Record<string, unknown>>;
  /** Is another rule (by code) enabled in this scan? Lets overlapping rules avoid reporting twice. */
  isEnabled(code: string): boolean;
  report(descriptor: PythonReportDescriptor): void;
}

/**
 * Visitors, all served by one traversal of the file:
 * - by node type: `call`, `assignment`, `string`, … (`module:exit` runs once after the traversal);
 * - `call:<qualified name>`: calls whose callee resolves (through imports and aliases) to exactly that name,
 *   e.g. `call:subprocess.Popen` — one lookup per call, however many rules listen;
 * - `import:<module>`: imports of that module or a submodule (`import x`, `from x import y`, and
 *   `importlib.import_module("x")` / `__import__("x")`), once per statement; the handler gets the names the statement
 *   brings in from that module (`PythonModule.importedNames` gives all of them).
 */
export type PythonVisitors = Partial<Record<string, (node: PyNode, imported?: readonly ImportedName[]) => void>>;

export interface PythonRule {
  kind: 'python';
  meta: RuleMeta;
  create(context: PythonRuleContext): PythonVisitors;
}

// ---------------------------------------------------------------------------------------------------------------
// Project rules: run once per scan on the project model (settings modules, discovery facts, …).

export interface ProjectLocationDescriptor {
  path: string;
  startLine: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
}

export interface ProjectReportDescriptor {
  /** A node of a Python module the project model holds, or a plain location. */
  at: { module: PythonModule; path: string; node: PyNode } | ProjectLocationDescriptor;
  message: string;
  severity?: Severity;
  confidence?: Confidence;
  fix?: string;
  trace?: TraceStep[];
  /** Stable identity for the baseline when the location is not code (a package, a URL). */
  key?: string;
  /** The project itself silences this finding (e.g. SILENCED_SYSTEM_CHECKS): reported as suppressed. */
  suppressed?: { reason: string };
  /** Secrets to mask wherever source code is shown (code frames, SARIF snippets). */
  redact?: string[];
  /** Show no code frame: the file holds secrets no rule has recognised (a tracked `.env`, a private key). */
  hideExcerpt?: boolean;
}

export interface ProjectRuleContext {
  readonly project: ProjectModel;
  report(descriptor: ProjectReportDescriptor): void;
}

export interface ProjectRule {
  kind: 'project';
  meta: RuleMeta;
  check(context: ProjectRuleContext): void;
}

// ---------------------------------------------------------------------------------------------------------------
// Template rules: run once per Django template file (the `templates/` folders of apps and TEMPLATES["DIRS"]).

export interface TemplateFileInfo {
  /** Root-relative, `/`-separated path. */
  path: string;
}

export interface TemplateReportDescriptor {
  /** The token at fault; its position is the finding's location. */
  token: TemplateToken;
  /** A narrower span inside the token's line (offsets into the template source), when the token is wide. */
  start?: number;
  end?: number;
  message: string;
  severity?: Severity;
  confidence?: Confidence;
  fix?: string;
}

export interface TemplateRuleContext {
  readonly file: TemplateFileInfo;
  readonly source: string;
  /** All tokens, in order (see `renderedTokens` to skip `{% comment %}` blocks). */
  readonly tokens: readonly TemplateToken[];
  readonly options: Readonly<Record<string, unknown>>;
  report(descriptor: TemplateReportDescriptor): void;
}

export interface TemplateRule {
  kind: 'template';
  meta: RuleMeta;
  check(context: TemplateRuleContext): void;
}

export function defineTemplateRule(rule: Omit<TemplateRule, 'kind'>): TemplateRule {
  return { kind: 'template', ...rule };
}

// ---------------------------------------------------------------------------------------------------------------
// Taint rules: one sink class each. The data-flow engine (src/taint/) follows request data across functions, files
// and templates, and reports a flow that reaches one of the rule's sinks without passing its sanitizers or guards.

export interface TaintRule extends TaintRuleSpec {
  kind: 'taint';
  meta: RuleMeta;
}

export function defineTaintRule(rule: Omit<TaintRule, 'kind'>): TaintRule {
  return { kind: 'taint', ...rule };
}

// ---------------------------------------------------------------------------------------------------------------
// Dependency rules: run once over the project's dependency files, with the advisory database (src/deps/).

export interface DependencyReportDescriptor {
  /** Project-relative path of the dependency file, and the 1-based line of the entry. */
  file: string;
  line: number;
  message: string;
  severity?: Severity;
  confidence?: Confidence;
  fix?: string;
  /** Identifiers of this finding beside the rule's own (advisory ids: CVE, GHSA, PYSEC). */
  aliases?: string[];
  /** CWE ids of this finding when they are more precise than the rule's. */
  cwe?: number[];
  /** A stable key for the fingerprint (package, version, advisory), never the line. */
  basis: string;
}

export interface DependencyRuleContext {
  readonly audit: DependencyAudit;
  report(descriptor: DependencyReportDescriptor): void;
}

export interface DependencyRule {
  kind: 'dependency';
  meta: RuleMeta;
  check(context: DependencyRuleContext): void;
}

export function defineDependencyRule(rule: Omit<DependencyRule, 'kind'>): DependencyRule {
  return { kind: 'dependency', ...rule };
}

// ---------------------------------------------------------------------------------------------------------------
// Secret rules: a family of detectors of the secrets engine (src/secrets/), run over every text file of the project
// and, with `scan --history`, over every line git history ever added. The engine reports a detector's match; the rule
// that claims the detector turns it into a finding (the secret itself is always redacted).

export interface SecretRule {
  kind: 'secret';
  meta: RuleMeta;
  /** The detectors (ids of `SECRET_RULES` in src/secrets/rules.ts) this rule reports, each with its display name. */
  detectors: Readonly<Record<string, string>>;
}

export function defineSecretRule(rule: Omit<SecretRule, 'kind'>): SecretRule {
  return { kind: 'secret', ...rule };
}

// ---------------------------------------------------------------------------------------------------------------
// Probe rules: pure functions of what the live probe captured from one site (src/probe/model.ts). Correlation rules
// also see the project model, for `scan PATH --url URL`: where the settings promise what the site does not deliver.

export interface ProbeReportDescriptor {
  /** The URL the finding is about; defaults to the site's final URL. */
  url?: string;
  message: string;
  severity?: Severity;
  confidence?: Confidence;
  fix?: string;
  /** Stable identity for the baseline (the check and what it judged), never the whole response. */
  key: string;
  /** Evidence shown as the finding's excerpt: the request, the header or body lines at fault. */
  evidence?: string[];
  trace?: TraceStep[];
}

export interface ProbeRuleContext {
  readonly site: SiteCapture;
  readonly options: Readonly<Record<string, unknown>>;
  report(descriptor: ProbeReportDescriptor): void;
}

export interface ProbeRule {
  kind: 'probe';
  meta: RuleMeta;
  check(context: ProbeRuleContext): void;
}

export function defineProbeRule(rule: Omit<ProbeRule, 'kind'>): ProbeRule {
  return { kind: 'probe', ...rule };
}

export interface CorrelationRuleContext {
  readonly project: ProjectModel;
  readonly site: SiteCapture;
  /** Report at the setting (a module node, or a plain location) or at the URL. */
  report(descriptor: ProjectReportDescriptor | ProbeReportDescriptor): void;
}

export interface CorrelationRule {
  kind: 'correlation';
  meta: RuleMeta;
  check(context: CorrelationRuleContext): void;
}

export function defineCorrelationRule(rule: Omit<CorrelationRule, 'kind'>): CorrelationRule {
  return { kind: 'correlation', ...rule };
}

export type Rule = PythonRule | ProjectRule | TemplateRule | TaintRule | DependencyRule | SecretRule | ProbeRule | CorrelationRule;

export function definePythonRule(rule: Omit<PythonRule, 'kind'>): PythonRule {
  return { kind: 'python', ...rule };
}

export function defineProjectRule(rule: Omit<ProjectRule, 'kind'>): ProjectRule {
  return { kind: 'project', ...rule };
}
