/**
 * pip requirements files (`requirements*.txt`, pip-tools `*.in`, constraints files), read the way pip reads them:
 * lines ending in `\` are joined (a comment line never continues), full-line and ` #` trailing comments dropped,
 * option lines (`-i`, `--extra-index-url`, `--find-links`, `--pre`, `--no-binary`, …) ignored except `-r` / `-c`
 * (recorded as includes, resolved relative to this file) and `-e` (an editable requirement). A requirement's own
 * options follow its first token that starts with `-` (`--hash=…` sets `hashed`). `${VAR}` references are kept as
 * written: such a version is not a version. Line numbers are those of the first physical line of a logical line.
 */
import path from 'node:path';
import type { DeclaredPackage, DependencyFile } from '../model.js';
import { emptyFile, makePackage, problem, stripBom } from './common.js';
import { parseExtras, parseRequirement, sourceOfUrl, wheelName, wheelVersion, type Parsed, type Requirement } from './pep508.js';

/** `-r` includes requirements; `-c` includes constraints (versions for whatever gets installed, installing nothing). */
export type IncludeKind = 'requirement' | 'constraint';

/** An include directive of a requirements file. */
export interface IncludeDirective {
  kind: IncludeKind;
  /** The path as written after `-r` / `-c`. */
  target: string;
  /** Project-relative (or absolute, when written so) path of the included file, with `/` separators. */
  path: string;
  /** Line of the directive. */
  line: number;
}

/** A requirements file with its include directives in order. */
export interface ParsedRequirements {
  file: DependencyFile;
  directives: IncludeDirective[];
}

/** A logical line: physical lines joined by `\` continuations, with the number of the first one. */
interface LogicalLine {
  line: number;
  text: string;
}

/** Parses a requirements file; its includes are listed in `includes` but not read (see `load.ts`). */
export function parseRequirements(text: string, path: string): DependencyFile {
  return parseRequirementsWithIncludes(text, path).file;
}

/** Parses a requirements file and returns its include directives with their lines as well. */
export function parseRequirementsWithIncludes(text: string, filePath: string): ParsedRequirements {
  const file = emptyFile(filePath, 'requirements');
  const directives: IncludeDirective[] = [];
  for (const logical of logicalLines(stripBom(text))) {
    const content = stripComment(logical.text).trim();
    if (content === '') continue;
    const { args, options } = splitArgsAndOptions(content);
    if (args === '') readOptionLine(options, logical.line, file, directives);
    else addRequirement(args, options, false, logical.line, file);
  }
  file.includes = [...new Set(directives.map((directive) => directive.path))];
  return { file, directives };
}

/** Joins `\` continuations like pip's `join_lines`: a comment line ends a continuation instead of continuing. */
function logicalLines(text: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  let pending: string[] = [];
  let first = 0;
  const physical = text.split(/\r?\n/);
  for (let index = 0; index < physical.length; index++) {
    const line = physical[index] ?? '';
    const isComment = /^\s*#/.test(line);
    if (line.endsWith('\\') && !isComment) {
      if (pending.length === 0) first = index + 1;
      pending.push(line.replace(/^\\+|\\+$/g, ''));
      continue;
    }
    const piece = isComment ? ` ${line}` : line;
    if (pending.length > 0) out.push({ line: first, text: [...pending, piece].join('') });
    else out.push({ line: index + 1, text: piece });
    pending = [];
  }
  if (pending.length > 0) out.push({ line: first, text: pending.join('') });
  return out;
}

/** Drops a comment: `#` at the start or after whitespace (`#egg=` inside a URL stays). */
function stripComment(text: string): string {
  return text.replace(/(^|\s+)#.*$/, '');
}

/** pip's `break_args_options`: the requirement is every space-separated token before the first one starting with `-`. */
function splitArgsAndOptions(line: string): { args: string; options: string } {
  const tokens = line.split(' ');
  const index = tokens.findIndex((token) => token.startsWith('-'));
  if (index === -1) return { args: line.trim(), options: '' };
  return { args: tokens.slice(0, index).join(' ').trim(), options: tokens.slice(index).join(' ') };
}

/** Splits an option string like a POSIX shell would (quotes group, backslash escapes). */
function shellSplit(text: string): string[] {
  const tokens: string[] = [];
  let current: string | null = null;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (quote) {
      if (c === quote) quote = null;
      else current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      current ??= '';
    } else if (c === '\\' && i + 1 < text.length) {
      current = (current ?? '') + (text[++i] ?? '');
    } else if (/\s/.test(c)) {
      if (current !== null) tokens.push(current);
      current = null;
    } else {
      current = (current ?? '') + c;
    }
  }
  if (current !== null) tokens.push(current);
  return tokens;
}

const VALUE_OPTIONS: ReadonlyArray<{ short: string; long: string; kind: IncludeKind | 'editable' }> = [
  { short: '-r', long: '--requirement', kind: 'requirement' },
  { short: '-c', long: '--constraint', kind: 'constraint' },
  { short: '-e', long: '--editable', kind: 'editable' },
];

