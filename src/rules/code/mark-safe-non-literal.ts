import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field, walk } from '../../python/ast.js';
import type { PythonModule } from '../../python/module.js';
import { stringParts } from '../../python/literal.js';

/** Callables that mark a string as safe HTML, skipping autoescaping. */
const MARK_SAFE = new Set([
  'django.utils.safestring.mark_safe',
  'django.utils.html.mark_safe',
  'django.utils.safestring.SafeString',
  'django.utils.safestring.SafeText',
  'django.utils.safestring.SafeUnicode',
  'django.utils.safestring.SafeBytes',
]);

/** Calls whose result is escaped (or built from escaped parts) and therefore safe to mark safe. */
const ESCAPING_CALLS = new Set([
  'django.utils.html.escape',
  'django.utils.html.conditional_escape',
  'django.utils.html.format_html',
  'django.utils.html.format_html_join',
  'django.utils.html.json_script',
  'django.utils.html.escapejs',
  'django.utils.text.slugify',
  'html.escape',
  'markupsafe.escape',
  'django.urls.reverse',
  'django.utils.http.urlencode',
  'urllib.parse.quote',
  'urllib.parse.urlencode',
]);

export default definePythonRule({
  meta: {
    code: 'PY703',
    name: 'mark-safe-non-literal',
    family: 'code',
    severity: 'medium',
    confidence: 'high',
    cwe: [79, 80],
    owasp: ['A03:2021-Injection'],
    aliases: ['B703'],
    status: 'stable',
    summary: 'mark_safe() (or SafeString) is applied to a value that may contain unescaped user input.',
    fix: 'Build the HTML with format_html() (which escapes each argument) instead of mark_safe() on a formatted string.',
    docs: {
      whatItDoes:
        'Finds calls to `django.utils.safestring.mark_safe` and the `SafeString` family (through any import or alias) ' +
        'whose argument is not a constant: a variable, a parameter, a formatted string or a call. Arguments built ' +
        'only from literals and from `escape()`, `conditional_escape()`, `format_html()` or `format_html_join()` results, ' +
        'and local variables assigned only such values, are not reported.',
      whyItMatters:
        'Django templates escape every variable unless it is marked safe. `mark_safe(x)` tells Django that `x` is ' +
        'trusted HTML; if any part of `x` comes from a user (a name, a comment, a query parameter), the page renders ' +
        'their markup as-is: a stored or reflected cross-site scripting hole that can steal sessions and act as the user.',
      example: {
        bad: [
          'from django.utils.safestring import mark_safe',
          '',
          'def greeting(user):',
          '    return mark_safe("<b>Hello %s</b>" % user.first_name)',
        ].join('\n'),
        good: [
          'from django.utils.html import format_html',
          '',
          'def greeting(user):',
          '    return format_html("<b>Hello {}</b>", user.first_name)',
        ].join('\n'),
      },
      howToFix:
        'Use `format_html("<b>{}</b>", value)`, which escapes each argument and returns a safe string, or ' +
        '`format_html_join()` for lists. Escape values explicitly with `escape()` before concatenating them into markup ' +
        'that you then mark safe. Leave plain values unmarked and let the template escape them.',
      references: [
        { title: 'Django: mark_safe()', url: 'https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.safestring.mark_safe' },
        { title: 'Django: format_html()', url: 'https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.html.format_html' },
        { title: 'Django security: cross site scripting (XSS) protection', url: 'https://docs.djangoproject.com/en/stable/topics/security/#cross-site-scripting-xss-protection' },
        { title: 'CWE-79: Cross-site Scripting', url: 'https://cwe.mitre.org/data/definitions/79.html' },
        { title: 'Bandit B703: django_mark_safe', url: 'https://bandit.readthedocs.io/en/latest/plugins/b703_django_mark_safe.html' },
      ],
      limitations:
        'Values are followed through assignments within one function. Whether a variable really holds user input is ' +
        'the taint rules\' job; this rule reports every non-constant argument it cannot prove escaped.',
    },
  },
  create(context) {
    const { module } = context;
    return {
      call(node) {
        const name = module.qualifiedName(node);
        if (!name || !MARK_SAFE.has(name)) return;
        const argument = module.argument(node, 0, name.endsWith('mark_safe') ? 's' : undefined);
        if (!argument || isSafeHtml(argument, module, node, 0)) return;
        const callee = name.split('.').pop()!;
        context.report({
          node,
          message: `${callee}() on a value that is not a constant or escaped (\`${abbreviate(module.text(argument))}\`); its content bypasses autoescaping`,
        });
      },
    };
  },
});

function abbreviate(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}

/** Is the expression built only from constants and escaped values? */
export function isSafeHtml(input: PyNode, module: PythonModule, at: PyNode, depth: number): boolean {
  if (depth > 8) return false;
  const node = input.type === 'parenthesized_expression' ? (input.children.find((c) => c.type !== 'comment') ?? input) : input;
  if (module.literal(node) !== undefined) return true;
  switch (node.type) {
    case 'string':
    case 'concatenated_string': {
      const parts = node.type === 'string' ? [node] : node.children.filter((c) => c.type === 'string');
      return parts.every((part) => {
        const info = stringParts(part, module.source);
        return info !== undefined && info.interpolations.every((i) => {
          const expression = field(i, 'expression') ?? i.children[0];
          return expression !== undefined && isSafeHtml(expression, module, at, depth + 1);
        });
      });
    }
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
  const parameters = field(scope, 'parameters');
  if (parameters && parameters.children.some((p) => parameterName(p, module) === name)) return false;
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

function parameterName(parameter: PyNode, module: PythonModule): string | undefined {
  if (parameter.type === 'identifier') return module.text(parameter);
  const name = field(parameter, 'name') ?? parameter.children.find((c) => c.type === 'identifier');
  return name ? module.text(name) : undefined;
}

function containsName(node: PyNode, name: string, module: PythonModule): boolean {
  let found = false;
  walk(node, (n) => {
    if (n.type === 'identifier' && module.text(n) === name) found = true;
    return !found;
  });
  return found;
}
