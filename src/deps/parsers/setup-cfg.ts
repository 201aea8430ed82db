/**
 * `setup.cfg`: `[options] install_requires` and the `[options.extras_require]` groups, read the way setuptools reads
 * them with configparser: indented lines continue a value, full-line `#` / `;` comments are skipped, and a value
 * written whole on the key's line is split at `;` (setuptools' "list-semi" fields) while a multi-line value has one
 * requirement per line (so markers work there). `file:` / `attr:` directives are reported, not followed.
 */
import type { DependencyFile } from '../model.js';
import { emptyFile, makePackage, problem, stripBom } from './common.js';
import { parseRequirement } from './pep508.js';

/** One physical line of a value. */
interface ValueLine {
  text: string;
  line: number;
}

/** A `key = value` option: its lines (the first one after the `=`), and the line of the key. */
interface IniOption {
  line: number;
  lines: ValueLine[];
}

/** Section name → option name (lower case, as configparser stores it) → option. */
type Ini = Map<string, Map<string, IniOption>>;

/** Parses the requirements of a `setup.cfg`. */
export function parseSetupCfg(text: string, path: string): DependencyFile {
  const file = emptyFile(path, 'setup-cfg');
  const ini = readIni(stripBom(text));
  const options = ini.get('options');
  const install = options?.get('install_requires') ?? options?.get('install-requires');
  if (install) addList(file, 'install_requires', install, []);
  for (const [group, option] of ini.get('options.extras_require') ?? []) {
    addList(file, `extras_require ${group}`, option, [group]);
  }
  return file;
}

/** A minimal configparser: sections, `key = value` / `key: value`, indented continuation lines, comment lines. */
function readIni(text: string): Ini {
  const ini: Ini = new Map();
  let section: Map<string, IniOption> | undefined;
  let current: IniOption | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const stripped = raw.trim();
    if (stripped === '' || stripped.startsWith('#') || stripped.startsWith(';')) return;
    if (/^\s/.test(raw) && current) {
      current.lines.push({ text: stripped, line });
      return;
    }
    const header = /^\[([^\]]+)\]/.exec(stripped);
    if (header?.[1]) {
      const name = header[1].trim();
      section = ini.get(name) ?? new Map<string, IniOption>();
      ini.set(name, section);
      current = undefined;
      return;
    }
    const option = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(stripped);
    if (!option?.[1] || !section) {
      current = undefined;
      return;
    }
    current = { line, lines: option[2] ? [{ text: option[2], line }] : [] };
    section.set(option[1].toLowerCase(), current);
  });
  return ini;
}

/** Adds the requirements of a list-semi option. */
function addList(file: DependencyFile, what: string, option: IniOption, groups: string[]): void {
  const first = option.lines[0];
  if (first && /^(file|attr):/.test(first.text)) {
    file.problems.push(problem(file.path, option.line, `${what} uses \`${first.text}\`, which is not followed; not audited`));
    return;
  }
  const entries: ValueLine[] =
    option.lines.length === 1 && first?.line === option.line
      ? first.text.split(';').map((text) => ({ text, line: first.line }))
      : option.lines;
  for (const entry of entries) {
    const text = entry.text.replace(/(^|\s)#.*$/, '').trim();
    if (text === '') continue;
    const parsed = parseRequirement(text);
    if (!parsed.ok) {
      file.problems.push(problem(file.path, entry.line, `cannot read requirement: ${parsed.error}`));
      continue;
    }
    file.packages.push(makePackage(file.path, { ...parsed.value, line: entry.line, groups }));
  }
}