/** Reads an option line: `-r` / `-c` become directives, `-e` a requirement; other options are ignored. */
function readOptionLine(options: string, line: number, file: DependencyFile, directives: IncludeDirective[]): void {
  const tokens = shellSplit(options);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    for (const option of VALUE_OPTIONS) {
      let value: string | undefined;
      if (token === option.short || token === option.long) value = tokens[++i];
      else if (token.startsWith(`${option.long}=`)) value = token.slice(option.long.length + 1);
      else if (token.startsWith(option.short) && !token.startsWith('--')) value = token.slice(option.short.length);
      else continue;
      if (value === undefined || value === '') {
        file.problems.push(problem(file.path, line, `\`${token}\` has no value`));
      } else if (option.kind === 'editable') {
        addRequirement(value, tokens.slice(i + 1).join(' '), true, line, file);
        i = tokens.length;
      } else {
        addInclude(option.kind, value, line, file, directives);
      }
      break;
    }
  }
}

function addInclude(kind: IncludeKind, target: string, line: number, file: DependencyFile, directives: IncludeDirective[]): void {
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(target)) {
    file.problems.push(problem(file.path, line, `remote include \`${target}\` is not fetched; its requirements are not audited`));
    return;
  }
  const resolved = path.posix.isAbsolute(target) ? target : path.posix.normalize(path.posix.join(path.posix.dirname(file.path), target));
  directives.push({ kind, target, path: resolved, line });
}

/** Parses one requirement (with its per-requirement options) and adds the package, or a problem. */
function addRequirement(args: string, options: string, editable: boolean, line: number, file: DependencyFile): void {
  const hashed = /(^|\s)--hash\b/.test(options);
  const parsed = readRequirement(args, editable);
  if (!parsed.ok) {
    file.problems.push(problem(file.path, line, `cannot read requirement: ${parsed.error}`));
    return;
  }
  if (parsed.value) file.packages.push(toPackage(parsed.value, file.path, line, hashed));
}

function toPackage(requirement: Requirement, file: string, line: number, hashed: boolean): DeclaredPackage {
  return makePackage(file, { ...requirement, line, hashed });
}

/**
 * A requirement line: a PEP 508 string, or a URL / path (`git+https://…#egg=name`, `./pkg`, `pkg-1.0-py3-none-any.whl`).
 * Null (skipped, no problem) for a local path that names no package: that is the project's own code.
 */
export function readRequirement(text: string, editable: boolean): Parsed<Requirement | null> {
  if (!looksLikeUrlOrPath(text)) {
    const parsed = parseRequirement(text);
    if (parsed.ok) return { ok: true, value: editable ? { ...parsed.value, source: 'editable' } : parsed.value };
    if (!/[/\\]/.test(text)) return parsed;
  }
  return readUrlOrPath(text, editable);
}

function looksLikeUrlOrPath(text: string): boolean {
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(text) || /^file:/i.test(text)) return true;
  if (/^[./~]/.test(text)) return true;
  // A bare archive file name (`pkg-1.0-py3-none-any.whl`); `name @ url` is PEP 508 even when the URL is an archive.
  const location = text.split(/[;#]/)[0]?.trim() ?? '';
  return !/\s/.test(location) && /\.(whl|zip|tar\.gz|tgz|tar\.bz2|tbz|tar\.xz|txz|tar)$/i.test(location);
}

function readUrlOrPath(text: string, editable: boolean): Parsed<Requirement | null> {
  const isUrl = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(text);
  // pip: a URL's marker follows `; ` (a `;` can be part of a URL), a path's follows `;`.
  const split = isUrl ? /^(.*?)(?:\s*;\s+|\s+;\s*)(.*)$/.exec(text) : /^(.*?)\s*;(.*)$/.exec(text);
  const location = (split ? split[1] : text)?.trim() ?? '';
  const marker = split?.[2]?.trim() || null;
  const source = editable ? 'editable' : sourceOfUrl(location);
  const egg = eggName(location);
  if (egg) {
    const version = wheelVersion(location, egg.name);
    return { ok: true, value: { rawName: egg.name, extras: egg.extras, specifier: '', version, marker, url: location, source } };
  }
  const wheel = wheelName(location);
  if (wheel) {
    return { ok: true, value: { rawName: wheel.name, extras: [], specifier: '', version: wheel.version, marker, url: location, source } };
  }
  if (sourceOfUrl(location) === 'path') return { ok: true, value: null };
  return { ok: false, error: `cannot tell which package \`${location}\` installs (no \`#egg=name\`; write \`name @ ${location}\`); not audited` };
}

/** The `#egg=name[extras]` fragment of a URL, or null. */
function eggName(url: string): { name: string; extras: string[] } | null {
  const hash = url.indexOf('#');
  if (hash === -1) return null;
  for (const param of url.slice(hash + 1).split('&')) {
    const match = /^egg=([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)(?:\[([^\]]*)\])?/.exec(param);
    if (match?.[1]) return { name: match[1], extras: parseExtras(match[2] ?? '') };
  }
  return null;
}
