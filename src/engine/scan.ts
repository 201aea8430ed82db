/**
 * The scan, end to end: configuration → walk → discovery → Python files on the pool → project rules → suppressions,
 * filters and baseline → report. The only place that wires analyzers to I/O.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import { banditFromFile, discoverBandit, type BanditSettings } from '../config/bandit.js';
import { findLine, resolveConfig, type FailOn, type PonyguardConfig } from '../config/config.js';
import { applyBaseline, parseBaseline, type BaselineFile } from '../core/baseline.js';
import { ConfigError, EXIT_FINDINGS, EXIT_OK, UsageError } from '../core/errors.js';
import type { Confidence, Finding, ScanError, Severity } from '../core/finding.js';
import { confidenceRank, severityRank } from '../core/finding.js';
import { fingerprint } from '../core/fingerprint.js';
import { compareErrors, compareFindings, countBy, type Report, type ReportSite } from '../core/report.js';
import { annotateFindings, compareFixFirst, computeScorecard, type FindingOrder } from '../core/scorecard.js';
import { checkRuleOptions } from '../core/rule-options.js';
import type { ProjectRule, RuleMeta } from '../core/rule.js';
import { anySelectorMatches, ruleEnabled, unknownSelectors } from '../core/selectors.js';
import { DirectiveIndex, directivesFromHashComments, type Directive } from '../core/suppressions.js';
import { VERSION } from '../core/version.js';
import type { ModuleSummary } from '../taint/summary.js';
import { LineIndex } from '../python/ast.js';
import { PythonModule } from '../python/module.js';
import { discoverProject, isPythonPath } from '../project/discover.js';
import type { ProjectModel, ProjectModule } from '../project/model.js';
import { walkProject, type WalkedFile } from '../project/walk.js';
import { listTrackedFiles, readProjectTextFiles } from '../project/project-files.js';
import { retrieveForReport, type RetrievedSites } from '../probe/retrieve/report.js';
import type { ProbeSitesOptions } from '../probe/retrieve/site.js';
import { readTargets } from '../probe/retrieve/targets.js';
import { ALL_RULES, correlationRules, dependencyRules, probeRules, projectRules, secretRules, taintRules, templateRules } from '../rules/index.js';
import type { PythonTask } from './analyze-python.js';
import { analyzeSite, correlateSite } from './probe-phase.js';
import { runPythonTasks } from './pool.js';
import { projectFinding } from './project-finding.js';
import { excerptAround, redactExcerpt, type RawFinding } from './raw-finding.js';
import { DEFAULT_MAX_FILE_BYTES } from './read-source.js';
import { runSettingsPhase } from './settings-phase.js';
import { DEFAULT_ADVISORY_DB } from '../deps/advisories/db.js';
import { loadActiveAdvisoryDb } from '../deps/advisories/store.js';
import { runDependencyPhase } from './dependencies-phase.js';
import { runTaintPhase } from './taint-phase.js';
import { indexSecretRules, scanHistoryForSecrets, scanTreeForSecrets, type SecretFinding } from './secrets-phase.js';
import { runTemplatePhase, templateDirectories } from './templates-phase.js';
import { EMPTY_ENVIRONMENT, parseEnvAssignment, parseEnvFile, type Environment } from '../settings/environment.js';

export interface AuditOptions {
  /** File or directory to scan. */
  path: string;
  cwd?: string;
  configFile?: string;
  /** Replace the configured `select`. */
  select?: string[];
  /** Added to the configured `ignore`. */
  ignore?: string[];
  /** Added to the configured `exclude`. */
  exclude?: string[];
  severityThreshold?: Severity;
  confidenceThreshold?: Confidence;
  failOn?: FailOn;
  baselineFile?: string;
  showSuppressed?: boolean;
  /** Report everything regardless of thresholds (used to create baselines). */
  noThresholds?: boolean;
  /** Worker threads: 0 (default) = one per core, 1 = inline. */
  jobs?: number;
  /** `--settings MODULE`: judge only this settings module. */
  settings?: string;
  /** `--env KEY=VALUE` assignments. */
  env?: string[];
  /** `--env-file FILE`. */
  envFile?: string;
  /** `--bandit-config FILE`: Bandit's YAML or TOML configuration. */
  banditConfig?: string;
  /** `--history`: also scan every line git history added (all refs) for secrets. */
  history?: boolean;
  onProgress?: (progress: ScanProgress) => void;
  /** The clock, for reproducible tests. */
  now?: () => number;
  /** `--url URL`: also probe these live sites, and correlate what they send with the project's settings. */
  urls?: string[];
  /** How to fetch the `urls` (headers, cookie, --insecure, timeouts, concurrency). */
  probe?: ProbeSitesOptions;
  /** `--sort`: findings by file (default) or fix-first (priority, highest first); every finding carries its priority either way. */
  sort?: FindingOrder;
}

