/**
 * The compact Python syntax tree every analyzer works on.
 *
 * tree-sitter's tree lives in WASM memory and every property read crosses the JS/WASM boundary, so each file is
 * walked exactly once with a TreeCursor (see `parser.ts`) and turned into these plain objects. Only named nodes are
 * kept; the anonymous tokens that carry meaning (operators, `async`) are folded into their parent.
 */

export interface PyNode {
  /** tree-sitter-python node type: `call`, `identifier`, `string`, `assignment`, … */
  type: string;
  /** Field name in the parent (`function`, `arguments`, `left`, …), or null. */
  field: string | null;
  /** Start and end offsets into the decoded source (UTF-16 code units, as JS string indices). */
  start: number;
  end: number;
  parent: PyNode | null;
  /** Named children, in source order. */
  children: PyNode[];
  /**
   * Operator tokens: `%` for binary_operator, `and` for boolean_operator, `not in` / `<` for comparison_operator
   * (one per comparison), `+=` for augmented_assignment, `-` / `~` for unary_operator.
   */
  ops?: string[];
  /** `async def`, `async for`, `async with`. */
  async?: true;
}

export interface Comment {
  /** 1-based line. */
  line: number;
  /** 1-based column of the `#`. */
  column: number;
  /** The comment text including the leading `#`. */
  text: string;
}

/** First child with the given field name. */
export function field(node: PyNode, name: string): PyNode | undefined {
  for (const child of node.children) if (child.field === name) return child;
  return undefined;
}

/** All children with the given field name. */
export function fields(node: PyNode, name: string): PyNode[] {
  return node.children.filter((child) => child.field === name);
}

/** First child of a type. */
export function childOfType(node: PyNode, type: string): PyNode | undefined {
  for (const child of node.children) if (child.type === type) return child;
  return undefined;
}

/** Nearest ancestor (excluding the node itself) satisfying the predicate. */
export function ancestor(node: PyNode, predicate: (n: PyNode) => boolean): PyNode | undefined {
  for (let current = node.parent; current; current = current.parent) if (predicate(current)) return current;
  return undefined;
}

/**
 * Depth-first pre-order walk over the compact tree. `enter` may return `false` to skip a node's children.
 * Iterative, so deeply nested expressions cannot overflow the stack.
 */
export function walk(root: PyNode, enter: (node: PyNode) => boolean | void, exit?: (node: PyNode) => void): void {
  const stack: Array<{ node: PyNode; index: number }> = [];
  if (enter(root) === false) return;
  stack.push({ node: root, index: 0 });
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const child = top.node.children[top.index++];
    if (child === undefined) {
      stack.pop();
      exit?.(top.node);
      continue;
    }
    if (enter(child) === false) continue;
    stack.push({ node: child, index: 0 });
  }
}

/** Maps string offsets to 1-based line/column positions. */
export class LineIndex {
  private readonly starts: number[];

  constructor(readonly source: string) {
    const starts = [0];
    for (let i = 0; i < source.length; i++) {
      const code = source.charCodeAt(i);
      if (code === 10) starts.push(i + 1);
      else if (code === 13) {
        if (source.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 1-based line of an offset. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    const line = this.lineOf(offset);
    return { line, column: offset - this.starts[line - 1]! + 1 };
  }

  /** Offset where a 1-based line starts. */
  lineStart(line: number): number {
    return this.starts[Math.min(Math.max(line, 1), this.starts.length) - 1]!;
  }

  /** Text of a 1-based line without its line terminator. */
  lineText(line: number): string {
    if (line < 1 || line > this.starts.length) return '';
    const start = this.starts[line - 1]!;
    const next = line < this.starts.length ? this.starts[line]! : this.source.length;
    return this.source.slice(start, next).replace(/\r?\n$|\r$/, '');
  }
}
