/**
 * The secrets detection engine: pure, no I/O (issue 7).
 *
 * One pass per text:
 *  1. global path allow-list (lock files, images…);
 *  2. keyword prefilter: one case-insensitive pass finds which of the rules' keywords occur (see
 *     `presentKeywords`); only rules with a keyword present run;
 *  3. each selected rule runs its regex (global + indices), the secret is taken from `secretGroup`, then entropy,
 *     the global placeholder allow-list, the rule's allow-list and `reject` are applied;
 *  4. overlapping findings are de-duplicated: a match whose secret overlaps one already kept is dropped (rules are
 *     ordered most specific first, so `api_key = "sk_live_…"` is a Stripe finding, not a generic one).
 *
 * Long lines (decision): a line longer than `MAX_LINE_LENGTH` (10,000 characters) is treated as minified or
 * generated. Context rules (`name = "value"`: generic assignments, Django `SECRET_KEY`, AWS secret keys…) skip such
 * lines, because their name/value context is meaningless there and they would only add noise; token rules
 * (`longLines: true`, anchored on a distinctive prefix such as `AKIA`, `ghp_`, `-----BEGIN`) still scan them. Every
 * rule regex is linear-time (bounded repetitions, no nested quantifiers, literal starts), so scanning a 5 MB
 * single-line file stays well under a second. At most `MAX_MATCHES_PER_RULE` matches are kept per rule and text.
 */
import { redactSecret } from '../engine/raw-finding.js';
import { SECRET_RULES } from './rules.js';
import type { SecretMatch, SecretRule } from './types.js';

export const MAX_LINE_LENGTH = 10_000;
export const MAX_MATCHES_PER_RULE = 200;

/** A secret as it may be shown: its first four characters (at most a third of it), then an ellipsis. */
export const redact: (secret: string) => string = redactSecret;

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  let total = 0;
  for (const ch of value) {
    counts.set(ch, (counts.get(ch) ?? 0) + 1);
    total++;
  }
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / total;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/** Files that never hold secrets worth reporting (lock files, binary assets). */
const GLOBAL_ALLOW_PATHS: readonly RegExp[] = [
  /(?:^|\/)(?:package-lock\.json|yarn\.lock|pnpm-lock\.yaml|poetry\.lock|Pipfile\.lock|uv\.lock|Cargo\.lock|composer\.lock|go\.sum)$/,
  /\.(?:png|jpe?g|gif|webp|ico|bmp|tiff?|svgz|woff2?|ttf|otf|eot|mp[34]|mov|avi|pdf|zip|gz|tgz|bz2|xz|7z|jar|whl|pyc)$/i,
  /(?:^|\/)(?:node_modules|site-packages|\.git)\//,
];

/** Whole values that are placeholders, compared lower-cased. */
const PLACEHOLDER_VALUES = new Set([
  'changeme', 'change_me', 'change-me', 'changethis', 'change_this', 'changeit', 'password', 'passwd', 'pass',
  'pwd', 'secret', 'secrets', 'token', 'apikey', 'api_key', 'key', 'test', 'testing', 'tests', 'example', 'sample',
  'dummy', 'placeholder', 'todo', 'fixme', 'tbd', 'none', 'null', 'nil', 'undefined', 'true', 'false', 'empty',
  'redacted', 'hidden', 'masked', 'user', 'username', 'admin', 'root', 'guest', 'default', 'foo', 'bar', 'foobar',
  'mysecret', 'mypassword', 'yourpassword', 'your_password', 'secretkey', 'secret_key', 'notasecret', 'not-a-secret',
  'insecure', 'fake', 'mock', 'local', 'development', 'dev', 'localhost', 'postgres', 'mysql', 'redis',
]);

/** Substrings that mark a placeholder wherever they occur in the secret (lower-case). */
const PLACEHOLDER_WORDS = [
  'changeme', 'change_me', 'change-me', 'example', 'dummy', 'placeholder', 'your_', 'your-', 'yourkey', 'your key',
  'xxxxxx', 'redacted', 'replace_me', 'replace-me', 'replaceme', 'insert_', 'fake_', 'notreal', 'not_real',
  'not-a-real',
];

