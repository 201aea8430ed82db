/**
 * The one finding model. Every analyzer produces `Finding`s; every reporter consumes a `Report` of them.
 * The JSON reporter serialises these types as they are, so `docs/report.schema.json` documents them.
 */

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export const FAMILIES = [
  'settings',
  'code',
  'taint',
  'templates',
  'dependencies',
  'secrets',
  'hardening',
  'probe',
] as const;
export type Family = (typeof FAMILIES)[number];

/** Higher is more severe: info 0 … critical 4. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.length - 1 - SEVERITIES.indexOf(severity);
}

/** Higher is more certain: low 0 … high 2. */
export function confidenceRank(confidence: Confidence): number {
  return CONFIDENCES.length - 1 - CONFIDENCES.indexOf(confidence);
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

export function isConfidence(value: unknown): value is Confidence {
  return typeof value === 'string' && (CONFIDENCES as readonly string[]).includes(value);
}

/** 1-based lines and columns; columns count UTF-16 code units (SARIF's default column kind). */
export interface Location {
  /** Path relative to the scan root, with `/` separators; a URL for live-probe findings. */
  path: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface TraceStep {
  path: string;
  line: number;
  note: string;
}

/** A few source lines around the finding, for code frames in text and HTML output. */
export interface Excerpt {
  startLine: number;
  lines: string[];
  /** Where the finding's first line is underlined when redaction made the excerpt differ from the file (1-based, end exclusive). */
  highlight?: { startColumn: number; endColumn: number };
}

/** The commit that introduced a secret found in git history (`scan --history`). */
export interface CommitRef {
  /** Full commit id. */
  id: string;
  /** Author date, ISO 8601. */
  date: string;
  author: string;
  /** Whether the secret is still in the working tree (false: deleted since, yet still in every clone). */
  inWorkingTree: boolean;
}

export type SuppressionKind = 'inline' | 'nosec' | 'baseline';

export interface Suppression {
  kind: SuppressionKind;
  /** Where the suppressing comment is (absent for baseline matches). */
  line?: number;
  reason?: string;
}

export interface Finding {
  ruleId: string;
  ruleName: string;
  family: Family;
  severity: Severity;
  confidence: Confidence;
  cwe: number[];
  owasp: string[];
  aliases: string[];
  message: string;
  location: Location;
  fingerprint: string;
  fix: string;
  trace?: TraceStep[];
  excerpt?: Excerpt;
  /** For secrets found in git history: the commit that introduced the secret (the location is as of that commit). */
  commit?: CommitRef;
  /** The scorecard practice the finding counts against (`injection`, `cookies`…; see `PRACTICES` in report.ts). */
  practice?: string;
  /** Fix-first rank: higher first (severity × confidence × exposure; see the scorecard module). */
  priority?: number;
  /** Present only on suppressed findings shown with `--show-suppressed`. */
  suppression?: Suppression;
}

export interface ScanError {
  path: string;
  line: number | null;
  message: string;
}
