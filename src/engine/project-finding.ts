/** A project rule's report (at a module node, or at a plain location) as a raw finding; shared by project and correlation rules. */
import type { ProjectReportDescriptor } from '../core/rule.js';
import { scopePath } from './analyze-python.js';
import { excerptAround, type RawFinding } from './raw-finding.js';

export function projectFinding(code: string, descriptor: ProjectReportDescriptor): RawFinding {
  const at = descriptor.at;
  let item: RawFinding;
  if ('node' in at) {
    const span = at.module.span(at.node);
    const [first, last] = at.module.statementLines(at.node);
    item = {
      ruleId: code,
      message: descriptor.message,
      location: { path: at.path, ...span },
      suppressLines: [first, last],
      basis: descriptor.key ?? `${scopePath(at.module, at.node)}\n${at.module.text(at.node)}`,
      excerpt: excerptAround(at.module.lines, span.startLine, span.endLine),
    };
  } else {
    const endLine = at.endLine ?? at.startLine;
    item = {
      ruleId: code,
      message: descriptor.message,
      location: { path: at.path, startLine: at.startLine, startColumn: at.startColumn ?? 1, endLine, endColumn: at.endColumn ?? at.startColumn ?? 1 },
      suppressLines: [at.startLine, endLine],
      basis: descriptor.key ?? descriptor.message,
    };
  }
  if (descriptor.severity) item.severity = descriptor.severity;
  if (descriptor.confidence) item.confidence = descriptor.confidence;
  if (descriptor.fix) item.fix = descriptor.fix;
  if (descriptor.trace) item.trace = descriptor.trace;
  if (descriptor.suppressed) item.suppressedBy = descriptor.suppressed;
  if (descriptor.redact && descriptor.redact.length > 0) item.redact = descriptor.redact;
  if (descriptor.hideExcerpt) {
    item.hideExcerpt = true;
    delete item.excerpt;
  }
  return item;
}
