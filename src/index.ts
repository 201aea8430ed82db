/** ponyguard's programmatic API. */
export { audit, exitCodeFor, type AuditOptions, type AuditResult, type ScanProgress } from './engine/scan.js';
export type { Finding, Location, ScanError, Severity, Confidence, Family, TraceStep, Excerpt } from './core/finding.js';
export type { Report, ReportStats } from './core/report.js';
export type { Rule, RuleMeta, PythonRule, ProjectRule } from './core/rule.js';
export { ALL_RULES, findRule } from './rules/index.js';
export { REPORTERS, FORMATS, type Reporter, type ReporterOptions } from './reporters/index.js';
export { renderRuleMarkdown } from './docs/render.js';
export { VERSION } from './core/version.js';
