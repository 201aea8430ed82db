/**
 * Incremental parser of `git log -p` output (the arguments are in `history.ts`: `GIT_LOG_ARGS`), turning it into the
 * lines each commit **added**, with the line number they have in the commit's version of the file.
 *
 * Pure: the caller feeds decoded strings of any size (split anywhere, mid-line included) to `push` and calls `end`.
 * Memory is bounded by one line (itself capped at `maxLineLength`; longer lines are cut and flagged `truncated`).
 *
 * What it understands:
 * - commits, announced by a line `COMMIT_MARKER + %H \x1f %aI \x1f %an` (our `--format`);
 * - ordinary diffs (`diff --git`), whose `+++ b/path` line gives the path (`/dev/null` for deletions: nothing added),
 *   and hunks `@@ -a,b +c,d @@` whose `+` lines are reported, numbered from `c`;
 * - combined diffs of merge commits (`diff --cc`, hunks `@@@ -a,b -c,d +e,f @@@`, one prefix column per parent): only
 *   the lines that are new with respect to **every** parent (`++`) are reported — i.e. what the merge resolution
 *   itself introduced; lines brought in from a parent were reported at the commit that added them there;
 * - quoted paths (`"b/caf\303\251.py"`, C escapes and octal UTF-8 bytes) and paths with spaces (`+++ b/a b.py\t`);
 * - `\ No newline at end of file`, binary files (`Binary files … differ`: no hunk, nothing reported), CRLF content
 *   (the trailing `\r` is removed from the reported text).
 *
 * Hunks are consumed by counting the lines their header announces, so an added line whose text starts with `++ `
 * (shown as `+++ …`) or looks like a commit marker is still content.
 */

/** Start of the line git prints for each commit (see `LOG_FORMAT`); `\x1e` cannot start a header or hunk line. */
export const COMMIT_MARKER = '\x1eponyguard-commit\x1f';
/** `--format` value producing `COMMIT_MARKER` + full hash, strict ISO author date and author name, `\x1f`-separated. */
export const LOG_FORMAT = 'format:%x1eponyguard-commit%x1f%H%x1f%aI%x1f%an';

export interface CommitInfo {
  /** Full commit id. */
  commit: string;
  /** Author date, strict ISO 8601 (`%aI`). */
  authorDate: string;
  /** Author name (`%an`, no mailmap). */
  author: string;
}

export interface AddedLine extends CommitInfo {
  /** Path in the commit's tree (after a rename), `/`-separated, unquoted. */
  path: string;
  /** 1-based line number in the commit's version of the file. */
  line: number;
  /** The line, without the diff prefix, the newline or a trailing `\r`. */
  text: string;
  /** Set when the line was longer than `maxLineLength` and `text` holds only its beginning. */
  truncated?: true;
}

export interface HistoryParserOptions {
  /** Longest line kept in memory, in UTF-16 code units (default 1 MiB); longer lines are cut and flagged. */
  maxLineLength?: number;
  /** Called when a commit starts (before its lines). */
  onCommit?: (commit: CommitInfo, count: number) => void;
}

const DEFAULT_MAX_LINE = 1 << 20;

interface Hunk {
  /** Number of parents (1 for ordinary diffs, ≥ 2 for combined diffs): the width of the prefix. */
  parents: number;
  /** Line number the next line present in the new file will have. */
  next: number;
  newLeft: number;
  oldLeft: number[];
}

export class HistoryParser {
  /** Commits seen so far. */
  commits = 0;
  /** Added lines reported so far. */
  lines = 0;

  private readonly maxLine: number;
  private buf = '';
  private overflow = false;
  private commit: CommitInfo | undefined;
  private path: string | undefined;
  private hunk: Hunk | undefined;

  constructor(
    private readonly onLine: (added: AddedLine) => void,
    private readonly options: HistoryParserOptions = {},
  ) {
    this.maxLine = Math.max(1, options.maxLineLength ?? DEFAULT_MAX_LINE);
  }

  /** Feeds the next piece of output (any size, split anywhere). */
  push(chunk: string): void {
    let start = 0;
    while (start < chunk.length) {
      const nl = chunk.indexOf('\n', start);
      const end = nl === -1 ? chunk.length : nl;
      if (!this.overflow) {
        const room = this.maxLine - this.buf.length;
        if (end - start > room) {
          this.buf += chunk.slice(start, start + room);
          this.overflow = true;
        } else {
          this.buf += chunk.slice(start, end);
        }
      }
      if (nl === -1) break;
      this.flushLine();
      start = nl + 1;
    }
  }

  /** Signals the end of the output (handles a last line without newline). */
  end(): void {
    if (this.buf.length > 0 || this.overflow) this.flushLine();
    this.hunk = undefined;
  }

  private flushLine(): void {
    const line = this.buf;
    const truncated = this.overflow;
    this.buf = '';
    this.overflow = false;
    this.handle(line, truncated);
  }

  private handle(line: string, truncated: boolean): void {
    const hunk = this.hunk;
    if (hunk !== undefined) {
      if (this.hunkLine(hunk, line, truncated)) return;
      // Not a hunk line: the hunk was shorter than announced (should not happen); read it as a header line.
      this.hunk = undefined;
    }
    if (line.startsWith(COMMIT_MARKER)) {
      const [commit = '', authorDate = '', ...author] = line.slice(COMMIT_MARKER.length).split('\x1f');
      this.commit = { commit, authorDate, author: author.join('\x1f') };
      this.path = undefined;
      this.commits++;
      this.options.onCommit?.(this.commit, this.commits);
    } else if (line.startsWith('diff ')) {
      this.path = undefined;
    } else if (line.startsWith('+++ ')) {
      this.path = parseNewPath(line.slice(4));
    } else if (line.startsWith('@@')) {
      this.hunk = parseHunkHeader(line);
    }
    // Anything else (index, mode, rename, similarity, Binary files, ---, blank, signatures…) carries nothing we need.
  }

