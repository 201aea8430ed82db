/**
 * The rule registry: every rule, explicitly, sorted by code. Adding a rule = writing its file and adding one line here
 * (the meta-test fails until both exist, with a test and a fixture).
 */
import type { ProjectRule, PythonRule, Rule } from '../core/rule.js';
import markSafeNonLiteral from './code/mark-safe-non-literal.js';
import sqlStringFormatting from './code/sql-string-formatting.js';
import debugEnabledInProduction from './settings/debug-enabled-in-production.js';
import hstsNotEnabled from './settings/hsts-not-enabled.js';

export const ALL_RULES: readonly Rule[] = [
  sqlStringFormatting, // PY608
  markSafeNonLiteral, // PY703
  hstsNotEnabled, // SET004
  debugEnabledInProduction, // SET018
];

export function pythonRules(): PythonRule[] {
  return ALL_RULES.filter((rule): rule is PythonRule => rule.kind === 'python');
}

export function projectRules(): ProjectRule[] {
  return ALL_RULES.filter((rule): rule is ProjectRule => rule.kind === 'project');
}

/** A rule by code, name or alias (case-insensitive), as `ponyguard explain` accepts them. */
export function findRule(query: string): Rule | undefined {
  const wanted = query.trim().toLowerCase();
  return ALL_RULES.find(
    (rule) =>
      rule.meta.code.toLowerCase() === wanted ||
      rule.meta.name === wanted ||
      rule.meta.aliases.some((alias) => alias.toLowerCase() === wanted),
  );
}
