/**
 * The project-wide half of the taint engine. Composes the functions' summaries into effects — "parameter i (or
 * field C.f) reaches this sink / this return value / this field, by this path" — across calls and modules, to a fixed
 * point over the call graph (a worklist, with caps so that large projects terminate). Then binds the sources
 * (`entries.ts`) and reports every flow from a source to a sink that no sanitizer or guard cleaned, with its trace.
 * Pure: summaries and a template index in, findings out.
 */
import type { Confidence, TraceStep } from '../core/finding.js';
import type { TaintRule } from '../core/rule.js';
import { findEntries } from './entries.js';
import { MAX_HOPS, concatPaths, flowKey, originKey, type Flow, type Hop } from './flow.js';
import { admittedCharacters, digitsOnly, excludesAll } from './charset.js';
import { DEFAULT_ACCEPTS, isAttackerData, itemKey, replay, type ReplayContext, type TaintKind } from './kinds.js';
import { Program } from './program.js';
import type { CallSite, FunctionSummary, ModuleSummary, SinkHit, SourceBinding, UrlKeys } from './summary.js';
import type { TemplateIndex } from './templates.js';

export interface TaintFinding {
  rule: string;
  message: string;
  confidence: Confidence;
  location: { path: string; startLine: number; startColumn: number; endLine: number; endColumn: number };
  suppressLines: [number, number];
  basis: string;
  trace: TraceStep[];
}

type Target = { kind: 'sink'; hit: SinkHit } | { kind: 'return' } | { kind: 'field'; owner: string; name: string };

interface Effect {
  flow: Flow;
  target: Target;
}

/** A value known to be attacker-influenced: its kind, where it was read, and how it travelled. */
interface Concrete {
  kind: TaintKind;
  /** What the route says about URL arguments by name, for `self.kwargs` and `**kwargs`. */
  urlKeys?: UrlKeys;
  /** The capture pattern of a URL argument: the characters the attacker can use. */
  pattern?: string;
  source: Hop;
  hops: Hop[];
  clean: string[];
  weak: number;
  confidence: Confidence;
}

/** Effects kept per function and origin (the rest are dropped: a summary must stay small). */
const MAX_EFFECTS_PER_ORIGIN = 96;
/** Recomputations of one function before the solver stops refining it. */
const MAX_VISITS_PER_FUNCTION = 12;
const MAX_FIELD_ROUNDS = 8;

export function solveTaint(summaries: readonly ModuleSummary[], rules: readonly TaintRule[], templates: TemplateIndex): TaintFinding[] {
  return new Solver(summaries, rules, templates).run();
}

class Solver {
  private readonly program: Program;
  private readonly rules = new Map<string, TaintRule>();
  private readonly effects = new Map<string, Map<string, Map<string, Effect>>>();
  private readonly findings = new Map<string, TaintFinding>();

  constructor(
    summaries: readonly ModuleSummary[],
    rules: readonly TaintRule[],
    private readonly templates: TemplateIndex,
  ) {
    this.program = new Program(summaries);
    for (const rule of rules) this.rules.set(rule.meta.code, rule);
  }

