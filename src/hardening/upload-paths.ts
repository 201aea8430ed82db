/**
 * How a storage name or file-system path is put together, in order: literal text and the values that go into it.
 * `f"users/{instance.owner.username}/{filename}"` is `users/`, a value, `/`, a value. The upload rules use the order
 * to tell a directory part (followed by a `/`) from the final file name, which Django's storages clean with
 * `get_valid_name()` — directory parts they do not clean.
 *
 * Values are classified by a caller-given function (`leaf`); local names are followed to what they are assigned in the
 * same function. Calls other than the string and path builders below (`slugify()`, `get_valid_filename()`, `uuid4()`,
 * `os.path.splitext()`…) produce text the rules do not follow, so they count as clean.
 */
import type { PyNode } from '../python/ast.js';
import { field } from '../python/ast.js';
import { literalString, unwrap } from '../python/expressions.js';
import { stringParts } from '../python/literal.js';
import type { PythonModule } from '../python/module.js';
import { assignedValues } from '../python/scope.js';

/** Where a value in a path comes from; the meaning of `kind` is the caller's. */
export interface PathSource<K extends string = string> {
  kind: K;
  node: PyNode;
}

export type Piece<K extends string = string> = { t: 'text'; text: string } | { t: 'value'; source: PathSource<K> } | { t: 'opaque' };

export interface PathContext<K extends string = string> {
  module: PythonModule;
  /** Classifies a name, attribute, subscript or call the builders do not handle: a source, or undefined (clean). */
  leaf(node: PyNode): PathSource<K> | undefined;
}

const JOIN_FUNCTIONS = new Set(['os.path.join', 'posixpath.join', 'ntpath.join']);
const PATH_CLASSES = /^pathlib\.(Pure)?(Posix|Windows)?Path$/;
const PASS_THROUGH_METHODS = new Set(['lower', 'upper', 'strip', 'lstrip', 'rstrip', 'title', 'casefold', 'capitalize', 'encode', 'decode']);
const MAX_DEPTH = 12;
const OPAQUE: Piece<never> = { t: 'opaque' };

/** The pieces of a path expression, in order. */
export function pathPieces<K extends string>(input: PyNode, context: PathContext<K>, depth = 0): Array<Piece<K>> {
  if (depth > MAX_DEPTH) return [OPAQUE];
  const { module } = context;
  const node = unwrap(input);
  const next = depth + 1;
  const text = literalString(node, module);
  if (text !== undefined) return [{ t: 'text', text }];
  switch (node.type) {
    case 'string':
    case 'concatenated_string':
      return fstringPieces(node, context, next);
    case 'binary_operator': {
      const left = field(node, 'left');
      const right = field(node, 'right');
      if (!left || !right) return [OPAQUE];
      const op = node.ops?.[0];
      if (op === '+') return [...pathPieces(left, context, next), ...pathPieces(right, context, next)];
      if (op === '/') return [...pathPieces(left, context, next), { t: 'text', text: '/' }, ...pathPieces(right, context, next)];
      if (op === '%') {
        const format = literalString(unwrap(left), module);
        return format === undefined ? [OPAQUE] : percentPieces(format, unwrap(right), context, next);
      }
      return [OPAQUE];
    }
    case 'call':
      return callPieces(node, context, next);
    case 'identifier': {
      const source = context.leaf(node);
      if (source) return [{ t: 'value', source }];
      // A local name: what it is assigned in its function (the assignment that carries a value, if any does).
      const values = (assignedValues(node, module) ?? []).filter((value): value is PyNode => value !== null && value.start < node.start);
      let first: Array<Piece<K>> | undefined;
      for (const value of values) {
        const pieces = pathPieces(value, context, next);
        if (pieces.some((p) => p.t === 'value')) return pieces;
        first ??= pieces;
      }
      return first ?? [OPAQUE];
    }
    case 'conditional_expression': {
      const branches = node.children.filter((c) => c.type !== 'comment');
      for (const branch of [branches[0], branches[2]]) {
        if (!branch) continue;
        const pieces = pathPieces(branch, context, next);
        if (pieces.some((p) => p.t === 'value')) return pieces;
      }
      return [OPAQUE];
    }
    default: {
      const source = context.leaf(node);
      return source ? [{ t: 'value', source }] : [OPAQUE];
    }
  }
}

function fstringPieces<K extends string>(node: PyNode, context: PathContext<K>, depth: number): Array<Piece<K>> {
  const { module } = context;
  const parts = node.type === 'concatenated_string' ? node.children.filter((c) => c.type === 'string') : [node];
  const out: Array<Piece<K>> = [];
  for (const part of parts) {
    const info = stringParts(part, module.source);
    if (!info) return [OPAQUE];
    if (!info.isFormat) {
      const value = literalString(part, module);
      out.push(value === undefined ? OPAQUE : { t: 'text', text: value });
      continue;
    }
    for (const child of part.children) {
      if (child.type === 'string_content') out.push({ t: 'text', text: module.text(child) });
      else if (child.type === 'interpolation') {
        const expression = field(child, 'expression') ?? child.children[0];
        const spec = field(child, 'format_specifier');
        if (!expression) out.push(OPAQUE);
        else if (spec && /[bcdoxXneEfFgG%]$/.test(module.text(spec))) out.push(OPAQUE); // a number
        else out.push(...pathPieces(expression, context, depth));
      }
    }
  }
  return out;
}

