/**
 * Where attacker data enters: which functions are request handlers (routed in URLconfs, methods of class-based
 * views and DRF views, anything taking a `request` parameter), which of their parameters are the request, URL
 * arguments or bound form data, and how far each is trusted. URL arguments captured by `int`, `slug` or `uuid`
 * converters (or by a regex group of word characters) cannot carry an attack and are not sources.
 */
import type { Confidence } from '../core/finding.js';
import { admittedCharacters, digitsOnly } from './charset.js';
import type { TaintKind } from './kinds.js';
import type { Program } from './program.js';
import type { FunctionSummary, Route, SourceBinding, UrlKeys } from './summary.js';

export type Entries = Map<string, Map<number, SourceBinding>>;

const VERB_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'trace', 'dispatch', 'setup', 'get_redirect_url']);

type ClassRole = 'view' | 'drf-view' | 'form' | 'form-field' | 'serializer' | null;

function roleOfBase(base: string): ClassRole {
  if (/^rest_framework\.(views|generics|viewsets|authtoken\.views)\./.test(base)) return 'drf-view';
  if (/^rest_framework\.serializers\./.test(base)) return 'serializer';
  if (/^django\.(views\.|contrib\.auth\.views\.|contrib\.admin\.views\.|contrib\.syndication\.views\.)/.test(base)) return 'view';
  if (/^django\.forms\.(fields\.)?[A-Za-z]*Field$/.test(base)) return 'form-field';
  if (/^django\.forms\./.test(base)) return 'form';
  return null;
}

export function classRole(program: Program, classId: string): ClassRole {
  for (const base of program.lineage(classId)) {
    const role = roleOfBase(base);
    if (role) return role;
  }
  return null;
}

interface UrlParam {
  /** The regular expression that captures the argument. */
  pattern: string;
}

/** Django's path converters, as the regular expressions they match (a custom converter may match anything). */
const CONVERTERS: Record<string, string> = {
  int: '[0-9]+',
  uuid: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
  slug: '[-a-zA-Z0-9_]+',
  str: '[^/]+',
  path: '.+',
};

/** A capture that only ever holds digits (or a UUID) is never a source: no sink class is attacked with those. */
function neverAttack(pattern: string): boolean {
  if (pattern === CONVERTERS['uuid']) return true;
  const admits = admittedCharacters(pattern);
  return admits !== undefined && digitsOnly(admits);
}

/**
 * URL arguments a route captures, by name (named groups, path converters) or position (unnamed regex groups). A DRF
 * router's detail routes capture the viewset's `lookup_field` with its `lookup_value_regex` (default `[^/.]+`).
 */
export function routeParameters(route: Route, program?: Program): { named: Map<string, UrlParam>; positional: UrlParam[] } | null {
  if (route.router && route.view.kind === 'class') {
    const attrs = program?.classes.get(route.view.id)?.attrs ?? {};
    const named = new Map<string, UrlParam>([[attrs['lookup_url_kwarg'] ?? attrs['lookup_field'] ?? 'pk', { pattern: attrs['lookup_value_regex'] ?? '[^/.]+' }]]);
    return { named, positional: [] };
  }
  if (route.pattern === null) return null;
  const named = new Map<string, UrlParam>();
  const positional: UrlParam[] = [];
  if (!route.regex) {
    for (const match of route.pattern.matchAll(/<(?:([A-Za-z_]\w*):)?([A-Za-z_]\w*)>/g)) {
      named.set(match[2]!, { pattern: CONVERTERS[match[1] ?? 'str'] ?? '.+' });
    }
    return { named, positional };
  }
  for (const group of regexGroups(route.pattern)) {
    if (group.name) named.set(group.name, { pattern: group.body });
    else positional.push({ pattern: group.body });
  }
  return { named, positional };
}

