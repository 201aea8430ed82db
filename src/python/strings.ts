/**
 * Recognising strings built at run time: `%` formatting, `+` concatenation, `str.format`, f-strings, `str.join` and
 * `str.replace`. Used by injection rules to tell a built string from a constant one.
 */
import type { PyNode } from './ast.js';
import { field } from './ast.js';
import { abbreviate, literalString, unwrap } from './expressions.js';
import type { PythonModule } from './module.js';
import { stringParts } from './literal.js';
import { assignedValues } from './scope.js';

export type BuildKind = 'percent' | 'concat' | 'format' | 'fstring' | 'replace' | 'join';

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

/** Calls whose result is a number (or a bool): their text is digits, a sign, a dot, `inf`/`nan` or True/False. */
const NUMERIC_CALLS = new Set(['int', 'float', 'len', 'abs', 'round', 'bool', 'hash', 'ord', 'math.floor', 'math.ceil', 'math.trunc', 'math.isqrt']);
/** Attributes whose value is fixed by the interpreter or the platform, never by a request. */
const CONSTANT_NAMES = new Set(['sys.executable', 'sys.platform', 'os.sep', 'os.altsep', 'os.linesep', 'os.pathsep', 'os.devnull', 'os.curdir', 'os.pardir', 'os.extsep']);
/** Operators that only numbers support (`"a" - 1` raises), so a numeric operand makes the result a number. */
const NUMERIC_OPERATORS = new Set(['-', '//', '**', '<<', '>>']);
/** How deep `isConstantText` follows names and nested expressions. */
const MAX_DEPTH = 24;

/** A builtin or platform name: `int` and `builtins.int` alike. */
function qualifiedBuiltin(node: PyNode, module: PythonModule): string | null {
  const qualified = module.qualifiedName(node);
  return qualified?.startsWith('builtins.') ? qualified.slice('builtins.'.length) : qualified;
}

/** A literal number or bool, or a call that returns one. */
function isNumber(input: PyNode, module: PythonModule): boolean {
  const node = unwrap(input);
  const value = module.literal(node);
  if (value) return value.kind === 'int' || value.kind === 'float' || value.kind === 'bool';
  if (node.type === 'call') {
    const qualified = qualifiedBuiltin(node, module);
    return qualified !== null && NUMERIC_CALLS.has(qualified);
  }
  return node.type === 'unary_operator';
}

/**
 * Text that cannot carry attacker-chosen characters although it is not a literal: numbers (`int(x)`, `len(x)`,
 * `page - 1`, `-x`), booleans (`a < b`, `not x`), a choice between constants (`"DESC" if desc else "ASC"`), lists of
 * parameter markers such as `", ".join(["%s"] * len(ids))` or `",".join("%s" for _ in ids)`, strings formatted only
 * from such values (including numeric conversions: `"%d" % n`, `f"{n:d}"`), interpreter constants
 * (`sys.executable`), and local or module names that are only ever assigned such values (`table = "auth_user"`).
 */
