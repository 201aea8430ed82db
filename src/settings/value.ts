/**
 * Values of the static settings evaluator: a small model of the Python objects settings modules build, each
 * carrying where it came from and which environment variables decided it.
 */
import type { PyNode } from '../python/ast.js';
import type { PythonModule } from '../python/module.js';

/** A place in a settings module. */
export interface Origin {
  path: string;
  module: PythonModule;
  node: PyNode;
}

/** An environment read whose default (or absence) decided a value. */
export interface EnvUse {
  variable: string;
  /** True when the variable was not set in the environment being evaluated, so the default (if any) was used. */
  unset: boolean;
  /** The default expression used when the variable is unset; undefined for reads without a default. */
  defaultAt?: Origin;
}

interface Meta {
  /** Environment reads that decided this value (directly, or through a branch condition). */
  env?: EnvUse[];
  /** Where a constant was written in the source (string and number literals). */
  src?: Origin;
}

export type Value =
  | (Meta & { t: 'str'; v: string })
  | (Meta & { t: 'bytes'; v: string })
  | (Meta & { t: 'int'; v: number })
  | (Meta & { t: 'float'; v: number })
  | (Meta & { t: 'bool'; v: boolean })
  | (Meta & { t: 'none' })
  | (Meta & { t: 'list' | 'tuple' | 'set'; items: Value[] })
  | (Meta & { t: 'dict'; entries: Array<[Value, Value]> })
  /** pathlib.Path or an os.path string result: an absolute POSIX path. */
  | (Meta & { t: 'path'; v: string })
  /** An imported module; `project` marks modules of the scanned project. */
  | (Meta & { t: 'module'; name: string; project?: ProjectNamespace })
  /** A callable known by qualified name; `self` for bound methods. */
  | (Meta & { t: 'func'; name: string; self?: Value })
  /** A django-environ `Env` instance with its scheme (NAME=(cast, default)). */
  | (Meta & { t: 'environ-env'; scheme: Map<string, { cast: string | null; default?: Value }> })
  /** Any other object known by class (decouple.Csv(), a CSP nonce marker, …). */
  | (Meta & { t: 'object'; cls: string; args?: Value[] })
  /** Not statically knowable; `why` says what. */
  | (Meta & { t: 'unknown'; why: string });

export interface Binding {
  value: Value;
  /** The statement that (last) assigned the name; absent for names created by imports. */
  at?: Origin;
  /** Statements that changed the value in place afterwards (`.append(…)`, `X["k"] = …`), in order. */
  mutatedAt?: Origin[];
}

export interface ProjectNamespace {
  moduleName: string;
  path: string;
  names: Map<string, Binding>;
}

export const NONE: Value = { t: 'none' };
export const TRUE: Value = { t: 'bool', v: true };
export const FALSE: Value = { t: 'bool', v: false };

export function str(v: string): Value {
  return { t: 'str', v };
}

export function unknown(why: string, env?: EnvUse[]): Value {
  return env && env.length > 0 ? { t: 'unknown', why, env } : { t: 'unknown', why };
}

export function isUnknown(value: Value): value is Extract<Value, { t: 'unknown' }> {
  return value.t === 'unknown';
}

/** Merges the environment provenance of several values. */
export function envOf(...values: Array<Value | undefined>): EnvUse[] | undefined {
  const out: EnvUse[] = [];
  for (const value of values) {
    for (const use of value?.env ?? []) {
      if (!out.some((u) => u.variable === use.variable && u.defaultAt?.node === use.defaultAt?.node)) out.push(use);
    }
  }
  return out.length > 0 ? out : undefined;
}

/** The same value with extra provenance. */
export function withEnv<T extends Value>(value: T, env: EnvUse[] | undefined): T {
  if (!env || env.length === 0) return value;
  return { ...value, env: envOf(value, { t: 'none', env }) };
}

/** Python truthiness; undefined when unknown. */
export function truthy(value: Value): boolean | undefined {
  switch (value.t) {
    case 'str':
    case 'bytes':
      return value.v.length > 0;
    case 'int':
    case 'float':
      return value.v !== 0;
    case 'bool':
      return value.v;
    case 'none':
      return false;
    case 'list':
    case 'tuple':
    case 'set':
      return value.items.length > 0;
    case 'dict':
      return value.entries.length > 0;
    case 'path':
    case 'module':
    case 'func':
    case 'environ-env':
    case 'object':
      return true;
    case 'unknown':
      return undefined;
  }
}

/** `value is True` in Python; undefined when unknown. */
export function isTrue(value: Value): boolean | undefined {
  if (value.t === 'unknown') return undefined;
  return value.t === 'bool' && value.v;
}