  /** Consumes one line of the current hunk; false when `line` cannot be a hunk line. */
  private hunkLine(hunk: Hunk, line: string, truncated: boolean): boolean {
    const width = hunk.parents;
    const first = line.charCodeAt(0);
    if (first === 0x5c /* \ */) return true; // "\ No newline at end of file"
    if (line.length === 0) {
      // An empty context line (diff.suppressBlankEmpty).
      this.advance(hunk, ' '.repeat(width), '', false);
      return true;
    }
    if (line.length < width) return false;
    const prefix = line.slice(0, width);
    for (let i = 0; i < width; i++) {
      const c = prefix.charCodeAt(i);
      if (c !== 0x2b && c !== 0x2d && c !== 0x20) return false;
    }
    this.advance(hunk, prefix, line.slice(width), truncated);
    return true;
  }

  private advance(hunk: Hunk, prefix: string, text: string, truncated: boolean): void {
    const removed = prefix.includes('-');
    for (let i = 0; i < hunk.parents; i++) {
      const c = prefix[i];
      // A removed line was in the parents marked '-'; a line of the result is in the parents marked ' '.
      if (removed ? c === '-' : c === ' ') hunk.oldLeft[i] = (hunk.oldLeft[i] ?? 0) - 1;
    }
    if (!removed) {
      const lineNo = hunk.next++;
      hunk.newLeft--;
      if (!prefix.includes(' ') && this.commit !== undefined && this.path !== undefined) {
        const added: AddedLine = { ...this.commit, path: this.path, line: lineNo, text: stripCr(text) };
        if (truncated) added.truncated = true;
        this.lines++;
        this.onLine(added);
      }
    }
    if (hunk.newLeft <= 0 && hunk.oldLeft.every((n) => n <= 0)) this.hunk = undefined;
  }
}

/** Parses a whole `git log -p` text at once (tests, small inputs). */
export function parseHistory(text: string, options?: HistoryParserOptions): AddedLine[] {
  const out: AddedLine[] = [];
  const parser = new HistoryParser((a) => out.push(a), options);
  parser.push(text);
  parser.end();
  return out;
}

function stripCr(text: string): string {
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}

const RANGE = /^([-+])(\d+)(?:,(\d+))?$/;

/** `@@ -a,b +c,d @@ ctx` or `@@@ -a,b -c,d +e,f @@@ ctx`; undefined when malformed. */
export function parseHunkHeader(line: string): Hunk | undefined {
  let ats = 0;
  while (line[ats] === '@') ats++;
  if (ats < 2) return undefined;
  const parents = ats - 1;
  const close = line.indexOf(' ' + '@'.repeat(ats), ats);
  if (close === -1) return undefined;
  const ranges = line.slice(ats, close).trim().split(/\s+/);
  if (ranges.length !== parents + 1) return undefined;
  const oldLeft: number[] = [];
  let next = 0;
  let newLeft = 0;
  for (let i = 0; i < ranges.length; i++) {
    const m = RANGE.exec(ranges[i] ?? '');
    if (m === null) return undefined;
    const isNew = i === parents;
    if ((m[1] === '+') !== isNew) return undefined;
    const start = Number(m[2]);
    const count = m[3] === undefined ? 1 : Number(m[3]);
    if (isNew) {
      next = start;
      newLeft = count;
    } else {
      oldLeft.push(count);
    }
  }
  return { parents, next, newLeft, oldLeft };
}

/** The path of a `+++ ` line: undefined for `/dev/null`; `b/` prefix removed; quoted names unquoted. */
export function parseNewPath(raw: string): string | undefined {
  let name: string;
  if (raw.startsWith('"')) {
    const unquoted = unquoteCString(raw);
    if (unquoted === undefined) return undefined;
    name = unquoted;
  } else {
    // Git appends a tab to unquoted names containing a space.
    name = raw.endsWith('\t') ? raw.slice(0, -1) : raw;
  }
  if (name === '/dev/null') return undefined;
  return name.startsWith('b/') ? name.slice(2) : name;
}

const SIMPLE_ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 0x22, '\\': 0x5c };

/** Unquotes git's C-style quoted name (`"…"` with `\t`, `\"`, `\\`, `\303\251` octal bytes, read as UTF-8). */
export function unquoteCString(quoted: string): string | undefined {
  if (!quoted.startsWith('"')) return undefined;
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 1; i < quoted.length; i++) {
    const c = quoted[i] ?? '';
    if (c === '"') return Buffer.from(bytes).toString('utf8');
    if (c === '\\') {
      const e = quoted[i + 1] ?? '';
      const simple = SIMPLE_ESCAPES[e];
      if (simple !== undefined) {
        bytes.push(simple);
        i++;
      } else if (/^[0-3][0-7]{2}$/.test(quoted.slice(i + 1, i + 4))) {
        bytes.push(parseInt(quoted.slice(i + 1, i + 4), 8));
        i += 3;
      } else {
        return undefined;
      }
    } else {
      const cp = quoted.codePointAt(i) ?? 0;
      const ch = String.fromCodePoint(cp);
      for (const b of encoder.encode(ch)) bytes.push(b);
      i += ch.length - 1;
    }
  }
  return undefined; // no closing quote
}
