/**
 * URL routes that make Django itself serve a directory: `django.views.static.serve` in `path()` / `re_path()` /
 * `url()` (with its `document_root` in the route's kwargs dict) and the `static()` helper (`document_root=`). The
 * `document_root` expression is evaluated far enough to place it in the tree: `settings.X` through the evaluated
 * settings, `BASE_DIR`-style module constants, `Path(__file__).resolve().parent`, `/`, `os.path.join()` and
 * friends.
 */
import { field, walk, type PyNode } from '../python/ast.js';
import type { PythonModule } from '../python/module.js';
import { ROUTE_FUNCTIONS, debugGuard, routesToStaticServe, type DebugGuard } from '../python/static-serve.js';
import type { ProjectModel } from '../project/model.js';
import type { Value } from '../settings/value.js';
import { normalizeAbsolute } from './webserver-model.js';

const ROUTES = new Set(ROUTE_FUNCTIONS);
const STATIC_HELPER = new Set(['django.conf.urls.static.static']);

export interface ServeRoute {
  path: string;
  module: PythonModule;
  call: PyNode;
  /** 'route': serve() in a URL pattern; 'helper': the static() helper, which adds nothing unless DEBUG is on. */
  kind: 'route' | 'helper';
  /** Inside `if settings.DEBUG:` ('guarded'), in a branch where DEBUG is off ('inverted'), or unguarded ('none'). */
  guard: DebugGuard;
  /** The document_root expression, when given. */
  documentRoot?: PyNode;
}

/** Every route to django.views.static.serve (and every static() call) in the project's kept modules. */
export function serveRoutes(project: ProjectModel): ServeRoute[] {
  const out: ServeRoute[] = [];
  for (const [path, { module }] of project.sources) {
    if (!/\b(serve|static)\b/.test(module.source)) continue;
    walk(module.root, (node) => {
      if (node.type !== 'call') return;
      const callee = module.qualifiedName(node);
      if (callee === null) return;
      if (ROUTES.has(callee)) {
        if (!routesToStaticServe(node, module)) return;
        const kwargs = module.argument(node, 2, 'kwargs');
        const documentRoot = kwargs ? dictEntry(kwargs, 'document_root', module) : undefined;
        out.push({ path, module, call: node, kind: 'route', guard: debugGuard(node, module), ...(documentRoot ? { documentRoot } : {}) });
      } else if (STATIC_HELPER.has(callee)) {
        const documentRoot = module.keywordArg(node, 'document_root');
        out.push({ path, module, call: node, kind: 'helper', guard: debugGuard(node, module), ...(documentRoot ? { documentRoot } : {}) });
      }
    });
  }
  return out;
}

function dictEntry(dict: PyNode, key: string, module: PythonModule): PyNode | undefined {
  if (dict.type === 'dictionary') {
    for (const pair of dict.children) {
      if (pair.type !== 'pair') continue;
      const k = field(pair, 'key');
      const literal = k ? module.literal(k) : undefined;
      if (literal?.kind === 'str' && literal.value === key) return field(pair, 'value');
    }
    return undefined;
  }
  if (dict.type === 'call' && module.qualifiedName(dict) === 'dict') return module.keywordArg(dict, key);
  return undefined;
}

/** A directory a document_root expression evaluates to, and where the value came from. */
export interface RootValue {
  value: Value;
  /** The settings module whose value it is (for `settings.X`), for messages. */
  settings?: string;
  /** The setting's name, for messages. */
  setting?: string;
}

/**
 * Evaluates a document_root expression to candidate directory values (one per judged settings module for
 * `settings.X`); an empty list when the expression is not understood.
 */