const PLACEHOLDER_PATTERNS: readonly RegExp[] = [
  /^(.)\1*$/su, // all the same character (also `****`, `xxxx`)
  /^<[^<>]{0,200}>$/, // <password>
  /^\$\{[^{}]{0,200}\}$/, // ${VAR}
  /^\$[A-Za-z_][A-Za-z0-9_]{0,100}$/, // $VAR
  /^\{\{[^{}]{0,200}\}\}$/, // {{ var }}
  /^\{%[^%]{0,200}%\}$/, // {% tag %}
  /^%\([A-Za-z_][A-Za-z0-9_]{0,100}\)[sdr]$/, // %(name)s
  /^%[A-Za-z_][A-Za-z0-9_]{0,100}%$/, // %VAR%
  /^\{[A-Za-z_][A-Za-z0-9_]{0,100}\}$/, // {name}
  /^\[[^[\]]{0,200}\]$/, // [password]
  /\$\{[^{}]{0,200}\}|\{\{[^{}]{0,200}\}\}/, // ${VAR} / {{ var }} inside a longer value
  /^(?:0123456789|1234567890|abcdefgh|qwerty|asdf)/i, // sequential keyboard strings
  /\.\.\.|…/, // elided in documentation: `django-insecure-...`
  /change[^a-z0-9]{0,3}(?:me|this|it)(?![a-z])/i, // change@me, change me
];

/** The global allow-list: placeholders that must stay silent whatever the rule. */
export function isPlaceholder(secret: string): boolean {
  if (secret.includes('%') && !/^%\(/.test(secret)) {
    try {
      const decoded = decodeURIComponent(secret);
      if (decoded !== secret && isPlaceholder(decoded)) return true;
    } catch {
      // not percent-encoded
    }
  }
  const lower = secret.toLowerCase();
  if (PLACEHOLDER_VALUES.has(lower)) return true;
  if (PLACEHOLDER_WORDS.some((word) => lower.includes(word))) return true;
  return PLACEHOLDER_PATTERNS.some((pattern) => pattern.test(secret));
}

interface CompiledRule {
  rule: SecretRule;
  regex: RegExp;
}

const compiledCache = new WeakMap<readonly SecretRule[], CompiledRule[]>();

function compile(rules: readonly SecretRule[]): CompiledRule[] {
  let compiled = compiledCache.get(rules);
  if (!compiled) {
    compiled = rules.map((rule) => {
      let flags = rule.regex.flags;
      for (const flag of ['g', 'd']) if (!flags.includes(flag)) flags += flag;
      flags = flags.replace('y', '');
      return { rule, regex: new RegExp(rule.regex.source, flags) };
    });
    compiledCache.set(rules, compiled);
  }
  return compiled;
}

const keywordCache = new WeakMap<readonly SecretRule[], { regex: RegExp; keywords: readonly string[] }>();

/**
 * The rules' keywords that occur in the text (case-insensitively), in one pass: a lookahead alternation, longest
 * keywords first, tried at every position. At a position where several keywords start, the longest one matches and
 * the others are its prefixes; every keyword inside a matched one is present too. (Sixty `includes` calls read the
 * text sixty times; this reads it once, about five times faster on a source tree.)
 */
function presentKeywords(text: string, rules: readonly SecretRule[]): Set<string> {
  let entry = keywordCache.get(rules);
  if (!entry) {
    const keywords = [...new Set(rules.flatMap((rule) => rule.keywords))];
    const alternatives = [...keywords].sort((a, b) => b.length - a.length).map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    entry = { regex: new RegExp(`(?=(${alternatives.join('|')}))`, 'gi'), keywords };
    keywordCache.set(rules, entry);
  }
  const matched = new Set<string>();
  const { regex } = entry;
  regex.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = regex.exec(text)) !== null) {
    matched.add(match[1]!.toLowerCase());
    regex.lastIndex++;
  }
  const present = new Set<string>();
  if (matched.size === 0) return present;
  for (const keyword of entry.keywords) {
    for (const found of matched) {
      if (found.includes(keyword)) {
        present.add(keyword);
        break;
      }
    }
  }
  return present;
}

