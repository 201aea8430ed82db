/** The report: what every reporter renders and what the JSON reporter serialises (`docs/report.schema.json`). */
import type { Family, Finding, ScanError, Severity } from './finding.js';
import { FAMILIES, SEVERITIES } from './finding.js';

export interface ReportStats {
  /** Files examined (after excludes). */
  files: number;
  /** Python files parsed. */
  pythonFiles: number;
  durationMs: number;
  /** Findings hidden by inline `ponyguard: ignore` or `# nosec` comments. */
  suppressed: number;
  /** Findings hidden because the baseline already holds them. */
  baselined: number;
  /** Reported findings per family and per severity. */
  byFamily: Partial<Record<Family, number>>;
  bySeverity: Partial<Record<Severity, number>>;
}

/** One entry of the dependency inventory: a package as a dependency file declares or locks it. */
export interface ReportDependency {
  /** PEP 503 normalised name. */
  name: string;
  /** The exact version pinned or locked, or null. */
  version: string | null;
  /** The specifier as written (`>=3.2,<4`), '' for none. */
  specifier: string;
  file: string;
  line: number;
  direct: boolean;
  /** For an indirect package, the chain from a direct dependency (`["django-filter", "django"]`). */
  path: string[];
  groups: string[];
  source: 'index' | 'url' | 'path' | 'vcs' | 'editable';
}

export interface Report {
  version: 1;
  tool: { name: 'ponyguard'; version: string };
  target: {
    root: string;
    djangoVersion: string | null;
    settingsModules: string[];
  };
  findings: Finding[];
  errors: ScanError[];
  /** Things the reader should know about the scan itself (stale advisory data); not findings, not errors. */
  notices?: string[];
  /** The dependency inventory: every package entry of every dependency file (for SBOMs), when there are any. */
  dependencies?: ReportDependency[];
  /** Live sites probed (`ponyguard probe`, `scan --url`): their grades, explained line by line. */
  sites?: ReportSite[];
  /** Where the project stands on each of the ten practices, with an overall grade (issue 9). */
  scorecard?: Scorecard;
  stats: ReportStats;
}

/** The ten practices of the scorecard: Django's security guidance as a team works through it. */
export const PRACTICES = ['version', 'authentication', 'secrets', 'injection', 'https', 'headers', 'cookies', 'uploads', 'dependencies', 'other'] as const;
export type PracticeId = (typeof PRACTICES)[number];

export interface PracticeScore {
  id: PracticeId;
  /** Display title: `Know your version`, `Throttle authentication`… */
  title: string;
  status: 'pass' | 'warn' | 'fail';
  /** 0–100, by the documented formula. */
  score: number;
  /** Reported findings of this practice (suppressed and baselined ones excluded). */
  findings: number;
  bySeverity: Partial<Record<Severity, number>>;
  /** One sentence: why this status. */
  summary: string;
}

export interface Scorecard {
  /** 0–100 overall. */
  score: number;
  /** A+ … F. */
  grade: string;
  practices: PracticeScore[];
}

/** One line of a grade's explanation: a test, its result and what it adds to or takes from the score. */
export interface GradeLine {
  /** Test name (`content-security-policy`, `debug-page`…). */
  test: string;
  /** Result id (`csp-implemented-with-unsafe-inline`…). */
  result: string;
  modifier: number;
  pass: boolean;
  /** One sentence for people. */
  description: string;
}

export interface Grade {
  score: number;
  grade: string;
  lines: GradeLine[];
}

export interface ReportSite {
  url: string;
  /** The final URL the main response came from, or null when the site did not answer. */
  finalUrl: string | null;
  status: number | null;
  /** Scored as the MDN HTTP Observatory does (algorithm of `../shared/reference/http-probe.md` B2/B3). */
  observatory: Grade | null;
  /** ponyguard's Django-specific score: DEBUG, admin exposure, exposed files, cookies, throttling. */
  django: Grade | null;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareStrings(a.location.path, b.location.path) ||
    a.location.startLine - b.location.startLine ||
    a.location.startColumn - b.location.startColumn ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.message, b.message)
  );
}

export function compareErrors(a: ScanError, b: ScanError): number {
  return compareStrings(a.path, b.path) || (a.line ?? 0) - (b.line ?? 0) || compareStrings(a.message, b.message);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function countBy(findings: readonly Finding[]): Pick<ReportStats, 'byFamily' | 'bySeverity'> {
  const byFamily: Partial<Record<Family, number>> = {};
  const bySeverity: Partial<Record<Severity, number>> = {};
  for (const family of FAMILIES) {
    const n = findings.filter((f) => f.family === family).length;
    if (n > 0) byFamily[family] = n;
  }
  for (const severity of SEVERITIES) {
    const n = findings.filter((f) => f.severity === severity).length;
    if (n > 0) bySeverity[severity] = n;
  }
  return { byFamily, bySeverity };
}
