/**
 * Is a value safe to mark as safe HTML (PY703 mark-safe-non-literal, PY308 mark-safe-used)? Built only from
 * constants and the results of escaping calls, with names followed through their assignments in the enclosing
 * function.
 */
import type { PyNode } from './ast.js';
import { field, walk } from './ast.js';
import { DJANGO_ESCAPING_CALLS } from './django.js';
import type { PythonModule } from './module.js';
import { isParameter } from './scope.js';
import { interpolatedExpressions } from './strings.js';

/** Calls whose result is escaped (or built from escaped parts) and therefore safe to mark safe. */
const ESCAPING_CALLS = new Set([
  ...DJANGO_ESCAPING_CALLS,
  'django.utils.html.escapejs',
  'django.utils.text.slugify',
  'html.escape',
  'markupsafe.escape',
  'django.urls.reverse',
  'django.utils.http.urlencode',
  'urllib.parse.quote',
  'urllib.parse.urlencode',
]);

/** Is the expression built only from constants and escaped values? */
export function isSafeHtml(input: PyNode, module: PythonModule, at: PyNode, depth: number): boolean {
  if (depth > 8) return false;
  const node = input.type === 'parenthesized_expression' ? (input.children.find((c) => c.type !== 'comment') ?? input) : input;
  if (module.literal(node) !== undefined) return true;
  switch (node.type) {
    case 'string':
    case 'concatenated_string':
      return interpolatedExpressions(node, module)?.every((expression) => isSafeHtml(expression, module, at, depth + 1)) ?? false;
    case 'binary_operator': {
      const left = field(node, 'left');
      const right = field(node, 'right');
      if (!left || !right) return false;
      const op = node.ops?.[0];
      if (op === '+') return isSafeHtml(left, module, at, depth + 1) && isSafeHtml(right, module, at, depth + 1);
      if (op === '%') {
        if (!isSafeHtml(left, module, at, depth + 1)) return false;
        const values = right.type === 'tuple' ? right.children : right.type === 'dictionary' ? right.children.map((p) => field(p, 'value') ?? p) : [right];
        return values.every((v) => v.type === 'comment' || isSafeHtml(v, module, at, depth + 1));
      }
      return false;
    }
    case 'conditional_expression': {
      const branches = node.children.filter((c) => c.type !== 'comment');
      // children: consequence, condition, alternative — the condition's value is not used.
      return branches.length === 3 && isSafeHtml(branches[0]!, module, at, depth + 1) && isSafeHtml(branches[2]!, module, at, depth + 1);
    }
    case 'call': {
      const qualified = module.qualifiedName(node);
      if (qualified && ESCAPING_CALLS.has(qualified)) return true;
      const fn = field(node, 'function');
      // `esc(x)` where `esc = conditional_escape if autoescape else (lambda value: value)` (Django's needs_autoescape).
      if (fn?.type === 'identifier' && localCallableEscapes(module.text(fn), module, at)) return true;
      if (fn?.type === 'attribute') {
        const method = field(fn, 'attribute');
        const receiver = field(fn, 'object');
        // `"".join(x for x in y)`: the generator is the call's whole argument list.
        const argumentList = field(node, 'arguments');
        const args = argumentList?.type === 'generator_expression' ? [argumentList] : (argumentList?.children ?? []);
        if (method && receiver && (module.text(method) === 'format' || module.text(method) === 'join')) {
          return (
            isSafeHtml(receiver, module, at, depth + 1) &&
            args.every((a) => a.type === 'comment' || isSafeHtml(a.type === 'keyword_argument' ? (field(a, 'value') ?? a) : a, module, at, depth + 1))
          );
        }
      }
      return false;
    }
    case 'list':
    case 'tuple':
      return node.children.every((c) => c.type === 'comment' || isSafeHtml(c, module, at, depth + 1));
    case 'generator_expression':
    case 'list_comprehension': {
      // The produced element decides; loop variables feed it only through the calls and formats it applies.
      const body = field(node, 'body');
      return body !== undefined && isSafeHtml(body, module, at, depth + 1);
    }
    case 'identifier':
      return assignedOnlySafeValues(module.text(node), module, at, depth);
    default:
      return false;
  }
}

