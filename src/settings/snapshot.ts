/**
 * The settings of one settings module, evaluated statically under one environment: what settings rules read.
 * `get(name)` gives the final value, where it was assigned (or that Django's default applies) and, through the
 * value's provenance, which environment variables decided it.
 */
import type { SettingsModuleInfo } from '../project/model.js';
import { ABSENT, djangoDefault, formatVersion, type DjangoVersion } from './django-defaults.js';
import type { Environment } from './environment.js';
import { SettingsEvaluator, type EvaluationProblem, type EvaluatorInput, type ModuleResult, type SourceModule } from './evaluator.js';
import { stringItems, unknown, type Origin, type Value } from './value.js';

export type SettingSource =
  /** Assigned by the settings module or a module it star-imports. */
  | 'assigned'
  /** Not assigned: Django's default for the version applies. */
  | 'default'
  /** Not assigned, and the Django version has no such setting. */
  | 'absent'
  /** Not assigned by code ponyguard can see, but a star import of an unreadable module may set it. */
  | 'opaque';

export interface ResolvedSetting {
  name: string;
  value: Value;
  source: SettingSource;
  /** The assignment, for assigned settings. */
  at?: Origin;
}

export interface DjangoSemantics {
  version: DjangoVersion;
  /** 'pin' when the project pins an exact version, 'newest' when ponyguard assumed the newest release. */
  source: 'pin' | 'newest';
}

export class SettingsSnapshot {
  constructor(
    readonly info: SettingsModuleInfo,
    readonly result: ModuleResult,
    readonly django: DjangoSemantics,
    readonly environment: Environment,
    /** The settings module and every project module its evaluation executed (its star imports first among them). */
    readonly chain: readonly SourceModule[] = [],
  ) {}

  get name(): string {
    return this.info.name;
  }

  /** Root-relative path of the settings module's file. */
  get path(): string {
    return this.info.path;
  }

  get problems(): EvaluationProblem[] {
    return this.result.problems;
  }

  get(name: string): ResolvedSetting {
    const binding = this.result.namespace.names.get(name);
    if (binding) return { name, value: binding.value, source: 'assigned', ...(binding.at ? { at: binding.at } : {}) };
    if (this.result.opaqueStarImports.length > 0) {
      return { name, value: unknown(`may be set by ${this.result.opaqueStarImports.join(', ')}, which ponyguard cannot read`), source: 'opaque' };
    }
    const fallback = djangoDefault(name, this.django.version);
    if (fallback === ABSENT) return { name, value: unknown(`${name} does not exist in Django ${formatVersion(this.django.version)}`), source: 'absent' };
    if (fallback === undefined) return { name, value: unknown(`${name} is not set (ponyguard does not know its default)`), source: 'default' };
    return { name, value: fallback, source: 'default' };
  }

  /** Is the name assigned by the module (or its star imports)? */
  assigns(name: string): boolean {
    return this.result.namespace.names.has(name);
  }

  /** A list setting's string entries (e.g. MIDDLEWARE), or undefined when not fully known. */
  strings(name: string): string[] | undefined {
    return stringItems(this.get(name).value);
  }

  /** `'x' in SETTING` for a list setting: true/false, or undefined when the list is not fully known. */
  includes(name: string, entry: string): boolean | undefined {
    const value = this.get(name).value;
    if (value.t !== 'list' && value.t !== 'tuple' && value.t !== 'set') return undefined;
    let unsure = false;
    for (const item of value.items) {
      if (item.t === 'str' && item.v === entry) return true;
      if (item.t !== 'str') unsure = true;
    }
    return unsure ? undefined : false;
  }

  /** Django IDs silenced by SILENCED_SYSTEM_CHECKS. */
  silenced(): string[] {
    return this.strings('SILENCED_SYSTEM_CHECKS') ?? [];
  }
}

export interface SnapshotRequest {
  info: SettingsModuleInfo;
  django: DjangoSemantics;
}

/** Evaluates each settings module with a fresh interpreter (a fresh `sys.modules`), as each runs in its own process. */
export function buildSnapshots(
  requests: readonly SnapshotRequest[],
  input: EvaluatorInput,
): Array<{ request: SnapshotRequest; snapshot?: SettingsSnapshot; loadedPaths: string[] }> {
  return requests.map((request) => {
    const evaluator = new SettingsEvaluator(input);
    const result = evaluator.evaluate(request.info.name);
    const chain = evaluator.loadedModules();
    const loadedPaths = chain.map((m) => m.path);
    return { request, loadedPaths, ...(result ? { snapshot: new SettingsSnapshot(request.info, result, request.django, input.environment, chain) } : {}) };
  });
}
