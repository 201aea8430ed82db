/**
 * `ponyguard init [PATH]`: writes a commented `[tool.ponyguard]` section into `pyproject.toml` (appended, the rest
 * of the file untouched) or a `.ponyguard.toml`, with the settings modules and production settings discovery finds,
 * and offers to record a baseline of today's findings. Never overwrites an existing configuration without `--force`.
 */
import { access, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parse as parseToml } from 'smol-toml';
import { loadConfigFile } from '../config/config.js';
import { createBaseline } from '../core/baseline.js';
import { ConfigError, UsageError } from '../core/errors.js';
import { VERSION } from '../core/version.js';
import { audit } from '../engine/scan.js';
import { discoverProject } from '../project/discover.js';
import type { SettingsModuleInfo } from '../project/model.js';
import { walkProject } from '../project/walk.js';

export interface InitOptions {
  /** Project directory (default `.`), relative to `cwd`. */
  path: string;
  /** Configuration file to write, relative to `cwd`: a `pyproject.toml` gets a section, any other name top-level keys. */
  file?: string;
  force?: boolean;
  /** true or a file name: create the baseline; false: do not; undefined: ask on a terminal, else do not. */
  baseline?: boolean | string;
  cwd?: string;
  /** Asks a yes/no question (a terminal prompt by default); absent when there is no terminal. */
  ask?: (question: string) => Promise<boolean>;
  log?: (line: string) => void;
}

export interface InitResult {
  configFile: string;
  /** Settings modules discovery found, and which of them are production. */
  settingsModules: string[];
  productionSettings: string[];
  baselineFile: string | null;
}

export const DEFAULT_BASELINE = '.ponyguard-baseline.json';

/** Only plain dotted Python names are written: anything else in a repository is not a settings module to name. */
const DOTTED = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** TOML comments may hold anything but control characters (a newline would end the comment). */
function commentSafe(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u0008\u000A-\u001F\u007F]|[\uD800-\uDFFF]/g, ' ');
}

function tomlList(values: readonly string[]): string {
  return `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;
}

/** Whether the module's production status comes from something the project says (not the judge-everything fallback). */
function namedProduction(info: SettingsModuleInfo): boolean {
  return info.production && info.productionReason !== null && !info.productionReason.startsWith('no settings module is marked');
}

export function renderConfig(settings: readonly SettingsModuleInfo[], pyproject: boolean): string {
  const modules = settings.filter((m) => DOTTED.test(m.name));
  const production = modules.filter(namedProduction);
  const fallback = modules.filter((m) => m.production && !namedProduction(m));
  const lines: string[] = [];
  if (pyproject) lines.push('[tool.ponyguard]');
  lines.push(
    `# Written by \`ponyguard init\` (ponyguard ${VERSION}). Every key is optional; the defaults are shown commented out.`,
    '# Command-line options win over these. An unknown key or a wrong type is an error naming this file and line.',
    '',
    '# Settings modules: detected on every scan (manage.py, wsgi.py/asgi.py, deployment files, settings.py, settings/).',
  );
  if (modules.length > 0) {
    lines.push(`# Found today: ${commentSafe(modules.map((m) => m.name).join(', '))}`);
    lines.push('# To use exactly these instead of detecting them:');
    lines.push(`# settings-modules = ${commentSafe(tomlList(modules.map((m) => m.name)))}`);
  } else {
    lines.push('# None found today. Name yours if they live where detection cannot see them:');
    lines.push('# settings-modules = ["config.settings.production"]');
  }
  lines.push('', '# Settings modules judged as production (deployment checks, HTTPS, cookies…), in addition to detection.');
  for (const m of production) lines.push(`# ${commentSafe(m.name)}: ${commentSafe(m.productionReason ?? '')}`);
  if (production.length > 0) {
    lines.push(`production-settings = ${tomlList(production.map((m) => m.name))}`);
  } else {
    if (fallback.length > 0) {
      lines.push(`# Nothing names the deployed one, so every non-development module is judged: ${commentSafe(fallback.map((m) => m.name).join(', '))}.`);
      lines.push('# Name the module your deployment uses to judge only that one:');
    }
    lines.push('# production-settings = ["config.settings.production"]');
  }
  lines.push(
    '',
    '# Rules: codes, code prefixes (PY, SET), names or aliases (Bandit IDs such as B101); empty select = every rule.',
    '# select = []',
    '# ignore = []',
    '',
    '# Paths to skip, gitignore-style, relative to the scan root (.gitignore and virtualenvs are already skipped).',
    '# exclude = ["legacy/"]',
    '',
    '# What is reported, and what makes `ponyguard scan` exit 1 ("none": never).',
    '# severity-threshold = "info"      # critical | high | medium | low | info',
    '# confidence-threshold = "low"     # high | medium | low',
    '# fail-on = "low"                  # a severity, or "none"',
    '',
    '# `# ponyguard: ignore[CODE]` comments must say why (`-- reason`) to count.',
    '# require-suppression-reason = false',
    '# max-file-size-mb = 10',
  );
  const prefix = pyproject ? 'tool.ponyguard.' : '';
  lines.push(
    '',
    '# Rules to skip under some paths:',
    `# [${prefix}per-path-ignores]`,
    '# "tests/**" = ["B101"]',
    '',
    "# A rule's options (`ponyguard explain CODE` lists them):",
    `# [${prefix}options.PY108]`,
    '# tmp_dirs = ["/tmp", "/var/tmp"]',
  );
  return `${lines.join('\n')}\n`;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/** Line ranges (0-based, end exclusive) of the `[tool.ponyguard]` tables, header included. */
