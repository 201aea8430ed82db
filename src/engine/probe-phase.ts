/**
 * Probe rules over a captured site: pure, no network (the retriever in src/probe/retrieve/ captured it). Findings are
 * located at URLs: `location.path` is the URL, line 1; the evidence (request, headers, body lines) is the excerpt.
 */
import type { ScanError } from '../core/finding.js';
import type { CorrelationRule, ProbeReportDescriptor, ProbeRule, ProjectReportDescriptor } from '../core/rule.js';
import type { ProjectModel } from '../project/model.js';
import type { SiteCapture } from '../probe/model.js';
import { projectFinding } from './project-finding.js';
import type { RawFinding } from './raw-finding.js';

function urlFinding(code: string, site: SiteCapture, descriptor: ProbeReportDescriptor): RawFinding {
  const url = descriptor.url ?? site.main.response?.url ?? site.target;
  const item: RawFinding = {
    ruleId: code,
    message: descriptor.message,
    location: { path: url, startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
    suppressLines: [1, 1],
    basis: `${new URL(url).origin}\n${descriptor.key}`,
  };
  if (descriptor.evidence && descriptor.evidence.length > 0) item.excerpt = { startLine: 1, lines: descriptor.evidence.map((line) => (line.length > 400 ? `${line.slice(0, 400)}…` : line)) };
  if (descriptor.severity) item.severity = descriptor.severity;
  if (descriptor.confidence) item.confidence = descriptor.confidence;
  if (descriptor.fix) item.fix = descriptor.fix;
  if (descriptor.trace) item.trace = descriptor.trace;
  return item;
}

/** Runs the probe rules on one captured site. A rule that throws becomes an error naming it and the site. */
export function analyzeSite(site: SiteCapture, rules: readonly ProbeRule[], ruleOptions: Readonly<Record<string, Readonly<Record<string, unknown>>>>, errors: ScanError[]): RawFinding[] {
  const out: RawFinding[] = [];
  for (const rule of rules) {
    try {
      rule.check({ site, options: ruleOptions[rule.meta.code] ?? {}, report: (descriptor) => out.push(urlFinding(rule.meta.code, site, descriptor)) });
    } catch (error) {
      errors.push({ path: site.target, line: null, message: `internal error in rule ${rule.meta.code} (${rule.meta.name}): ${(error as Error).message}; its findings for this site are missing` });
    }
  }
  return out;
}

/** Correlation rules: the project's settings against what the site sends (`scan PATH --url URL`). */
export function correlateSite(project: ProjectModel, site: SiteCapture, rules: readonly CorrelationRule[], errors: ScanError[]): RawFinding[] {
  const out: RawFinding[] = [];
  for (const rule of rules) {
    const report = (descriptor: ProjectReportDescriptor | ProbeReportDescriptor): void => {
      out.push('at' in descriptor ? projectFinding(rule.meta.code, descriptor) : urlFinding(rule.meta.code, site, descriptor));
    };
    try {
      rule.check({ project, site, report });
    } catch (error) {
      errors.push({ path: site.target, line: null, message: `internal error in rule ${rule.meta.code} (${rule.meta.name}): ${(error as Error).message}; its findings are missing` });
    }
  }
  return out;
}