  run(): TaintFinding[] {
    this.compose();
    const entries = findEntries(this.program);
    const fieldTaint = this.fieldTaint(entries);
    for (const [id, params] of entries) {
      const byOrigin = this.effects.get(id);
      if (!byOrigin) continue;
      for (const [index, source] of params) {
        for (const effect of byOrigin.get(`p${index}`)?.values() ?? []) {
          if (effect.target.kind !== 'sink') continue;
          const concrete: Concrete = {
            kind: source.kind,
            ...(source.urlKeys ? { urlKeys: source.urlKeys } : {}),
            ...(source.pattern ? { pattern: source.pattern } : {}),
            source: sourcePosition(source, effect.flow),
            hops: [],
            clean: [],
            weak: 0,
            confidence: source.confidence,
          };
          this.report(concrete, effect.flow, effect.target.hit);
        }
      }
    }
    for (const byOrigin of this.effects.values()) {
      for (const [origin, list] of byOrigin) {
        if (!origin.startsWith('f')) continue;
        for (const concrete of fieldTaint.get(origin) ?? []) {
          for (const effect of list.values()) if (effect.target.kind === 'sink') this.report(concrete, effect.flow, effect.target.hit);
        }
      }
    }
    return [...this.findings.values()];
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Composition

  private compose(): void {
    const callers = new Map<string, Set<string>>();
    const relevant: FunctionSummary[] = [];
    for (const fn of this.program.functions.values()) {
      if (fn.sinks.length === 0 && fn.returns.length === 0 && fn.fieldStores.length === 0 && fn.calls.length === 0) continue;
      relevant.push(fn);
      for (const site of fn.calls) {
        const target = this.target(fn, site);
        if (!target) continue;
        let set = callers.get(target.fn.id);
        if (!set) callers.set(target.fn.id, (set = new Set()));
        set.add(fn.id);
      }
    }
    const queue: string[] = relevant.map((fn) => fn.id);
    const queued = new Set(queue);
    const visits = new Map<string, number>();
    while (queue.length > 0) {
      const id = queue.shift()!;
      queued.delete(id);
      const count = (visits.get(id) ?? 0) + 1;
      visits.set(id, count);
      if (count > MAX_VISITS_PER_FUNCTION) continue;
      const fn = this.program.functions.get(id)!;
      const next = this.effectsOf(fn);
      if (!sameEffects(this.effects.get(id), next)) {
        this.effects.set(id, next);
        for (const caller of callers.get(id) ?? []) {
          if (!queued.has(caller)) {
            queued.add(caller);
            queue.push(caller);
          }
        }
      }
    }
  }

  private effectsOf(fn: FunctionSummary): Map<string, Map<string, Effect>> {
    const out = new Map<string, Map<string, Effect>>();
    const add = (flow: Flow, target: Target): void => {
      if (flow.origin.kind === 'call') return;
      const origin = originKey(flow.origin);
      let list = out.get(origin);
      if (!list) out.set(origin, (list = new Map<string, Effect>()));
      if (list.size >= MAX_EFFECTS_PER_ORIGIN) return;
      const key = `${flowKey(flow)}>${targetKey(target)}`;
      if (!list.has(key)) list.set(key, { flow, target });
    };
    const memo = new Map<number, Flow[]>();
    const resolve = (flows: readonly Flow[]): Flow[] => flows.flatMap((flow) => this.resolveFlow(fn, flow, memo));
    for (const hit of fn.sinks) for (const flow of resolve(hit.flows)) add(flow, { kind: 'sink', hit });
    for (const flow of resolve(fn.returns)) add(flow, { kind: 'return' });
    for (const store of fn.fieldStores) for (const flow of resolve(store.flows)) add(flow, { kind: 'field', owner: store.owner, name: store.name });
    for (const site of fn.calls) {
      const target = this.target(fn, site);
      if (!target) continue;
      const calleeEffects = this.effects.get(target.fn.id);
      if (!calleeEffects) continue;
      const hop: Hop = { path: fn.path, line: site.line, note: `passed to ${site.text}` };
      for (const [index, argumentFlows] of this.bindArguments(site, target.fn, target.offset)) {
        const effects = calleeEffects.get(`p${index}`);
        if (!effects) continue;
        const resolved = resolve(argumentFlows);
        for (const effect of effects.values()) {
          if (effect.target.kind === 'return') continue;
          for (const argument of resolved) add(compose(argument, hop, effect.flow), effect.target);
        }
      }
    }
    return out;
  }

  /** A flow with a call-result origin, in terms of parameters and fields, through the callee's return effects. */
  private resolveFlow(fn: FunctionSummary, flow: Flow, memo: Map<number, Flow[]>): Flow[] {
    if (flow.origin.kind !== 'call') return [flow];
    const siteIndex = flow.origin.site;
    let results = memo.get(siteIndex);
    if (!results) {
      memo.set(siteIndex, []);
      const site = fn.calls.find((s) => s.site === siteIndex);
      results = site ? this.callResult(fn, site, memo) : [];
      memo.set(siteIndex, results);
    }
    return results.map((result) => append(result, flow));
  }

  private callResult(fn: FunctionSummary, site: CallSite, memo: Map<number, Flow[]>): Flow[] {
    const resolve = (flows: readonly Flow[]): Flow[] => flows.flatMap((flow) => this.resolveFlow(fn, flow, memo));
    const target = this.target(fn, site);
    if (!target || target.isClass) return resolve(site.fallback);
    const calleeEffects = this.effects.get(target.fn.id);
    const out: Flow[] = [];
    if (!calleeEffects) return out;
    const hop: Hop = { path: fn.path, line: site.line, note: `passed to ${site.text}` };
    const bound = this.bindArguments(site, target.fn, target.offset);
    for (const [origin, effects] of calleeEffects) {
      for (const effect of effects.values()) {
        if (effect.target.kind !== 'return') continue;
        if (origin.startsWith('f')) {
          out.push(effect.flow);
          continue;
        }
        const index = Number(origin.slice(1));
        for (const argument of resolve(bound.get(index) ?? [])) out.push(compose(argument, hop, effect.flow));
      }
    }
    return out;
  }

  /** The project function a call reaches, and how many leading parameters the call does not pass (`self`). */
  private target(fn: FunctionSummary, site: CallSite): { fn: FunctionSummary; offset: number; isClass?: boolean } | undefined {
    const callee = site.callee;
    if (callee.kind === 'method') {
      const method = this.program.method(callee.owner, callee.name, callee.viaSuper === true);
      return method ? { fn: method, offset: method.isStatic ? 0 : 1 } : undefined;
    }
    const name = callee.name;
    const instance = name.lastIndexOf('().');
    if (instance > 0) {
      const cls = this.program.resolve(name.slice(0, instance));
      if (cls?.kind !== 'class') return undefined;
      const method = this.program.method(cls.cls.id, name.slice(instance + 3));
      return method ? { fn: method, offset: method.isStatic ? 0 : 1 } : undefined;
    }
    const resolved = this.program.resolve(name);
    if (!resolved) return undefined;
    if (resolved.kind === 'class') {
      const init = this.program.method(resolved.cls.id, '__init__');
      return init ? { fn: init, offset: 1, isClass: true } : undefined;
    }
    void fn;
    return { fn: resolved.fn, offset: 0 };
  }

  /** The flows each parameter of the callee receives at a call site. */
  private bindArguments(site: CallSite, callee: FunctionSummary, offset: number): Map<number, Flow[]> {
    const out = new Map<number, Flow[]>();
    const add = (index: number, flows: readonly Flow[]): void => {
      if (flows.length === 0) return;
      out.set(index, [...(out.get(index) ?? []), ...flows]);
    };
    if (offset === 1 && site.receiver) add(0, site.receiver);
    site.args.forEach((flows, position) => {
      const index = position + offset;
      if (index < callee.kwOnlyFrom && index < callee.params.length) add(index, flows);
      else if (callee.varargs) add(callee.params.length, flows);
    });
    for (const [name, flows] of Object.entries(site.kwargs)) {
      const index = callee.params.indexOf(name);
      if (index >= 0) add(index, flows);
      else if (callee.varkw) add(callee.params.length + 1, flows);
    }
    if (site.spread.length > 0) {
      const weak = site.spread.map((flow) => ({ ...flow, weak: flow.weak + 1 }));
      for (let index = offset; index < callee.params.length; index++) add(index, weak);
      if (callee.varargs) add(callee.params.length, weak);
      if (callee.varkw) add(callee.params.length + 1, weak);
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Sources and findings

  /** Attacker data stored in fields (`self.query = request.GET["q"]`), by field origin key. */
  private fieldTaint(entries: ReturnType<typeof findEntries>): Map<string, Concrete[]> {
    const taint = new Map<string, Map<string, Concrete>>();
    let changed = false;
    const add = (owner: string, name: string, concrete: Concrete): void => {
      const key = `f${owner}.${name}`;
      let map = taint.get(key);
      if (!map) taint.set(key, (map = new Map<string, Concrete>()));
      const id = `${concrete.kind}|${concrete.source.path}:${concrete.source.line}|${concrete.clean.join(',')}`;
      if (map.has(id) || map.size >= 16) return;
      map.set(id, concrete);
      changed = true;
    };
    for (const [id, params] of entries) {
      const byOrigin = this.effects.get(id);
      if (!byOrigin) continue;
      for (const [index, source] of params) {
        for (const effect of byOrigin.get(`p${index}`)?.values() ?? []) {
          if (effect.target.kind !== 'field') continue;
          const kind = replay(source.kind, effect.flow.path, replayContext(source.urlKeys));
          if (kind === null) continue;
          const pattern = patternOf(source, effect.flow.path);
          add(effect.target.owner, effect.target.name, {
            kind,
            ...(pattern ? { pattern } : {}),
            source: sourcePosition(source, effect.flow),
            hops: effect.flow.hops,
            clean: effect.flow.clean,
            weak: effect.flow.weak,
            confidence: source.confidence,
          });
        }
      }
    }
    for (let round = 0; round < MAX_FIELD_ROUNDS; round++) {
      changed = false;
      for (const byOrigin of this.effects.values()) {
        for (const [origin, list] of byOrigin) {
          if (!origin.startsWith('f')) continue;
          const sources = [...(taint.get(origin)?.values() ?? [])];
          for (const concrete of sources) {
            for (const effect of list.values()) {
              if (effect.target.kind !== 'field') continue;
              const kind = replay(concrete.kind, effect.flow.path, replayContext(concrete.urlKeys));
              if (kind === null) continue;
              add(effect.target.owner, effect.target.name, {
                ...concrete,
                kind,
                hops: [...concrete.hops, ...effect.flow.hops].slice(0, MAX_HOPS),
                clean: union(concrete.clean, effect.flow.clean),
                weak: concrete.weak + effect.flow.weak,
              });
            }
          }
        }
      }
      if (!changed) break;
    }
    return new Map([...taint].map(([key, map]) => [key, [...map.values()]]));
  }

  private report(concrete: Concrete, flow: Flow, hit: SinkHit): void {
    const clean = union(concrete.clean, flow.clean);
    if (clean.includes(hit.rule)) return;
    // Positions and keys are known only once call results are resolved: an argv's later elements, a dict's values.
    if (hit.programOnly && flow.slot !== undefined && flow.slot !== 0) return;
    if (hit.keysOnly && flow.key !== undefined) return;
    const rule = this.rules.get(hit.rule);
    if (rule?.cleanSteps && flow.path.some((step) => rule.cleanSteps!.includes(step))) return;
    if (rule?.safeRequestAttributes) {
      const attribute = concrete.kind === 'request' || concrete.kind === 'drf-request' ? flow.path[0] : (concrete.kind === 'view' || concrete.kind === 'drf-view') && flow.path[0] === 'request' ? flow.path[1] : undefined;
      if (attribute !== undefined && rule.safeRequestAttributes.includes(attribute)) return;
    }
    const kind = replay(concrete.kind, flow.path, replayContext(concrete.urlKeys));
    if (!isAttackerData(kind, hit.accepts ?? DEFAULT_ACCEPTS)) return;
    // A URL argument whose capture admits none of the characters this attack needs (a slug in a file path).
    const pattern = patternOf(concrete, flow.path);
    const admits = pattern && rule?.attackCharacters !== undefined ? admittedCharacters(pattern) : undefined;
    if (admits && excludesAll(admits, rule!.attackCharacters!)) return;
    const weak = concrete.weak + flow.weak;
    // `~CODE`: a partial validator for this class accepted the value.
    const partly: Confidence = clean.includes(`~${hit.rule}`) ? 'low' : 'high';
    const confidence = lowest(concrete.confidence, weak === 0 ? 'high' : weak <= 2 ? 'medium' : 'low', hit.maxConfidence ?? 'high', partly);
    const source = concrete.source;
    const hops = [...concrete.hops, ...flow.hops];
    if (hit.template) {
      if (!rule) return;
      const variable = hit.template.key === '*' ? flow.key : hit.template.key;
      if (variable === undefined) return;
      for (const use of this.templates.unsafeUses(rule, hit.template.names, variable)) {
        const line = use.token.line;
        const endLine = line + (use.token.raw.match(/\n/g)?.length ?? 0);
        const lastLine = use.token.raw.split('\n').pop() ?? '';
        const endColumn = endLine === line ? use.token.column + use.token.raw.length : lastLine.length + 1;
        this.add({
          rule: hit.rule,
          message: `${describeSource(source)} reaches the template ${use.path} as {{ ${use.variable} }}, ${use.note}`,
          confidence,
          location: { path: use.path, startLine: line, startColumn: use.token.column, endLine, endColumn },
          suppressLines: [line, endLine],
          basis: `${use.token.raw}|${source.note}`,
          trace: trace(source, hops, [
            { path: hit.path, line: hit.span.line, note: `passed to the template as "${variable}" (${hit.note})` },
            { path: use.path, line, note: `rendered ${use.note}` },
          ]),
        });
      }
      return;
    }
    this.add({
      rule: hit.rule,
      message: `${describeSource(source)} reaches ${hit.note}`,
      confidence,
      location: { path: hit.path, startLine: hit.span.line, startColumn: hit.span.column, endLine: hit.span.endLine, endColumn: hit.span.endColumn },
      suppressLines: hit.suppressLines,
      basis: `${hit.basis}|${source.note}`,
      trace: trace(source, hops, [{ path: hit.path, line: hit.span.line, note: `sink: ${hit.note}` }]),
    });
  }

  private add(finding: TaintFinding): void {
    const source = finding.trace[0];
    const key = `${finding.rule}|${finding.location.path}:${finding.location.startLine}:${finding.location.startColumn}|${source?.path}:${source?.line}`;
    const existing = this.findings.get(key);
    if (!existing || rank(finding.confidence) > rank(existing.confidence) || (rank(finding.confidence) === rank(existing.confidence) && finding.trace.length < existing.trace.length)) {
      this.findings.set(key, finding);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------

function targetKey(target: Target): string {
  switch (target.kind) {
    case 'sink':
      return `s${target.hit.path}#${target.hit.id}`;
    case 'return':
      return 'r';
    case 'field':
      return `f${target.owner}.${target.name}`;
  }
}

function sameEffects(a: Map<string, Map<string, Effect>> | undefined, b: Map<string, Map<string, Effect>>): boolean {
  if (!a) return b.size === 0;
  if (a.size !== b.size) return false;
  for (const [origin, list] of b) {
    const other = a.get(origin);
    if (!other || other.size !== list.size) return false;
    for (const key of list.keys()) if (!other.has(key)) return false;
  }
  return true;
}

/** The callee-side flow `inner` (from a parameter) fed by the caller's argument flow `outer`. */
function compose(outer: Flow, hop: Hop, inner: Flow): Flow {
  const flow: Flow = {
    origin: outer.origin,
    path: concatPaths(outer.path, inner.path),
    clean: union(outer.clean, inner.clean),
    weak: outer.weak + inner.weak,
    hops: [...outer.hops, hop, ...inner.hops].slice(0, MAX_HOPS),
  };
  const at = outer.path.length > 0 ? outer.at : (inner.at ?? outer.at);
  if (at) flow.at = at;
  if (inner.slot !== undefined) flow.slot = inner.slot;
  const key = inner.key ?? outer.key;
  if (key !== undefined) flow.key = key;
  return flow;
}

/** A call's resolved result `result`, followed by what the caller did with it (`after`, whose origin is the call). */
function append(result: Flow, after: Flow): Flow {
  const flow: Flow = {
    origin: result.origin,
    path: concatPaths(result.path, after.path),
    clean: union(result.clean, after.clean),
    weak: result.weak + after.weak,
    hops: [...result.hops, ...after.hops].slice(0, MAX_HOPS),
  };
  const at = result.at ?? after.at;
  if (at) flow.at = at;
  const slot = after.slot ?? result.slot;
  if (slot !== undefined) flow.slot = slot;
  const key = after.key ?? result.key;
  if (key !== undefined) flow.key = key;
  return flow;
}

function union(a: readonly string[], b: readonly string[]): string[] {
  if (b.length === 0) return [...a];
  if (a.length === 0) return [...b];
  return [...new Set([...a, ...b])].sort();
}

function rank(confidence: Confidence): number {
  return confidence === 'high' ? 2 : confidence === 'medium' ? 1 : 0;
}

function lowest(...values: Confidence[]): Confidence {
  return values.reduce((a, b) => (rank(b) < rank(a) ? b : a));
}

/** The URL arguments captured only as digits, for replaying `self.kwargs[...]` and `kwargs[...]`. */
function replayContext(urlKeys: UrlKeys | undefined): ReplayContext {
  if (!urlKeys) return {};
  return { digitKeys: new Set(Object.entries(urlKeys).filter(([, pattern]) => { const admits = admittedCharacters(pattern); return admits !== undefined && digitsOnly(admits); }).map(([name]) => name)) };
}

/** The capture pattern restricting what a flow carries: its URL argument's, or the one of the `kwargs` item it reads. */
function patternOf(source: { kind: TaintKind; pattern?: string; urlKeys?: UrlKeys }, path: readonly string[]): string | undefined {
  if (source.pattern) return source.pattern;
  if (!source.urlKeys) return undefined;
  const step = source.kind === 'url-kwargs' ? path[0] : path[0] === 'kwargs' ? path[1] : undefined;
  const key = step !== undefined ? itemKey(step) : undefined;
  return key !== undefined ? source.urlKeys[key] : undefined;
}

/**
 * Where a finding's data was read: the first access on the parameter (`request.GET` in `request.GET["q"]`), or the
 * parameter itself when it is the data (a URL argument, a serializer's validated data).
 */
function sourcePosition(source: SourceBinding, flow: Flow): Hop {
  if (source.kind === 'data' || !flow.at) return source.at;
  // `self.request` is where a class-based view's flow is first read; `self.request.GET` says what was read.
  const next = flow.path[1];
  if ((source.kind === 'view' || source.kind === 'drf-view') && flow.path[0] === 'request' && next && /^\w+$/.test(next) && flow.at.note.endsWith('.request')) {
    return { ...flow.at, note: `${flow.at.note}.${next}` };
  }
  return flow.at;
}

function describeSource(source: Hop): string {
  return `${source.note} (${source.path}:${source.line})`;
}

function trace(source: Hop, hops: readonly Hop[], tail: readonly TraceStep[]): TraceStep[] {
  const steps: TraceStep[] = [{ path: source.path, line: source.line, note: `source: ${source.note}` }];
  // Intermediate steps on the line of the previous one add nothing; the final steps are always kept.
  const push = (step: TraceStep, final: boolean): void => {
    const last = steps[steps.length - 1]!;
    if (last.path === step.path && last.line === step.line) {
      // A call into another function is worth a step even on the source's line: it says where the data went.
      if (!final && !step.note.startsWith('passed to')) return;
      if (final && steps.length > 1 && !last.note.startsWith('source:')) {
        steps[steps.length - 1] = step;
        return;
      }
    }
    steps.push(step);
  };
  for (const hop of hops) push({ path: hop.path, line: hop.line, note: hop.note }, false);
  for (const step of tail) push(step, true);
  return steps;
}
