/**
 * Bandit's configuration, read so that a team switching from Bandit keeps its choices: `.bandit` (INI), `[tool.bandit]`
 * in pyproject.toml, and a YAML or TOML file given with `--bandit-config`. Tests, skips, exclusions and per-plugin
 * options are translated to ponyguard's selectors, excludes and rule options. Where Bandit's code departs from its
 * documentation, ponyguard follows the documentation (`exclude_dirs` are path prefixes, not substrings; INI
 * `level`/`confidence` work).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseIni } from 'ini';
import { parse as parseToml, TomlError } from 'smol-toml';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { ConfigError } from '../core/errors.js';
import type { Confidence, Severity } from '../core/finding.js';
import { isBanditBlacklistId } from '../core/selectors.js';

/** Bandit test names → IDs, so names work wherever IDs do (`skips: [assert_used]`, `# nosec assert_used`). */
export const BANDIT_TEST_NAMES: Readonly<Record<string, string>> = {
  assert_used: 'B101',
  exec_used: 'B102',
  set_bad_file_permissions: 'B103',
  hardcoded_bind_all_interfaces: 'B104',
  hardcoded_password_string: 'B105',
  hardcoded_password_funcarg: 'B106',
  hardcoded_password_default: 'B107',
  hardcoded_tmp_directory: 'B108',
  try_except_pass: 'B110',
  try_except_continue: 'B112',
  request_without_timeout: 'B113',
  flask_debug_true: 'B201',
  tarfile_unsafe_members: 'B202',
  pickle: 'B301',
  marshal: 'B302',
  md5: 'B303',
  ciphers: 'B304',
  cipher_modes: 'B305',
  mktemp_q: 'B306',
  eval: 'B307',
  mark_safe: 'B308',
  urllib_urlopen: 'B310',
  random: 'B311',
  telnetlib: 'B312',
  xml_bad_cElementTree: 'B313',
  xml_bad_ElementTree: 'B314',
  xml_bad_expatreader: 'B315',
  xml_bad_expatbuilder: 'B316',
  xml_bad_sax: 'B317',
  xml_bad_minidom: 'B318',
  xml_bad_pulldom: 'B319',
  ftplib: 'B321',
  unverified_context: 'B323',
  hashlib_insecure_functions: 'B324',
  import_telnetlib: 'B401',
  import_ftplib: 'B402',
  import_pickle: 'B403',
  import_subprocess: 'B404',
  import_xml_etree: 'B405',
  import_xml_sax: 'B406',
  import_xml_expat: 'B407',
  import_xml_minidom: 'B408',
  import_xml_pulldom: 'B409',
  import_xmlrpclib: 'B411',
  import_httpoxy: 'B412',
  import_pycrypto: 'B413',
  import_pyghmi: 'B415',
  request_with_no_cert_validation: 'B501',
  ssl_with_bad_version: 'B502',
  ssl_with_bad_defaults: 'B503',
  ssl_with_no_version: 'B504',
  weak_cryptographic_key: 'B505',
  yaml_load: 'B506',
  ssh_no_host_key_verification: 'B507',
  snmp_insecure_version: 'B508',
  snmp_weak_cryptography: 'B509',
  paramiko_calls: 'B601',
  subprocess_popen_with_shell_equals_true: 'B602',
  subprocess_without_shell_equals_true: 'B603',
  any_other_function_with_shell_equals_true: 'B604',
  start_process_with_a_shell: 'B605',
  start_process_with_no_shell: 'B606',
  start_process_with_partial_path: 'B607',
  hardcoded_sql_expressions: 'B608',
  linux_commands_wildcard_injection: 'B609',
  django_extra_used: 'B610',
  django_rawsql_used: 'B611',
  logging_config_insecure_listen: 'B612',
  trojansource: 'B613',
  pytorch_load: 'B614',
  huggingface_unsafe_download: 'B615',
  jinja2_autoescape_false: 'B701',
  use_of_mako_templates: 'B702',
  django_mark_safe: 'B703',
  markupsafe_markup_xss: 'B704',
};

/** The blacklist IDs Bandit's meta-test B001 stands for. */
const BLACKLIST_IDS = Object.values(BANDIT_TEST_NAMES).filter(isBanditBlacklistId);

