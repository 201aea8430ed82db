/**
 * A lexer for Django templates with the same token boundaries as Django's own (`django/template/base.py`): text,
 * `{{ variable }}`, `{% block %}` and `{# comment #}` tokens, each single-line, plus `{% verbatim %}` and
 * `{% comment %}` regions. Every token knows its line and column, so findings point into the template.
 */

export type TokenType = 'text' | 'var' | 'block' | 'comment';

export interface TemplateToken {
  type: TokenType;
  /** The raw source of the token, delimiters included. */
  raw: string;
  /** The content between the delimiters, trimmed (text tokens: the text itself). */
  contents: string;
  /** 0-based offset in the template source. */
  start: number;
  end: number;
  /** 1-based line and column of the start. */
  line: number;
  column: number;
}

/** A `{{ … }}` expression split into its base and filters: `x.y|default:"a"|safe` → base `x.y`, filters [default, safe]. */
export interface VariableExpression {
  base: string;
  filters: Array<{ name: string; arg?: string }>;
}

const TAG = /\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}/g;

export function tokenize(source: string): TemplateToken[] {
  const tokens: TemplateToken[] = [];
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const position = (offset: number): { line: number; column: number } => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };
  const push = (type: TokenType, start: number, end: number): void => {
    const raw = source.slice(start, end);
    const contents = type === 'text' ? raw : raw.slice(2, -2).trim();
    tokens.push({ type, raw, contents, start, end, ...position(start) });
  };
  let last = 0;
  let verbatim: string | undefined;
  TAG.lastIndex = 0;
  for (let match = TAG.exec(source); match; match = TAG.exec(source)) {
    const start = match.index;
    const end = start + match[0].length;
    const kind = match[0].slice(0, 2);
    const inner = match[0].slice(2, -2).trim();
    if (verbatim !== undefined) {
      // Inside {% verbatim %}, everything is text until the matching end tag.
      if (kind === '{%' && inner === verbatim) {
        if (start > last) push('text', last, start);
        push('block', start, end);
        last = end;
        verbatim = undefined;
      }
      continue;
    }
    if (start > last) push('text', last, start);
    push(kind === '{{' ? 'var' : kind === '{%' ? 'block' : 'comment', start, end);
    last = end;
    if (kind === '{%' && /^verbatim\b/.test(inner)) verbatim = `end${inner}`;
  }
  if (last < source.length) push('text', last, source.length);
  return tokens;
}

/** The first word of a block tag: `autoescape` for `{% autoescape off %}`. */
export function blockName(token: TemplateToken): string {
  return token.type === 'block' ? (token.contents.split(/\s+/, 1)[0] ?? '') : '';
}

/** A template literal (`"…"`, `'…'`, a number): nothing a user controls. */
export function isTemplateLiteral(text: string): boolean {
  return /^(?:"[^"]*"|'[^']*'|-?\d+(?:\.\d+)?)$/.test(text);
}

/** Splits `text` at the characters `isSeparator` accepts, except inside `"…"` / `'…'` quotes; separators are dropped. */
export function splitOutsideQuotes(text: string, isSeparator: (ch: string) => boolean): string[] {
  const parts: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (const ch of text) {
    if (quote) {
      current += ch;
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      current += ch;
    } else if (isSeparator(ch)) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

/** Splits a variable expression into its base and filters, respecting quoted filter arguments. */
export function parseVariable(contents: string): VariableExpression {
  const parts = splitOutsideQuotes(contents, (ch) => ch === '|');
  const [base = '', ...filters] = parts.map((p) => p.trim());
  return {
    base,
    filters: filters.map((filter) => {
      const colon = filter.indexOf(':');
      return colon === -1 ? { name: filter } : { name: filter.slice(0, colon).trim(), arg: filter.slice(colon + 1).trim() };
    }),
  };
}

/** Tokens outside `{% comment %} … {% endcomment %}` blocks (whose contents Django never renders). */
export function renderedTokens(tokens: readonly TemplateToken[]): TemplateToken[] {
  const out: TemplateToken[] = [];
  let depth = 0;
  for (const token of tokens) {
    const name = blockName(token);
    if (name === 'comment') {
      depth++;
      continue;
    }
    if (name === 'endcomment' && depth > 0) {
      depth--;
      continue;
    }
    if (depth === 0) out.push(token);
  }
  return out;
}
