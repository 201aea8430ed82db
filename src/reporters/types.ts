import type { Report } from '../core/report.js';
import type { RuleMeta } from '../core/rule.js';
import type { FindingOrder } from '../core/scorecard.js';

export interface ReporterOptions {
  /** ANSI colours (text reporter only). */
  color: boolean;
  /** Metadata of every rule, by code (SARIF rule descriptors, docs links). */
  rules: ReadonlyMap<string, RuleMeta>;
  /** `--sort fix-first`: the text reporter lists findings by priority instead of grouping them by file. */
  sort?: FindingOrder;
}

/** A reporter is a plain function from a report to text. */
export type Reporter = (report: Report, options: ReporterOptions) => string;
