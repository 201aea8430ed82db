/**
 * Recognising strings built at run time: `%` formatting, `+` concatenation, `str.format`, f-strings and
 * `str.replace`. Used by injection rules to tell a built string from a constant one.
 */
import type { PyNode } from './ast.js';
import { field } from './ast.js';
import type { PythonModule } from './module.js';
import { stringParts } from './literal.js';

export type BuildKind = 'percent' | 'concat' | 'format' | 'fstring' | 'replace';

export interface StringBuild {
  how: BuildKind;
  /** The literal text visible in the expression (format strings, concatenated literals). */
  literalText: string;
  /** The parts that are not compile-time constants. Non-empty for every build. */
  dynamic: PyNode[];
}

export interface BuildOptions {
  /**
   * The expression is known to be a string (it is the SQL argument of `execute`), so `a % b` and `a + b` count even
   * when no operand is a visible string literal.
   */
  knownString?: boolean;
}

const STRING_TYPES = new Set(['string', 'concatenated_string']);

function isStringLiteral(node: PyNode, module: PythonModule): boolean {
  if (!STRING_TYPES.has(node.type)) return false;
  const value = module.literal(node);
  return value !== undefined && value.kind === 'str';
}

function literalString(node: PyNode, module: PythonModule): string | undefined {
  const value = module.literal(node);
  return value?.kind === 'str' ? value.value : undefined;
}

function unwrap(node: PyNode): PyNode {
  let current = node;
  while (current.type === 'parenthesized_expression') {
    const inner = current.children.find((c) => c.type !== 'comment');
    if (!inner) break;
    current = inner;
  }
  return current;
}

const NUMERIC_CALLS = new Set(['int', 'float', 'len', 'abs', 'round', 'bool', 'hash', 'ord']);

/**
 * Text that cannot carry attacker-chosen characters although it is not a literal: numbers (`int(x)`, `len(x)`),
 * and lists of parameter markers such as `", ".join(["%s"] * len(ids))` or `",".join("%s" for _ in ids)`.
 */
export function isConstantText(input: PyNode, module: PythonModule): boolean {
  const node = unwrap(input);
  if (module.literal(node) !== undefined) return true;
  if (node.type === 'binary_operator') {
    const left = field(node, 'left');
    const right = field(node, 'right');
    if (!left || !right) return false;
    const op = node.ops?.[0];
    // ["%s"] * n, "?, " * n: repetition of a constant.
    if (op === '*') return isConstantText(left, module) || isConstantText(right, module);
    if (op === '+' || op === '%') return isConstantText(left, module) && isConstantText(right, module);
    return false;
  }
  if (node.type === 'list' || node.type === 'tuple') return node.children.every((c) => c.type === 'comment' || isConstantText(c, module));
  if (node.type === 'generator_expression' || node.type === 'list_comprehension') {
    const body = field(node, 'body');
    return body !== undefined && isConstantText(body, module);
  }
  if (node.type === 'call') {
    const qualified = module.qualifiedName(node);
    if (qualified && NUMERIC_CALLS.has(qualified)) return true;
    const argumentList = field(node, 'arguments');
    const args = argumentList?.type === 'generator_expression' ? [argumentList] : (argumentList?.children.filter((c) => c.type !== 'comment') ?? []);
    if (qualified === 'str' && args.length === 1) return isConstantText(args[0]!, module);
    const fn = field(node, 'function');
    if (fn?.type === 'attribute') {
      const method = field(fn, 'attribute');
      const receiver = field(fn, 'object');
      if (method && receiver && module.text(method) === 'join' && args.length === 1) {
        return isConstantText(receiver, module) && isConstantText(args[0]!, module);
      }
    }
  }
  return false;
}

/** Interpolated parts of an f-string that are not constants. */
function fstringDynamic(node: PyNode, module: PythonModule): { text: string; dynamic: PyNode[] } | undefined {
  const parts: PyNode[] = node.type === 'concatenated_string' ? node.children.filter((c) => c.type === 'string') : [node];
  // Only f-strings keep child nodes (see parser.ts); without one there is nothing dynamic, and no need to decode
  // (possibly long) literals.
  if (!parts.some((part) => part.children.length > 0 && stringParts(part, module.source)?.isFormat)) return undefined;
  let text = '';
  const dynamic: PyNode[] = [];
  let sawFormat = false;
  for (const part of parts) {
    const info = stringParts(part, module.source);
    if (!info) return undefined;
    if (!info.isFormat) {
      const value = module.literal(part);
      text += value?.kind === 'str' ? value.value : info.body;
      continue;
    }
    sawFormat = true;
    for (const child of part.children) {
      if (child.type === 'string_content') text += module.text(child);
      else if (child.type === 'interpolation') {
        const expression = field(child, 'expression') ?? child.children[0];
        if (expression && !isConstantText(expression, module)) dynamic.push(expression);
      }
    }
  }
  return sawFormat ? { text, dynamic } : undefined;
}

