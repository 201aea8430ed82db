/**
 * Configuration: `[tool.ponyguard]` in pyproject.toml or the top level of `.ponyguard.toml` (same keys), or a file
 * given with `--config`. Unknown keys and wrong types are errors naming the file, line and key.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import { ConfigError } from '../core/errors.js';
import { CONFIDENCES, SEVERITIES, isConfidence, isSeverity, type Confidence, type Severity } from '../core/finding.js';

export type FailOn = Severity | 'none';

export interface PerPathIgnore {
  // Glob relative to the scan root, such as `tests/**` or `**/migrations/*.py`.
  pattern: string;
  selectors: string[];
}

export interface PonyguardConfig {
  select: string[];
  ignore: string[];
  exclude: string[];
  severityThreshold: Severity;
  confidenceThreshold: Confidence;
  failOn: FailOn;
  perPathIgnores: PerPathIgnore[];
  settingsModules: string[];
  productionSettings: string[];
  requireSuppressionReason: boolean;
  maxFileSizeMb: number;
  /** Options per rule code (`[tool.ponyguard.options.PY108]`, or Bandit's per-plugin settings). */
  ruleOptions: Record<string, Record<string, unknown>>;
  /** Do not honour `# nosec` comments (Bandit's `ignore-nosec`). */
  ignoreNosec: boolean;
  /** The file the configuration came from, or null for defaults. */
  source: string | null;
}

export const DEFAULT_CONFIG: PonyguardConfig = {
  select: [],
  ignore: [],
  exclude: [],
  severityThreshold: 'info',
  confidenceThreshold: 'low',
  failOn: 'low',
  perPathIgnores: [],
  settingsModules: [],
  productionSettings: [],
  requireSuppressionReason: false,
  maxFileSizeMb: 10,
  ruleOptions: {},
  ignoreNosec: false,
  source: null,
};

type Checker = (value: unknown, key: string, at: Where) => Partial<PonyguardConfig>;

interface Where {
  file: string;
  line: (key: string) => number | null;
}

function fail(at: Where, key: string, message: string): never {
  throw new ConfigError(at.file, at.line(key), message);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object') return 'a table';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `${typeof value === 'number' && Number.isInteger(value) ? 'the integer' : `a ${typeof value}`} ${JSON.stringify(value) ?? typeof value}`;
}

function stringList(property: 'select' | 'ignore' | 'exclude' | 'settingsModules' | 'productionSettings'): Checker {
  return (value, key, at) => {
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
      fail(at, key, `key "${key}" must be an array of strings, got ${describe(value)}`);
    }
    return { [property]: value as string[] };
  };
}

/** Every accepted key, kebab-case as written in the file. */
const KEYS: Record<string, Checker> = {
  select: stringList('select'),
  ignore: stringList('ignore'),
  exclude: stringList('exclude'),
  'settings-modules': stringList('settingsModules'),
  'production-settings': stringList('productionSettings'),
  'severity-threshold': (value, key, at) => {
    if (!isSeverity(value)) fail(at, key, `key "${key}" must be one of ${SEVERITIES.join(', ')}; got ${describe(value)}`);
    return { severityThreshold: value };
  },
  'confidence-threshold': (value, key, at) => {
    if (!isConfidence(value)) fail(at, key, `key "${key}" must be one of ${CONFIDENCES.join(', ')}; got ${describe(value)}`);
    return { confidenceThreshold: value };
  },
  'fail-on': (value, key, at) => {
    if (value !== 'none' && !isSeverity(value)) fail(at, key, `key "${key}" must be one of ${SEVERITIES.join(', ')}, none; got ${describe(value)}`);
    return { failOn: value };
  },
  'require-suppression-reason': (value, key, at) => {
    if (typeof value !== 'boolean') fail(at, key, `key "${key}" must be true or false, got ${describe(value)}`);
    return { requireSuppressionReason: value };
  },
  'max-file-size-mb': (value, key, at) => {
    if (typeof value !== 'number' || !(value > 0)) fail(at, key, `key "${key}" must be a positive number, got ${describe(value)}`);
    return { maxFileSizeMb: value };
  },
  'ignore-nosec': (value, key, at) => {
    if (typeof value !== 'boolean') fail(at, key, `key "${key}" must be true or false, got ${describe(value)}`);
    return { ignoreNosec: value };
  },
  options: (value, key, at) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Date) {
      fail(at, key, `key "${key}" must be a table of rule code = { option = value }, got ${describe(value)}`);
    }
    const ruleOptions: Record<string, Record<string, unknown>> = {};
    for (const [code, options] of Object.entries(value as Record<string, unknown>)) {
      if (typeof options !== 'object' || options === null || Array.isArray(options)) {
        throw new ConfigError(at.file, at.line(code) ?? at.line(key), `options for ${code} must be a table, got ${describe(options)}`);
      }
      ruleOptions[code] = options as Record<string, unknown>;
    }
    return { ruleOptions };
  },
  'per-path-ignores': (value, key, at) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Date) {
      fail(at, key, `key "${key}" must be a table of glob = [codes], got ${describe(value)}`);
    }
    const perPathIgnores: PerPathIgnore[] = [];
    for (const [pattern, selectors] of Object.entries(value as Record<string, unknown>)) {
      if (!Array.isArray(selectors) || selectors.some((s) => typeof s !== 'string')) {
        throw new ConfigError(at.file, at.line(pattern) ?? at.line(key), `per-path-ignores entry ${JSON.stringify(pattern)} must be an array of rule codes, got ${describe(selectors)}`);
      }
      perPathIgnores.push({ pattern, selectors: selectors as string[] });
    }
    return { perPathIgnores };
  },
};