/** Is the expression a callable that escapes: an escaping function, or Django's autoescape-dependent alias? */
function isEscapingCallable(node: PyNode, module: PythonModule): boolean {
  const inner = node.type === 'parenthesized_expression' ? (node.children.find((c) => c.type !== 'comment') ?? node) : node;
  if (inner.type === 'identifier' || inner.type === 'attribute') {
    const qualified = module.qualifiedName(inner);
    return qualified !== null && ESCAPING_CALLS.has(qualified);
  }
  if (inner.type === 'conditional_expression') {
    const [consequence, condition, alternative] = inner.children.filter((c) => c.type !== 'comment');
    if (!consequence || !condition || !alternative) return false;
    // `conditional_escape if autoescape else (lambda v: v)`: without autoescape the template output is raw anyway.
    const mentionsAutoescape = /\bautoescape\b/.test(module.text(condition));
    const ok = (branch: PyNode): boolean => isEscapingCallable(branch, module) || (mentionsAutoescape && isIdentityLambda(branch, module));
    return ok(consequence) && ok(alternative);
  }
  return false;
}

function isIdentityLambda(node: PyNode, module: PythonModule): boolean {
  const inner = node.type === 'parenthesized_expression' ? (node.children.find((c) => c.type !== 'comment') ?? node) : node;
  if (inner.type !== 'lambda') return false;
  const parameters = field(inner, 'parameters');
  const body = field(inner, 'body');
  const names = parameters?.children.filter((c) => c.type === 'identifier') ?? [];
  return names.length === 1 && body?.type === 'identifier' && module.text(body) === module.text(names[0]!);
}

/** A local name bound only to escaping callables in the enclosing function. */
function localCallableEscapes(name: string, module: PythonModule, at: PyNode): boolean {
  const scope = module.enclosingFunction(at);
  if (!scope) return false;
  const values: PyNode[] = [];
  let other = false;
  walk(scope, (node) => {
    if (node !== scope && (node.type === 'function_definition' || node.type === 'class_definition')) {
      if (module.definitionName(node) === name) other = true;
      return false;
    }
    if (node.type === 'assignment' || node.type === 'augmented_assignment') {
      const left = field(node, 'left');
      const right = field(node, 'right');
      if (left?.type === 'identifier' && module.text(left) === name) {
        if (right && node.type === 'assignment') values.push(right);
        else other = true;
      }
    }
    return undefined;
  });
  return !other && values.length > 0 && values.every((v) => isEscapingCallable(v, module));
}

/** A local name whose every assignment in the enclosing function is safe (parameters never are). */
function assignedOnlySafeValues(name: string, module: PythonModule, at: PyNode, depth: number): boolean {
  const scope = module.enclosingFunction(at);
  if (!scope) return false;
  if (isParameter(scope, name, module)) return false;
  const values: PyNode[] = [];
  let other = false;
  walk(scope, (node) => {
    if (node !== scope && (node.type === 'function_definition' || node.type === 'class_definition' || node.type === 'lambda')) return false;
    if (node.type === 'assignment' || node.type === 'augmented_assignment') {
      const left = field(node, 'left');
      const right = field(node, 'right');
      if (left?.type === 'identifier' && module.text(left) === name) {
        if (right) values.push(right);
        else other = true;
      } else if (left && left.type !== 'identifier' && containsName(left, name, module)) other = true;
    } else if ((node.type === 'for_statement' || node.type === 'with_item' || node.type === 'named_expression') && containsName(field(node, node.type === 'named_expression' ? 'name' : 'left') ?? node, name, module)) {
      other = true;
    }
    return undefined;
  });
  if (other || values.length === 0) return false;
  return values.every((v) => isSafeHtml(v, module, at, depth + 1));
}

function containsName(node: PyNode, name: string, module: PythonModule): boolean {
  let found = false;
  walk(node, (n) => {
    if (n.type === 'identifier' && module.text(n) === name) found = true;
    return !found;
  });
  return found;
}