/** Describes how a string expression is built at run time, or returns undefined for constants and non-strings. */
export function stringBuild(input: PyNode, module: PythonModule, options: BuildOptions = {}): StringBuild | undefined {
  const node = unwrap(input);
  if (node.type === 'string' || node.type === 'concatenated_string') {
    const f = fstringDynamic(node, module);
    return f && f.dynamic.length > 0 ? { how: 'fstring', literalText: f.text, dynamic: f.dynamic } : undefined;
  }
  if (node.type === 'binary_operator') {
    const op = node.ops?.[0];
    const left = field(node, 'left');
    const right = field(node, 'right');
    if (!left || !right) return undefined;
    if (op === '%') {
      const format = literalString(unwrap(left), module);
      if (format === undefined && !options.knownString) return undefined;
      const target = unwrap(right);
      const values = target.type === 'tuple' ? target.children : target.type === 'dictionary' ? target.children.map((p) => field(p, 'value') ?? p) : [target];
      const dynamic = values.filter((v) => v.type !== 'comment' && !isConstantText(v, module));
      if (format === undefined) dynamic.unshift(left);
      return dynamic.length > 0 ? { how: 'percent', literalText: format ?? '', dynamic } : undefined;
    }
    if (op === '+') {
      const operands = flattenConcat(node);
      const sawString = operands.some((o) => isStringLiteral(o, module) || fstringDynamic(o, module) !== undefined);
      if (!sawString && !options.knownString) return undefined;
      let literalText = '';
      const dynamic: PyNode[] = [];
      for (const operand of operands) {
        const text = literalString(operand, module);
        if (text !== undefined) {
          literalText += text;
          continue;
        }
        if (isConstantText(operand, module)) continue;
        const inner = stringBuild(operand, module, { knownString: true });
        if (inner) {
          literalText += inner.literalText;
          dynamic.push(...inner.dynamic);
        } else dynamic.push(operand);
      }
      return dynamic.length > 0 ? { how: 'concat', literalText, dynamic } : undefined;
    }
    return undefined;
  }
  if (node.type === 'call') {
    const fn = field(node, 'function');
    if (fn?.type !== 'attribute') return undefined;
    const method = field(fn, 'attribute');
    const receiver = field(fn, 'object');
    if (!method || !receiver) return undefined;
    const name = module.text(method);
    if (name !== 'format' && name !== 'replace') return undefined;
    const template = literalString(unwrap(receiver), module);
    if (template === undefined && !(options.knownString && name === 'format')) return undefined;
    const args = field(node, 'arguments');
    const dynamic = (args?.type === 'generator_expression' ? [args] : (args?.children ?? []))
      .map((a) => (a.type === 'keyword_argument' ? (field(a, 'value') ?? a) : a))
      .filter((a) => a.type !== 'comment' && !isConstantText(a, module));
    if (template === undefined) dynamic.unshift(receiver);
    return dynamic.length > 0 ? { how: name === 'format' ? 'format' : 'replace', literalText: template ?? '', dynamic } : undefined;
  }
  return undefined;
}

function flattenConcat(node: PyNode): PyNode[] {
  const out: PyNode[] = [];
  const visit = (n: PyNode): void => {
    const u = unwrap(n);
    if (u.type === 'binary_operator' && u.ops?.[0] === '+') {
      const left = field(u, 'left');
      const right = field(u, 'right');
      if (left && right) {
        visit(left);
        visit(right);
        return;
      }
    }
    out.push(u);
  };
  visit(node);
  return out;
}

export function describeBuild(how: BuildKind): string {
  switch (how) {
    case 'percent':
      return '%-formatting';
    case 'concat':
      return 'string concatenation';
    case 'format':
      return 'str.format()';
    case 'fstring':
      return 'an f-string';
    case 'replace':
      return 'str.replace()';
  }
}