export interface ScanProgress {
  /** `history`: `done` counts the commits read so far (`total` is 0: unknown in advance). */
  phase: 'walk' | 'python' | 'project' | 'taint' | 'history';
  done: number;
  total: number;
}

export interface AuditResult {
  report: Report;
  config: PonyguardConfig;
  failOn: FailOn;
  exitCode: number;
}

export const RULES_BY_CODE = new Map<string, RuleMeta>(ALL_RULES.map((rule) => [rule.meta.code, rule.meta]));
const HASH_COMMENT_FILES = /(\.(txt|in|cfg|toml|ini|ya?ml|env)|(^|\/)\.env[\w.-]*|(^|\/)(Dockerfile[\w.-]*|Procfile|Pipfile))$/;

export async function audit(options: AuditOptions): Promise<AuditResult> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const cwd = options.cwd ?? process.cwd();
  const target = path.resolve(cwd, options.path);
  let targetStat;
  try {
    targetStat = await stat(target);
  } catch {
    throw new UsageError(`path not found: ${options.path}`);
  }
  const root = targetStat.isDirectory() ? target : path.dirname(target);
  const onlyFile = targetStat.isDirectory() ? null : path.basename(target);

  // Configuration, with command-line overrides. Bandit's configuration counts when ponyguard has none, or when given.
  const ownConfig = await resolveConfig(root, options.configFile, cwd);
  const bandit = options.banditConfig
    ? await banditFromFile(path.resolve(cwd, options.banditConfig), options.banditConfig)
    : ownConfig.source === null
      ? await discoverBandit(root, cwd)
      : null;
  await checkOptions(ownConfig, bandit, cwd);
  const fileConfig = bandit ? withBandit(ownConfig, bandit) : ownConfig;
  const config: PonyguardConfig = {
    ...fileConfig,
    select: options.select && options.select.length > 0 ? options.select : fileConfig.select,
    ignore: [...fileConfig.ignore, ...(options.ignore ?? [])],
    exclude: [...fileConfig.exclude, ...(options.exclude ?? [])],
    severityThreshold: options.severityThreshold ?? fileConfig.severityThreshold,
    confidenceThreshold: options.confidenceThreshold ?? fileConfig.confidenceThreshold,
    failOn: options.failOn ?? fileConfig.failOn,
  };
  await checkSelectors(config, options, cwd);
  const baseline = options.baselineFile ? await loadBaseline(options.baselineFile, cwd) : undefined;
  const environment = await loadEnvironment(options, cwd);
  // Live sites (`--url`): fetched while the project is read; judged once its model exists.
  const liveErrors: ScanError[] = [];
  const live = options.urls && options.urls.length > 0 ? startLiveProbe(options.urls, options.probe ?? {}, cwd, liveErrors) : undefined;

  // Files and project facts.
  options.onProgress?.({ phase: 'walk', done: 0, total: 0 });
  const walked = onlyFile
    ? { files: [{ absPath: target, relPath: onlyFile }] as WalkedFile[], errors: [] as ScanError[], gitRoot: null }
    : await walkProject(root, { exclude: config.exclude });
  const discovered = await discoverProject(root, walked.files, walked.gitRoot, {
    settingsModules: config.settingsModules,
    productionSettings: config.productionSettings,
  });
  const errors: ScanError[] = [...walked.errors, ...discovered.warnings];

  // Python files: parsed once each, Python rules in the same pass.
  const enabled = ALL_RULES.filter((rule) => ruleEnabled(rule.meta, config.select, config.ignore));
  // The advisory database loads while the Python files are analyzed (in the pool), when dependency rules will need it.
  const today = new Date(options.now ? options.now() : Date.now());
  const enabledDependencyRules = dependencyRules().filter((rule) => enabled.includes(rule));
  const hasDependencyFiles = discovered.discovery.requirementFiles.length + discovered.discovery.lockFiles.length > 0;
  const advisoryDb =
    enabledDependencyRules.length > 0 && hasDependencyFiles
      ? loadActiveAdvisoryDb({ now: today }).catch((error: unknown) => ({
          active: null,
          result: { ok: false as const, error: { kind: 'unreadable' as const, file: DEFAULT_ADVISORY_DB, message: `cannot choose an advisory database: ${(error as Error).message}` } },
        }))
      : undefined;
  // Whole-project rules (family hardening) read URLconfs, views, models and forms: the pool sends those modules back.
  const keepForProject = enabled.some((rule) => rule.kind === 'project' && rule.meta.family !== 'settings');
  const pythonRuleCodes = enabled.filter((rule) => rule.kind === 'python').map((rule) => rule.meta.code);
  const maxBytes = Math.round(config.maxFileSizeMb * 1024 * 1024) || DEFAULT_MAX_FILE_BYTES;
  const tasks: PythonTask[] = [];
  for (const file of walked.files) {
    if (!isPythonPath(file.relPath)) continue;
    const facts = discovered.pythonFiles.get(file.relPath);
    tasks.push({
      absPath: file.absPath,
      relPath: file.relPath,
      moduleName: facts?.moduleName ?? null,
      isPackage: facts?.isPackage ?? false,
      roles: facts?.roles ?? [],
      keepModule: facts?.roles.includes('settings') ?? false,
      keepForProject,
      maxBytes,
    });
  }
  // Secrets in every text file: read while the pool parses Python (the main thread is idle meanwhile).
  const secretIndex = indexSecretRules(secretRules().filter((rule) => enabled.includes(rule)));
  const treeSecrets = scanTreeForSecrets(walked.files, secretIndex, maxBytes, errors);
  const results = await runPythonTasks(tasks, {
    jobs: options.jobs ?? 0,
    ruleCodes: pythonRuleCodes,
    run: {
      ruleOptions: config.ruleOptions,
      enabledCodes: new Set(enabled.map((rule) => rule.meta.code)),
      taintCodes: enabled.filter((rule) => rule.kind === 'taint').map((rule) => rule.meta.code),
    },
    onFileDone: (done, total) => options.onProgress?.({ phase: 'python', done, total }),
  });

  const raw: RawFinding[] = [];
  const directives = new Map<string, Directive[]>();
  const modules = new Map<string, ProjectModule>();
  const sources = new Map<string, ProjectModule>();
  const brokenPaths = new Set<string>();
  const summaries: ModuleSummary[] = [];
  let pythonFiles = 0;
  for (const result of results) {
    if (result.taint) summaries.push(result.taint);
    errors.push(...result.errors);
    raw.push(...result.findings);
    const honoured = config.ignoreNosec ? result.directives.filter((d) => d.kind !== 'nosec') : result.directives;
    if (honoured.length > 0) directives.set(result.relPath, honoured);
    if (result.parsed) pythonFiles++;
    if (result.syntaxError) brokenPaths.add(result.relPath);
    if (result.module) {
      const facts = discovered.pythonFiles.get(result.relPath);
      const identity = { moduleName: facts?.moduleName ?? null, isPackage: facts?.isPackage ?? false };
      const module = new PythonModule(result.module.source, result.module.root, result.module.comments, identity);
      const kept = { path: result.relPath, module };
      if (identity.moduleName) modules.set(identity.moduleName, kept);
      sources.set(result.relPath, kept);
    }
  }

  // Settings, evaluated statically, then the project rules.
  const enabledProjectRules = projectRules().filter((rule) => enabled.includes(rule));
  options.onProgress?.({ phase: 'project', done: 0, total: enabledProjectRules.length });
  const settings = await runSettingsPhase({
    root,
    discovery: discovered.discovery,
    pythonFiles: discovered.pythonFiles,
    files: walked.files,
    modules,
    environment,
    ...(options.settings ? { only: options.settings } : {}),
    brokenPaths,
    maxBytes,
    errors,
  });
  const project: ProjectModel = {
    discovery: discovered.discovery,
    modules,
    settings: settings.snapshots,
    environment,
    django: settings.django,
    syntaxErrorPaths: brokenPaths,
    files: walked.files.map((file) => file.relPath),
    sources,
    textFiles: keepForProject ? await readProjectTextFiles(root, walked.files.map((file) => file.relPath), errors) : new Map(),
    tracked: keepForProject ? await listTrackedFiles(root, walked.gitRoot) : null,
  };
  enabledProjectRules.forEach((rule, index) => {
    options.onProgress?.({ phase: 'project', done: index, total: enabledProjectRules.length });
    raw.push(...runProjectRule(rule, project, errors));
  });

  // Django templates.
  const templateDirs = templateDirectories(root, discovered.discovery.templateDirs, settings.snapshots);
  const enabledTemplateRules = templateRules().filter((rule) => enabled.includes(rule));
  const templates = runTemplatePhase(walked.files, templateDirs, enabledTemplateRules, config.ruleOptions, maxBytes, errors);
  raw.push(...templates.findings);
  for (const [relPath, list] of templates.directives) directives.set(relPath, list);

  // Dependencies: every dependency file against the advisory database.
  const notices: string[] = [];
  const dependencies = await runDependencyPhase({ root, discovery: discovered.discovery, rules: enabledDependencyRules, today, errors, notices, ...(advisoryDb ? { advisoryDb } : {}) });
  raw.push(...dependencies.findings);

  // Data flow: request data to sinks, across functions, modules and templates.
  const enabledTaintRules = taintRules().filter((rule) => enabled.includes(rule));
  if (enabledTaintRules.length > 0) {
    options.onProgress?.({ phase: 'taint', done: 0, total: 1 });
    raw.push(...runTaintPhase({ summaries, rules: enabledTaintRules, files: walked.files, templateDirs, maxBytes, errors }));
  }

  // Secrets: the tree's, then (with --history) those git history still holds; each secret reported once.
  const secrets = await treeSecrets;
  if (options.history) {
    if (!walked.gitRoot) {
      errors.push({ path: options.path, line: null, message: '--history: the scanned directory is not in a git work tree, so there is no history to scan' });
    } else {
      options.onProgress?.({ phase: 'history', done: 0, total: 0 });
      const history = await scanHistoryForSecrets({
        root,
        gitRoot: walked.gitRoot,
        index: secretIndex,
        tree: secrets,
        errors,
        onProgress: (commits) => options.onProgress?.({ phase: 'history', done: commits, total: 0 }),
      });
      raw.push(...history.findings);
    }
  }
  mergeSecretFindings(raw, secrets);

  // Live sites: the probe rules on what they sent, and the correlation rules against the settings.
  let sites: ReportSite[] | undefined;
  if (live) {
    const retrieved = await live;
    errors.push(...liveErrors);
    const enabledProbeRules = probeRules().filter((rule) => enabled.includes(rule));
    const enabledCorrelationRules = correlationRules().filter((rule) => enabled.includes(rule));
    for (const site of retrieved.captures) {
      site.options.cookieNames = configuredCookieNames(project);
      raw.push(...analyzeSite(site, enabledProbeRules, config.ruleOptions, errors), ...correlateSite(project, site, enabledCorrelationRules, errors));
    }
    sites = retrieved.sites;
  }

  // Suppressions, filters, baseline.
  const textCache = new Map<string, LineIndex | null>();
  const lineIndexFor = async (relPath: string): Promise<LineIndex | null> => {
    if (textCache.has(relPath)) return textCache.get(relPath)!;
    let index: LineIndex | null = null;
    try {
      const text = await readFile(path.join(root, relPath), 'utf8');
      index = new LineIndex(text);
      if (!directives.has(relPath) && HASH_COMMENT_FILES.test(relPath)) directives.set(relPath, directivesFromHashComments(text));
    } catch {
      index = null;
    }
    textCache.set(relPath, index);
    return index;
  };

  const perPath = config.perPathIgnores.map((entry) => ({ match: picomatch(entry.pattern, { dot: true }), selectors: entry.selectors }));
  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  const directiveIndexes = new Map<string, DirectiveIndex>();
  // A secret any rule found in a file is masked in every code frame of that file, not only in its own finding's.
  const secretsByPath = new Map<string, string[]>();
  for (const item of raw) {
    if (!item.redact) continue;
    const list = secretsByPath.get(item.location.path);
    if (list) list.push(...item.redact);
    else secretsByPath.set(item.location.path, [...item.redact]);
  }
  for (const item of raw) {
    const meta = RULES_BY_CODE.get(item.ruleId);
    if (!meta) throw new Error(`analyzer reported unknown rule ${item.ruleId}`);
    if (!item.excerpt && !item.hideExcerpt && !isUrl(item.location.path)) {
      const lines = await lineIndexFor(item.location.path);
      if (lines) item.excerpt = excerptAround(lines, item.location.startLine, item.location.endLine);
    }
    const secrets = secretsByPath.get(item.location.path);
    if (item.excerpt && secrets) item.excerpt = redactExcerpt(item.excerpt, secrets);
    const finding = toFinding(item, meta);
    if (!anySelectorMatchesSelect(config.select, finding)) continue;
    if (anySelectorMatches(config.ignore, finding)) continue;
    if (perPath.some((entry) => entry.match(finding.location.path) && anySelectorMatches(entry.selectors, finding))) continue;

    if (!directives.has(item.location.path) && !isUrl(item.location.path)) await lineIndexFor(item.location.path);
    let index = directiveIndexes.get(item.location.path);
    if (!index) directiveIndexes.set(item.location.path, (index = new DirectiveIndex(directives.get(item.location.path) ?? [])));
    // A secret found in an old commit: today's file (if any) at that path says nothing about that line.
    const directive = item.commit && !item.commit.inWorkingTree ? undefined : index.find(finding, item.suppressLines[0], item.suppressLines[1]);
    if (item.suppressedBy) {
      finding.suppression = { kind: 'inline', reason: item.suppressedBy.reason };
      suppressed.push(finding);
      continue;
    }
    if (directive && directive.kind === 'inline' && config.requireSuppressionReason && !directive.reason) {
      errors.push({
        path: finding.location.path,
        line: directive.line,
        message: `"ponyguard: ignore" without a reason is not honoured (require-suppression-reason is on); add "-- why" to suppress ${finding.ruleId}`,
      });
    } else if (directive) {
      finding.suppression = { kind: directive.kind, line: directive.line, ...(directive.reason ? { reason: directive.reason } : {}) };
      suppressed.push(finding);
      continue;
    }
    kept.push(finding);
  }

  const { shown, visible, baselined } = finishFindings(kept, suppressed, config, baseline, options);
  errors.sort(compareErrors);
  // Rules that ran: the live-site ones only with --url, the dependency ones only with a usable advisory database.
  const ranRules = enabled
    .filter((rule) => live !== undefined || (rule.kind !== 'probe' && rule.kind !== 'correlation'))
    .filter((rule) => rule.kind !== 'dependency' || dependencies.audited !== false)
    .map((rule) => rule.meta.code);

  const report: Report = {
    version: 1,
    tool: { name: 'ponyguard', version: VERSION },
    target: {
      root,
      djangoVersion: discovered.discovery.djangoVersion?.version ?? null,
      settingsModules: discovered.discovery.settingsModules.map((m) => m.name),
    },
    findings: shown,
    errors: dedupeErrors(errors),
    ...(notices.length > 0 ? { notices } : {}),
    ...(dependencies.inventory.length > 0 ? { dependencies: dependencies.inventory } : {}),
    ...(sites ? { sites } : {}),
    scorecard: computeScorecard(visible, { ranRules }),
    stats: {
      files: walked.files.length,
      pythonFiles,
      durationMs: Math.round(now() - started),
      suppressed: suppressed.length,
      baselined: baselined.length,
      ...countBy(visible),
    },
  };
  return { report, config, failOn: config.failOn, exitCode: exitCodeFor(visible, config.failOn) };
}

