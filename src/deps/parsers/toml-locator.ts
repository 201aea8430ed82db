/**
 * Line numbers for TOML values. smol-toml returns plain values without positions, so this scanner reads the text
 * once more, just enough to know where each table header, each `key = value` statement and each string literal is
 * (it understands comments, all four string kinds and nested arrays / inline tables, so a `[` inside a string or an
 * array never looks like a header). Parsers then ask for "the line of key `django` in `[tool.poetry.dependencies]`"
 * or "the line of the string `django>=4.2` under `project.dependencies`".
 */
import { LineMap, stringAt, type TomlTable } from './common.js';

/** A table header (`[a.b]`, `[[package]]`) or a `key = value` statement, with its full key path. */
interface Statement {
  path: string[];
  offset: number;
  header: boolean;
  arrayTable: boolean;
}

/** A string literal: its decoded value, where it starts, and the statement whose value contains it. */
interface StringLiteral {
  value: string;
  offset: number;
  statement: number;
}

/** Positions of the tables, keys and strings of a TOML text. */
export class TomlLocator {
  private readonly lines: LineMap;
  private readonly statements: Statement[] = [];
  private readonly strings: StringLiteral[] = [];

  constructor(text: string) {
    this.lines = new LineMap(text);
    new Scanner(text, this.statements, this.strings).run();
  }

  /** 1-based line of an offset. */
  lineAt(offset: number): number {
    return this.lines.lineAt(offset);
  }

  /** Lines of the `[[name]]` array-table headers (`[[package]]`), in order. */
  arrayTableLines(path: readonly string[]): number[] {
    return this.statements.filter((s) => s.header && s.arrayTable && samePath(s.path, path)).map((s) => this.lineAt(s.offset));
  }

  /**
   * Line where `key` of table `table` is defined: `key = …` in `[table]`, a dotted `key.x = …`, the header
   * `[table.key]`, or a dotted key in a parent table. Null when none is found.
   */
  keyLine(table: readonly string[], key: string): number | null {
    const target = [...table, key];
    const found = this.statements.find((s) => startsWith(s.path, target));
    return found ? this.lineAt(found.offset) : null;
  }

  /**
   * Line of the closest defined prefix of `path`: the key itself, else its table, else that table's parent… (a key
   * inside an inline table has no line of its own). Null when not even the first part is defined.
   */
  nearestLine(path: readonly string[]): number | null {
    for (let length = path.length; length > 0; length--) {
      const prefix = path.slice(0, length);
      const found = this.statements.find((s) => startsWith(s.path, prefix));
      if (found) return this.lineAt(found.offset);
    }
    return null;
  }

  /**
   * Finds the string literal `value` inside the value of `table` (a key path such as `project.dependencies`), at or
   * after offset `after`; falls back to the first such string anywhere in the file. Returns its offset and line.
   */
  findString(table: readonly string[], value: string, after = 0): { offset: number; line: number } | null {
    const inTable = this.strings.find((s) => s.offset >= after && s.value === value && this.related(s.statement, table));
    const found = inTable ?? this.strings.find((s) => s.value === value);
    return found ? { offset: found.offset, line: this.lineAt(found.offset) } : null;
  }

  /** Whether the statement at `index` defines (part of) the value at `table`. */
  private related(index: number, table: readonly string[]): boolean {
    const statement = this.statements[index];
    if (!statement || statement.header) return false;
    return startsWith(statement.path, table) || startsWith(table, statement.path);
  }
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((part, i) => part === b[i]);
}

function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return path.length >= prefix.length && prefix.every((part, i) => part === path[i]);
}

/** Parses a dotted key as written (`tool."poetry".dependencies`) into its parts. */
export function splitDottedKey(text: string): string[] {
  const parts: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /[\s.]/.test(text[i] ?? '')) i++;
    if (i >= text.length) break;
    const quote = text[i];
    if (quote === '"' || quote === "'") {
      const read = readString(text, i);
      parts.push(read.value);
      i = read.end;
    } else {
      const start = i;
      while (i < text.length && !/[\s.]/.test(text[i] ?? '')) i++;
      parts.push(text.slice(start, i));
    }
  }
  return parts;
}

/** Reads the TOML string literal starting at `start`: its decoded value and the offset just after it. */
function readString(text: string, start: number): { value: string; end: number } {
  const quote = text[start] ?? '"';
  const triple = text.startsWith(quote.repeat(3), start);
  const literal = quote === "'";
  let i = start + (triple ? 3 : 1);
  let value = '';
  while (i < text.length) {
    const c = text[i] ?? '';
    if (triple ? text.startsWith(quote.repeat(3), i) : c === quote) {
      let end = i + (triple ? 3 : 1);
      // A multi-line string may end with up to two more quotes that belong to its content.
      while (triple && text[end] === quote && end < i + 5) {
        value += quote;
        end++;
      }
      return { value, end };
    }
    if (!triple && c === '\n') return { value, end: i };
    if (c === '\\' && !literal) {
      const escaped = decodeEscape(text, i);
      value += escaped.value;
      i = escaped.end;
      continue;
    }
    value += c;
    i++;
  }
  return { value, end: i };
}

const ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', e: '\x1b', '"': '"', '\\': '\\' };

function decodeEscape(text: string, at: number): { value: string; end: number } {
  const next = text[at + 1] ?? '';
  if (next in ESCAPES) return { value: ESCAPES[next] ?? '', end: at + 2 };
  const unicode = /^(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|x([0-9A-Fa-f]{2}))/.exec(text.slice(at + 1, at + 10));
  if (unicode) {
    const code = parseInt(unicode[1] ?? unicode[2] ?? unicode[3] ?? '0', 16);
    return { value: String.fromCodePoint(code), end: at + 1 + unicode[0].length };
  }
  // A line-ending backslash in a multi-line basic string swallows the newline and the next line's indentation.
  const trim = /^[ \t]*\r?\n\s*/.exec(text.slice(at + 1));
  if (trim) return { value: '', end: at + 1 + trim[0].length };
  return { value: next, end: at + 2 };
}

/** One pass over the text, filling the statement and string lists. */
class Scanner {
  private i = 0;
  private depth = 0;
  private lineStart = true;
  private section: string[] = [];
  private current = -1;

  constructor(
    private readonly text: string,
    private readonly statements: Statement[],
    private readonly strings: StringLiteral[],
  ) {}

  run(): void {
    const text = this.text;
    while (this.i < text.length) {
      const c = text[this.i] ?? '';
      if (c === '#') this.skipComment();
      else if (c === '\n') {
        if (this.depth === 0) this.lineStart = true;
        this.i++;
      } else if (c === ' ' || c === '\t' || c === '\r') this.i++;
      else if (this.depth === 0 && this.lineStart) this.statementStart(c);
      else if (c === '"' || c === "'") this.string();
      else {
        if (c === '[' || c === '{') this.depth++;
        else if ((c === ']' || c === '}') && this.depth > 0) this.depth--;
        this.i++;
      }
    }
  }

  private skipComment(): void {
    const end = this.text.indexOf('\n', this.i);
    this.i = end === -1 ? this.text.length : end;
  }

  private statementStart(c: string): void {
    this.lineStart = false;
    if (c === '[') this.header();
    else this.keyValue();
  }

  private header(): void {
    const start = this.i;
    const arrayTable = this.text[start + 1] === '[';
    let i = start + (arrayTable ? 2 : 1);
    let inner = '';
    while (i < this.text.length && this.text[i] !== ']' && this.text[i] !== '\n') {
      const c = this.text[i] ?? '';
      if (c === '"' || c === "'") {
        const read = readString(this.text, i);
        inner += this.text.slice(i, read.end);
        i = read.end;
      } else {
        inner += c;
        i++;
      }
    }
    this.section = splitDottedKey(inner);
    this.statements.push({ path: this.section, offset: start, header: true, arrayTable });
    this.current = -1;
    const end = this.text.indexOf('\n', i);
    this.i = end === -1 ? this.text.length : end;
  }

  private keyValue(): void {
    const start = this.i;
    let i = start;
    let key = '';
    while (i < this.text.length && this.text[i] !== '=' && this.text[i] !== '\n') {
      const c = this.text[i] ?? '';
      if (c === '"' || c === "'") {
        const read = readString(this.text, i);
        key += this.text.slice(i, read.end);
        i = read.end;
      } else {
        key += c;
        i++;
      }
    }
    if (this.text[i] !== '=') {
      this.i = i; // not a statement (invalid TOML); smol-toml reports it
      return;
    }
    this.statements.push({ path: [...this.section, ...splitDottedKey(key)], offset: start, header: false, arrayTable: false });
    this.current = this.statements.length - 1;
    this.i = i + 1;
  }

  private string(): void {
    const read = readString(this.text, this.i);
    this.strings.push({ value: read.value, offset: this.i, statement: this.current });
    this.i = read.end;
  }
}

/**
 * The line of each `[[table]]` entry: its header, in order; when the headers and entries do not line up (an inline
 * array of tables), the line of each entry's `name = "…"`.
 */
export function lockEntryLines(locator: TomlLocator, table: readonly string[], entries: readonly TomlTable[]): number[] {
  const headers = locator.arrayTableLines(table);
  if (headers.length === entries.length) return headers;
  let after = 0;
  return entries.map((entry) => {
    const found = locator.findString([...table, 'name'], stringAt(entry, 'name') ?? '', after);
    if (found) after = found.offset + 1;
    return found?.line ?? 1;
  });
}
