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

/** Bandit's blacklist tests (calls B301–B323, imports B401–B415), which Bandit's meta-test ID B001 stands for. */
export function isBanditBlacklistId(id: string): boolean {
  return /^B(3([01]\d|2[0-3])|4(0\d|1[0-5]))$/i.test(id);
}

export function selectorMatches(selector: string, finding: SelectableFinding): boolean {
  const wanted = selector.trim().toLowerCase();
  if (!wanted) return false;
  if (wanted === 'all') return true;
  if (wanted === 'b001') return finding.aliases.some(isBanditBlacklistId);
  if (finding.ruleId.toLowerCase().startsWith(wanted)) return true;
  if (finding.ruleName.toLowerCase() === wanted) return true;
  return finding.aliases.some((alias) => alias.toLowerCase() === wanted);
}

export function anySelectorMatches(selectors: readonly string[], finding: SelectableFinding): boolean {
  return selectors.some((selector) => selectorMatches(selector, finding));
}

/**
 * Identifiers of the peers' checks (Bandit test IDs, Django system-check IDs). A configuration written for Bandit or
 * `check --deploy` may name one ponyguard has no rule for yet; that is not a typo.
 */
const PEER_IDS = new Set(
  [
    'B001 B101 B102 B103 B104 B105 B106 B107 B108 B109 B110 B111 B112 B113 B201 B202',
    'B301 B302 B303 B304 B305 B306 B307 B308 B309 B310 B311 B312 B313 B314 B315 B316 B317 B318 B319 B320 B321 B322 B323 B324 B325',
    'B401 B402 B403 B404 B405 B406 B407 B408 B409 B410 B411 B412 B413 B414 B415 B501 B502 B503 B504 B505 B506 B507 B508 B509',
    'B601 B602 B603 B604 B605 B606 B607 B608 B609 B610 B611 B612 B613 B614 B615 B701 B702 B703 B704',
    'security.W001 security.W002 security.W003 security.W004 security.W005 security.W006 security.W007 security.W008',
    'security.W009 security.W010 security.W011 security.W012 security.W013 security.W014 security.W015 security.W016',
    'security.W017 security.W018 security.W019 security.W020 security.W021 security.W022 security.E023 security.E024',
    'security.W025 security.E026 security.W027 security.E100 security.E101 security.E102',
  ]
    .join(' ')
    .toLowerCase()
    .split(' '),
);

/** Selectors that match no rule and are neither advisory ids nor peers' check ids: most likely typos. */
export function unknownSelectors(selectors: readonly string[], rules: readonly RuleMeta[]): string[] {
  return selectors.filter((selector) => {
    if (isAdvisoryId(selector) || PEER_IDS.has(selector.trim().toLowerCase())) return false;
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