export function isConstantText(input: PyNode, module: PythonModule, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const node = unwrap(input);
  if (module.literal(node) !== undefined) return true;
  const next = depth + 1;
  switch (node.type) {
    case 'identifier':
      return isConstantName(node, module, next);
    case 'attribute': {
      const qualified = module.qualifiedName(node);
      return qualified !== null && CONSTANT_NAMES.has(qualified);
    }
    case 'string':
    case 'concatenated_string': {
      const f = fstringDynamic(node, module, next);
      return f !== undefined && f.dynamic.length === 0;
    }
    case 'unary_operator':
    case 'not_operator':
    case 'comparison_operator':
      return true;
    case 'boolean_operator':
    case 'conditional_expression': {
      // `a or b` is one of its operands; `x if c else y` one of its branches (the condition is not part of the value).
      const parts = node.children.filter((c) => c.type !== 'comment');
      const values = node.type === 'conditional_expression' ? [parts[0], parts[2]] : parts;
      return values.length >= 2 && values.every((v) => v !== undefined && isConstantText(v, module, next));
    }
    case 'binary_operator': {
      const left = field(node, 'left');
      const right = field(node, 'right');
      if (!left || !right) return false;
      const op = node.ops?.[0];
      // ["%s"] * n, "?, " * n: repetition of a constant.
      if (op === '*') return isConstantText(left, module, next) || isConstantText(right, module, next);
      if (op === '%' && literalString(unwrap(left), module) !== undefined) return stringBuild(node, module, {}, next) === undefined;
      if (op !== undefined && NUMERIC_OPERATORS.has(op) && (isNumber(left, module) || isNumber(right, module))) return true;
      return isConstantText(left, module, next) && isConstantText(right, module, next);
    }
    case 'list':
    case 'tuple':
      return node.children.every((c) => c.type === 'comment' || isConstantText(c, module, next));
    case 'generator_expression':
    case 'list_comprehension': {
      const body = field(node, 'body');
      return body !== undefined && isConstantText(body, module, next);
    }
    case 'call': {
      const qualified = qualifiedBuiltin(node, module);
      if (qualified && NUMERIC_CALLS.has(qualified)) return true;
      const argumentList = field(node, 'arguments');
      const args = argumentList?.type === 'generator_expression' ? [argumentList] : (argumentList?.children.filter((c) => c.type !== 'comment') ?? []);
      if ((qualified === 'str' || qualified === 'repr') && args.length === 1) return isConstantText(args[0]!, module, next);
      const fn = field(node, 'function');
      if (fn?.type === 'attribute') {
        const method = field(fn, 'attribute');
        const receiver = field(fn, 'object');
        if (!method || !receiver) return false;
        const name = module.text(method);
        if (name === 'join' && args.length === 1) return isConstantText(receiver, module, next) && isConstantText(args[0]!, module, next);
        if (name === 'format' && literalString(unwrap(receiver), module) !== undefined) return stringBuild(node, module, {}, next) === undefined;
      }
      return false;
    }
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Names assigned only constants.

const visitingNames = new Set<ReadonlyArray<PyNode | null>>();

/** Does every binding of this name, in the scope the reference resolves to, assign a constant? */
function isConstantName(node: PyNode, module: PythonModule, depth: number): boolean {
  const bindings = assignedValues(node, module);
  if (!bindings || bindings.length === 0) return false;
  // A name defined from itself (`sql = sql + " AND a = 1"`) is constant when every other contribution is.
  if (visitingNames.has(bindings)) return true;
  visitingNames.add(bindings);
  try {
    return bindings.every((value) => value !== null && isConstantText(value, module, depth));
  } finally {
    visitingNames.delete(bindings);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Format strings: which interpolated values are forced into numbers.

/** `d`, `.2f`, `>8,d`, `x`: a format spec (mini-language) whose presentation type only numbers accept. */
const NUMERIC_FORMAT_SPEC = /^(?:[\s\S]?[<>=^])?[-+ ]?z?#?0?\d*[_,]?(?:\.\d+)?[bdoxXneEfFgG%]$/;
/** `%d`, `%(n)05.2f`, …: a printf-style conversion (`%c` excluded: it turns a number into any character). */
const PERCENT_SPEC = /%(?:\(([^)]*)\))?([#0\- +]*)(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])/g;

interface PercentSpec {
  key?: string;
  numeric: boolean;
}

/** The conversions of a printf-style format, or undefined when `*` widths make the positions unclear. */
function percentSpecs(format: string): PercentSpec[] | undefined {
  const specs: PercentSpec[] = [];
  for (const match of format.matchAll(PERCENT_SPEC)) {
    const [, key, , width, precision, conversion] = match;
    if (conversion === '%') continue;
    if (width === '*' || precision === '*') return undefined;
    specs.push({ ...(key !== undefined ? { key } : {}), numeric: 'diouxXeEfFgG'.includes(conversion!) });
  }
  return specs;
}

/** `str.format` fields: for each argument (index or keyword), is every field using it a numeric conversion? */
function formatFieldTypes(template: string): Map<string | number, boolean> | undefined {
  const out = new Map<string | number, boolean>();
  let auto = 0;
  for (let i = 0; i < template.length; i++) {
    const ch = template[i];
    if (ch === '}') {
      if (template[i + 1] === '}') i++;
      continue;
    }
    if (ch !== '{') continue;
    if (template[i + 1] === '{') {
      i++;
      continue;
    }
    let nesting = 1;
    let j = i + 1;
    for (; j < template.length && nesting > 0; j++) {
      if (template[j] === '{') nesting++;
      else if (template[j] === '}') nesting--;
    }
    if (nesting > 0) return undefined;
    const content = template.slice(i + 1, j - 1);
    i = j - 1;
    const nameEnd = content.search(/[!:]/);
    const name = nameEnd < 0 ? content : content.slice(0, nameEnd);
    const conversion = nameEnd >= 0 && content[nameEnd] === '!';
    const spec = nameEnd >= 0 && !conversion ? content.slice(nameEnd + 1) : '';
    const head = /^[^.[]*/.exec(name)![0];
    const key: string | number = head === '' ? auto++ : /^\d+$/.test(head) ? Number(head) : head;
    const numeric = !conversion && !spec.includes('{') && NUMERIC_FORMAT_SPEC.test(spec);
    out.set(key, (out.get(key) ?? true) && numeric);
  }
  return out;
}

/** Is an f-string replacement field forced into a number by its format spec (`{n:d}`, `{price:.2f}`)? */
function numericInterpolation(interpolation: PyNode, module: PythonModule): boolean {
  if (interpolation.children.some((c) => c.type === 'type_conversion')) return false;
  const spec = interpolation.children.find((c) => c.type === 'format_specifier');
  if (!spec || spec.children.length > 0) return false;
  return NUMERIC_FORMAT_SPEC.test(module.text(spec).replace(/^:/, ''));
}

/**
 * The expressions interpolated into a string literal or an implicit concatenation of literals (`f"<b>{name}</b>"` →
 * `name`; none for a plain literal), or undefined when a part cannot be read.
 */
export function interpolatedExpressions(node: PyNode, module: PythonModule): PyNode[] | undefined {
  const parts = node.type === 'string' ? [node] : node.children.filter((c) => c.type === 'string');
  const expressions: PyNode[] = [];
  for (const part of parts) {
    const info = stringParts(part, module.source);
    if (!info) return undefined;
    for (const interpolation of info.interpolations) {
      const expression = field(interpolation, 'expression') ?? interpolation.children[0];
      if (!expression) return undefined;
      expressions.push(expression);
    }
  }
  return expressions;
}

/** Interpolated parts of an f-string that are not constants. */
function fstringDynamic(node: PyNode, module: PythonModule, depth = 0): { text: string; dynamic: PyNode[] } | undefined {
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
        if (expression && !numericInterpolation(child, module) && !isConstantText(expression, module, depth)) dynamic.push(expression);
      }
    }
  }
  return sawFormat ? { text, dynamic } : undefined;
}

/** Describes how a string expression is built at run time, or returns undefined for constants and non-strings. */
export function stringBuild(input: PyNode, module: PythonModule, options: BuildOptions = {}, depth = 0): StringBuild | undefined {
  const node = unwrap(input);
  if (node.type === 'string' || node.type === 'concatenated_string') {
    const f = fstringDynamic(node, module, depth);
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
      const specs = format === undefined ? undefined : percentSpecs(format);
      const numericKey = (key: string): boolean => {
        const using = specs?.filter((s) => s.key === key) ?? [];
        return using.length > 0 && using.every((s) => s.numeric);
      };
      let values: Array<{ value: PyNode; numeric: boolean }>;
      if (target.type === 'tuple') {
        values = target.children.filter((v) => v.type !== 'comment').map((value, i) => ({ value, numeric: specs?.[i]?.key === undefined && specs?.[i]?.numeric === true }));
      } else if (target.type === 'dictionary') {
        values = target.children
          .filter((p) => p.type !== 'comment')
          .map((pair) => {
            const key = field(pair, 'key');
            const name = key && literalString(key, module);
            return { value: field(pair, 'value') ?? pair, numeric: name !== undefined && numericKey(name) };
          });
      } else {
        values = [{ value: target, numeric: specs?.length === 1 && specs[0]!.key === undefined && specs[0]!.numeric }];
      }
      const dynamic = values.filter((v) => !v.numeric && !isConstantText(v.value, module, depth)).map((v) => v.value);
      if (format === undefined) dynamic.unshift(left);
      return dynamic.length > 0 ? { how: 'percent', literalText: format ?? '', dynamic } : undefined;
    }
    if (op === '+') {
      const operands = flattenConcat(node);
      const sawString = operands.some((o) => isStringLiteral(o, module) || fstringDynamic(o, module, depth) !== undefined);
      if (!sawString && !options.knownString) return undefined;
      let literalText = '';
      const dynamic: PyNode[] = [];
      for (const operand of operands) {
        const text = literalString(operand, module);
        if (text !== undefined) {
          literalText += text;
          continue;
        }
        if (isConstantText(operand, module, depth)) continue;
        const inner = stringBuild(operand, module, { knownString: true }, depth + 1);
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
    if (name === 'join') return joinBuild(node, receiver, module, depth);
    if (name !== 'format' && name !== 'replace') return undefined;
    const template = literalString(unwrap(receiver), module);
    if (template === undefined && !(options.knownString && name === 'format')) return undefined;
    const fields = name === 'format' && template !== undefined ? formatFieldTypes(template) : undefined;
    const args = field(node, 'arguments');
    let position = 0;
    const dynamic = (args?.type === 'generator_expression' ? [args] : (args?.children ?? []))
      .filter((a) => a.type !== 'comment')
      .filter((a) => {
        const keyword = a.type === 'keyword_argument' ? field(a, 'name') : undefined;
        const key = keyword ? module.text(keyword) : a.type === 'list_splat' || a.type === 'dictionary_splat' ? undefined : position++;
        return !(key !== undefined && fields?.get(key) === true);
      })
      .map((a) => (a.type === 'keyword_argument' ? (field(a, 'value') ?? a) : a))
      .filter((a) => !isConstantText(a, module, depth));
    if (template === undefined) dynamic.unshift(receiver);
    return dynamic.length > 0 ? { how: name === 'format' ? 'format' : 'replace', literalText: template ?? '', dynamic } : undefined;
  }
  return undefined;
}

/**
 * `" ".join(["SELECT", col, "FROM", table])`: the separator must be a literal; the literal text is the literal items
 * joined by it (dynamic items count as empty). A joined variable (`" AND ".join(clauses)`) is one dynamic part.
 */
function joinBuild(call: PyNode, receiver: PyNode, module: PythonModule, depth: number): StringBuild | undefined {
  const separator = literalString(unwrap(receiver), module);
  if (separator === undefined) return undefined;
  const argumentList = field(call, 'arguments');
  const args = argumentList?.type === 'generator_expression' ? [argumentList] : (argumentList?.children.filter((c) => c.type !== 'comment') ?? []);
  if (args.length !== 1) return undefined;
  const iterable = unwrap(args[0]!);
  if (iterable.type === 'keyword_argument' || isConstantText(iterable, module, depth)) return undefined;
  if (iterable.type !== 'list' && iterable.type !== 'tuple') return { how: 'join', literalText: '', dynamic: [iterable] };
  const texts: string[] = [];
  const dynamic: PyNode[] = [];
  for (const item of iterable.children) {
    if (item.type === 'comment') continue;
    const text = literalString(item, module);
    if (text !== undefined) {
      texts.push(text);
      continue;
    }
    if (item.type === 'list_splat') {
      dynamic.push(item);
      texts.push('');
      continue;
    }
    if (isConstantText(item, module, depth)) {
      texts.push('');
      continue;
    }
    const inner = stringBuild(item, module, { knownString: true }, depth + 1);
    if (inner) dynamic.push(...inner.dynamic);
    else dynamic.push(item);
    texts.push(inner?.literalText ?? '');
  }
  return dynamic.length > 0 ? { how: 'join', literalText: texts.join(separator), dynamic } : undefined;
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
    case 'join':
      return 'str.join()';
  }
}

/** The first three run-time parts of a build, quoted for messages: `` `user.name`, `title` ``, then `, …` for more. */
export function quotedParts(build: StringBuild, module: PythonModule): string {
  const quoted = build.dynamic.slice(0, 3).map((part) => `\`${abbreviate(module.text(part), 40)}\``);
  return quoted.join(', ') + (build.dynamic.length > 3 ? ', …' : '');
}