function ponyguardTables(lines: readonly string[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let start: number | null = null;
  lines.forEach((line, index) => {
    const header = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$/.exec(line);
    if (!header) return;
    const name = header[1]!.replace(/\s+/g, '').replace(/"/g, '');
    const ours = name === 'tool.ponyguard' || name.startsWith('tool.ponyguard.');
    if (ours && start === null) start = index;
    if (!ours && start !== null) {
      ranges.push([start, index]);
      start = null;
    }
  });
  if (start !== null) ranges.push([start, lines.length]);
  return ranges;
}

function hasPonyguardTable(data: Record<string, unknown>): boolean {
  const tool = data['tool'];
  return typeof tool === 'object' && tool !== null && 'ponyguard' in tool;
}

/** The new text of the configuration file, or an error when the existing configuration must be kept. */
function newText(existing: string | null, file: string, section: string, force: boolean): string {
  const pyproject = path.basename(file) === 'pyproject.toml';
  if (existing === null) return section;
  if (!pyproject) {
    if (!force) throw new UsageError(`${file} already exists; run with --force to replace it`);
    return section;
  }
  let data: Record<string, unknown>;
  try {
    data = parseToml(existing);
  } catch (error) {
    throw new ConfigError(file, null, `invalid TOML, left untouched: ${(error as Error).message.split('\n')[0]}`);
  }
  let base = existing;
  if (hasPonyguardTable(data)) {
    if (!force) throw new UsageError(`${file} already has a [tool.ponyguard] section; run with --force to replace it`);
    const lines = existing.split('\n');
    const ranges = ponyguardTables(lines);
    const kept = lines.filter((_, index) => !ranges.some(([from, to]) => index >= from && index < to));
    base = kept.join('\n');
    if (hasPonyguardTable(parseToml(base))) {
      throw new UsageError(`${file} sets tool.ponyguard outside a [tool.ponyguard] table (dotted keys or an inline table); edit it by hand`);
    }
  }
  const trimmed = base.replace(/\s+$/, '');
  return trimmed === '' ? section : `${trimmed}\n\n${section}`;
}

async function defaultAsk(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

export async function runInit(options: InitOptions): Promise<InitResult> {
  const cwd = options.cwd ?? process.cwd();
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const root = path.resolve(cwd, options.path);
  try {
    await access(root);
  } catch {
    throw new UsageError(`path not found: ${options.path}`);
  }

  // Where to write: --file, else the existing .ponyguard.toml (it wins over pyproject.toml), else pyproject.toml, else a new .ponyguard.toml.
  let file: string;
  if (options.file) file = path.resolve(cwd, options.file);
  else if (await exists(path.join(root, '.ponyguard.toml'))) file = path.join(root, '.ponyguard.toml');
  else if (await exists(path.join(root, 'pyproject.toml'))) file = path.join(root, 'pyproject.toml');
  else file = path.join(root, '.ponyguard.toml');
  const shown = path.relative(cwd, file) || path.basename(file);

  const walked = await walkProject(root, { exclude: [] });
  const { discovery } = await discoverProject(root, walked.files, walked.gitRoot, { settingsModules: [], productionSettings: [] });
  const section = renderConfig(discovery.settingsModules, path.basename(file) === 'pyproject.toml');

  const existing = (await exists(file)) ? await readFile(file, 'utf8') : null;
  const text = newText(existing, shown, section, options.force === true);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
  try {
    // What was written must load exactly as a scan will load it.
    if (!(await loadConfigFile(file, shown))) throw new ConfigError(shown, null, 'has no [tool.ponyguard] table after writing');
  } catch (error) {
    if (existing === null) await rm(file, { force: true });
    else await writeFile(file, existing);
    throw error;
  }

  const modules = discovery.settingsModules.filter((m) => DOTTED.test(m.name));
  const production = modules.filter(namedProduction).map((m) => m.name);
  log(`ponyguard: wrote the configuration to ${shown}${existing !== null && path.basename(file) === 'pyproject.toml' ? ' (appended; the rest of the file is unchanged)' : ''}`);
  log(`ponyguard: settings modules: ${modules.map((m) => m.name).join(', ') || 'none found'}; production: ${production.join(', ') || 'none named'}`);
  const standard = path.dirname(file) === root && ['pyproject.toml', '.ponyguard.toml'].includes(path.basename(file));
  if (!standard) log(`ponyguard: scans read it with --config ${shown}`);

  // The baseline: on request, or when a person at a terminal says yes.
  let baselineFile: string | null = null;
  let want = options.baseline;
  if (want === undefined && options.ask) want = await options.ask(`Record today's findings in ${DEFAULT_BASELINE}, so scans report only new ones?`);
  if (want) {
    const target = path.resolve(root, typeof want === 'string' ? want : DEFAULT_BASELINE);
    const targetShown = path.relative(cwd, target) || path.basename(target);
    if ((await exists(target)) && !options.force) throw new UsageError(`${targetShown} already exists; run with --force to replace it`);
    const result = await audit({ path: root, cwd, noThresholds: true, ...(standard ? {} : { configFile: file }) });
    const data = createBaseline(result.report.findings, VERSION, new Date());
    await writeFile(target, `${JSON.stringify(data, null, 2)}\n`);
    baselineFile = target;
    log(`ponyguard: baseline with ${data.findings.length} finding(s) written to ${targetShown}; scan with --baseline ${targetShown} to see only new ones`);
  }
  return { configFile: file, settingsModules: modules.map((m) => m.name), productionSettings: production, baselineFile };
}

/** The terminal prompt, only when both ends are a terminal (never in CI or when piped). */
export function terminalAsk(): InitOptions['ask'] {
  return process.stdin.isTTY && process.stderr.isTTY ? defaultAsk : undefined;
}
