/** The JSON report: the contract documented in docs/report.schema.json. */
import type { Report } from '../core/report.js';

export function jsonReporter(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