/** The targets read (bad ones become errors naming them), then all of them probed; never rejects. */
async function startLiveProbe(urls: readonly string[], probe: ProbeSitesOptions, cwd: string, errors: ScanError[]): Promise<RetrievedSites> {
  const targets = await readTargets(urls, undefined, cwd, errors);
  return targets.length > 0 ? retrieveForReport(targets, probe, errors) : { captures: [], sites: [] };
}

/** The session and CSRF cookie names the judged settings modules set (cookie checks look for them besides Django's). */
function configuredCookieNames(project: ProjectModel): { session: string[]; csrf: string[] } {
  const names = (setting: string): string[] => {
    const out = new Set<string>();
    for (const settings of project.settings) {
      const value = settings.get(setting).value;
      if (value.t === 'str') out.add(value.v);
    }
    return [...out];
  };
  return { session: names('SESSION_COOKIE_NAME'), csrf: names('CSRF_COOKIE_NAME') };
}

/**
 * The last steps every report shares: the baseline, the thresholds, what `--show-suppressed` adds, the practice and
 * priority of each finding, and the order. `visible` is what decides the exit code.
 */
export function finishFindings(
  kept: Finding[],
  suppressed: readonly Finding[],
  config: PonyguardConfig,
  baseline: BaselineFile | undefined,
  options: { noThresholds?: boolean; showSuppressed?: boolean; sort?: FindingOrder },
): { shown: Finding[]; visible: Finding[]; baselined: Finding[] } {
  let fresh = kept;
  let baselined: Finding[] = [];
  if (baseline) {
    const split = applyBaseline(kept, baseline);
    fresh = split.fresh;
    baselined = split.known;
  }
  const visible = options.noThresholds
    ? fresh
    : fresh.filter((f) => severityRank(f.severity) >= severityRank(config.severityThreshold) && confidenceRank(f.confidence) >= confidenceRank(config.confidenceThreshold));
  const shown = options.showSuppressed ? [...visible, ...suppressed, ...baselined.map((f) => ({ ...f, suppression: { kind: 'baseline' as const } }))] : [...visible];
  annotateFindings(shown);
  shown.sort(options.sort === 'fix-first' ? compareFixFirst : compareFindings);
  return { shown, visible, baselined };
}

