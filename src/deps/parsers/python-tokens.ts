/**
 * A small Python tokenizer for reading literal values out of `setup.py` without running it (and without the async
 * tree-sitter parser, so the setup.py parser stays a plain function of its text). It knows strings (every prefix,
 * triple quotes, escapes), comments, names, numbers and operators, which is all literal lists and dicts need.
 */
import { LineMap } from './common.js';

/** The kinds of token the literal reader needs (comments and whitespace are dropped). */
export type TokenKind = 'string' | 'name' | 'number' | 'op';

/** One token of Python source. */
export interface Token {
  kind: TokenKind;
  /** Names, numbers and operators as written; a string's decoded value. */
  value: string;
  offset: number;
  line: number;
  /** An f-string (or t-string): its value is computed, not literal. */
  formatted: boolean;
  /** The token starts a line at column 0 outside brackets: a top-level statement. */
  topLevel: boolean;
}

const TWO_CHAR_OPS = new Set(['==', '!=', '<=', '>=', '+=', '-=', '*=', '/=', '|=', '&=', ':=', '->', '**', '//', '<<', '>>']);
const STRING_START = /^([rRbBuUfFtT]{0,2})("""|'''|"|')/;

/** Tokenizes Python source. Unterminated strings end at the end of their line (or file, for triple quotes). */
export function tokenizePython(text: string): Token[] {
  const lines = new LineMap(text);
  const tokens: Token[] = [];
  let depth = 0;
  let lineStart = 0;
  let i = 0;
  const push = (kind: TokenKind, value: string, offset: number, formatted = false): void => {
    const topLevel = depth === 0 && offset === lineStart;
    tokens.push({ kind, value, offset, line: lines.lineAt(offset), formatted, topLevel });
  };
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === '\n') {
      lineStart = ++i;
    } else if (c === '#') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if (c === '\\' && text[i + 1] === '\n') {
      i += 2; // explicit line joining: the next line continues this statement
    } else if (/\s/.test(c)) {
      i++;
    } else {
      const string = STRING_START.exec(text.slice(i, i + 5));
      if (string) {
        const read = readPythonString(text, i, string[1] ?? '', string[2] ?? '"');
        push('string', read.value, i, /[fFtT]/.test(string[1] ?? ''));
        i = read.end;
        continue;
      }
      const word = /^[\p{L}_][\p{L}\p{N}_]*/u.exec(text.slice(i, i + 200));
      if (word) {
        push('name', word[0], i);
        i += word[0].length;
        continue;
      }
      const number = /^\d[\d_]*(?:\.\d*)?(?:[eE][+-]?\d+)?[jJ]?/.exec(text.slice(i, i + 100));
      if (number) {
        push('number', number[0], i);
        i += number[0].length;
        continue;
      }
      const pair = text.slice(i, i + 2);
      const op = TWO_CHAR_OPS.has(pair) ? pair : c;
      if ('([{'.includes(op)) depth++;
      else if (')]}'.includes(op) && depth > 0) depth--;
      push('op', op, i);
      i += op.length;
    }
  }
  return tokens;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0' };

function readPythonString(text: string, start: number, prefix: string, quote: string): { value: string; end: number } {
  const raw = /[rR]/.test(prefix);
  const triple = quote.length === 3;
  let i = start + prefix.length + quote.length;
  let value = '';
  while (i < text.length) {
    if (text.startsWith(quote, i)) return { value, end: i + quote.length };
    const c = text[i] ?? '';
    if (!triple && c === '\n') return { value, end: i };
    if (c === '\\') {
      const next = text[i + 1] ?? '';
      if (raw) value += c + next;
      else if (next === '\n') value += '';
      else value += ESCAPES[next] ?? `\\${next}`;
      i += 2;
      continue;
    }
    value += c;
    i++;
  }
  return { value, end: i };
}
