/**
 * Rule selectors for `select`, `ignore` and per-path ignores: a code (`PY608`), a code prefix (`PY6`, `SET`),
 * a rule name (`mark-safe-non-literal`) or an alias (`B608`, `security.W018`, `CVE-2023-…`).
 */
import type { RuleMeta } from './rule.js';

export interface SelectableFinding {
  ruleId: string;
  ruleName: string;
  aliases: readonly string[];
}

/** Advisory identifiers only exist on findings, not on rules, so they cannot be checked against the registry. */
const ADVISORY_ID = /^(CVE-\d{4}-\d+|GHSA(-[23456789cfghjmpqrvwx]{4}){3}|PYSEC-\d{4}-\d+|OSV-[\w-]+)$/i;

export function selectorMatches(selector: string, finding: SelectableFinding): boolean {
  const wanted = selector.trim().toLowerCase();
  if (!wanted) return false;
  if (wanted === 'all') return true;
  if (finding.ruleId.toLowerCase().startsWith(wanted)) return true;
  if (finding.ruleName.toLowerCase() === wanted) return true;
  return finding.aliases.some((alias) => alias.toLowerCase() === wanted);
}

export function anySelectorMatches(selectors: readonly string[], finding: SelectableFinding): boolean {
  return selectors.some((selector) => selectorMatches(selector, finding));
}

/** Selectors that match no rule and are not advisory ids: most likely typos. */
export function unknownSelectors(selectors: readonly string[], rules: readonly RuleMeta[]): string[] {
  return selectors.filter((selector) => {
    if (isAdvisoryId(selector)) return false;
    return !rules.some((meta) => selectorMatches(selector, { ruleId: meta.code, ruleName: meta.name, aliases: meta.aliases }));
  });
}

/** Is the rule enabled at all under the select/ignore lists (before per-path and per-finding filtering)? */
export function ruleEnabled(meta: RuleMeta, select: readonly string[], ignoreList: readonly string[]): boolean {
  const target = { ruleId: meta.code, ruleName: meta.name, aliases: meta.aliases };
  // Advisory ids select findings, not rules: any rule may carry them, so they keep every rule running.
  const selectsFindings = select.some(isAdvisoryId);
  if (select.length > 0 && !selectsFindings && !anySelectorMatches(select, target)) return false;
  return !anySelectorMatches(ignoreList, target);
}

export function isAdvisoryId(selector: string): boolean {
  return ADVISORY_ID.test(selector.trim());
}

/** Splits `--select A,B --select C` style values. */
export function splitList(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}