export function exitCodeFor(findings: readonly Finding[], failOn: FailOn): number {
  if (failOn === 'none') return EXIT_OK;
  return findings.some((f) => !f.suppression && severityRank(f.severity) >= severityRank(failOn)) ? EXIT_FINDINGS : EXIT_OK;
}

export function anySelectorMatchesSelect(select: readonly string[], finding: Finding): boolean {
  return select.length === 0 || anySelectorMatches(select, finding);
}

function isUrl(location: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(location);
}

export function toFinding(item: RawFinding, meta: RuleMeta): Finding {
  const finding: Finding = {
    ruleId: meta.code,
    ruleName: meta.name,
    family: meta.family,
    severity: item.severity ?? meta.severity,
    confidence: item.confidence ?? meta.confidence,
    cwe: item.cwe && item.cwe.length > 0 ? [...item.cwe] : [...meta.cwe],
    owasp: [...meta.owasp],
    aliases: [...new Set([...meta.aliases, ...(item.aliases ?? [])])],
    message: item.message,
    location: item.location,
    fingerprint: fingerprint(meta.code, item.location.path, item.basis),
    fix: item.fix ?? meta.fix,
  };
  if (item.trace && item.trace.length > 0) finding.trace = item.trace;
  if (item.excerpt) finding.excerpt = item.excerpt;
  if (item.commit) finding.commit = item.commit;
  return finding;
}

