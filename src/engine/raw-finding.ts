/**
 * What analyzers hand to the engine before it attaches rule metadata, fingerprints, suppressions and filters.
 * Plain data, so it crosses the worker boundary by structured clone.
 */
import type { CommitRef, Confidence, Excerpt, Location, Severity, TraceStep } from '../core/finding.js';
import type { LineIndex } from '../python/ast.js';

export interface RawFinding {
  ruleId: string;
  message: string;
  severity?: Severity;
  confidence?: Confidence;
  fix?: string;
  trace?: TraceStep[];
  location: Location;
  /** Lines whose suppression comments apply (the whole statement for code findings). */
  suppressLines: [number, number];
  /** Text the fingerprint is computed from (code, or a stable key), never including the line number. */
  basis: string;
  excerpt?: Excerpt;
  /** Suppressed by the project's own configuration (SILENCED_SYSTEM_CHECKS). */
  suppressedBy?: { reason: string };
  /** Secrets to mask in the excerpt. */
  redact?: string[];
  /** Show no code frame (the file holds secrets no rule has recognised). */
  hideExcerpt?: boolean;
  /** Identifiers of this finding beside the rule's aliases (advisory ids). */
  aliases?: string[];
  /** CWE ids replacing the rule's, when the finding knows better (an advisory's CWE). */
  cwe?: number[];
  /** A secret found in git history: the commit that introduced it (inline suppressions of today's file do not apply). */
  commit?: CommitRef;
}

/** A secret as it may be shown: its first four characters (at most a third of it), then an ellipsis. */
export function redactSecret(secret: string): string {
  const shown = Math.min(4, Math.floor(secret.length / 3));
  return `${secret.slice(0, shown)}…`;
}

/** Masks every occurrence of the secrets in the excerpt's lines. */
export function redactExcerpt(excerpt: Excerpt, secrets: readonly string[]): Excerpt {
  // A multi-line secret (a PEM block) is masked line by line: an excerpt line holds one piece of it.
  const pieces = secrets.flatMap((s) => (s.includes('\n') ? s.split(/\r?\n/).map((piece) => piece.trim()).filter((piece) => piece.length >= 8) : [s]));
  const usable = pieces.filter((s) => s.length >= 3).sort((a, b) => b.length - a.length);
  if (usable.length === 0) return excerpt;
  return {
    ...excerpt,
    lines: excerpt.lines.map((line) => usable.reduce((text, secret) => text.split(secret).join(redactSecret(secret)), line)),
  };
}

/** A few lines of context around a finding. */
export function excerptAround(lines: LineIndex, startLine: number, endLine: number, context = 2): Excerpt {
  const first = Math.max(1, startLine - context);
  const last = Math.min(lines.lineCount, Math.max(endLine, startLine) + context, startLine + 12);
  const out: string[] = [];
  for (let line = first; line <= last; line++) {
    const text = lines.lineText(line);
    out.push(text.length > 400 ? `${text.slice(0, 400)}…` : text);
  }
  return { startLine: first, lines: out };
}
