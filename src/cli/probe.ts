/**
 * `ponyguard probe URL…` and the network options it shares with `scan --url`: argument parsing and output only; the
 * probe itself is `probe()` (src/engine/probe.ts).
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { FailOn } from '../config/config.js';
import { UsageError } from '../core/errors.js';
import type { Confidence, Severity } from '../core/finding.js';
import type { RuleMeta } from '../core/rule.js';
import { FINDING_ORDERS, type FindingOrder } from '../core/scorecard.js';
import { splitList } from '../core/selectors.js';
import { probe, type ProbeOptions } from '../engine/probe.js';
import { DEFAULT_LOGIN_ATTEMPTS, MAX_LOGIN_ATTEMPTS } from '../probe/active.js';
import type { ProbeSitesOptions } from '../probe/retrieve/site.js';
import { REPORTERS } from '../reporters/index.js';

/** The network flags of `probe` and `scan --url`. */
export interface NetworkFlags {
  header?: string[];
  cookie?: string;
  insecure?: boolean;
  timeout?: number;
  concurrency?: number;
}

interface ProbeFlags extends NetworkFlags {
  urlsFile?: string;
  active?: boolean;
  loginUrl?: string;
  attempts?: number;
  format: string;
  output?: string;
  select?: string[];
  ignore?: string[];
  severityThreshold?: Severity;
  confidenceThreshold?: Confidence;
  failOn?: FailOn;
  config?: string;
  baseline?: string;
  showSuppressed?: boolean;
  color: boolean;
  quiet?: boolean;
  sort?: FindingOrder;
}

/** What the probe command borrows from main.ts (argument parsers, output). */
export interface CliContext {
  collect: (value: string, previous?: string[]) => string[];
  severityArg: (value: string) => Severity;
  confidenceArg: (value: string) => Confidence;
  failOnArg: (value: string) => FailOn;
  useColor: (flags: { color: boolean; output?: string }) => boolean;
  rulesByCode: () => Map<string, RuleMeta>;
  emit: (text: string, output: string | undefined) => Promise<void>;
}

export const PROBE_FORMATS = ['text', 'json', 'sarif', 'html'];

function positiveInt(what: string, max?: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || (max !== undefined && n > max)) throw new InvalidArgumentError(`expected a whole number from 1${max !== undefined ? ` to ${max}` : ''} (${what})`);
    return n;
  };
}

function secondsArg(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 3600) throw new InvalidArgumentError('expected a number of seconds greater than 0 (at most 3600)');
  return n;
}

/** Adds `--header`, `--cookie`, `--insecure`, `--timeout` and `--concurrency`. */
export function addNetworkOptions(command: Command, collect: CliContext['collect']): Command {
  return command
    .option('--header <"Name: value">', 'send this header with every request, over http as well as https (repeatable)', collect)
    .option('--cookie <"a=b; c=d">', 'send these cookies with every request, over http as well as https (to probe behind a login)')
    .option('--insecure', 'accept invalid TLS certificates (self-signed, expired, wrong host); the certificate is still reported')
    .addOption(new Option('--timeout <seconds>', 'give up on a request after this many seconds (connecting: at most 5)').argParser(secondsArg))
    .addOption(new Option('--concurrency <n>', 'sites probed at the same time (default 4; at most 6 connections per site)').argParser(positiveInt('sites at once', 64)));
}

/** `--header "Name: value"` → a header record; a malformed one is a usage error naming it. */
export function parseHeaders(values: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const text of values ?? []) {
    const match = /^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*:\s*(.*?)\s*$/.exec(text);
    if (!match) throw new UsageError(`--header ${JSON.stringify(text)}: expected "Name: value"`);
    if (/[\r\n]/.test(match[2]!)) throw new UsageError(`--header ${JSON.stringify(text)}: a header value cannot hold a line break`);
    out[match[1]!] = match[2]!;
  }
  return out;
}

/** The retriever's options from the network flags. */
export function probeSitesOptions(flags: NetworkFlags): ProbeSitesOptions {
  if (flags.cookie !== undefined && /[\r\n]/.test(flags.cookie)) throw new UsageError('--cookie: the value cannot hold a line break');
  const options: ProbeSitesOptions = { headers: parseHeaders(flags.header) };
  if (flags.cookie) options.cookie = flags.cookie;
  if (flags.insecure) options.insecure = true;
  if (flags.timeout !== undefined) {
    const totalMs = Math.round(flags.timeout * 1000);
    options.timeouts = { totalMs, connectMs: Math.min(5000, totalMs) };
  }
  if (flags.concurrency !== undefined) options.concurrency = flags.concurrency;
  return options;
}

