/**
 * Git history as a stream of added lines (issue 7): spawns `git log -p` (no shell) and feeds its output, as it
 * arrives, through `HistoryParser`. Memory is bounded by one line plus one stdout chunk (the stream is iterated, so
 * git is paused while a chunk is being processed), never by the size of the log.
 *
 * Decisions:
 * - `--all`: every ref (branches, tags, remotes, stash), so a secret only on a side branch is found.
 * - `--find-renames`: a renamed file is followed, so a pure rename reports nothing and a secret stays reported once,
 *   at the commit (and under the path) that introduced it; lines added after the rename are reported under the new
 *   path. A secret re-added later (under any path) is reported again at that commit (`EarliestIntroductions` then
 *   keeps the earliest one).
 * - `--cc` (dense combined diffs) for merge commits: only lines new with respect to every parent are reported, i.e.
 *   what the merge resolution introduced (a conflict resolved with a secret, an "evil merge"); lines coming from a
 *   merged branch were reported at their own commit. (`-m` would repeat every line of the merged branch at the merge;
 *   `--first-parent` would miss side branches.)
 * - `--date-order`: children before parents, so the last occurrence of a secret in the stream is the earliest.
 * - `--no-ext-diff --no-textconv`: the scanned repository's `.gitattributes` must not make us run its programs;
 *   `--no-color`, `--no-show-signature`, explicit prefixes and the `-c` settings neutralise user configuration that
 *   would change the output format, hide the root commit's diff or (`diff.relative`, when `repoRoot` is a
 *   subdirectory) restrict the diffs to a subdirectory. Rename-detection warnings on stderr are tolerated.
 */
import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { HistoryParser, LOG_FORMAT, type AddedLine } from './history-parse.js';

export type { AddedLine, CommitInfo } from './history-parse.js';

/** Arguments given to `git` (after `-C <repo>`). */
export const GIT_LOG_ARGS: readonly string[] = [
  '-c', 'log.showRoot=true',
  '-c', 'core.quotePath=true',
  '-c', 'i18n.logOutputEncoding=UTF-8',
  '-c', 'diff.relative=false',
  '-c', 'diff.noprefix=false',
  '-c', 'diff.mnemonicPrefix=false',
  'log', '-p', '--all', '--date-order', '--cc', '--find-renames', '--unified=0',
  '--no-color', '--no-ext-diff', '--no-textconv', '--no-show-signature',
  '--src-prefix=a/', '--dst-prefix=b/', `--format=${LOG_FORMAT}`,
];

export interface ScanHistoryOptions {
  signal?: AbortSignal;
  /** Called at the start of each commit with the number of commits seen so far. */
  onProgress?(commits: number): void;
  /** Longest line kept (see `HistoryParserOptions.maxLineLength`). */
  maxLineLength?: number;
  /** The git executable (default `git`, looked up on PATH). */
  git?: string;
  /** Environment of the git process (default `process.env`). */
  env?: NodeJS.ProcessEnv;
}

export interface ScanHistoryResult {
  commits: number;
  lines: number;
}

export type GitHistoryErrorCode = 'git-missing' | 'not-a-repository' | 'git-failed';

