import type { Report } from '../core/report.js';
import type { RuleMeta } from '../core/rule.js';

export interface ReporterOptions {
  /** ANSI colours (text reporter only). */
  color: boolean;
  /** Metadata of every rule, by code (SARIF rule descriptors, docs links). */
  rules: ReadonlyMap<string, RuleMeta>;
}

/** A reporter is a plain function from a report to text. */
export type Reporter = (report: Report, options: ReporterOptions) => string;
