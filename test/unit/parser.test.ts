import { describe, expect, it } from 'vitest';
import { field, walk, type PyNode } from '../../src/python/ast.js';
import { parsePython } from '../../src/python/parser.js';

function find(root: PyNode, type: string): PyNode[] {
  const out: PyNode[] = [];
  walk(root, (n) => {
    if (n.type === type) out.push(n);
  });
  return out;
}

describe('parsePython', () => {
  it('builds a compact tree of named nodes with fields', async () => {
    const { root, syntaxErrors } = await parsePython('x = f(1, y=2)\n');
    expect(syntaxErrors).toEqual([]);
    const call = find(root, 'call')[0]!;
    expect(field(call, 'function')?.type).toBe('identifier');
    expect(field(call, 'arguments')?.children.map((c) => c.type)).toEqual(['integer', 'keyword_argument']);
    expect(call.parent?.type).toBe('assignment');
  });

  it('folds operator tokens into their node', async () => {
    const source = 'a = b % c\nd = e not in f\ng += 1\nh = not i\nj = k and l\nm = n < o <= p\nq = -r\n';
    const { root } = await parsePython(source);
    expect(find(root, 'binary_operator')[0]!.ops).toEqual(['%']);
    expect(find(root, 'comparison_operator').map((n) => n.ops)).toEqual([['not in'], ['<', '<=']]);
    expect(find(root, 'augmented_assignment')[0]!.ops).toEqual(['+=']);
    expect(find(root, 'boolean_operator')[0]!.ops).toEqual(['and']);
    expect(find(root, 'unary_operator')[0]!.ops).toEqual(['-']);
  });

  it('marks async definitions', async () => {
    const { root } = await parsePython('async def view(request):\n    return 1\ndef other():\n    pass\n');
    expect(find(root, 'function_definition').map((n) => n.async === true)).toEqual([true, false]);
  });

  it('uses JavaScript string offsets (UTF-16) for non-ASCII sources', async () => {
    const source = 'label = "été 😀"\nvalue = call()\n';
    const parsed = await parsePython(source);
    const call = find(parsed.root, 'call')[0]!;
    expect(source.slice(call.start, call.end)).toBe('call()');
    expect(parsed.lines.position(call.start)).toEqual({ line: 2, column: 9 });
  });

  it('collects real comments only, with positions', async () => {
    const { comments } = await parsePython('x = "# not a comment"  # real\n# own line\n');
    expect(comments).toEqual([
      { line: 1, column: 24, text: '# real' },
      { line: 2, column: 1, text: '# own line' },
    ]);
  });

  it('reports syntax errors with their line but still returns a tree', async () => {
    const parsed = await parsePython('def ok():\n    return 1\n\ndef broken(:\n    pass\n');
    expect(parsed.syntaxErrors.length).toBeGreaterThan(0);
    expect(parsed.syntaxErrors[0]!.line).toBe(4);
    expect(find(parsed.root, 'function_definition').length).toBeGreaterThan(0);
  });

  it('handles CRLF line endings', async () => {
    const parsed = await parsePython('a = 1\r\nb = f()\r\n');
    expect(parsed.lines.position(find(parsed.root, 'call')[0]!.start)).toEqual({ line: 2, column: 5 });
    expect(parsed.lines.lineText(2)).toBe('b = f()');
  });

  it('walks deeply nested expressions without overflowing the stack', async () => {
    const depth = 3000;
    const { root } = await parsePython(`x = ${'['.repeat(depth)}1${']'.repeat(depth)}\n`);
    let lists = 0;
    walk(root, (n) => {
      if (n.type === 'list') lists++;
    });
    expect(lists).toBe(depth);
  });
});