/** Rules whose findings a secret rule's finding on the same line replaces (Bandit-style password heuristics). */
const SUPERSEDED_BY_SECRETS = new Set(['PY105', 'PY106', 'PY107']);
/** Settings rules that judge a secret with the settings context: a secret rule leaves their lines to them. */
const SETTINGS_SECRET_RULES = new Set(['SET201', 'SET218']);
/** The generic high-entropy rule: any more specific finding on its line wins. */
const GENERIC_SECRET_RULE = 'SEC006';

/**
 * Adds the secrets engine's findings to `raw` so that each secret is reported once: lines a settings rule judged
 * (SET201, SET218) stay theirs; a provider rule's finding (SEC001–SEC005) replaces SEC007's on its line, SEC007's
 * replaces the generic SEC006's, and any of them replaces the PY105–PY107 heuristics'.
 */
function mergeSecretFindings(raw: RawFinding[], secrets: readonly SecretFinding[]): void {
  const at = (item: RawFinding): string => `${item.location.path}\0${item.location.startLine}`;
  const settingsLines = new Set(raw.filter((item) => SETTINGS_SECRET_RULES.has(item.ruleId)).map(at));
  const environmentLines = new Set(raw.filter((item) => item.ruleId === 'SEC007').map(at));
  // Provider rules first, then SEC007 (it knows the value is a fallback), then the generic rule (SEC006).
  const kept = secrets
    .filter((found) => !settingsLines.has(at(found.raw)) && !(found.raw.ruleId === GENERIC_SECRET_RULE && environmentLines.has(at(found.raw))))
    .map((found) => found.raw);
  const providerLines = new Set(kept.filter((item) => item.ruleId !== GENERIC_SECRET_RULE).map(at));
  const secretLines = new Set([...kept.map(at), ...environmentLines]);
  for (let i = raw.length - 1; i >= 0; i--) {
    const item = raw[i]!;
    if ((item.ruleId === 'SEC007' && providerLines.has(at(item))) || (SUPERSEDED_BY_SECRETS.has(item.ruleId) && secretLines.has(at(item)))) raw.splice(i, 1);
  }
  raw.push(...kept);
}