/** `"%s/%s" % (a, b)`; numeric conversions (`%d`) produce digits only. */
function percentPieces<K extends string>(format: string, values: PyNode, context: PathContext<K>, depth: number): Array<Piece<K>> {
  const { module } = context;
  const items = values.type === 'tuple' ? values.children.filter((c) => c.type !== 'comment') : [values];
  const byKey = new Map<string, PyNode>();
  if (values.type === 'dictionary') {
    for (const pair of values.children) {
      const key = field(pair, 'key');
      const value = field(pair, 'value');
      const name = key ? literalString(key, module) : undefined;
      if (name !== undefined && value) byKey.set(name, value);
    }
  }
  const out: Array<Piece<K>> = [];
  const spec = /%(?:\(([^)]*)\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])/g;
  let last = 0;
  let position = 0;
  for (let match = spec.exec(format); match; match = spec.exec(format)) {
    out.push({ t: 'text', text: format.slice(last, match.index) });
    last = match.index + match[0].length;
    const conversion = match[2]!;
    if (conversion === '%') {
      out.push({ t: 'text', text: '%' });
      continue;
    }
    const value = match[1] !== undefined ? byKey.get(match[1]) : values.type === 'dictionary' ? undefined : items[position++];
    if (!value || !'rsa'.includes(conversion)) out.push(OPAQUE);
    else out.push(...pathPieces(value, context, depth));
  }
  out.push({ t: 'text', text: format.slice(last) });
  return out;
}

/** `"{}/{}".format(a, b)`, `"{name}".format(name=x)`. */
function formatPieces<K extends string>(template: string, call: PyNode, context: PathContext<K>, depth: number): Array<Piece<K>> {
  const { module } = context;
  const positional = module.positionalArgs(call);
  const out: Array<Piece<K>> = [];
  const spec = /\{\{|\}\}|\{([^{}!:]*)(?:![rsa])?(?::([^{}]*))?\}/g;
  let last = 0;
  let auto = 0;
  for (let match = spec.exec(template); match; match = spec.exec(template)) {
    out.push({ t: 'text', text: template.slice(last, match.index) });
    last = match.index + match[0].length;
    if (match[0] === '{{' || match[0] === '}}') {
      out.push({ t: 'text', text: match[0][0]! });
      continue;
    }
    const key = match[1] ?? '';
    const base = key.split(/[.[]/)[0]!;
    const value = base === '' ? positional[auto++] : /^\d+$/.test(base) ? positional[Number(base)] : module.keywordArg(call, base);
    if (!value || base !== key || (match[2] !== undefined && /[bcdoxXneEfFgG%]$/.test(match[2]))) out.push(OPAQUE);
    else out.push(...pathPieces(value, context, depth));
  }
  out.push({ t: 'text', text: template.slice(last) });
  return out;
}

function callPieces<K extends string>(call: PyNode, context: PathContext<K>, depth: number): Array<Piece<K>> {
  const { module } = context;
  const qualified = module.qualifiedName(call);
  const joined = (args: PyNode[], separator: string): Array<Piece<K>> =>
    args.flatMap((arg, index) => (index === 0 ? pathPieces(arg, context, depth) : [{ t: 'text' as const, text: separator }, ...pathPieces(arg, context, depth)]));
  if (qualified && (JOIN_FUNCTIONS.has(qualified) || PATH_CLASSES.test(qualified))) return joined(module.positionalArgs(call), '/');
  if (qualified === 'str' && module.positionalArgs(call).length === 1) return pathPieces(module.positionalArgs(call)[0]!, context, depth);
  const fn = field(call, 'function');
  if (fn?.type === 'attribute') {
    const receiver = field(fn, 'object');
    const method = module.text(field(fn, 'attribute')!);
    if (receiver) {
      const template = literalString(unwrap(receiver), module);
      if (method === 'format' && template !== undefined) return formatPieces(template, call, context, depth);
      if (method === 'join' && template !== undefined) {
        const args = module.positionalArgs(call);
        const iterable = args.length === 1 ? unwrap(args[0]!) : undefined;
        if (iterable && (iterable.type === 'list' || iterable.type === 'tuple')) return joined(iterable.children.filter((c) => c.type !== 'comment'), template);
        return [OPAQUE];
      }
      if (method === 'joinpath') return [...pathPieces(receiver, context, depth), ...module.positionalArgs(call).flatMap((arg) => [{ t: 'text' as const, text: '/' }, ...pathPieces(arg, context, depth)])];
      if (PASS_THROUGH_METHODS.has(method)) return pathPieces(receiver, context, depth);
      if (method === 'replace') {
        // `.replace("/", "_")` removes the separators; another replacement keeps them.
        const target = module.positionalArgs(call)[0];
        const removed = target ? literalString(target, module) : undefined;
        return removed !== undefined && (removed.includes('/') || removed.includes('\\')) ? [OPAQUE] : pathPieces(receiver, context, depth);
      }
    }
  }
  const source = context.leaf(call);
  return source ? [{ t: 'value', source }] : [OPAQUE];
}

/** The values of a path and whether each sits in a directory part (some `/` follows it) or in the final name. */
export function placedValues<K extends string>(pieces: ReadonlyArray<Piece<K>>): Array<{ source: PathSource<K>; directory: boolean }> {
  const out: Array<{ source: PathSource<K>; directory: boolean }> = [];
  pieces.forEach((piece, index) => {
    if (piece.t !== 'value') return;
    const directory = pieces.slice(index + 1).some((later) => later.t === 'text' && /[/\\]/.test(later.text));
    out.push({ source: piece.source, directory });
  });
  return out;
}