export const ACTIVE_WARNING =
  'ponyguard: warning: --active sends real failed logins to the login form. A lockout (django-axes, django-defender) can block this machine\'s IP and, behind the same IP or for the same username, real users. Only run it against sites you are allowed to test.\n';

export function registerProbeCommand(program: Command, context: CliContext): Command {
  const command = program
    .command('probe')
    .description('check running sites over HTTP(S): HTTPS, headers, cookies, CORS, DEBUG pages, the admin, exposed files; graded like the HTTP Observatory')
    .argument('[url...]', 'sites to probe (https://host[:port][/path]; a bare host means https)')
    .option('--urls-file <file>', 'read more URLs from this file, one per line (# starts a comment)')
    .option('--active', 'also send up to --attempts failed logins to see whether brute force is throttled (can lock out your IP and real users)')
    .option('--login-url <url>', 'the login form for --active (default: the admin login page found)')
    .addOption(new Option('--attempts <n>', `failed logins for --active (default ${DEFAULT_LOGIN_ATTEMPTS}, at most ${MAX_LOGIN_ATTEMPTS})`).argParser(positiveInt('attempts', MAX_LOGIN_ATTEMPTS)))
    .addOption(new Option('-f, --format <format>', 'output format').choices(PROBE_FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .option('--select <codes>', 'only these rules: codes, code prefixes, names or aliases (comma-separated, repeatable)', context.collect)
    .option('--ignore <codes>', 'skip these rules (same forms as --select)', context.collect)
    .addOption(new Option('--severity-threshold <severity>', 'report only findings at or above this severity').argParser(context.severityArg))
    .addOption(new Option('--confidence-threshold <confidence>', 'report only findings at or above this confidence').argParser(context.confidenceArg))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a reported finding is at or above this severity (default low; "none" never fails)').argParser(context.failOnArg))
    .option('--config <file>', 'configuration file (default: .ponyguard.toml, else [tool.ponyguard] in pyproject.toml, in the current directory)')
    .option('--baseline <file>', 'report only findings not in this baseline')
    .option('--show-suppressed', 'also show findings the baseline holds')
    .addOption(new Option('--sort <order>', 'order of the findings: file (by URL, the default) or fix-first (severity × confidence × exposure, highest first)').choices(FINDING_ORDERS))
    .option('--no-color', 'no ANSI colours (also: NO_COLOR=1)')
    .option('-q, --quiet', 'no messages on standard error besides warnings and errors');
  addNetworkOptions(command, context.collect).action(async (urls: string[], flags: ProbeFlags) => {
    if (!flags.active && (flags.loginUrl !== undefined || flags.attempts !== undefined)) throw new UsageError('--login-url and --attempts go with --active');
    const retrieve = probeSitesOptions(flags);
    if (flags.active) {
      process.stderr.write(ACTIVE_WARNING);
      retrieve.active = { ...(flags.loginUrl ? { loginUrl: flags.loginUrl } : {}), ...(flags.attempts !== undefined ? { attempts: flags.attempts } : {}) };
    }
    const options: ProbeOptions = { targets: urls, select: splitList(flags.select), ignore: splitList(flags.ignore), retrieve };
    if (flags.urlsFile !== undefined) options.urlsFile = flags.urlsFile;
    if (flags.config) options.configFile = flags.config;
    if (flags.severityThreshold) options.severityThreshold = flags.severityThreshold;
    if (flags.confidenceThreshold) options.confidenceThreshold = flags.confidenceThreshold;
    if (flags.failOn) options.failOn = flags.failOn;
    if (flags.baseline) options.baselineFile = flags.baseline;
    if (flags.showSuppressed) options.showSuppressed = true;
    if (flags.sort) options.sort = flags.sort;
    const result = await probe(options);
    const reporter = REPORTERS[flags.format]!;
    await context.emit(reporter(result.report, { color: context.useColor(flags), rules: context.rulesByCode(), ...(flags.sort ? { sort: flags.sort } : {}) }), flags.output);
    if (flags.output && !flags.quiet) process.stderr.write(`ponyguard: report written to ${flags.output}\n`);
    process.exitCode = result.exitCode;
  });
  return command;
}