export function evaluateRoot(node: PyNode, route: ServeRoute, project: ProjectModel, rootDir: string): RootValue[] {
  const absoluteFile = normalizeAbsolute(`${rootDir}/${route.path}`);
  const evaluate = (expr: PyNode, depth: number): RootValue[] => {
    if (depth > 12) return [];
    switch (expr.type) {
      case 'parenthesized_expression': {
        const inner = expr.children.find((c) => c.type !== 'comment');
        return inner ? evaluate(inner, depth + 1) : [];
      }
      case 'string':
      case 'concatenated_string': {
        const literal = route.module.literal(expr);
        return literal?.kind === 'str' ? [{ value: { t: 'str', v: literal.value } }] : [];
      }
      case 'identifier': {
        const name = route.module.text(expr);
        if (name === '__file__') return [{ value: { t: 'str', v: absoluteFile } }];
        const assigned = moduleAssignment(route.module, name);
        if (assigned) return evaluate(assigned, depth + 1);
        return fromSettingsName(route.module.qualifiedName(expr));
      }
      case 'attribute': {
        const qualified = route.module.qualifiedName(expr);
        if (qualified?.startsWith('django.conf.settings.')) return fromSettings(qualified.slice('django.conf.settings.'.length));
        const object = field(expr, 'object');
        const attribute = field(expr, 'attribute');
        if (!object || !attribute) return [];
        if (route.module.text(attribute) === 'parent') return evaluate(object, depth + 1).flatMap((v) => mapPath(v, (p) => parentOf(p)));
        return fromSettingsName(qualified);
      }
      case 'binary_operator': {
        if (expr.ops?.[0] !== '/') return [];
        const left = field(expr, 'left');
        const right = field(expr, 'right');
        if (!left || !right) return [];
        const rights = evaluate(right, depth + 1);
        return evaluate(left, depth + 1).flatMap((l) => rights.flatMap((r) => join(l, r)));
      }
      case 'call': {
        const fn = field(expr, 'function');
        if (!fn) return [];
        const qualified = route.module.qualifiedName(expr);
        const args = route.module.positionalArgs(expr);
        if (qualified === 'os.path.join' && args.length > 0) {
          let acc = evaluate(args[0]!, depth + 1);
          for (const arg of args.slice(1)) {
            const next = evaluate(arg, depth + 1);
            acc = acc.flatMap((l) => next.flatMap((r) => join(l, r)));
          }
          return acc;
        }
        if (qualified === 'os.path.dirname' && args[0]) return evaluate(args[0], depth + 1).flatMap((v) => mapPath(v, (p) => parentOf(p)));
        if ((qualified === 'os.path.abspath' || qualified === 'os.path.realpath' || qualified === 'os.path.normpath' || qualified === 'str' || qualified === 'os.fspath') && args[0]) return evaluate(args[0], depth + 1);
        if ((qualified === 'pathlib.Path' || qualified === 'pathlib.PurePath' || qualified === 'pathlib.PosixPath') && args.length > 0) {
          let acc = evaluate(args[0]!, depth + 1);
          for (const arg of args.slice(1)) {
            const next = evaluate(arg, depth + 1);
            acc = acc.flatMap((l) => next.flatMap((r) => join(l, r)));
          }
          return acc.map((v) => ({ ...v, value: { ...v.value, t: 'path' } as Value }));
        }
        if (fn.type === 'attribute') {
          const method = field(fn, 'attribute');
          const object = field(fn, 'object');
          const name = method ? route.module.text(method) : '';
          if (object && (name === 'resolve' || name === 'absolute') && args.length === 0) return evaluate(object, depth + 1);
          if (object && name === 'joinpath') {
            let acc = evaluate(object, depth + 1);
            for (const arg of args) {
              const next = evaluate(arg, depth + 1);
              acc = acc.flatMap((l) => next.flatMap((r) => join(l, r)));
            }
            return acc;
          }
        }
        return [];
      }
      default:
        return [];
    }
  };
  const fromSettings = (name: string): RootValue[] => {
    if (!/^[A-Z_][A-Z0-9_]*$/.test(name)) return [];
    return project.settings.flatMap((snapshot) => {
      const resolved = snapshot.get(name);
      return resolved.source === 'assigned' ? [{ value: resolved.value, settings: snapshot.name, setting: name }] : [];
    });
  };
  const fromSettingsName = (qualified: string | null): RootValue[] => {
    if (!qualified) return [];
    const dot = qualified.lastIndexOf('.');
    const moduleName = qualified.slice(0, dot);
    const name = qualified.slice(dot + 1);
    // `from shop.settings import BASE_DIR`: the value the judged settings give the name.
    if (dot <= 0 || !project.discovery.settingsModules.some((s) => s.name === moduleName || s.name.startsWith(`${moduleName}.`))) return [];
    return fromSettings(name);
  };
  return evaluate(node, 0);
}

function moduleAssignment(module: PythonModule, name: string): PyNode | undefined {
  let found: PyNode | undefined;
  let count = 0;
  for (const statement of module.topLevelStatements()) {
    const assignment = statement.type === 'expression_statement' ? statement.children.find((c) => c.type === 'assignment') : undefined;
    if (!assignment) continue;
    const left = field(assignment, 'left');
    if (left?.type === 'identifier' && module.text(left) === name) {
      found = field(assignment, 'right');
      count++;
    }
  }
  return count === 1 ? found : undefined;
}

function pathText(value: Value): string | undefined {
  if (value.t === 'str' || value.t === 'path') return value.v;
  return undefined;
}

function mapPath(root: RootValue, fn: (p: string) => string | undefined): RootValue[] {
  const text = pathText(root.value);
  if (text === undefined) return [];
  const next = fn(text);
  if (next === undefined) return [];
  const value: Value = { t: root.value.t === 'path' ? 'path' : 'str', v: next, ...(root.value.env ? { env: root.value.env } : {}) };
  return [{ ...root, value }];
}

function parentOf(p: string): string | undefined {
  if (!p.startsWith('/')) return undefined;
  const normalized = normalizeAbsolute(p);
  return normalized === '/' ? '/' : normalized.slice(0, normalized.lastIndexOf('/')) || '/';
}

function join(left: RootValue, right: RootValue): RootValue[] {
  const l = pathText(left.value);
  const r = pathText(right.value);
  if (l === undefined || r === undefined) return [];
  const v = r.startsWith('/') ? r : `${l}/${r}`;
  const env = [...(left.value.env ?? []), ...(right.value.env ?? [])];
  const value = { t: left.value.t === 'path' ? 'path' : 'str', v: v.startsWith('/') ? normalizeAbsolute(v) : v, ...(env.length > 0 ? { env } : {}) } as Value;
  return [{ ...left, ...(right.settings ? { settings: right.settings, setting: right.setting } : {}), value }];
}