export class GitHistoryError extends Error {
  override readonly name = 'GitHistoryError';
  constructor(
    readonly code: GitHistoryErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const STDERR_KEEP = 4096;

/**
 * Streams every line added in the history of the repository at (or containing) `repoRoot` to `onLine`, newest
 * commits first. Rejects with a `GitHistoryError` when git is missing, the directory is not in a repository or git
 * fails; with the signal's reason when aborted; with the callback's error if it throws (git is then stopped).
 */
export async function scanHistory(
  repoRoot: string,
  onLine: (added: AddedLine) => void,
  options: ScanHistoryOptions = {},
): Promise<ScanHistoryResult> {
  const { signal } = options;
  signal?.throwIfAborted();
  const info = await stat(repoRoot).catch(() => undefined);
  if (info === undefined || !info.isDirectory()) throw new GitHistoryError('not-a-repository', `${repoRoot} is not a directory`);

  const parser = new HistoryParser(onLine, {
    maxLineLength: options.maxLineLength,
    onCommit: options.onProgress === undefined ? undefined : (_c, n) => options.onProgress?.(n),
  });
  const git = options.git ?? 'git';
  const child = spawn(git, ['-C', repoRoot, ...GIT_LOG_ARGS], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: options.env ?? process.env,
    windowsHide: true,
  });

  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s: string) => {
    stderr = (stderr + s).slice(-STDERR_KEEP);
  });
  const exited = new Promise<{ code: number | null; error?: Error }>((resolve) => {
    child.once('error', (error) => resolve({ code: null, error }));
    child.once('close', (code) => resolve({ code }));
  });
  const onAbort = () => child.kill();
  signal?.addEventListener('abort', onAbort, { once: true });

  try {
    const decoder = new TextDecoder('utf-8');
    try {
      for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
        parser.push(decoder.decode(chunk, { stream: true }));
        if (signal?.aborted) break;
      }
    } catch (error) {
      // A stream error (e.g. spawn failure) is reported through `exited` below; a callback error is rethrown.
      if (!(await settledWithError(exited))) {
        child.kill();
        throw error;
      }
    }
    signal?.throwIfAborted();
    const { code, error } = await exited;
    signal?.throwIfAborted();
    if (error !== undefined) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new GitHistoryError('git-missing', `cannot run ${git}: it is not installed or not on PATH; install git to scan the history`);
      }
      throw new GitHistoryError('git-failed', `cannot run ${git}: ${error.message}`);
    }
    if (code !== 0) {
      const detail = stderr.trim().split('\n').filter(Boolean).slice(-3).join('; ');
      if (/not a git repository/i.test(stderr)) {
        throw new GitHistoryError('not-a-repository', `${repoRoot} is not in a git repository`);
      }
      throw new GitHistoryError('git-failed', `git log failed in ${repoRoot} (exit ${code ?? 'signal'}): ${detail || 'no message'}`);
    }
    parser.push(decoder.decode());
    parser.end();
    return { commits: parser.commits, lines: parser.lines };
  } catch (error) {
    if (child.exitCode === null && child.signalCode === null) child.kill();
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

/** True when the process failed to start (as opposed to a stream/callback error while it runs). */
async function settledWithError(exited: Promise<{ error?: Error }>): Promise<boolean> {
  const result = await Promise.race([exited, new Promise<undefined>((r) => setImmediate(() => r(undefined)))]);
  return result?.error !== undefined;
}

/** What a detector reports for one added line. */
export interface SecretMatch {
  ruleId: string;
  secret: string;
}

export interface Introduction<M extends SecretMatch> {
  /** The match at the earliest commit that added this secret (the one whose exposure dates the leak). */
  match: M;
  /** Where: commit, author, date, path, line (text cut to `maxTextLength`). */
  added: AddedLine;
  /** Added lines (in any commit) carrying this secret. */
  occurrences: number;
}

export interface EarliestOptions {
  /** Distinct secrets kept at most (default 100 000); further new ones are counted in `dropped`. */
  maxSecrets?: number;
  /** Text of the added line kept per secret (default 512 characters). */
  maxTextLength?: number;
}

/**
 * Keeps, for each secret (key: rule id + secret), the earliest commit that added it. Feed it `scanHistory`'s lines
 * (`scanHistory(root, earliest.onLine)`): the stream is in `--date-order` (children before parents), so a later
 * occurrence in another commit is an older one and replaces the kept one; within one commit the first is kept.
 * State is one entry per distinct secret, capped by `maxSecrets`.
 */
export class EarliestIntroductions<M extends SecretMatch> {
  /** New secrets not kept because `maxSecrets` was reached. */
  dropped = 0;
  private readonly kept = new Map<string, Introduction<M>>();
  private readonly maxSecrets: number;
  private readonly maxText: number;

  constructor(
    private readonly detect: (added: AddedLine) => Iterable<M>,
    options: EarliestOptions = {},
  ) {
    this.maxSecrets = options.maxSecrets ?? 100_000;
    this.maxText = options.maxTextLength ?? 512;
  }

  readonly onLine = (added: AddedLine): void => {
    for (const match of this.detect(added)) {
      const key = `${match.ruleId}\0${match.secret}`;
      const known = this.kept.get(key);
      if (known === undefined) {
        if (this.kept.size >= this.maxSecrets) {
          this.dropped++;
          continue;
        }
        this.kept.set(key, { match, added: this.trim(added), occurrences: 1 });
      } else {
        known.occurrences++;
        if (known.added.commit !== added.commit) {
          known.match = match;
          known.added = this.trim(added);
        }
      }
    }
  };

  /** The introductions, in the order the secrets were first met. */
  results(): Introduction<M>[] {
    return [...this.kept.values()];
  }

  private trim(added: AddedLine): AddedLine {
    if (added.text.length <= this.maxText) return added;
    return { ...added, text: added.text.slice(0, this.maxText), truncated: true };
  }
}

/** `scanHistory` + `EarliestIntroductions`: the commit to rotate from, for every secret `detect` finds. */
export async function scanHistoryIntroductions<M extends SecretMatch>(
  repoRoot: string,
  detect: (added: AddedLine) => Iterable<M>,
  options: ScanHistoryOptions & EarliestOptions = {},
): Promise<ScanHistoryResult & { introductions: Introduction<M>[]; dropped: number }> {
  const earliest = new EarliestIntroductions(detect, options);
  const counts = await scanHistory(repoRoot, earliest.onLine, options);
  return { ...counts, introductions: earliest.results(), dropped: earliest.dropped };
}