function runProjectRule(rule: ProjectRule, project: ProjectModel, errors: ScanError[]): RawFinding[] {
  const out: RawFinding[] = [];
  try {
    rule.check({ project, report: (descriptor) => out.push(projectFinding(rule.meta.code, descriptor)) });
  } catch (error) {
    errors.push({ path: '.', line: null, message: `internal error in rule ${rule.meta.code} (${rule.meta.name}): ${(error as Error).message}; its findings are missing` });
  }
  return out;
}

/**
 * Bandit's choices on top of ponyguard's: skips are ignored; `tests` limits the Bandit-derived rules to those tests
 * (rules without a Bandit id keep running); excludes and plugin options add up. ponyguard's own settings win.
 */
function withBandit(config: PonyguardConfig, bandit: BanditSettings): PonyguardConfig {
  const banditRules = ALL_RULES.map((rule) => rule.meta.aliases.find((alias) => /^B\d{3}$/.test(alias))).filter((id): id is string => id !== undefined);
  const notTested = bandit.tests.length > 0 ? banditRules.filter((id) => !bandit.tests.includes(id)) : [];
  const known = new Set(banditRules);
  const ownDefaults = config.source === null;
  return {
    ...config,
    ignore: [...config.ignore, ...bandit.skips.filter((id) => known.has(id)), ...notTested],
    exclude: [...config.exclude, ...bandit.exclude],
    severityThreshold: ownDefaults && bandit.severityThreshold ? bandit.severityThreshold : config.severityThreshold,
    confidenceThreshold: ownDefaults && bandit.confidenceThreshold ? bandit.confidenceThreshold : config.confidenceThreshold,
    ignoreNosec: config.ignoreNosec || bandit.ignoreNosec,
    ruleOptions: mergeOptions(bandit.ruleOptions, config.ruleOptions),
  };
}