/** Python `==` for known values; undefined when either side is unknown. */
export function pyEquals(a: Value, b: Value): boolean | undefined {
  if (a.t === 'unknown' || b.t === 'unknown') return undefined;
  const num = (v: Value): number | undefined => (v.t === 'int' || v.t === 'float' ? v.v : v.t === 'bool' ? (v.v ? 1 : 0) : undefined);
  const na = num(a);
  const nb = num(b);
  if (na !== undefined && nb !== undefined) return na === nb;
  if ((a.t === 'str' && b.t === 'str') || (a.t === 'bytes' && b.t === 'bytes') || (a.t === 'path' && b.t === 'path')) return a.v === b.v;
  if (a.t === 'none' || b.t === 'none') return a.t === b.t;
  if ((a.t === 'list' && b.t === 'list') || (a.t === 'tuple' && b.t === 'tuple')) {
    if (a.items.length !== b.items.length) return false;
    let all: boolean | undefined = true;
    for (let i = 0; i < a.items.length; i++) {
      const eq = pyEquals(a.items[i]!, b.items[i]!);
      if (eq === false) return false;
      if (eq === undefined) all = undefined;
    }
    return all;
  }
  if (a.t === 'set' && b.t === 'set') {
    const sa = stringItems(a);
    const sb = stringItems(b);
    if (!sa || !sb) return undefined;
    return sa.length === sb.length && sa.every((x) => sb.includes(x));
  }
  if (a.t !== b.t) return false;
  if ((a.t === 'func' || a.t === 'module') && (b.t === 'func' || b.t === 'module')) return a.name === b.name && a.t === b.t;
  if (a.t === 'dict' && b.t === 'dict') {
    if (a.entries.length !== b.entries.length) return false;
    let all: boolean | undefined = true;
    for (let i = 0; i < a.entries.length; i++) {
      const [ka, va] = a.entries[i]!;
      const [kb, vb] = b.entries[i]!;
      const eq = pyEquals(ka, kb) === true ? pyEquals(va, vb) : undefined;
      if (eq === false) return false;
      if (eq === undefined) all = undefined;
    }
    return all;
  }
  return undefined;
}

/** Items of a list/tuple/set whose every element is a known string, else undefined. */
export function stringItems(value: Value): string[] | undefined {
  if (value.t !== 'list' && value.t !== 'tuple' && value.t !== 'set') return undefined;
  const out: string[] = [];
  for (const item of value.items) {
    if (item.t !== 'str') return undefined;
    out.push(item.v);
  }
  return out;
}

/** Elements of an iterable value (lists, tuples, sets, dict keys, string characters), or undefined. */
export function iterate(value: Value): Value[] | undefined {
  switch (value.t) {
    case 'list':
    case 'tuple':
    case 'set':
      return value.items;
    case 'dict':
      return value.entries.map(([k]) => k);
    case 'str':
      return [...value.v].map((c) => str(c));
    default:
      return undefined;
  }
}

/** A dict value's entry for a string key. */
export function dictGet(value: Value, key: string): Value | undefined {
  if (value.t !== 'dict') return undefined;
  for (let i = value.entries.length - 1; i >= 0; i--) {
    const [k, v] = value.entries[i]!;
    if (k.t === 'str' && k.v === key) return v;
  }
  return undefined;
}

/** A short Python-like rendering for messages: `True`, `'DENY'`, `['a', 'b']`, `<unknown: …>`. */
export function display(value: Value, depth = 0): string {
  if (depth > 3) return '…';
  switch (value.t) {
    case 'str':
      return pyRepr(value.v);
    case 'bytes':
      return `b${pyRepr(value.v)}`;
    case 'int':
    case 'float':
      return String(value.v);
    case 'bool':
      return value.v ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'list':
    case 'tuple':
    case 'set': {
      const inner = value.items.slice(0, 8).map((i) => display(i, depth + 1));
      if (value.items.length > 8) inner.push('…');
      const [open, close] = value.t === 'list' ? ['[', ']'] : value.t === 'tuple' ? ['(', value.items.length === 1 ? ',)' : ')'] : ['{', '}'];
      return value.t === 'set' && value.items.length === 0 ? 'set()' : `${open}${inner.join(', ')}${close}`;
    }
    case 'dict': {
      const inner = value.entries.slice(0, 6).map(([k, v]) => `${display(k, depth + 1)}: ${display(v, depth + 1)}`);
      if (value.entries.length > 6) inner.push('…');
      return `{${inner.join(', ')}}`;
    }
    case 'path':
      return `Path(${pyRepr(value.v)})`;
    case 'module':
      return `<module ${value.name}>`;
    case 'func':
      return `<${value.name}>`;
    case 'environ-env':
      return '<environ.Env>';
    case 'object':
      return `<${value.cls}>`;
    case 'unknown':
      return `<unknown: ${value.why}>`;
  }
}

export function pyRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  const escaped = text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  return quote + (quote === "'" ? escaped.replace(/'/g, "\\'") : escaped) + quote;
}
