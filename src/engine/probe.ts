/**
 * `ponyguard probe URL…`: targets (arguments and `--urls-file`) → the retriever (the only network I/O) → the probe
 * rules on each capture → filters, baseline and thresholds as `scan` applies them → a report with the sites' grades.
 */
import picomatch from 'picomatch';
import { resolveConfig, type FailOn, type PonyguardConfig } from '../config/config.js';
import type { BaselineFile } from '../core/baseline.js';
import { UsageError } from '../core/errors.js';
import type { Confidence, Finding, ScanError, Severity } from '../core/finding.js';
import { compareErrors, countBy, type Report } from '../core/report.js';
import { computeScorecard, type FindingOrder } from '../core/scorecard.js';
import { anySelectorMatches, ruleEnabled } from '../core/selectors.js';
import { VERSION } from '../core/version.js';
import { retrieveForReport } from '../probe/retrieve/report.js';
import type { ProbeSitesOptions } from '../probe/retrieve/site.js';
import { readTargets } from '../probe/retrieve/targets.js';
import { probeRules } from '../rules/index.js';
import { analyzeSite } from './probe-phase.js';
import type { RawFinding } from './raw-finding.js';
import { anySelectorMatchesSelect, checkSelectors, dedupeErrors, exitCodeFor, finishFindings, loadBaseline, RULES_BY_CODE, toFinding, type AuditResult } from './scan.js';

export interface ProbeOptions {
  /** URLs as given on the command line. */
  targets: string[];
  /** `--urls-file`: one URL per line, `#` comments. */
  urlsFile?: string;
  cwd?: string;
  configFile?: string;
  select?: string[];
  ignore?: string[];
  severityThreshold?: Severity;
  confidenceThreshold?: Confidence;
  failOn?: FailOn;
  baselineFile?: string;
  showSuppressed?: boolean;
  noThresholds?: boolean;
  /** How to fetch: headers, cookie, --insecure, timeouts, concurrency, --active. */
  retrieve?: ProbeSitesOptions;
  /** The clock for durations, for reproducible tests. */
  now?: () => number;
  /** `--sort`: findings by URL (default) or fix-first. */
  sort?: FindingOrder;
}

export async function probe(options: ProbeOptions): Promise<AuditResult> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const cwd = options.cwd ?? process.cwd();
  const fileConfig = await resolveConfig(cwd, options.configFile, cwd);
  const config: PonyguardConfig = {
    ...fileConfig,
    select: options.select && options.select.length > 0 ? options.select : fileConfig.select,
    ignore: [...fileConfig.ignore, ...(options.ignore ?? [])],
    severityThreshold: options.severityThreshold ?? fileConfig.severityThreshold,
    confidenceThreshold: options.confidenceThreshold ?? fileConfig.confidenceThreshold,
    failOn: options.failOn ?? fileConfig.failOn,
  };
  await checkSelectors(config, options, cwd);
  const baseline = options.baselineFile ? await loadBaseline(options.baselineFile, cwd) : undefined;

  const errors: ScanError[] = [];
  const targets = await readTargets(options.targets, options.urlsFile, cwd, errors);
  if (targets.length === 0) {
    const reasons = errors.map((e) => `${e.path}${e.line !== null ? `:${e.line}` : ''}: ${e.message}`);
    throw new UsageError(reasons.length > 0 ? `no URL to probe:\n  ${reasons.join('\n  ')}` : 'no URL to probe: give one or more URLs, or --urls-file FILE');
  }

  const rules = probeRules().filter((rule) => ruleEnabled(rule.meta, config.select, config.ignore));
  const { captures, sites } = await retrieveForReport(targets, options.retrieve ?? {}, errors);
  const raw: RawFinding[] = captures.flatMap((site) => analyzeSite(site, rules, config.ruleOptions, errors));
  const { shown, visible, baselined } = filterUrlFindings(raw, config, baseline, options);
  errors.sort(compareErrors);

  const report: Report = {
    version: 1,
    tool: { name: 'ponyguard', version: VERSION },
    target: { root: '', djangoVersion: null, settingsModules: [] },
    findings: shown,
    errors: dedupeErrors(errors),
    sites,
    // Only the probe rules ran: practices without one are listed as not checked and left out of the overall score.
    scorecard: computeScorecard(visible, { ranRules: rules.map((rule) => rule.meta.code) }),
    stats: { files: 0, pythonFiles: 0, durationMs: Math.round(now() - started), suppressed: 0, baselined: baselined.length, ...countBy(visible) },
  };
  return { report, config, failOn: config.failOn, exitCode: exitCodeFor(visible, config.failOn) };
}

/**
 * Select, ignore, per-path ignores (globs against the URL), baseline and thresholds for URL-located findings (no
 * inline suppressions: a live response has no comments). The same order and semantics as `audit`.
 */
export function filterUrlFindings(
  raw: readonly RawFinding[],
  config: PonyguardConfig,
  baseline: BaselineFile | undefined,
  options: { noThresholds?: boolean; showSuppressed?: boolean; sort?: FindingOrder },
): { shown: Finding[]; visible: Finding[]; baselined: Finding[] } {
  const perPath = config.perPathIgnores.map((entry) => ({ match: picomatch(entry.pattern, { dot: true }), selectors: entry.selectors }));
  const kept: Finding[] = [];
  for (const item of raw) {
    const meta = RULES_BY_CODE.get(item.ruleId);
    if (!meta) throw new Error(`analyzer reported unknown rule ${item.ruleId}`);
    const finding = toFinding(item, meta);
    if (!anySelectorMatchesSelect(config.select, finding)) continue;
    if (anySelectorMatches(config.ignore, finding)) continue;
    if (perPath.some((entry) => entry.match(finding.location.path) && anySelectorMatches(entry.selectors, finding))) continue;
    kept.push(finding);
  }
  return finishFindings(kept, [], config, baseline, options);
}
