/**
 * Literal evaluation of Python expressions: what `ast.literal_eval` would accept, plus string concatenation of
 * literals (implicit and `+`) and f-strings without replacement fields.
 */
import type { PyNode } from './ast.js';
import { field } from './ast.js';

export type PyValue =
  | { kind: 'str'; value: string }
  | { kind: 'bytes'; value: string }
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'none' }
  | { kind: 'list' | 'tuple' | 'set'; items: PyValue[] }
  | { kind: 'dict'; entries: Array<[PyValue, PyValue]> };

/** Evaluates a literal expression, or returns undefined when the value is not a compile-time constant. */
export function evaluateLiteral(node: PyNode, source: string): PyValue | undefined {
  switch (node.type) {
    case 'string':
      return evaluateString(node, source);
    case 'concatenated_string': {
      let kind: 'str' | 'bytes' | undefined;
      let value = '';
      for (const part of node.children) {
        if (part.type === 'comment') continue;
        const piece = evaluateString(part, source);
        if (!piece || (piece.kind !== 'str' && piece.kind !== 'bytes')) return undefined;
        if (kind && kind !== piece.kind) return undefined;
        kind = piece.kind;
        value += piece.value;
      }
      return kind ? { kind, value } : undefined;
    }
    case 'integer':
      return parseInteger(source.slice(node.start, node.end));
    case 'float': {
      const text = source.slice(node.start, node.end).replace(/_/g, '');
      if (/[jJ]$/.test(text)) return undefined;
      return { kind: 'float', value: Number(text) };
    }
    case 'true':
      return { kind: 'bool', value: true };
    case 'false':
      return { kind: 'bool', value: false };
    case 'none':
      return { kind: 'none' };
    case 'parenthesized_expression': {
      const inner = node.children.find((c) => c.type !== 'comment');
      return inner ? evaluateLiteral(inner, source) : undefined;
    }
    case 'unary_operator': {
      const operand = field(node, 'argument');
      const op = node.ops?.[0];
      const value = operand && evaluateLiteral(operand, source);
      if (!value || (value.kind !== 'int' && value.kind !== 'float')) return undefined;
      if (op === '-') return { kind: value.kind, value: -value.value };
      if (op === '+') return value;
      if (op === '~' && value.kind === 'int') return { kind: 'int', value: ~value.value };
      return undefined;
    }
    case 'binary_operator': {
      const op = node.ops?.[0];
      const left = field(node, 'left');
      const right = field(node, 'right');
      if (!left || !right) return undefined;
      const a = evaluateLiteral(left, source);
      const b = a && evaluateLiteral(right, source);
      if (!a || !b) return undefined;
      if (op === '+' && (a.kind === 'str' || a.kind === 'bytes') && a.kind === b.kind) {
        return { kind: a.kind, value: a.value + b.value };
      }
      if ((a.kind === 'int' || a.kind === 'float') && (b.kind === 'int' || b.kind === 'float')) {
        const kind = a.kind === 'float' || b.kind === 'float' ? 'float' : 'int';
        switch (op) {
          case '+':
            return { kind, value: a.value + b.value };
          case '-':
            return { kind, value: a.value - b.value };
          case '*':
            return { kind, value: a.value * b.value };
          case '|':
            return kind === 'int' ? { kind, value: a.value | b.value } : undefined;
          case '&':
            return kind === 'int' ? { kind, value: a.value & b.value } : undefined;
          case '^':
            return kind === 'int' ? { kind, value: a.value ^ b.value } : undefined;
          case '<<':
            return kind === 'int' ? { kind, value: a.value * 2 ** b.value } : undefined;
          case '**':
            return { kind, value: a.value ** b.value };
          default:
            return undefined;
        }
      }
      return undefined;
    }
    case 'list':
    case 'tuple':
    case 'set': {
      const items: PyValue[] = [];
      for (const child of node.children) {
        if (child.type === 'comment') continue;
        const value = evaluateLiteral(child, source);
        if (!value) return undefined;
        items.push(value);
      }
      return { kind: node.type, items };
    }
    case 'dictionary': {
      const entries: Array<[PyValue, PyValue]> = [];
      for (const child of node.children) {
        if (child.type === 'comment') continue;
        if (child.type !== 'pair') return undefined;
        const k = field(child, 'key');
        const v = field(child, 'value');
        const key = k && evaluateLiteral(k, source);
        const value = v && evaluateLiteral(v, source);
        if (!key || !value) return undefined;
        entries.push([key, value]);
      }
      return { kind: 'dict', entries };
    }
    default:
      return undefined;
  }
}

