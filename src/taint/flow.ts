/**
 * Taint flows: how a value inside one function depends on something attacker-influenced. A flow is symbolic while a
 * function is summarized (it starts at a parameter, a field or a call's result) and becomes concrete when the solver
 * binds it to a source (a view's `request`, a URL parameter). Plain data: summaries cross the worker boundary.
 */

/** What a flow starts from, inside one function. */
export type Origin =
  /** The function's parameter at this position (`self` is 0 for methods). */
  | { kind: 'param'; index: number }
  /** `self.<name>` of a class (stored by any method of it): class-level field sensitivity. */
  | { kind: 'field'; owner: string; name: string }
  /** The value returned by call site `site` of the same function, resolved by the solver with the callee's summary. */
  | { kind: 'call'; site: number };

/** A step of a trace: where the value went. */
export interface Hop {
  path: string;
  line: number;
  note: string;
}

/**
 * Access-path steps from the origin value: `GET` (attribute), `get()` (method call), `[]` (item or iteration),
 * `()` (passed to a call the analysis does not know: the result may wrap the value), `~` (made into text: formatted,
 * concatenated, `str()`). The solver replays the path through the kinds machine (`kinds.ts`) from the origin's kind.
 */
export type PathStep = string;

export const MAX_PATH = 8;
export const MAX_HOPS = 12;
export const MAX_FLOWS = 24;

export interface Flow {
  origin: Origin;
  path: PathStep[];
  /** Rule codes (sink classes) for which a sanitizer or guard has made the value safe; sorted. */
  clean: string[];
  /** Where the value was first read from its origin with a non-empty path: the source position in the trace. */
  at?: Hop;
  /** The steps in between: assignments, calls, returns. */
  hops: Hop[];
  /** Imprecision: 0 when every step is understood; +1 for each container, wrapper or approximated step. */
  weak: number;
  /** Position in a list or tuple literal the value was placed in (argv checks); absent otherwise. */
  slot?: number;
  /** Key of the dict literal the value was placed in (template contexts built by helpers); absent otherwise. */
  key?: string;
}

export function originKey(origin: Origin): string {
  switch (origin.kind) {
    case 'param':
      return `p${origin.index}`;
    case 'field':
      return `f${origin.owner}.${origin.name}`;
    case 'call':
      return `c${origin.site}`;
  }
}

const keys = new WeakMap<Flow, string>();

/** Identity of a flow for set operations: everything but the trace. Flows are never mutated, so it is cached. */
export function flowKey(flow: Flow): string {
  let key = keys.get(flow);
  if (key === undefined) {
    key = `${originKey(flow.origin)}|${flow.path.join('.')}|${flow.clean.join(',')}|${flow.weak > 2 ? 2 : flow.weak}|${flow.slot ?? ''}|${flow.key ?? ''}`;
    keys.set(flow, key);
  }
  return key;
}

/** Union of flow lists, first occurrence wins (shorter traces come first), capped. */
export function mergeFlows(...lists: ReadonlyArray<readonly Flow[]>): Flow[] {
  // Most values carry no flow at all, or come from a single list that is already a set.
  let only: readonly Flow[] | undefined;
  let nonEmpty = 0;
  for (const list of lists) {
    if (list.length === 0) continue;
    nonEmpty++;
    only = list;
  }
  if (nonEmpty === 0) return [];
  if (nonEmpty === 1 && only!.length <= MAX_FLOWS) return only as Flow[];
  const seen = new Set<string>();
  const out: Flow[] = [];
  for (const list of lists) {
    for (const flow of list) {
      const key = flowKey(flow);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(flow);
      if (out.length >= MAX_FLOWS) return out;
    }
  }
  return out;
}

/** The flow after one more access step; a value already made into text stays text. */
/**
 * A path followed by more steps. Text stays text (`~` then `.strip()` is still the same text), except that text
 * passed to a call the analysis does not know (`()`) becomes whatever that call returns.
 */
export function concatPaths(path: readonly PathStep[], more: readonly PathStep[]): PathStep[] {
  const out = [...path];
  for (const step of more) {
    if (out.length >= MAX_PATH) break;
    if (out[out.length - 1] === '~' && step !== '()') continue;
    out.push(step);
  }
  return out;
}

export function extend(flow: Flow, step: PathStep, at?: Hop): Flow {
  const path = concatPaths(flow.path, [step]);
  if (path.length === flow.path.length) return withoutKey(flow);
  const next: Flow = withoutKey({ ...flow, path });
  // The source position is where a value is first read from (an attribute, an item, a method), not where it is
  // merely formatted or passed on.
  if (flow.path.length === 0 && flow.at === undefined && at && step !== '~' && step !== '()') next.at = at;
  return next;
}

export function withHop(flow: Flow, hop: Hop): Flow {
  if (flow.hops.length >= MAX_HOPS) return flow;
  const last = flow.hops[flow.hops.length - 1];
  if (last && last.line === hop.line && last.path === hop.path) return flow;
  return { ...flow, hops: [...flow.hops, hop] };
}

export function cleaned(flow: Flow, codes: readonly string[]): Flow {
  if (codes.every((code) => flow.clean.includes(code))) return flow;
  return { ...flow, clean: [...new Set([...flow.clean, ...codes])].sort() };
}

export function weakened(flow: Flow, by = 1): Flow {
  return { ...flow, weak: flow.weak + by };
}

/** The flow outside of the dict entry it was in. */
export function withoutKey(flow: Flow): Flow {
  if (flow.key === undefined) return flow;
  const { key: _key, ...rest } = flow;
  return rest;
}

/** The flow placed under a key of a dict literal. */
export function underKey(flow: Flow, key: string): Flow {
  return { ...flow, key };
}