/** Bandit plugin configuration blocks → the ponyguard rules (by code) that take those options. */
const PLUGIN_OPTION_RULES: Readonly<Record<string, readonly string[]>> = {
  assert_used: ['PY101'],
  hardcoded_tmp_directory: ['PY108'],
  try_except_pass: ['PY110'],
  try_except_continue: ['PY112'],
  shell_injection: ['PY602', 'PY603', 'PY604', 'PY605', 'PY606', 'PY607', 'PY609'],
  ssl_with_bad_version: ['PY502', 'PY503'],
  weak_cryptographic_key: ['PY505'],
  markupsafe_xss: ['PY704'],
};

export interface BanditSettings {
  /** The file the settings came from (for messages). */
  source: string;
  /** `tests`: only these (Bandit IDs; names translated). */
  tests: string[];
  /** `skips`. */
  skips: string[];
  /** Path prefixes and globs to exclude, as gitignore patterns anchored at the scan root. */
  exclude: string[];
  severityThreshold?: Severity;
  confidenceThreshold?: Confidence;
  /** `ignore-nosec`: `# nosec` comments are not honoured. */
  ignoreNosec: boolean;
  /** Rule options, by ponyguard rule code. */
  ruleOptions: Record<string, Record<string, unknown>>;
}

/** Translates a test ID or name; B001 expands to the blacklist IDs. */
export function banditIds(entries: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of entries) {
    const entry = raw.trim();
    if (!entry) continue;
    if (entry === 'B001') out.push(...BLACKLIST_IDS);
    else out.push(BANDIT_TEST_NAMES[entry] ?? entry);
  }
  return [...new Set(out)];
}

