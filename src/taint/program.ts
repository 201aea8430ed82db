/**
 * The whole project as the taint solver sees it: every module's summary, with name resolution across modules
 * (re-exports through `__init__` imports), class lineage and method lookup.
 */
import type { ClassSummary, FunctionSummary, ModuleSummary, Route } from './summary.js';

export type Resolved = { kind: 'function'; fn: FunctionSummary } | { kind: 'class'; cls: ClassSummary };

const MAX_ALIAS_HOPS = 6;

export class Program {
  readonly functions = new Map<string, FunctionSummary>();
  readonly classes = new Map<string, ClassSummary>();
  readonly modules = new Map<string, ModuleSummary>();
  readonly routes: Route[] = [];
  readonly uploadHandlers = new Set<string>();
  private readonly resolved = new Map<string, Resolved | null>();
  private readonly lineages = new Map<string, string[]>();

  constructor(summaries: readonly ModuleSummary[]) {
    for (const summary of summaries) {
      this.modules.set(summary.module, summary);
      for (const fn of summary.functions) this.functions.set(fn.id, fn);
      for (const cls of summary.classes) this.classes.set(cls.id, cls);
      this.routes.push(...summary.routes);
      for (const handler of summary.uploadHandlers) this.uploadHandlers.add(handler);
    }
  }

  /** A qualified name to a project function or class, following re-exports (`pkg.name` bound in `pkg/__init__.py`). */
  resolve(name: string): Resolved | undefined {
    const cached = this.resolved.get(name);
    if (cached !== undefined) return cached ?? undefined;
    const result = this.lookup(name, 0);
    this.resolved.set(name, result ?? null);
    return result;
  }

  private lookup(name: string, hops: number): Resolved | undefined {
    const fn = this.functions.get(name);
    if (fn) return { kind: 'function', fn };
    const cls = this.classes.get(name);
    if (cls) return { kind: 'class', cls };
    if (hops >= MAX_ALIAS_HOPS) return undefined;
    const parts = name.split('.');
    for (let split = parts.length - 1; split >= 1; split--) {
      const module = this.modules.get(parts.slice(0, split).join('.'));
      if (!module) continue;
      const target = module.aliases[parts[split]!];
      if (target && target !== name) return this.lookup([target, ...parts.slice(split + 1)].join('.'), hops + 1);
      // `Class.method` inside a module: resolved by the functions map already; a nested name is not an alias.
      return undefined;
    }
    return undefined;
  }

  /** The class's bases, transitively, nearest first (project classes resolved; library names kept as they are). */
  lineage(classId: string): string[] {
    const cached = this.lineages.get(classId);
    if (cached) return cached;
    const out: string[] = [];
    const seen = new Set<string>([classId]);
    const queue = [...(this.classes.get(classId)?.bases ?? [])];
    while (queue.length > 0 && out.length < 64) {
      const base = queue.shift()!;
      const resolved = this.resolve(base);
      const id = resolved?.kind === 'class' ? resolved.cls.id : base;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(id);
      if (resolved?.kind === 'class') queue.push(...resolved.cls.bases);
    }
    this.lineages.set(classId, out);
    return out;
  }

  /** A method of a class or its project bases (`skipOwn` for `super().name`). */
  method(classId: string, name: string, skipOwn = false): FunctionSummary | undefined {
    const chain = skipOwn ? this.lineage(classId) : [classId, ...this.lineage(classId)];
    for (const id of chain) {
      const fn = this.functions.get(`${id}.${name}`);
      if (fn) return fn;
    }
    return undefined;
  }
}