function mergeOptions(base: Record<string, Record<string, unknown>>, over: Record<string, Record<string, unknown>>): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = { ...base };
  for (const [code, options] of Object.entries(over)) out[code] = { ...(out[code] ?? {}), ...options };
  return out;
}

/** Rule options of ponyguard's configuration (strictly) and of Bandit's plugin blocks, against each rule's declarations. */
async function checkOptions(own: PonyguardConfig, bandit: BanditSettings | null, cwd: string): Promise<void> {
  if (bandit) checkRuleOptions(bandit.ruleOptions, RULES_BY_CODE, { file: bandit.source, line: () => null, strict: false });
  if (!own.source || Object.keys(own.ruleOptions).length === 0) return;
  const text = await readFile(path.resolve(cwd, own.source), 'utf8').catch(() => '');
  const line = (code: string, name: string): number | null =>
    findLine(text, name, `tool.ponyguard.options.${code}`) ?? findLine(text, name, `options.${code}`) ?? findLine(text, code, 'tool.ponyguard.options') ?? findLine(text, 'options', null);
  checkRuleOptions(own.ruleOptions, RULES_BY_CODE, { file: own.source, line, strict: true });
}

export async function checkSelectors(config: PonyguardConfig, options: Pick<AuditOptions, 'select' | 'ignore'>, cwd: string): Promise<void> {
  const metas = ALL_RULES.map((rule) => rule.meta);
  const fromCli = [...(options.select ?? []), ...(options.ignore ?? [])];
  const badCli = unknownSelectors(fromCli, metas);
  if (badCli.length > 0) throw new UsageError(`unknown rule code, name or alias: ${badCli.join(', ')} (see \`ponyguard rules\`)`);
  const fromFile = [
    ...(options.select && options.select.length > 0 ? [] : config.select),
    ...config.ignore.filter((s) => !(options.ignore ?? []).includes(s)),
    ...config.perPathIgnores.flatMap((entry) => entry.selectors),
  ];
  const badFile = unknownSelectors(fromFile, metas);
  if (badFile.length > 0 && config.source) {
    // Point at the line that lists the first unknown code.
    const text = await readFile(path.resolve(cwd, config.source), 'utf8').catch(() => '');
    const index = text.split(/\r?\n/).findIndex((line) => line.includes(`"${badFile[0]}"`) || line.includes(`'${badFile[0]}'`));
    throw new ConfigError(config.source, index >= 0 ? index + 1 : null, `unknown rule code, name or alias: ${badFile.join(', ')} (see \`ponyguard rules\`)`);
  }
}

async function loadEnvironment(options: AuditOptions, cwd: string): Promise<Environment> {
  const vars = new Map<string, string>();
  if (options.envFile) {
    let text: string;
    try {
      text = await readFile(path.resolve(cwd, options.envFile), 'utf8');
    } catch (error) {
      throw new ConfigError(options.envFile, null, `cannot read environment file: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    }
    for (const [name, value] of parseEnvFile(text, options.envFile)) vars.set(name, value);
  }
  for (const assignment of options.env ?? []) {
    const [name, value] = parseEnvAssignment(assignment);
    vars.set(name, value);
  }
  return vars.size > 0 || options.envFile ? { vars, given: true } : EMPTY_ENVIRONMENT;
}

export async function loadBaseline(file: string, cwd: string): Promise<BaselineFile> {
  let text: string;
  try {
    text = await readFile(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new ConfigError(file, null, `cannot read baseline: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  return parseBaseline(text, file);
}

export function dedupeErrors(errors: ScanError[]): ScanError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.path}\0${e.line}\0${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
