/**
 * Secrets detection: rule and match shapes (issue 7). Pure data plus, for a few rules, a small predicate.
 */
import type { Confidence, Severity } from '../core/finding.js';

/** Per-rule allow-list: a match is dropped when any of these applies. */
export interface SecretAllow {
  /** Regexes tested against the secret. */
  regexes?: readonly RegExp[];
  /** Lower-case words; the match is dropped when one occurs in the secret (case-insensitively). */
  stopwords?: readonly string[];
  /** Regexes tested against the file path. */
  paths?: readonly RegExp[];
}

export interface SecretRule {
  /** Stable kebab-case id, e.g. `aws-access-key-id`. */
  id: string;
  description: string;
  /**
   * Linear-time in practice: no nested quantifiers, every repetition bounded (`{20,40}`), starting with a literal or
   * a short alternation of literals. Flags are kept; the engine adds `g` and `d` itself.
   */
  regex: RegExp;
  /** The capture group (number or name) holding the secret; 0 means the whole match. */
  secretGroup: number | string;
  /** Lower-case literals; the rule only runs when one occurs in the text (case-insensitively). Never empty. */
  keywords: readonly string[];
  /** Minimum Shannon entropy (bits per character) of the secret; lower is dropped. */
  entropy?: number;
  /** The rule applies only to files whose path matches. */
  pathFilter?: RegExp;
  /** Another regex that must also match somewhere in the text (composite rules, e.g. a service-account JSON). */
  requires?: RegExp;
  allow?: SecretAllow;
  /**
   * True for rules anchored on a distinctive token prefix (`AKIA`, `ghp_`, `-----BEGIN`…): they also run on lines
   * longer than `MAX_LINE_LENGTH` (minified or generated files). Context rules (`name = "value"`) skip such lines.
   */
  longLines?: boolean;
  /** Extra rejection test on the regex match (e.g. a URL whose password equals its user name). */
  reject?: (match: RegExpExecArray, secret: string) => boolean;
  severity: Severity;
  confidence: Confidence;
}

export interface SecretMatch {
  ruleId: string;
  /** The secret itself: callers must redact it (`redact`) before showing or storing it. */
  secret: string;
  /** 1-based position of the secret's first character (columns in UTF-16 code units). */
  line: number;
  column: number;
  /** 1-based position just after the secret's last character (exclusive, as in SARIF). */
  endLine: number;
  endColumn: number;
  /** Shannon entropy of the secret, bits per character. */
  entropy: number;
}
