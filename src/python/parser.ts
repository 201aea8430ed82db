/**
 * The one module that talks to tree-sitter. Everything else sees only `PyNode` trees, so the parser can be swapped
 * (for instance for the native binding) when measurements say so.
 *
 * Runtime: `web-tree-sitter` (WASM) with the grammar's own `tree-sitter-python.wasm`, so installing ponyguard never
 * needs a C/C++ compiler.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Language, Parser, Query, type Tree, type TreeCursor } from 'web-tree-sitter';
import type { Comment, PyNode } from './ast.js';
import { LineIndex } from './ast.js';

export interface SyntaxProblem {
  line: number;
  column: number;
  message: string;
}

export interface ParsedModule {
  root: PyNode;
  comments: Comment[];
  lines: LineIndex;
  /** Syntax errors tree-sitter recovered from (first few); empty for a clean parse. */
  syntaxErrors: SyntaxProblem[];
}

interface Grammar {
  parser: Parser;
  language: Language;
  typeNames: string[];
  typeNamed: boolean[];
  fieldNames: (string | null)[];
  /** Node types that have named fields: only their children need a field-id lookup (a WASM call). */
  hasFields: boolean[];
  /** Node types whose fields may hold anonymous tokens (operators): only there are anonymous children inspected. */
  hasTokenFields: boolean[];
  /** Named node types that never have children (identifier, integer, comment, …): no descent needed. */
  isLeaf: boolean[];
  errorQuery: Query;
}

interface NodeTypeInfo {
  type: string;
  named: boolean;
  fields?: Record<string, { types: Array<{ type: string; named: boolean }> }>;
  children?: unknown;
  subtypes?: unknown;
}

let grammarPromise: Promise<Grammar> | undefined;

async function loadGrammar(): Promise<Grammar> {
  await Parser.init();
  const require = createRequire(import.meta.url);
  const wasmPath = require.resolve('tree-sitter-python/tree-sitter-python.wasm');
  const language = await Language.load(wasmPath);
  const parser = new Parser();
  parser.setLanguage(language);
  const typeNames: string[] = [];
  const typeNamed: boolean[] = [];
  for (let id = 0; id < language.nodeTypeCount; id++) {
    typeNames[id] = language.nodeTypeForId(id) ?? '';
    typeNamed[id] = language.nodeTypeIsNamed(id);
  }
  const fieldNames = language.fields.slice();
  // The grammar's node-types.json says which node types have fields, and which fields hold anonymous tokens.
  const nodeTypes = JSON.parse(readFileSync(require.resolve('tree-sitter-python/src/node-types.json'), 'utf8')) as NodeTypeInfo[];
  const withFields = new Set<string>();
  const withTokenFields = new Set<string>();
  const leaves = new Set<string>();
  for (const info of nodeTypes) {
    const declared = Object.values(info.fields ?? {});
    if (declared.length > 0) withFields.add(info.type);
    if (declared.some((f) => f.types.some((t) => !t.named))) withTokenFields.add(info.type);
    if (info.named && declared.length === 0 && !info.children && !info.subtypes) leaves.add(info.type);
  }
  const hasFields = typeNames.map((name, id) => typeNamed[id] === true && withFields.has(name));
  const hasTokenFields = typeNames.map((name, id) => typeNamed[id] === true && withTokenFields.has(name));
  const isLeaf = typeNames.map((name, id) => typeNamed[id] === true && leaves.has(name));
  const errorQuery = new Query(language, '(ERROR) @error (MISSING) @missing');
  return { parser, language, typeNames, typeNamed, fieldNames, hasFields, hasTokenFields, isLeaf, errorQuery };
}

/** Loads the WASM runtime and grammar once per thread. */
export function initParser(): Promise<void> {
  grammarPromise ??= loadGrammar();
  return grammarPromise.then(() => undefined);
}

/** Parses Python source into the compact tree. Call `initParser()` first (it is idempotent). */
export async function parsePython(source: string): Promise<ParsedModule> {
  grammarPromise ??= loadGrammar();
  const grammar = await grammarPromise;
  const tree = grammar.parser.parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    const comments: Comment[] = [];
    const lines = new LineIndex(source);
    const root = convert(tree, grammar, source, lines, comments);
    const syntaxErrors = tree.rootNode.hasError ? collectSyntaxErrors(tree, grammar, source, lines) : [];
    return { root, comments, lines, syntaxErrors };
  } finally {
    tree.delete();
  }
}

/**
 * One TreeCursor pass: named nodes become `PyNode`s; meaningful anonymous tokens are folded into their parent.
 * Every cursor read is a WASM call, so reads are skipped where the grammar says they cannot matter (field ids under
 * field-less parents), and plain string literals are kept as leaves (their parts are recomputed from the text).
 */
function convert(tree: Tree, grammar: Grammar, source: string, lines: LineIndex, comments: Comment[]): PyNode {
  const { typeNames, typeNamed, fieldNames, hasFields, hasTokenFields, isLeaf } = grammar;
  const cursor: TreeCursor = tree.walk();
  const root: PyNode = { type: 'module', field: null, start: 0, end: source.length, parent: null, children: [] };
  const stack: PyNode[] = [root];
  const stackTypes: number[] = [-1];
  try {
    if (!cursor.gotoFirstChild()) return root;
    for (;;) {
      const typeId = cursor.nodeTypeId;
      const parent = stack[stack.length - 1]!;
      const parentType = stackTypes[stackTypes.length - 1]!;
      let node: PyNode | undefined;
      let descend = false;
      if (typeNamed[typeId]) {
        const type = typeNames[typeId]!;
        node = {
          type,
          field: parentType >= 0 && hasFields[parentType] ? (fieldNames[cursor.currentFieldId] ?? null) : null,
          start: cursor.startIndex,
          end: cursor.endIndex,
          parent,
          children: [],
        };
        parent.children.push(node);
        if (type === 'comment') {
          const position = lines.position(node.start);
          comments.push({ line: position.line, column: position.column, text: source.slice(node.start, node.end) });
        } else if (type === 'string') {
          // Only f-strings (and t-strings) have parts worth a node: their replacement fields.
          descend = /^[A-Za-z]*[fFtT]/.test(source.slice(node.start, node.start + 3));
        } else {
          descend = !isLeaf[typeId];
        }
      } else {
        const type = typeNames[typeId]!;
        if (type === 'async') parent.async = true;
        else if (parentType >= 0 && hasTokenFields[parentType] && cursor.currentFieldId !== 0) (parent.ops ??= []).push(type);
      }
      if (node !== undefined && descend && cursor.gotoFirstChild()) {
        stack.push(node);
        stackTypes.push(typeId);
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (stack.length === 1 || !cursor.gotoParent()) return root;
        stack.pop();
        stackTypes.pop();
      }
    }
  } finally {
    cursor.delete();
  }
}

function collectSyntaxErrors(tree: Tree, grammar: Grammar, source: string, lines: LineIndex): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  for (const capture of grammar.errorQuery.captures(tree.rootNode)) {
    const { line, column } = lines.position(capture.node.startIndex);
    if (capture.name === 'missing') {
      problems.push({ line, column, message: `missing ${JSON.stringify(capture.node.type)}` });
    } else {
      const text = source.slice(capture.node.startIndex, capture.node.endIndex).split(/\r?\n/, 1)[0] ?? '';
      const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
      problems.push({ line, column, message: shown ? `invalid syntax near ${JSON.stringify(shown)}` : 'invalid syntax' });
    }
    if (problems.length >= 5) break;
  }
  if (problems.length === 0) problems.push({ line: 1, column: 1, message: 'invalid syntax' });
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return problems;
}
