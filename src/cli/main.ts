/**
 * Command-line interface: argument parsing and output only. The scan itself is `audit()`; rendering is a reporter.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { createBaseline } from '../core/baseline.js';
import { ConfigError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from '../core/errors.js';
import { CONFIDENCES, SEVERITIES, isConfidence, isSeverity, type Confidence, type Severity } from '../core/finding.js';
import type { RuleMeta } from '../core/rule.js';
import { FINDING_ORDERS, type FindingOrder } from '../core/scorecard.js';
import { splitList } from '../core/selectors.js';
import { VERSION } from '../core/version.js';
import { renderRuleMarkdown } from '../docs/render.js';
import { audit, type AuditOptions } from '../engine/scan.js';
import { FORMATS, REPORTERS } from '../reporters/index.js';
import { ALL_RULES, findRule } from '../rules/index.js';
import type { FailOn } from '../config/config.js';
import { addNetworkOptions, probeSitesOptions, registerProbeCommand, type NetworkFlags } from './probe.js';
import { createProgress } from './progress.js';

interface ScanFlags {
  format: string;
  output?: string;
  select?: string[];
  ignore?: string[];
  exclude?: string[];
  severityThreshold?: Severity;
  confidenceThreshold?: Confidence;
  failOn?: FailOn;
  config?: string;
  baseline?: string;
  showSuppressed?: boolean;
  history?: boolean;
  color: boolean;
  quiet?: boolean;
  jobs?: number;
  settings?: string;
  env?: string[];
  envFile?: string;
  banditConfig?: string;
  url?: string[];
  sort?: FindingOrder;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function severityArg(value: string): Severity {
  if (!isSeverity(value)) throw new InvalidArgumentError(`expected one of ${SEVERITIES.join(', ')}`);
  return value;
}

function confidenceArg(value: string): Confidence {
  if (!isConfidence(value)) throw new InvalidArgumentError(`expected one of ${CONFIDENCES.join(', ')}`);
  return value;
}

function failOnArg(value: string): FailOn {
  if (value !== 'none' && !isSeverity(value)) throw new InvalidArgumentError(`expected one of ${SEVERITIES.join(', ')}, none`);
  return value;
}

function jobsArg(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number (0 = one per core)');
  return n;
}

function useColor(flags: { color: boolean; output?: string }): boolean {
  if (!flags.color || flags.output) return false;
  if (process.env['NO_COLOR'] !== undefined && process.env['NO_COLOR'] !== '') return false;
  if (process.env['FORCE_COLOR'] !== undefined && process.env['FORCE_COLOR'] !== '0') return true;
  return process.stdout.isTTY === true && process.env['TERM'] !== 'dumb';
}

const rulesByCode = (): Map<string, RuleMeta> => new Map(ALL_RULES.map((rule) => [rule.meta.code, rule.meta]));

async function emit(text: string, output: string | undefined): Promise<void> {
  if (output) {
    await mkdir(path.dirname(path.resolve(output)), { recursive: true });
    await writeFile(output, text);
  } else {
    process.stdout.write(text);
  }
}

function auditOptions(target: string | undefined, flags: ScanFlags & NetworkFlags): AuditOptions {
  const options: AuditOptions = { path: target ?? '.', select: splitList(flags.select), ignore: splitList(flags.ignore), exclude: splitList(flags.exclude) };
  if (flags.config) options.configFile = flags.config;
  if (flags.severityThreshold) options.severityThreshold = flags.severityThreshold;
  if (flags.confidenceThreshold) options.confidenceThreshold = flags.confidenceThreshold;
  if (flags.failOn) options.failOn = flags.failOn;
  if (flags.baseline) options.baselineFile = flags.baseline;
  if (flags.showSuppressed) options.showSuppressed = true;
  if (flags.history) options.history = true;
  if (flags.jobs !== undefined) options.jobs = flags.jobs;
  if (flags.settings) options.settings = flags.settings;
  if (flags.env && flags.env.length > 0) options.env = flags.env;
  if (flags.envFile) options.envFile = flags.envFile;
  if (flags.banditConfig) options.banditConfig = flags.banditConfig;
  if (flags.sort) options.sort = flags.sort;
  if (flags.url && flags.url.length > 0) {
    options.urls = flags.url;
    options.probe = probeSitesOptions(flags);
  }
  return options;
}

function addScanOptions(command: Command): Command {
  return command
    .option('--select <codes>', 'only these rules: codes, code prefixes, names or aliases (comma-separated, repeatable)', collect)
    .option('--ignore <codes>', 'skip these rules (same forms as --select; added to the configured ignore list)', collect)
    .option('--exclude <patterns>', 'extra gitignore-style paths to skip (comma-separated, repeatable)', collect)
    .option('--config <file>', 'configuration file (default: .ponyguard.toml, else [tool.ponyguard] in pyproject.toml)')
    .option('--bandit-config <file>', "read Bandit's configuration (YAML, or TOML with [tool.bandit]): tests, skips, exclude_dirs, plugin options")
    .option('--settings <module>', 'judge only this settings module (dotted name), as production')
    .option('--env <NAME=VALUE>', 'evaluate settings with this environment variable set (repeatable)', collect)
    .option('--env-file <file>', 'evaluate settings with the variables of this dotenv file set')
    .option('--history', 'also scan every line git history added (all branches and tags) for secrets, reported at the commit that introduced them')
    .option('-j, --jobs <n>', 'worker threads (0 = one per core)', jobsArg)
    .option('-q, --quiet', 'no progress indicator');
}

export function buildProgram(): Command {
  const program = new Command('ponyguard')
    .description('Security auditor for Django projects: settings, code, dependencies, secrets and more, without running the project.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  const scan = program
    .command('scan')
    .description('scan a Django project (or one file) and report findings')
    .argument('[path]', 'project directory or file', '.')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .addOption(new Option('--severity-threshold <severity>', 'report only findings at or above this severity').argParser(severityArg))
    .addOption(new Option('--confidence-threshold <confidence>', 'report only findings at or above this confidence').argParser(confidenceArg))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a reported finding is at or above this severity (default low; "none" never fails)').argParser(failOnArg))
    .option('--baseline <file>', 'report only findings not in this baseline (see `ponyguard baseline create`)')
    .option('--show-suppressed', 'also show findings hidden by comments or the baseline')
    .option('--no-color', 'no ANSI colours (also: NO_COLOR=1)')
    .option('--url <url>', 'also probe this running site and compare what it sends with the settings (repeatable; see `ponyguard probe`)', collect)
    .addOption(new Option('--sort <order>', 'order of the findings: file (default) or fix-first (severity × confidence × exposure, highest first)').choices(FINDING_ORDERS));
  addNetworkOptions(scan, collect);
  addScanOptions(scan).action(async (target: string | undefined, flags: ScanFlags & NetworkFlags) => {
    const progress = createProgress(process.stderr, !flags.quiet);
    const options = auditOptions(target, flags);
    options.onProgress = (p) => progress.update(p);
    let result;
    try {
      result = await audit(options);
    } finally {
      progress.stop();
    }
    const reporter = REPORTERS[flags.format]!;
    await emit(reporter(result.report, { color: useColor(flags), rules: rulesByCode(), ...(flags.sort ? { sort: flags.sort } : {}) }), flags.output);
    if (flags.output && !flags.quiet) process.stderr.write(`ponyguard: report written to ${flags.output}\n`);
    process.exitCode = result.exitCode;
  });

  registerProbeCommand(program, { collect, severityArg, confidenceArg, failOnArg, useColor, rulesByCode, emit });

  program
    .command('rules')
    .description('list every rule: code, name, family, default severity, confidence, CWE, aliases')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((flags: { format: string }) => {
      const metas = ALL_RULES.map((rule) => rule.meta);
      if (flags.format === 'json') {
        process.stdout.write(`${JSON.stringify(metas.map(({ docs: _docs, ...rest }) => rest), null, 2)}\n`);
        return;
      }
      const rows = [
        ['CODE', 'NAME', 'FAMILY', 'SEVERITY', 'CONFIDENCE', 'CWE', 'ALIASES'],
        ...metas.map((m) => [m.code, m.name, m.family, m.severity, m.confidence, m.cwe.map((c) => `CWE-${c}`).join(','), m.aliases.join(',') || '-']),
      ];
      const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
      const lines = rows.map((row) => row.map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col]!))).join('  '));
      process.stdout.write(`${lines.join('\n')}\n${metas.length} rules\n`);
    });

  program
    .command('explain')
    .description("show rules' documentation (by code, name or alias such as B608 or security.W018)")
    .argument('<code...>', 'rule codes, names or aliases')
    .action((codes: string[]) => {
      const rules = codes.map((code) => {
        const rule = findRule(code);
        if (!rule) throw new UsageError(`no rule with code, name or alias ${JSON.stringify(code)} (see \`ponyguard rules\`)`);
        return rule;
      });
      process.stdout.write(rules.map((rule) => renderRuleMarkdown(rule.meta)).join('\n---\n\n'));
    });

  const baseline = program.command('baseline').description('manage baselines of accepted findings');
  addScanOptions(
    baseline
      .command('create')
      .description('record the current findings so later scans (--baseline) report only new ones')
      .argument('[path]', 'project directory', '.')
      .option('--file <file>', 'baseline file to write', '.ponyguard-baseline.json'),
  ).action(async (target: string | undefined, flags: ScanFlags & { file: string }) => {
    const progress = createProgress(process.stderr, !flags.quiet);
    const options = { ...auditOptions(target, flags), noThresholds: true, onProgress: (p: Parameters<typeof progress.update>[0]) => progress.update(p) };
    let result;
    try {
      result = await audit(options);
    } finally {
      progress.stop();
    }
    const data = createBaseline(result.report.findings, VERSION, new Date());
    await emit(`${JSON.stringify(data, null, 2)}\n`, flags.file);
    if (!flags.quiet) process.stderr.write(`ponyguard: baseline with ${data.findings.length} finding(s) written to ${flags.file}\n`);
  });

  // `ponyguard db update|status`: the advisory database cache (src/cli/db.ts, loaded only when a db command runs).
  const db = program.command('db').description('the advisory database: refresh it from OSV, show which one scans use');
  db.command('update')
    .description("fetch OSV's PyPI advisories into the user cache (conditional request; the previous database is kept on any failure)")
    .option('--source <url|file|dir>', "an http(s) URL, a local .zip archive or a directory of OSV .json records (default: OSV's PyPI all.zip)")
    .option('-q, --quiet', 'no progress lines')
    .action(async (flags: { source?: string; quiet?: boolean }) => {
      const { runDbUpdate } = await import('./db.js');
      process.exitCode = await runDbUpdate(flags);
    });
  db.command('status')
    .description('which advisory database a scan uses (cache or bundled), its sources, dates, age and counts')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (flags: { format: string }) => {
      const { runDbStatus } = await import('./db.js');
      process.exitCode = await runDbStatus(flags);
    });

  // `ponyguard fix deps [PATH] [--dry-run]`: upgrade vulnerable pins (src/cli/fix-deps.ts, loaded only when it runs).
  const fix = program.command('fix').description('apply the fixes ponyguard knows how to make');
  fix
    .command('deps')
    .description('move vulnerable pinned dependencies to the smallest fixing release; print the commands for lock files')
    .argument('[path]', 'project directory or dependency file', '.')
    .option('--dry-run', 'print the plan, write nothing')
    .action(async (target: string, flags: { dryRun?: boolean }) => {
      const { runFixDeps } = await import('./fix-deps.js');
      process.exitCode = await runFixDeps({ path: target, dryRun: flags.dryRun === true });
    });

  // `ponyguard hook [FILE...]`: the pre-commit entry (src/cli/hook.ts): only these files (default: git's staged ones).
  program
    .command('hook')
    .description('check the given files (default: the staged ones) quickly, as a pre-commit hook: no history, network or dependency audit')
    .argument('[files...]', 'files to check, as pre-commit passes them (default: git diff --cached)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .option('--select <codes>', 'only these rules (comma-separated, repeatable)', collect)
    .option('--ignore <codes>', 'skip these rules too (comma-separated, repeatable)', collect)
    .option('--config <file>', 'configuration file (default: .ponyguard.toml, else [tool.ponyguard] in pyproject.toml, at the repository top)')
    .option('--baseline <file>', 'report only findings not in this baseline')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a reported finding is at or above this severity (default: the configured one, else low)').argParser(failOnArg))
    .option('--no-color', 'no ANSI colours (also: NO_COLOR=1)')
    .action(async (files: string[], flags: ScanFlags) => {
      const { runHook } = await import('./hook.js');
      const result = await runHook(files, {
        select: splitList(flags.select),
        ignore: splitList(flags.ignore),
        ...(flags.config ? { config: flags.config } : {}),
        ...(flags.baseline ? { baseline: flags.baseline } : {}),
        ...(flags.failOn ? { failOn: flags.failOn } : {}),
      });
      const reporter = REPORTERS[flags.format]!;
      await emit(reporter(result.report, { color: useColor(flags), rules: rulesByCode() }), flags.output);
      process.exitCode = result.exitCode;
    });

  // `ponyguard init [PATH]`: a commented configuration and, on request, a baseline (src/cli/init.ts).
  program
    .command('init')
    .description('write a commented [tool.ponyguard] section (pyproject.toml, else .ponyguard.toml) with the detected settings modules; offer a baseline')
    .argument('[path]', 'project directory', '.')
    .option('--file <file>', 'write this file instead (pyproject.toml: a [tool.ponyguard] section; any other name: top-level keys)')
    .option('--baseline [file]', "also record today's findings as a baseline (default file .ponyguard-baseline.json)")
    .option('--no-baseline', 'do not offer a baseline')
    .option('--force', 'replace an existing [tool.ponyguard] section, configuration file or baseline')
    .action(async (target: string, flags: { file?: string; baseline?: boolean | string; force?: boolean }) => {
      const { runInit, terminalAsk } = await import('./init.js');
      const ask = terminalAsk();
      await runInit({
        path: target,
        ...(flags.file ? { file: flags.file } : {}),
        ...(flags.baseline !== undefined ? { baseline: flags.baseline } : {}),
        force: flags.force === true,
        ...(ask ? { ask } : {}),
      });
    });

  for (const command of [program, ...program.commands, ...program.commands.flatMap((c) => c.commands)]) {
    if (command !== program) command.option('-V, --version', 'print the version');
  }
  return program;
}

/** `--version` works with every command (`ponyguard scan --version`), as `--help` does. */
function wantsVersion(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((arg) => arg === '--version' || arg === '-V');
}

export async function main(argv: readonly string[]): Promise<number> {
  if (wantsVersion(argv) && !argv.includes('--help') && !argv.includes('-h')) {
    process.stdout.write(`${VERSION}\n`);
    return EXIT_OK;
  }
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0; usage errors were already printed.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (error instanceof UsageError || error instanceof ConfigError) {
      process.stderr.write(`ponyguard: error: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`ponyguard: the scan failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT_FAILURE;
  }
}

process.exitCode = await main(process.argv.slice(2));
