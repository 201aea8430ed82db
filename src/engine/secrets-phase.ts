/**
 * Secrets: every text file of the project through the secrets engine (src/secrets/) and, with `--history`, every line
 * git history ever added. The engine's matches become findings of the secret rule (family `secrets`) that claims the
 * detector. Secrets are redacted here, before anything else sees the finding: messages and excerpts only ever hold
 * the first characters of a secret.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CommitRef, Excerpt, ScanError } from '../core/finding.js';
import type { SecretRule } from '../core/rule.js';
import type { WalkedFile } from '../project/walk.js';
import { scanSecrets } from '../secrets/engine.js';
import { GitHistoryError, scanHistoryIntroductions, type AddedLine } from '../secrets/history.js';
import { SECRET_RULES } from '../secrets/rules.js';
import type { SecretMatch, SecretRule as SecretDetector } from '../secrets/types.js';
import { decodeSource } from './read-source.js';
import { redactSecret, type RawFinding } from './raw-finding.js';

/** Files never worth reading for secrets: media, fonts, archives, compiled code, databases. */
const BINARY_EXTENSION =
  /\.(png|jpe?g|gif|webp|avif|bmp|ico|icns|tiff?|psd|heic|mp[34]|m4a|ogg|wav|flac|webm|mov|avi|mkv|woff2?|ttf|otf|eot|zip|gz|tgz|bz2|xz|zst|7z|rar|tar|jar|war|whl|egg|pyc|pyo|pyd|so|dll|dylib|exe|bin|o|a|class|sqlite3?|db|mo|pdf|docx?|xlsx?|pptx?|odt|ods|dat|pickle|pkl|npy|npz|h5|parquet|onnx|pt|pth|safetensors)$/i;

/** Files read at once while the Python pool runs. */
const READ_CONCURRENCY = 8;

/** Detector → the secret rule reporting it, for the enabled rules. */
export interface SecretRuleIndex {
  detectors: SecretDetector[];
  ruleOf: Map<string, { rule: SecretRule; label: string }>;
}

export function indexSecretRules(rules: readonly SecretRule[]): SecretRuleIndex {
  const ruleOf = new Map<string, { rule: SecretRule; label: string }>();
  for (const rule of rules) for (const [id, label] of Object.entries(rule.detectors)) ruleOf.set(id, { rule, label });
  return { detectors: SECRET_RULES.filter((detector) => ruleOf.has(detector.id)), ruleOf };
}

/** A finding of the working tree, kept with its secret until history and deduplication are done. */
export interface SecretFinding {
  raw: RawFinding;
  detector: string;
  secret: string;
}

/** Reads and scans every non-binary walked file. Files too large or not text are skipped (Python files' own read reports them). */
export async function scanTreeForSecrets(files: readonly WalkedFile[], index: SecretRuleIndex, maxBytes: number, errors: ScanError[]): Promise<SecretFinding[]> {
  if (index.detectors.length === 0) return [];
  const out: SecretFinding[] = [];
  const queue = files.filter((file) => !BINARY_EXTENSION.test(file.relPath));
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < queue.length) {
      const file = queue[next++]!;
      let text: string;
      try {
        const info = await stat(file.absPath);
        if (!info.isFile() || info.size === 0 || info.size > maxBytes) continue;
        const decoded = decodeSource(await readFile(file.absPath), file.relPath.endsWith('.py'));
        if (!decoded.ok) continue;
        text = decoded.text;
      } catch (error) {
        if (!file.relPath.endsWith('.py')) errors.push({ path: file.relPath, line: null, message: `cannot read for the secrets scan: ${(error as Error).message}` });
        continue;
      }
      for (const match of scanSecrets(text, file.relPath, index.detectors)) {
        const claimed = index.ruleOf.get(match.ruleId);
        if (!claimed) continue;
        const lineText = lineOf(text, match.line);
        out.push({ raw: secretFinding(claimed.rule, claimed.label, match, file.relPath, lineText, null), detector: match.ruleId, secret: match.secret });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, queue.length) }, worker));
  return out;
}

export interface HistoryScanResult {
  findings: RawFinding[];
  commits: number;
}

/**
 * Every line history added (all refs) through the same detectors; each secret is reported at the commit that
 * introduced it. A secret still in the working tree gets that commit on its tree finding; one no longer in the tree
 * becomes a finding of its own, located where it was added.
 */