function regexGroups(pattern: string): Array<{ name?: string; body: string }> {
  const out: Array<{ name?: string; body: string }> = [];
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\') {
      i++;
      continue;
    }
    if (pattern[i] !== '(') continue;
    let depth = 1;
    let j = i + 1;
    for (; j < pattern.length && depth > 0; j++) {
      if (pattern[j] === '\\') j++;
      else if (pattern[j] === '(') depth++;
      else if (pattern[j] === ')') depth--;
    }
    const inner = pattern.slice(i + 1, j - 1);
    const named = /^\?P<([A-Za-z_]\w*)>/.exec(inner);
    if (named) out.push({ name: named[1]!, body: inner.slice(named[0].length) });
    else if (!inner.startsWith('?')) out.push({ body: inner });
    i = j - 1;
  }
  return out;
}

function binding(fn: FunctionSummary, kind: TaintKind, note: string, confidence: Confidence): SourceBinding {
  return { kind, at: { path: fn.path, line: fn.line, note }, confidence };
}

/** Every function with a source parameter, and its bindings. */
export function findEntries(program: Program): Entries {
  const entries: Entries = new Map();
  const bind = (fn: FunctionSummary, index: number, source: SourceBinding): void => {
    let params = entries.get(fn.id);
    if (!params) entries.set(fn.id, (params = new Map<number, SourceBinding>()));
    const existing = params.get(index);
    if (!existing || rank(source.confidence) > rank(existing.confidence)) params.set(index, source);
  };

  // Routes: which functions and classes are views, and what their URL arguments are.
  const routesByView = new Map<string, Route[]>();
  for (const route of program.routes) {
    if (route.view.kind !== 'function' && route.view.kind !== 'class') continue;
    const resolved = program.resolve(route.view.id);
    const id = resolved?.kind === 'function' ? resolved.fn.id : resolved?.kind === 'class' ? resolved.cls.id : undefined;
    if (!id) continue;
    const list = routesByView.get(id);
    if (list) list.push(route);
    else routesByView.set(id, [route]);
  }

  const isDrfFunction = (fn: FunctionSummary): boolean => fn.decorators.some((d) => d.startsWith('rest_framework.decorators.'));

  for (const fn of program.functions.values()) {
    const role = fn.owner ? classRole(program, fn.owner) : null;
    const drf = role === 'drf-view' || isDrfFunction(fn);
    const requestKind: TaintKind = drf ? 'drf-request' : 'request';
    // Any parameter named `request`.
    fn.params.forEach((name, index) => {
      if (name === 'request') bind(fn, index, binding(fn, requestKind, 'request', 'high'));
    });
    if (role === 'view' || role === 'drf-view') {
      if (fn.params.length > 0 && !fn.isStatic) {
        const self = binding(fn, role === 'view' ? 'view' : 'drf-view', 'self (the view)', 'high');
        const keys = urlKeys(routesFor(program, routesByView, fn.owner!), program);
        if (keys) self.urlKeys = keys;
        bind(fn, 0, self);
      }
      if (VERB_METHODS.has(fn.name) && fn.params.length > 1) bind(fn, 1, binding(fn, requestKind, fn.params[1]!, 'high'));
      if (VERB_METHODS.has(fn.name) || role === 'drf-view') bindUrlArguments(fn, 2, routesFor(program, routesByView, fn.owner!), bind, program);
    } else if (role === 'form' || role === 'serializer') {
      if (fn.params.length > 0 && !fn.isStatic) bind(fn, 0, binding(fn, 'bound', `self (submitted ${role} data)`, 'medium'));
      if (role === 'serializer') {
        const dataParam = fn.name === 'update' ? 2 : /^(validate(_\w+)?|create|to_internal_value|run_validation)$/.test(fn.name) ? 1 : -1;
        if (dataParam > 0 && fn.params.length > dataParam) bind(fn, dataParam, binding(fn, 'data', `${fn.params[dataParam]!} (submitted data)`, 'medium'));
      }
    } else if (role === 'form-field') {
      if (/^(to_python|validate|clean|run_validators)$/.test(fn.name) && fn.params.length > 1) bind(fn, 1, binding(fn, 'data', `${fn.params[1]!} (submitted field value)`, 'medium'));
    }
    // Routed function views: the first parameter is the request, whatever its name.
    const routes = routesByView.get(fn.id);
    if (routes && !fn.owner) {
      if (fn.params.length > 0) bind(fn, 0, binding(fn, requestKind, fn.params[0]!, 'high'));
      bindUrlArguments(fn, 1, routes, bind, program);
    }
    if (program.uploadHandlers.has(fn.id) && fn.params.length > 1) bind(fn, 1, binding(fn, 'data', `${fn.params[1]!} (the uploaded file's client-side name)`, 'high'));
  }
  return entries;
}

