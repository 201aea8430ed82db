/**
 * Rule options: read by rules with their declared defaults, and checked against the declarations when the
 * configuration loads, so a wrong type is a configuration error (exit 2) instead of a silently ignored setting.
 */
import { ConfigError } from './errors.js';
import type { RuleMeta, RuleOptionSpec } from './rule.js';

type Options = Readonly<Record<string, unknown>>;
type BooleanSpec = Extract<RuleOptionSpec, { type: 'boolean' }>;
type StringListSpec = Extract<RuleOptionSpec, { type: 'string-list' }>;
type IntegerSpec = Extract<RuleOptionSpec, { type: 'integer' }>;

/** A boolean option, or its default when unset. */
export function booleanOption(options: Options, spec: BooleanSpec): boolean {
  const value = options[spec.name];
  return typeof value === 'boolean' ? value : spec.default;
}

/** A list-of-strings option, or its default when unset. */
export function stringListOption(options: Options, spec: StringListSpec): readonly string[] {
  const value = options[spec.name];
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : spec.default;
}

/** A non-negative integer option, or its default when unset. */
export function integerOption(options: Options, spec: IntegerSpec): number {
  const value = options[spec.name];
  return isCount(value) ? value : spec.default;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function typeProblem(spec: RuleOptionSpec, value: unknown): string | undefined {
  switch (spec.type) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'true or false';
    case 'string-list':
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? undefined : 'a list of strings';
    case 'integer':
      return isCount(value) ? undefined : 'a non-negative integer';
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list with other values than strings';
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'object') return 'a table';
  return `${typeof value} ${JSON.stringify(value)}`;
}

export interface OptionsSource {
  /** The configuration file, for messages. */
  file: string;
  /** Line of an option in that file, when it can be found. */
  line(code: string, name: string): number | null;
  /**
   * Unknown option names are errors (ponyguard's own configuration). Bandit's per-plugin blocks are read leniently:
   * Bandit ignores keys it does not know, and one block feeds several rules.
   */
  strict: boolean;
}

/** Checks configured options against the declarations of the rules they name; throws a `ConfigError` on a mismatch. */
export function checkRuleOptions(ruleOptions: Readonly<Record<string, Options>>, rulesByCode: ReadonlyMap<string, RuleMeta>, source: OptionsSource): void {
  for (const [code, options] of Object.entries(ruleOptions)) {
    const meta = rulesByCode.get(code);
    if (!meta) continue; // a Bandit plugin block for a rule ponyguard does not have yet
    const specs = meta.options ?? [];
    for (const [name, value] of Object.entries(options)) {
      const spec = specs.find((s) => s.name === name);
      if (!spec) {
        if (!source.strict) continue;
        const known = specs.length > 0 ? `known options: ${specs.map((s) => s.name).join(', ')}` : 'it takes no options';
        throw new ConfigError(source.file, source.line(code, name), `unknown option "${name}" for ${code} (${meta.name}); ${known}`);
      }
      const expected = typeProblem(spec, value);
      if (expected) throw new ConfigError(source.file, source.line(code, name), `option "${name}" of ${code} (${meta.name}) must be ${expected}, got ${describe(value)}`);
    }
  }
}
