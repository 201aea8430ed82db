/**
 * A JSON reader that remembers where keys are: `JSON.parse` gives neither key positions nor (on Node 20) the line of
 * a syntax error, and lock-file findings and problems need both. Strict JSON (RFC 8259); small recursive descent.
 */
import { LineMap } from './common.js';
import type { Parsed } from './pep508.js';

/** A parsed JSON document and the line of each object key, by its key path. */
export interface JsonDocument {
  value: unknown;
  /** Line of the key at a path (`["default", "django"]`), for keys up to `maxDepth` deep. */
  keyLine(path: readonly string[]): number | null;
}

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const SEPARATOR = '\u0000';

/** Parses JSON; an error names its line (`{ ok: false, error: "line 3: …" }`). */
export function parseJsonWithLines(text: string, maxDepth = 2): Parsed<JsonDocument> {
  const lines = new LineMap(text);
  const keys = new Map<string, number>();
  const reader = new JsonReader(text, lines, keys, maxDepth);
  try {
    const value = reader.document();
    return { ok: true, value: { value, keyLine: (path) => keys.get(path.join(SEPARATOR)) ?? null } };
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return { ok: false, error: `line ${lines.lineAt(error.offset)}: ${error.message}` };
  }
}

class JsonReader {
  private i = 0;

  constructor(
    private readonly text: string,
    private readonly lines: LineMap,
    private readonly keys: Map<string, number>,
    private readonly maxDepth: number,
  ) {}

  document(): unknown {
    const value = this.value([]);
    this.space();
    if (this.i < this.text.length) this.fail('unexpected text after the JSON value');
    return value;
  }

  private fail(message: string): never {
    throw new JsonSyntaxError(message, Math.min(this.i, this.text.length));
  }

  private space(): void {
    while (this.i < this.text.length && ' \t\r\n'.includes(this.text[this.i] ?? '')) this.i++;
  }

  private value(path: string[]): unknown {
    this.space();
    const c = this.text[this.i];
    if (c === '{') return this.object(path);
    if (c === '[') return this.array(path);
    if (c === '"') return this.string();
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.text.startsWith(word, this.i)) {
        this.i += word.length;
        return value;
      }
    }
    const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    number.lastIndex = this.i;
    const match = number.exec(this.text);
    if (!match) this.fail(c === undefined ? 'unexpected end of the document' : `unexpected character \`${c}\``);
    this.i += match[0].length;
    return Number(match[0]);
  }

  private object(path: string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.i++;
    this.space();
    if (this.text[this.i] === '}') {
      this.i++;
      return out;
    }
    for (;;) {
      this.space();
      if (this.text[this.i] !== '"') this.fail('expected a "quoted" key');
      const offset = this.i;
      const key = this.string();
      const keyPath = [...path, key];
      if (keyPath.length <= this.maxDepth) this.keys.set(keyPath.join(SEPARATOR), this.lines.lineAt(offset));
      this.space();
      if (this.text[this.i] !== ':') this.fail('expected `:` after a key');
      this.i++;
      out[key] = this.value(keyPath);
      this.space();
      const next = this.text[this.i++];
      if (next === '}') return out;
      if (next !== ',') this.fail('expected `,` or `}`');
    }
  }

  private array(path: string[]): unknown[] {
    const out: unknown[] = [];
    this.i++;
    this.space();
    if (this.text[this.i] === ']') {
      this.i++;
      return out;
    }
    for (;;) {
      out.push(this.value(path));
      this.space();
      const next = this.text[this.i++];
      if (next === ']') return out;
      if (next !== ',') this.fail('expected `,` or `]`');
    }
  }

  private string(): string {
    const start = this.i;
    this.i++;
    while (this.i < this.text.length) {
      const c = this.text[this.i];
      if (c === '\\') this.i += 2;
      else if (c === '"') {
        this.i++;
        try {
          return JSON.parse(this.text.slice(start, this.i)) as string;
        } catch {
          this.i = start;
          this.fail('invalid string');
        }
      } else if (c === '\n') {
        this.fail('unterminated string');
      } else this.i++;
    }
    return this.fail('unterminated string');
  }
}
