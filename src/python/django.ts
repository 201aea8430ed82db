/**
 * Django and Django REST framework knowledge shared by the PY8xx rules: which functions are views and what their
 * request parameter is called, the lineage of class-based views (through base classes defined in the same file),
 * HTTP method lists, escaping and translation calls.
 */
import type { PyNode } from './ast.js';
import type { PythonModule } from './module.js';
import { baseClasses, localClass, methodClass, parameterNames } from './scope.js';

// ---------------------------------------------------------------------------------------------------------------
// Views.

/** Modules whose classes are views (`django.views.generic.View`, DRF's `APIView`, auth's `LoginView`, …). */
const VIEW_BASE_PREFIXES = ['django.views.', 'django.contrib.auth.views.', 'rest_framework.'];

/** The name of a view's request parameter: the first parameter, after `self` or `cls` in methods. */
export function requestParameter(fn: PyNode, module: PythonModule): string | undefined {
  const params = parameterNames(fn, module);
  return params[0] === 'self' || params[0] === 'cls' ? params[1] : params[0];
}

/**
 * Describes the function as a view, for messages, or returns undefined when it does not look like one: a function
 * whose request parameter is named `request`, an `@api_view` function, a method of a class-based view (a subclass of a
 * Django or DRF view, or a class whose base is named `…View`/`…ViewSet`), or any function of a views module.
 */
export function describeView(fn: PyNode, module: PythonModule, inViewsModule: boolean): string | undefined {
  const name = module.definitionName(fn) ?? '?';
  const cls = methodClass(fn);
  if (requestParameter(fn, module) === 'request') return `view \`${cls ? `${module.definitionName(cls) ?? '?'}.` : ''}${name}\` (it takes the request)`;
  if (module.decoratorNames(fn).includes('rest_framework.decorators.api_view')) return `API view \`${name}\``;
  if (cls) {
    const viewBase = baseClasses(cls).some((base) => {
      const qualified = module.qualifiedName(base);
      if (qualified && VIEW_BASE_PREFIXES.some((prefix) => qualified.startsWith(prefix))) return true;
      return /(View|ViewSet)$/.test(module.text(base));
    });
    if (viewBase) return `method \`${module.definitionName(cls) ?? '?'}.${name}\` of a class-based view`;
  }
  if (inViewsModule) return `\`${name}\` in a views module`;
  return undefined;
}

/** Upper-cased strings of a literal list, tuple or set (`["get", "POST"]` → `GET`, `POST`); undefined when not one. */
export function httpMethods(node: PyNode, module: PythonModule): string[] | undefined {
  const value = module.literal(node);
  if (!value || (value.kind !== 'list' && value.kind !== 'tuple' && value.kind !== 'set')) return undefined;
  return value.items.flatMap((item) => (item.kind === 'str' ? [item.value.toUpperCase()] : []));
}

// ---------------------------------------------------------------------------------------------------------------
// Class lineage.

export interface Lineage {
  /** The class and the base classes the file defines, depth first (nearest first). */
  classes: PyNode[];
  /** Qualified names of the other base classes (imported ones), depth first through the local base classes. */
  external: string[];
}

/**
 * The base classes of a class, following base classes defined in the same file (up to six levels):
 * `class OrderViewSet(OwnedMixin, ModelViewSet)` with `class OwnedMixin(GenericAPIView)` in the file has the external
 * bases `rest_framework.generics.GenericAPIView` and `rest_framework.viewsets.ModelViewSet`.
 */
export function classLineage(cls: PyNode, module: PythonModule): Lineage {
  const out: Lineage = { classes: [], external: [] };
  const visit = (c: PyNode, depth: number): void => {
    if (depth > 6 || out.classes.includes(c)) return;
    out.classes.push(c);
    for (const base of baseClasses(c)) {
      const local = base.type === 'identifier' ? localClass(module, module.text(base)) : undefined;
      if (local && local !== c && !module.binding(module.text(base), base)) visit(local, depth + 1);
      else {
        const qualified = module.qualifiedName(base);
        if (qualified) out.external.push(qualified);
      }
    }
  };
  visit(cls, 0);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Escaping and translations.

/** The functions of `django.utils.html` whose result is escaped HTML (or HTML built from escaped values). */
export const DJANGO_ESCAPING_CALLS = [
  'django.utils.html.escape',
  'django.utils.html.conditional_escape',
  'django.utils.html.format_html',
  'django.utils.html.format_html_join',
  'django.utils.html.json_script',
];

/** gettext and friends: a translated literal is as constant as the literal. */
const TRANSLATIONS = new Set(
  ['gettext', 'gettext_lazy', 'ugettext', 'ugettext_lazy', 'ngettext', 'ngettext_lazy', 'pgettext', 'pgettext_lazy', 'npgettext', 'npgettext_lazy'].map(
    (name) => `django.utils.translation.${name}`,
  ),
);

/** `_("Hello")`, `gettext_lazy("Hello")`: a translation call whose positional arguments are all literals. */
export function isTranslatedLiteral(node: PyNode, module: PythonModule): boolean {
  if (node.type !== 'call') return false;
  const qualified = module.qualifiedName(node);
  return qualified !== null && TRANSLATIONS.has(qualified) && module.positionalArgs(node).every((a) => module.literal(a) !== undefined);
}
