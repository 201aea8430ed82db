/**
 * URL patterns routed to `django.views.static.serve` and the `if settings.DEBUG:` guard around them (PY806
 * static-serve-in-urls, HRD047 static-serve-exposes-source).
 */
import type { PyNode } from './ast.js';
import { field } from './ast.js';
import type { PythonModule } from './module.js';

export const STATIC_SERVE = 'django.views.static.serve';

/** The URL pattern functions (qualified) whose second argument is the view. */
export const ROUTE_FUNCTIONS: readonly string[] = ['django.urls.path', 'django.urls.re_path', 'django.urls.conf.path', 'django.urls.conf.re_path', 'django.conf.urls.url'];

/** Is the view of a `path()` / `re_path()` / `url()` call django.views.static.serve (through any import or alias)? */
export function routesToStaticServe(call: PyNode, module: PythonModule): boolean {
  const view = module.argument(call, 1, 'view');
  return !!view && (view.type === 'identifier' || view.type === 'attribute') && module.qualifiedName(view) === STATIC_SERVE;
}

/** Inside the true branch of an `if` testing DEBUG ('guarded'), in a branch where DEBUG is off ('inverted'), or neither. */
export type DebugGuard = 'guarded' | 'inverted' | 'none';

/**
 * Is the node inside the true branch of an `if` (or conditional expression) testing DEBUG, in a branch where DEBUG is
 * off, or neither? The nearest enclosing condition that mentions DEBUG decides, at any depth (through function and
 * class definitions).
 */
export function debugGuard(node: PyNode, module: PythonModule): DebugGuard {
  let child: PyNode = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    let condition: PyNode | undefined;
    let negate = false;
    if ((current.type === 'if_statement' || current.type === 'elif_clause') && child.field === 'consequence') condition = field(current, 'condition');
    else if (current.type === 'else_clause' && current.parent?.type === 'if_statement') {
      condition = field(current.parent, 'condition');
      negate = true;
    } else if (current.type === 'conditional_expression') {
      const parts = current.children.filter((c) => c.type !== 'comment');
      if (parts[1] && child !== parts[1]) {
        condition = parts[1];
        negate = child === parts[2];
      }
    }
    if (!condition) continue;
    const text = module.text(condition);
    if (!/\bDEBUG\b/.test(text)) continue;
    const inverted = /\bnot\b|==\s*False\b|\bis\s+False\b|!=\s*True\b/.test(text);
    return inverted !== negate ? 'inverted' : 'guarded';
  }
  return 'none';
}
