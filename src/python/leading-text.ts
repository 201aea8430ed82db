/** The constant text a string expression starts with, for checks on a prefix: a URL's scheme, a path's directory. */
import type { PyNode } from './ast.js';
import { field } from './ast.js';
import { unwrap } from './expressions.js';
import { stringParts } from './literal.js';
import type { PythonModule } from './module.js';

/** How deep nested `+`, `%` and `format()` expressions are followed. */
const MAX_DEPTH = 6;

/**
 * The constant text a string expression starts with: a literal's value, an f-string's text before its first
 * replacement field (so `""` when it starts with one), the start of a `+` concatenation, of a `%` or `str.format()`
 * format string. Undefined for anything else: a variable, a call, a bytes literal.
 */
export function leadingText(input: PyNode, module: PythonModule, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = unwrap(input);
  const value = module.literal(node);
  if (value !== undefined) return value.kind === 'str' ? value.value : undefined;
  switch (node.type) {
    case 'string':
    case 'concatenated_string': {
      let text = '';
      for (const part of node.type === 'string' ? [node] : node.children.filter((c) => c.type === 'string')) {
        const info = stringParts(part, module.source);
        if (!info) return text;
        if (!info.isFormat) {
          const piece = module.literal(part);
          if (piece?.kind !== 'str') return text;
          text += piece.value;
          continue;
        }
        for (const child of part.children) {
          if (child.type === 'interpolation') return text;
          if (child.type === 'string_content') text += module.text(child);
        }
      }
      return text;
    }
    case 'binary_operator': {
      const left = field(node, 'left');
      const right = field(node, 'right');
      if (!left || !right) return undefined;
      const op = node.ops?.[0];
      if (op === '%') return leadingText(left, module, depth + 1)?.split('%')[0];
      if (op !== '+') return undefined;
      const start = leadingText(left, module, depth + 1);
      if (start === undefined || module.literal(unwrap(left))?.kind !== 'str') return start;
      return start + (leadingText(right, module, depth + 1) ?? '');
    }
    case 'call': {
      const fn = field(node, 'function');
      const method = fn?.type === 'attribute' ? field(fn, 'attribute') : undefined;
      const receiver = fn?.type === 'attribute' ? field(fn, 'object') : undefined;
      if (!method || !receiver || module.text(method) !== 'format') return undefined;
      return leadingText(receiver, module, depth + 1)?.split('{')[0];
    }
    default:
      return undefined;
  }
}