/** Bandit `exclude_dirs` / `-x` entries → gitignore patterns anchored at the scan root (prefix semantics). */
export function excludePatterns(entries: readonly string[]): string[] {
  return entries
    .map((e) => e.trim().replace(/\\/g, '/'))
    .filter(Boolean)
    .map((e) => e.replace(/^\.\//, '').replace(/\/+$/, ''))
    .filter((e) => e !== '' && e !== '.')
    .map((e) => (e.startsWith('/') || e.startsWith('*') ? e : `/${e}`));
}

const LEVELS: Record<string, Severity> = { low: 'low', medium: 'medium', high: 'high', all: 'info', undefined: 'info' };

function list(value: unknown, file: string, key: string): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return value.split(',').map((v) => v.trim()).filter(Boolean);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  throw new ConfigError(file, null, `Bandit setting "${key}" must be a list of strings`);
}

/** The settings of a Bandit configuration table (`[tool.bandit]`, a YAML file's top level). */
export function banditFromTable(table: Record<string, unknown>, source: string): BanditSettings {
  const settings: BanditSettings = {
    source,
    tests: banditIds(list(table['tests'], source, 'tests')),
    skips: banditIds(list(table['skips'], source, 'skips')),
    exclude: excludePatterns([...list(table['exclude_dirs'], source, 'exclude_dirs'), ...list(table['exclude'], source, 'exclude')]),
    ignoreNosec: false,
    ruleOptions: {},
  };
  const overlap = settings.tests.filter((t) => settings.skips.includes(t));
  if (overlap.length > 0) throw new ConfigError(source, null, `Bandit tests and skips both list ${overlap.join(', ')} (Bandit refuses this too)`);
  for (const [plugin, codes] of Object.entries(PLUGIN_OPTION_RULES)) {
    const block = table[plugin];
    if (block === undefined) continue;
    if (typeof block !== 'object' || block === null || Array.isArray(block)) throw new ConfigError(source, null, `Bandit plugin settings "${plugin}" must be a table`);
    for (const code of codes) settings.ruleOptions[code] = { ...(settings.ruleOptions[code] ?? {}), ...(block as Record<string, unknown>) };
  }
  return settings;
}

/** `.bandit`: the `[bandit]` section of an INI file, as `bandit --ini` reads it. */
export async function banditFromIni(file: string, display: string): Promise<BanditSettings> {
  const text = await readText(file, display);
  let data: Record<string, unknown>;
  try {
    data = parseIni(text);
  } catch (error) {
    throw new ConfigError(display, null, `not a valid INI file: ${(error as Error).message}`);
  }
  const section = data['bandit'] as Record<string, unknown> | undefined;
  if (!section || typeof section !== 'object') throw new ConfigError(display, 1, 'has no [bandit] section');
  const settings = banditFromTable({ tests: section['tests'], skips: section['skips'], exclude: section['exclude'] }, display);
  const level = typeof section['level'] === 'string' ? section['level'].toLowerCase() : undefined;
  const confidence = typeof section['confidence'] === 'string' ? section['confidence'].toLowerCase() : undefined;
  // Bandit's INI handling of level/confidence crashes; its documentation describes words or counts.
  const levelOf = (value: string | undefined): Severity | undefined => {
    if (value === undefined) return undefined;
    if (/^\d+$/.test(value)) return (['info', 'low', 'medium', 'high'] as const)[Math.min(Number(value), 3)];
    return LEVELS[value];
  };
  const severity = levelOf(level);
  const confidenceLevel = levelOf(confidence);
  if (severity) settings.severityThreshold = severity;
  if (confidenceLevel && confidenceLevel !== 'info') settings.confidenceThreshold = confidenceLevel as Confidence;
  const ignoreNosec = section['ignore-nosec'];
  settings.ignoreNosec = ignoreNosec === true || ignoreNosec === 'true' || ignoreNosec === 'True';
  // `configfile = bandit.yaml` in the INI points at the plugin configuration.
  if (typeof section['configfile'] === 'string') {
    const nested = await banditFromFile(path.resolve(path.dirname(file), section['configfile']), section['configfile']);
    settings.tests = [...new Set([...settings.tests, ...nested.tests])];
    settings.skips = [...new Set([...settings.skips, ...nested.skips])];
    settings.exclude = [...settings.exclude, ...nested.exclude];
    settings.ruleOptions = { ...nested.ruleOptions, ...settings.ruleOptions };
  }
  return settings;
}

/** A configuration file given with `--bandit-config` (or named by `.bandit`): YAML, or TOML with `[tool.bandit]`. */
export async function banditFromFile(file: string, display: string): Promise<BanditSettings> {
  const text = await readText(file, display);
  if (file.endsWith('.toml')) {
    let data: Record<string, unknown>;
    try {
      data = parseToml(text);
    } catch (error) {
      throw new ConfigError(display, error instanceof TomlError ? error.line : null, `invalid TOML: ${(error as Error).message.split('\n')[0]}`);
    }
    const table = (data['tool'] as Record<string, unknown> | undefined)?.['bandit'];
    return banditFromTable((table as Record<string, unknown> | undefined) ?? {}, display);
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    const line = error instanceof YAMLParseError ? (error.linePos?.[0]?.line ?? null) : null;
    throw new ConfigError(display, line, `invalid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (data === null || data === undefined) return banditFromTable({}, display);
  if (typeof data !== 'object' || Array.isArray(data)) throw new ConfigError(display, 1, 'a Bandit configuration must be a mapping');
  return banditFromTable(data as Record<string, unknown>, display);
}

/** Bandit settings discovered at the scan root: `.bandit` first, then `[tool.bandit]` in pyproject.toml. */
export async function discoverBandit(root: string, cwd: string): Promise<BanditSettings | null> {
  const ini = path.join(root, '.bandit');
  if (await exists(ini)) return banditFromIni(ini, path.relative(cwd, ini) || '.bandit');
  const pyproject = path.join(root, 'pyproject.toml');
  if (await exists(pyproject)) {
    const text = await readText(pyproject, pyproject);
    let data: Record<string, unknown>;
    try {
      data = parseToml(text);
    } catch {
      return null; // reported by the configuration loader if it matters
    }
    const table = (data['tool'] as Record<string, unknown> | undefined)?.['bandit'];
    if (table && typeof table === 'object') return banditFromTable(table as Record<string, unknown>, `${path.relative(cwd, pyproject) || 'pyproject.toml'} [tool.bandit]`);
  }
  return null;
}

async function exists(file: string): Promise<boolean> {
  try {
    await readFile(file);
    return true;
  } catch {
    return false;
  }
}

async function readText(file: string, display: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(display, null, `cannot read Bandit configuration: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
}