function routesFor(program: Program, routesByView: Map<string, Route[]>, classId: string): Route[] | undefined {
  for (const id of [classId, ...program.lineage(classId)]) {
    const routes = routesByView.get(id);
    if (routes) return routes;
  }
  return undefined;
}

/**
 * The capture patterns of a name across routes (a view may be routed twice): undefined when one of them cannot hold
 * anything but digits... in all of them (then it is never a source), else the widest one.
 */
function widest(patterns: readonly string[]): string | undefined {
  const attacking = patterns.filter((pattern) => !neverAttack(pattern));
  if (attacking.length === 0) return undefined;
  return attacking.find((pattern) => admittedCharacters(pattern) === undefined) ?? attacking.sort((a, b) => b.length - a.length)[0];
}

/**
 * What the routes of a view say about its URL arguments by name, for `self.kwargs` and `**kwargs`. Undefined when a
 * route is unknown or computed.
 */
export function urlKeys(routes: Route[] | undefined, program: Program): UrlKeys | undefined {
  if (!routes) return undefined;
  const params = routes.map((route) => routeParameters(route, program));
  if (params.some((p) => p === null)) return undefined;
  const names = new Set(params.flatMap((p) => [...p!.named.keys()]));
  const out: UrlKeys = {};
  for (const name of names) out[name] = widest(params.flatMap((p) => { const param = p!.named.get(name); return param ? [param.pattern] : []; })) ?? CONVERTERS['int']!;
  return out;
}

/**
 * URL arguments of a view: parameters from `first` on. With known routes, an argument captured only as digits is not
 * a source; any other is data, restricted to what its capture admits (a slug cannot traverse directories, but can
 * name a model field); with no known route (or a computed pattern), every argument is data at medium confidence, as
 * the route may capture anything.
 */
function bindUrlArguments(fn: FunctionSummary, first: number, routes: Route[] | undefined, bind: (fn: FunctionSummary, index: number, source: SourceBinding) => void, program: Program): void {
  const params = routes?.map((route) => routeParameters(route, program)) ?? [];
  const unknown = !routes || params.some((p) => p === null);
  const positionalEnd = fn.kwOnlyFrom;
  for (let index = first; index < fn.params.length; index++) {
    const name = fn.params[index]!;
    if (unknown) {
      bind(fn, index, binding(fn, 'data', `URL argument ${name}`, 'medium'));
      continue;
    }
    const patterns = params.flatMap((p) => {
      const byName = p!.named.get(name);
      if (byName) return [byName.pattern];
      const byPosition = index < positionalEnd && p!.named.size === 0 ? p!.positional[index - first] : undefined;
      return byPosition ? [byPosition.pattern] : [];
    });
    const pattern = widest(patterns);
    if (pattern === undefined) continue;
    const source = binding(fn, 'data', `URL argument ${name}`, 'high');
    source.pattern = pattern;
    bind(fn, index, source);
  }
  if (fn.varkw) {
    const keys = unknown ? undefined : urlKeys(routes, program);
    const source = binding(fn, 'url-kwargs', `URL arguments **${fn.varkw}`, unknown ? 'medium' : 'high');
    if (keys) source.urlKeys = keys;
    bind(fn, fn.params.length + 1, source);
  }
  if (fn.varargs && (unknown || params.some((p) => p!.positional.some((param) => !neverAttack(param.pattern))))) {
    bind(fn, fn.params.length, binding(fn, 'data', `URL arguments *${fn.varargs}`, unknown ? 'medium' : 'high'));
  }
}

function rank(confidence: Confidence): number {
  return confidence === 'high' ? 2 : confidence === 'medium' ? 1 : 0;
}