function parseInteger(text: string): PyValue | undefined {
  const clean = text.replace(/_/g, '');
  if (/[lLjJ]$/.test(clean)) return undefined;
  let value: number;
  if (/^0[xX]/.test(clean)) value = Number.parseInt(clean.slice(2), 16);
  else if (/^0[oO]/.test(clean)) value = Number.parseInt(clean.slice(2), 8);
  else if (/^0[bB]/.test(clean)) value = Number.parseInt(clean.slice(2), 2);
  else value = Number.parseInt(clean, 10);
  return Number.isFinite(value) ? { kind: 'int', value } : undefined;
}

export interface StringParts {
  prefix: string;
  /** Raw source text between the quotes. */
  body: string;
  isBytes: boolean;
  isRaw: boolean;
  isFormat: boolean;
  /** The f-string's replacement fields, in order. */
  interpolations: PyNode[];
}

/** Prefix, quoting and interpolations of a `string` node (plain strings are leaves; f-strings keep their parts). */
export function stringParts(node: PyNode, source: string): StringParts | undefined {
  if (node.type !== 'string') return undefined;
  const text = source.slice(node.start, node.end);
  const prefix = /^[A-Za-z]*/.exec(text)![0];
  const rest = text.slice(prefix.length);
  const quote = rest.startsWith('"""') || rest.startsWith("'''") ? rest.slice(0, 3) : rest.slice(0, 1);
  if (quote !== '"' && quote !== "'" && quote.length !== 3) return undefined;
  if (rest.length < quote.length * 2 || !rest.endsWith(quote)) return undefined; // unterminated (syntax error)
  const lower = prefix.toLowerCase();
  return {
    prefix: lower,
    body: rest.slice(quote.length, rest.length - quote.length),
    isBytes: lower.includes('b'),
    isRaw: lower.includes('r'),
    isFormat: lower.includes('f') || lower.includes('t'),
    interpolations: node.children.filter((c) => c.type === 'interpolation'),
  };
}

function evaluateString(node: PyNode, source: string): PyValue | undefined {
  const parts = stringParts(node, source);
  if (!parts || parts.interpolations.length > 0 || parts.prefix.includes('t')) return undefined;
  let body = parts.body;
  if (parts.isFormat) body = body.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
  const value = parts.isRaw ? body : unescapePython(body, parts.isBytes);
  if (value === undefined) return undefined;
  return { kind: parts.isBytes ? 'bytes' : 'str', value };
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** Decodes Python backslash escapes; `\N{…}` names are not resolved (returns undefined). */
export function unescapePython(body: string, isBytes: boolean): string | undefined {
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = body[i + 1];
    if (next === undefined) return out + '\\';
    if (next === '\n') {
      i++;
      continue;
    }
    if (next === '\r') {
      i += body[i + 2] === '\n' ? 2 : 1;
      continue;
    }
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
      i++;
      continue;
    }
    if (/[0-7]/.test(next)) {
      const octal = /^[0-7]{1,3}/.exec(body.slice(i + 1))![0];
      out += String.fromCodePoint(Number.parseInt(octal, 8));
      i += octal.length;
      continue;
    }
    const hexLength = next === 'x' ? 2 : !isBytes && next === 'u' ? 4 : !isBytes && next === 'U' ? 8 : 0;
    if (hexLength > 0) {
      const hex = body.slice(i + 2, i + 2 + hexLength);
      if (!new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(hex)) return undefined;
      const code = Number.parseInt(hex, 16);
      if (code > 0x10ffff) return undefined;
      out += String.fromCodePoint(code);
      i += 1 + hexLength;
      continue;
    }
    if (!isBytes && next === 'N') return undefined;
    out += `\\${next}`;
    i++;
  }
  return out;
}