/** Offsets of line starts, for 1-based line/column conversion. */
function lineStarts(text: string): number[] {
  const starts = [0];
  let index = text.indexOf('\n');
  while (index !== -1) {
    starts.push(index + 1);
    index = text.indexOf('\n', index + 1);
  }
  return starts;
}

function position(starts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
}

/** Ranges [start, end) of the text made of lines no longer than MAX_LINE_LENGTH. */
function shortLineSegments(text: string, starts: readonly number[]): [number, number][] {
  const segments: [number, number][] = [];
  let segmentStart = -1;
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i] ?? 0;
    const end = i + 1 < starts.length ? (starts[i + 1] ?? text.length) : text.length;
    const long = end - start > MAX_LINE_LENGTH + 1;
    if (long) {
      if (segmentStart !== -1) segments.push([segmentStart, start]);
      segmentStart = -1;
    } else if (segmentStart === -1) {
      segmentStart = start;
    }
  }
  if (segmentStart !== -1) segments.push([segmentStart, text.length]);
  return segments;
}

function secretSpan(match: RegExpExecArray, group: number | string): [number, number] | undefined {
  const indices = match.indices;
  if (!indices) return undefined;
  const span = typeof group === 'number' ? indices[group] : indices.groups?.[group];
  return span ?? undefined;
}

function allowed(rule: SecretRule, secret: string, path: string): boolean {
  if (isPlaceholder(secret)) return true;
  const allow = rule.allow;
  if (!allow) return false;
  if (allow.paths?.some((re) => re.test(path))) return true;
  if (allow.regexes?.some((re) => re.test(secret))) return true;
  if (allow.stopwords && allow.stopwords.length > 0) {
    const lower = secret.toLowerCase();
    if (allow.stopwords.some((word) => lower.includes(word))) return true;
  }
  return false;
}

/**
 * Scans one text (a file's content, or the added lines of a diff) for secrets. `path` is used by path filters and
 * allow-lists only. Results are sorted by position.
 */
export function scanSecrets(text: string, path: string, rules: readonly SecretRule[] = SECRET_RULES): SecretMatch[] {
  if (text.length === 0) return [];
  if (GLOBAL_ALLOW_PATHS.some((re) => re.test(path))) return [];
  const present = presentKeywords(text, rules);
  const hasKeyword = (keyword: string): boolean => present.has(keyword);

  let starts: number[] | undefined;
  let segments: [number, number][] | undefined;
  const kept: { match: SecretMatch; start: number; end: number }[] = [];

  for (const { rule, regex } of compile(rules)) {
    if (!rule.keywords.some(hasKeyword)) continue;
    if (rule.pathFilter && !rule.pathFilter.test(path)) continue;
    if (rule.requires && !rule.requires.test(text)) continue;
    starts ??= lineStarts(text);
    const ranges: [number, number][] = rule.longLines ? [[0, text.length]] : (segments ??= shortLineSegments(text, starts));
    let count = 0;
    for (const [rangeStart, rangeEnd] of ranges) {
      const subject = rangeStart === 0 && rangeEnd === text.length ? text : text.slice(rangeStart, rangeEnd);
      regex.lastIndex = 0;
      let match: RegExpExecArray | null;
      while (count < MAX_MATCHES_PER_RULE && (match = regex.exec(subject)) !== null) {
        if (match[0].length === 0) regex.lastIndex++;
        const span = secretSpan(match, rule.secretGroup);
        if (!span) continue;
        const secret = subject.slice(span[0], span[1]);
        if (secret.length === 0) continue;
        const entropy = shannonEntropy(secret);
        if (rule.entropy !== undefined && entropy < rule.entropy) continue;
        if (allowed(rule, secret, path)) continue;
        if (rule.reject?.(match, secret)) continue;
        const start = rangeStart + span[0];
        const end = rangeStart + span[1];
        if (kept.some((k) => start < k.end && end > k.start)) continue;
        const from = position(starts, start);
        const to = position(starts, end);
        kept.push({
          start,
          end,
          match: { ruleId: rule.id, secret, line: from.line, column: from.column, endLine: to.line, endColumn: to.column, entropy },
        });
        count++;
      }
    }
  }
  return kept.sort((a, b) => a.start - b.start).map((k) => k.match);
}