export async function scanHistoryForSecrets(options: {
  root: string;
  gitRoot: string;
  index: SecretRuleIndex;
  tree: SecretFinding[];
  errors: ScanError[];
  onProgress?: (commits: number) => void;
}): Promise<HistoryScanResult> {
  const { root, gitRoot, index, tree } = options;
  if (index.detectors.length === 0) return { findings: [], commits: 0 };
  const prefix = path.relative(gitRoot, root).split(path.sep).filter(Boolean).join('/');
  const under = prefix === '' ? '' : `${prefix}/`;
  const detect = (added: AddedLine): SecretMatch[] => (added.path.startsWith(under) ? scanSecrets(added.text, added.path.slice(under.length), index.detectors) : []);
  let result;
  try {
    result = await scanHistoryIntroductions(gitRoot, detect, options.onProgress ? { onProgress: options.onProgress } : {});
  } catch (error) {
    const message = error instanceof GitHistoryError ? error.message : `cannot scan the git history: ${(error as Error).message}`;
    options.errors.push({ path: '.git', line: null, message: `${message}; the history was not scanned for secrets` });
    return { findings: [], commits: 0 };
  }
  if (result.dropped > 0) {
    options.errors.push({ path: '.git', line: null, message: `the history holds more distinct secrets than the scan keeps (${result.dropped} not reported); fix the reported ones and scan again` });
  }
  const inTree = new Map<string, SecretFinding[]>();
  for (const found of tree) {
    const key = `${found.detector}\0${found.secret}`;
    const list = inTree.get(key);
    if (list) list.push(found);
    else inTree.set(key, [found]);
  }
  const findings: RawFinding[] = [];
  for (const introduction of result.introductions) {
    const { match, added } = introduction;
    const claimed = index.ruleOf.get(match.ruleId);
    if (!claimed) continue;
    const commit: CommitRef = { id: added.commit, date: added.authorDate, author: added.author, inWorkingTree: false };
    const present = inTree.get(`${match.ruleId}\0${match.secret}`);
    if (present) {
      for (const found of present) {
        found.raw.commit = { ...commit, inWorkingTree: true };
        found.raw.message += `; added in commit ${added.commit.slice(0, 12)} (${added.authorDate.slice(0, 10)}), so it is in the history of every clone`;
      }
      continue;
    }
    const relPath = added.path.slice(under.length);
    const located: SecretMatch = { ...match, line: added.line, endLine: added.line };
    findings.push(secretFinding(claimed.rule, claimed.label, located, relPath, added.text, commit));
  }
  return { findings, commits: result.commits };
}

function secretFinding(rule: SecretRule, label: string, match: SecretMatch, relPath: string, lineText: string, commit: CommitRef | null): RawFinding {
  const detector = SECRET_RULES.find((d) => d.id === match.ruleId);
  const shown = redactSecret(match.secret);
  const message = commit
    ? `${capitalize(label)} '${shown}' was added to ${relPath} in commit ${commit.id.slice(0, 12)} (${commit.date.slice(0, 10)}, ${commit.author}) and is no longer in the working tree, but every clone still has it: rotate it`
    : `${capitalize(label)} '${shown}' is hard-coded in this file: anyone with a copy of the repository (clones, forks, CI caches, images) can use it`;
  const raw: RawFinding = {
    ruleId: rule.meta.code,
    message,
    location: { path: relPath, startLine: match.line, startColumn: match.column, endLine: match.endLine, endColumn: match.endColumn },
    suppressLines: [match.line, match.endLine],
    basis: `${match.ruleId}\n${createHash('sha256').update(match.secret).digest('hex').slice(0, 32)}`,
    excerpt: secretExcerpt(lineText, match, shown),
    redact: [match.secret],
    aliases: [match.ruleId],
  };
  if (detector && detector.severity !== rule.meta.severity) raw.severity = detector.severity;
  if (detector && detector.confidence !== rule.meta.confidence) raw.confidence = detector.confidence;
  if (commit) raw.commit = commit;
  return raw;
}

/** The secret's first line only (neighbouring lines of a secrets file may hold secrets no detector knows), masked. */
function secretExcerpt(lineText: string, match: SecretMatch, shown: string): Excerpt {
  const before = lineText.slice(0, match.column - 1);
  const after = match.endLine === match.line ? lineText.slice(match.endColumn - 1) : '';
  const line = `${before}${shown}${after}`;
  return {
    startLine: match.line,
    lines: [line.length > 400 ? `${line.slice(0, 400)}…` : line],
    highlight: { startColumn: match.column, endColumn: match.column + shown.length },
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function lineOf(text: string, line: number): string {
  let start = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf('\n', start);
    if (next === -1) return '';
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '');
}