export const CONFIG_KEYS: readonly string[] = Object.keys(KEYS);

/** Validates a parsed `[tool.ponyguard]` table. */
export function configFromTable(table: Record<string, unknown>, at: Where): PonyguardConfig {
  let config: PonyguardConfig = { ...DEFAULT_CONFIG, source: at.file };
  for (const [key, value] of Object.entries(table)) {
    const checker = KEYS[key];
    if (!checker) {
      const hint = closest(key, CONFIG_KEYS);
      fail(at, key, `unknown key "${key}"${hint ? ` (did you mean "${hint}"?)` : ''}; known keys: ${CONFIG_KEYS.join(', ')}`);
    }
    config = { ...config, ...checker(value, key, at) };
  }
  return config;
}

/** Reads a configuration file: `pyproject.toml` (its `[tool.ponyguard]` table) or a ponyguard TOML file. */
export async function loadConfigFile(file: string, displayName = file): Promise<PonyguardConfig | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(displayName, null, `cannot read configuration file: ${(error as Error).message}`);
  }
  let data: Record<string, unknown>;
  try {
    data = parseToml(text);
  } catch (error) {
    const line = error instanceof TomlError ? error.line : null;
    const first = (error as Error).message.split('\n')[0];
    throw new ConfigError(displayName, line, `invalid TOML: ${first}`);
  }
  const isPyproject = path.basename(file) === 'pyproject.toml';
  if (isPyproject) {
    const tool = data['tool'] as Record<string, unknown> | undefined;
    const table = tool?.['ponyguard'];
    if (table === undefined) return null;
    if (typeof table !== 'object' || table === null || Array.isArray(table)) {
      throw new ConfigError(displayName, findLine(text, 'ponyguard', 'tool'), '[tool.ponyguard] must be a table');
    }
    return configFromTable(table as Record<string, unknown>, { file: displayName, line: (key) => findLine(text, key, 'tool.ponyguard') });
  }
  const table = (data['tool'] as Record<string, unknown> | undefined)?.['ponyguard'] ?? data;
  const section = table === data ? null : 'tool.ponyguard';
  return configFromTable(table as Record<string, unknown>, { file: displayName, line: (key) => findLine(text, key, section) });
}

/**
 * The configuration for a scan root: `--config FILE` if given, else `.ponyguard.toml`, else `[tool.ponyguard]` in
 * `pyproject.toml`, else defaults.
 */
export async function resolveConfig(root: string, explicit: string | undefined, cwd: string): Promise<PonyguardConfig> {
  if (explicit) {
    const file = path.resolve(cwd, explicit);
    const config = await loadConfigFile(file, explicit);
    if (!config) throw new ConfigError(explicit, null, 'has no [tool.ponyguard] table');
    return config;
  }
  for (const name of ['.ponyguard.toml', 'pyproject.toml']) {
    const file = path.join(root, name);
    let exists = true;
    try {
      await readFile(file);
    } catch {
      exists = false;
    }
    if (!exists) continue;
    const config = await loadConfigFile(file, path.relative(cwd, file) || name);
    if (config) return config;
  }
  return { ...DEFAULT_CONFIG };
}

/** Line of `key = …` inside the given table (`null` = top level), for error messages. */
export function findLine(text: string, key: string, section: string | null): number | null {
  const lines = text.split(/\r?\n/);
  let inSection = section === null;
  let sectionLine: number | null = null;
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const keyPattern = new RegExp(`^\\s*(?:"${escaped}"|'${escaped}'|${escaped})\\s*=`);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const header = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?/.exec(line);
    if (header) {
      const name = header[1]!.replace(/\s+/g, '');
      inSection = section === null ? false : name === section || name.startsWith(`${section}.`);
      if (section !== null && name === `${section}.${key}`) return i + 1;
      if (inSection && sectionLine === null) sectionLine = i + 1;
      continue;
    }
    if (inSection && keyPattern.test(line)) return i + 1;
  }
  return sectionLine;
}

function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = levenshtein(word.replace(/_/g, '-'), candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
