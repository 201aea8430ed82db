/**
 * Small helpers on single expressions that many rules share: looking through parentheses, reading a string literal,
 * Python truthiness of a literal, comparing a name in place, and shortening source text for messages.
 */
import type { PyNode } from './ast.js';
import type { PyValue } from './literal.js';
import type { PythonModule } from './module.js';

/** The expression inside any number of parentheses: `((x))` → `x`. */
export function unwrap(node: PyNode): PyNode {
  let current = node;
  while (current.type === 'parenthesized_expression') {
    const inner = current.children.find((c) => c.type !== 'comment');
    if (!inner) break;
    current = inner;
  }
  return current;
}

/** The value of a `str` literal (not bytes, not an f-string with fields), or undefined. */
export function literalString(node: PyNode | undefined, module: PythonModule): string | undefined {
  const value = node ? module.literal(node) : undefined;
  return value?.kind === 'str' ? value.value : undefined;
}

/** Python truthiness of a literal: `True`, `1`, `"yes"`, even `"False"` are true; `None`, `0`, `""`, `[]` are false. */
export function isTruthy(value: PyValue): boolean {
  switch (value.kind) {
    case 'bool':
      return value.value;
    case 'none':
      return false;
    case 'int':
    case 'float':
      return value.value !== 0;
    case 'str':
    case 'bytes':
      return value.value.length > 0;
    case 'dict':
      return value.entries.length > 0;
    default:
      return value.items.length > 0;
  }
}

/** Is the node's text exactly `expected`? Compares in place: no string is allocated for the (many) other names. */
export function textIs(module: PythonModule, node: PyNode, expected: string): boolean {
  return node.end - node.start === expected.length && module.source.startsWith(expected, node.start);
}

/** Source text on one line, cut to `max` characters (ending in `...`): for quoting code in messages. */
export function abbreviate(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
}
