/**
 * Planning dependency fixes (`ponyguard fix deps`): which versions to move to, and the exact text edits that do it.
 * Pure: the files are already read and parsed (`load.ts`), the advisory database already loaded; the command
 * (`cli/fix-deps.ts`) writes the result.
 *
 * **Targets.** Every package with an exact version from an index (an `==` / `===` pin, a bare Poetry or Pipfile
 * version, a lock-file version) is audited as DEP001 does: `advisoriesForVersion`, then `minimalFix`, preferring the
 * fix within the release series. No advisory: the package is left alone. Advisories but no fixing release: it is
 * reported as not fixed.
 *
 * **Edits.** Only the version constraint changes; every other character of the file stays (extras, markers, comments,
 * spacing, quotes, `\` continuations, `--hash` options, line endings, a byte-order mark):
 * - requirements files (`requirements*.txt`, `*.in`, constraints files, whatever `-r` / `-c` reach): the version of
 *   an `==X` / `===X` pin (`Django==3.2.10` → `Django==3.2.25`). Ranges are left as written. A pin with `--hash`
 *   options is rewritten too, with a warning: its hashes are for the old version and must be regenerated (the
 *   command recorded in a pip-compile / uv header when there is one, else `pip-compile --generate-hashes` or
 *   `uv pip compile --generate-hashes`).
 * - `pyproject.toml`: PEP 508 strings of `[project] dependencies`, `[project.optional-dependencies]`,
 *   `[dependency-groups]` (and PDM / uv dev dependencies), and Poetry constraints (`django = "3.2.10"`,
 *   `django = { version = "^3.2" }`, `[tool.poetry.dependencies.django]` tables, dotted `django.version` keys).
 *   A pin (`==3.2.10`, Poetry's `3.2.10` / `=3.2.10`) gets the new version. A range gets its lower bound raised
 *   when that bound is itself affected: the highest lower bound of the constraint (`>=V`, `>V`, `~=V`, and Poetry's
 *   `^V`, `~V`) is audited as if it were a pin, and each lower-bound clause below the fix T becomes:
 *   - `>=V`, `>V` → `>=T`;
 *   - `~=V` → `~=T` when both allow the same releases above (same number of release parts, same prefix:
 *     `~=3.2.10` → `~=3.2.25`), otherwise `~=V,>=T` (`~=3.2` → `~=3.2,>=3.2.25`: still below 4);
 *   - Poetry `^V` / `~V` → `^T` / `~T` when the upper bound is unchanged (`^3.2` → `^3.2.25`, both `<4.0.0`),
 *     otherwise `>=T,<U` with the old upper bound U (`~3` with T = 3.3.0 → `>=3.3.0,<4`).
 *   Upper bounds, exclusions, wildcards (`==3.2.*`) and Poetry's `||` alternatives are never changed; a range with
 *   no lower bound (`<4`, `*`) is left alone. When the rewritten constraint does not allow T (an upper bound or an
 *   exclusion keeps it out: `^1.7.1` with T = 2.4.0, `>=9.0,<9.5` with T = 10.0.1), nothing is written and the
 *   package is reported as not fixed. The same holds for a pin whose other clauses exclude T.
 * - `Pipfile`: the same as Poetry constraints, with PEP 440 specifiers (`django = "==3.2.10"`, a bare version,
 *   `{ version = ">=3.2" }`).
 * - `setup.cfg`, `setup.py`: never edited; an affected pin is reported as not fixed (edit it by hand).
 *
 * **Lock files** (`poetry.lock`, `uv.lock`, `pdm.lock`, `Pipfile.lock`, `pylock.toml`) are never edited: their
 * hashes and resolution belong to their tool. Each gets the command that upgrades its affected packages, to run in
 * the lock file's directory: `uv lock --upgrade-package NAME==T …`, `poetry update NAME …`, `pdm update NAME …`,
 * `pipenv upgrade NAME …`; a `pylock.toml` is re-created with the tool its `created-by` names, else `pip lock`. An
 * indirect package is upgraded by name too; the plan names the direct dependency that pulls it in.
 */
import { satisfies } from '@renovatebot/pep440';
import { parse as parseToml } from 'smol-toml';
import { normalizePackageName } from '../project/django-version.js';
import { advisoriesForVersion, minimalFix } from './advisories/match.js';
import type { AdvisoryDb } from './advisories/types.js';
import { compareVersions, isPep440 } from './advisories/versions.js';
import type { DeclaredPackage, DependencyFile, DependencyFormat } from './model.js';
import { LineMap } from './parsers/common.js';
import { parseSpecifier } from './parsers/pep508.js';
import { poetryToPep440 } from './parsers/poetry-constraint.js';

export interface FixInput {
  /** The loaded dependency files (`loadDependencyFiles`). */
  files: readonly DependencyFile[];
  db: AdvisoryDb;
  /** Each file's text, by project-relative path. A file without text cannot be edited (its pins are not fixed). */
  texts: ReadonlyMap<string, string>;
}

/** One in-place replacement of a version (or of a constraint clause) in a file. */
export interface FixEdit {
  file: string;
  /** 1-based line and column (UTF-16 code units) where the replaced text starts. */
  line: number;
  column: number;
  /** 0-based offset and length of the replaced text in the file's text. */
  offset: number;
  length: number;
  replacement: string;
  /** Normalised package name. */
  name: string;
  /** `pin`: an exact version replaced; `lower-bound`: a range's lower bound raised. */
  kind: 'pin' | 'lower-bound';
  /** The pinned version, or the lower bound that was audited. */
  from: string;
  /** The version moved to. */
  to: string;
  /** The requirement as written before and after (`Django[argon2]==3.2.10`, `django = "^3.2"`). */
  before: string;
  after: string;
  /** The line carries `--hash` options (they must be regenerated). */
  hashed: boolean;
}

/** A file with its edits applied. */
export interface FileRewrite {
  file: string;
  before: string;
  after: string;
  /** In file order. */
  edits: FixEdit[];
}

/** One package a lock file must upgrade. */
export interface LockUpgrade {
  name: string;
  line: number;
  from: string;
  to: string;
  direct: boolean;
  /** The chain from a direct dependency (`["django", "sqlparse"]`), empty for a direct package or without a graph. */
  path: string[];
}

/** What to run for one lock file. */
export interface LockCommand {
  file: string;
  format: DependencyFormat;
  /** Directory to run the command in, project-relative (`.` for the root). */
  directory: string;
  /** The command (for `pylock.toml`: the tool that re-creates it, `pip lock` or its `created-by`). */
  command: string;
  /** True for `pylock.toml`: the file is re-created rather than upgraded in place. */
  recreate: boolean;
  upgrades: LockUpgrade[];
}

/** A hash-pinned requirement whose version was rewritten. */
export interface HashWarning {
  file: string;
  line: number;
  name: string;
  rawName: string;
  from: string;
  to: string;
  /** The command that regenerates the hashes (the file header's when recorded). */
  command: string;
}

/** Why a package could not be fixed automatically. */
export type ManualReason = 'no-fix' | 'outside-range' | 'not-editable' | 'not-located';

export interface ManualFix {
  file: string;
  line: number;
  name: string;
  rawName: string;
  /** What the plan names: `pycrypto 2.6.1`, or a range as written (`Pillow >=9.0,<9.5`). */
  subject: string;
  /** The pinned version, or the audited lower bound of a range. */
  version: string;
  /** The fixing version when one is known. */
  target: string | null;
  reason: ManualReason;
  message: string;
}

export interface FixPlan {
  rewrites: FileRewrite[];
  locks: LockCommand[];
  hashWarnings: HashWarning[];
  manual: ManualFix[];
}

const LOCK_FORMATS: ReadonlySet<DependencyFormat> = new Set(['poetry-lock', 'uv-lock', 'pdm-lock', 'pipfile-lock', 'pylock']);

/** Computes the fixes of a project's dependency files (see the module documentation for the rules). */
export function planDependencyFixes(input: FixInput): FixPlan {
  const planner = new Planner(input.db);
  for (const file of input.files) planner.file(file, input.texts.get(file.path));
  return planner.result(input.files, input.texts);
}

/** The version a package at `version` should move to: null when no advisory affects it. */
interface Target {
  to: string | null;
}

class Planner {
  private readonly targets = new Map<string, Target | null>();
  private readonly edits: FixEdit[] = [];
  private readonly locks: LockCommand[] = [];
  private readonly hashWarnings: HashWarning[] = [];
  private readonly manual: ManualFix[] = [];

  constructor(private readonly db: AdvisoryDb) {}

  /** DEP001's fix for an exact version (cached): the smallest clean version, in the series first. */
  target(name: string, version: string): Target | null {
    const key = `${name}\0${version}`;
    if (this.targets.has(key)) return this.targets.get(key) ?? null;
    const audit = advisoriesForVersion(this.db, name, version);
    let target: Target | null = null;
    if (audit.matches.length > 0) {
      const fix = minimalFix(audit.matches, version);
      target = { to: fix.inSeries ?? fix.overall };
    }
    this.targets.set(key, target);
    return target;
  }

  file(file: DependencyFile, text: string | undefined): void {
    const packages = file.packages.filter((pkg) => pkg.source === 'index');
    if (LOCK_FORMATS.has(file.format)) {
      this.lockFile(file, packages, text);
      return;
    }
    const located = new Occurrences();
    let tokens: TomlToken[] | undefined;
    for (const pkg of packages) {
      const manifest = file.format === 'pyproject' || file.format === 'pipfile';
      if (pkg.version === null && (!manifest || text === undefined)) continue;
      if (file.format === 'setup-cfg' || file.format === 'setup-py') {
        this.notEditable(pkg);
        continue;
      }
      if (text === undefined) {
        this.unlocated(pkg, 'the file could not be read as UTF-8 text');
        continue;
      }
      if (file.format === 'requirements') this.requirement(pkg, text);
      else this.manifestEntry(file, pkg, text, (tokens ??= tokensOf(text)), located);
    }
  }

  /** A pin of a requirements file. */
  private requirement(pkg: DeclaredPackage, text: string): void {
    const version = pkg.version!;
    const target = this.target(pkg.name, version);
    if (!target) return;
    if (target.to === null) {
      this.noFix(pkg, version);
      return;
    }
    const logical = logicalLineAt(text, pkg.line);
    const requirement = logical && requirementOfLine(logical.text);
    const clause = requirement?.clauses.find((c) => (c.op === '==' || c.op === '===') && c.version === version);
    if (!logical || !requirement || normalizePackageName(requirement.name) !== pkg.name || !clause) {
      this.unlocated(pkg, `the pin ${pkg.rawName}==${version} was not found on line ${pkg.line}`);
      return;
    }
    const spans = [{ start: clause.start, end: clause.end, replacement: target.to }];
    const spec = applySpans(logical.text, spans, requirement.specStart, requirement.specEnd);
    if (!allows(parseSpecifier(spec), target.to)) {
      this.outsideRange(pkg, version, target.to, logical.text.slice(requirement.specStart, requirement.specEnd), false);
      return;
    }
    const offsets = logical.offsets;
    const start = offsets[clause.start];
    const last = offsets[clause.end - 1];
    if (start === undefined || last === undefined || last - start !== clause.end - 1 - clause.start) {
      this.unlocated(pkg, `the version ${version} is split across lines`);
      return;
    }
    const before = logical.text.slice(requirement.start, requirement.specEnd);
    const after = applySpans(logical.text, spans, requirement.start, requirement.specEnd);
    this.edits.push(edit(pkg, text, { offset: start, length: clause.end - clause.start, replacement: target.to, kind: 'pin', from: version, to: target.to, before, after }));
    if (pkg.hashed) {
      this.hashWarnings.push({ file: pkg.file, line: pkg.line, name: pkg.name, rawName: pkg.rawName, from: version, to: target.to, command: hashCommand(text) });
    }
  }

  /** A `pyproject.toml` or `Pipfile` entry: a PEP 508 string or a `name = constraint` key. */
  private manifestEntry(file: DependencyFile, pkg: DeclaredPackage, text: string, tokens: readonly TomlToken[], located: Occurrences): void {
    const pep508 = file.format === 'pyproject' ? located.pick(pkg, pep508Strings(text, tokens, pkg)) : undefined;
    let constraint: Constraint | undefined;
    if (pep508) {
      constraint = { flavor: 'pep440', start: pep508.specStart, end: pep508.specEnd, clauses: pep508.clauses, display: (spec) => text.slice(pep508.start, pep508.specStart) + spec };
    } else {
      const flavor = file.format === 'pipfile' ? 'pipfile' : 'poetry';
      const found = located.pick(pkg, keyedConstraints(text, tokens, pkg, flavor));
      if (found) constraint = { ...found, display: (spec) => `${pkg.rawName} = "${spec}"` };
    }
    if (pkg.version !== null) this.manifestPin(pkg, pkg.version, text, constraint);
    else if (constraint) this.manifestRange(pkg, text, constraint);
  }

  private manifestPin(pkg: DeclaredPackage, version: string, text: string, constraint: Constraint | undefined): void {
    const target = this.target(pkg.name, version);
    if (!target) return;
    if (target.to === null) {
      this.noFix(pkg, version);
      return;
    }
    const pinOps = constraint?.flavor === 'pep440' ? ['==', '==='] : ['', '=', '==', '==='];
    const clause = constraint?.clauses.find((c) => pinOps.includes(c.op) && c.version === version);
    if (!constraint || !clause) {
      this.unlocated(pkg, `the pin of ${pkg.rawName} ${version} was not found on line ${pkg.line}`);
      return;
    }
    this.applyConstraint(pkg, text, constraint, [{ start: clause.start, end: clause.end, replacement: target.to }], 'pin', version, target.to);
  }

  private manifestRange(pkg: DeclaredPackage, text: string, constraint: Constraint): void {
    const lowerOps = constraint.flavor === 'poetry' ? ['>=', '>', '~=', '^', '~'] : ['>=', '>', '~='];
    const lower = constraint.clauses.filter((c) => lowerOps.includes(c.op) && isPep440(c.version));
    if (lower.length === 0) return;
    const bound = lower.map((c) => c.version).reduce((a, b) => (compareVersions(b, a) > 0 ? b : a));
    const target = this.target(pkg.name, bound);
    if (!target) return;
    if (target.to === null) {
      this.noFix(pkg, bound, text.slice(constraint.start, constraint.end));
      return;
    }
    const to = target.to;
    const spans: Span[] = [];
    for (const clause of lower) {
      if (compareVersions(clause.version, to) >= 0) continue;
      spans.push(raiseClause(clause, to));
    }
    this.applyConstraint(pkg, text, constraint, spans, 'lower-bound', bound, to);
  }

  /** Writes `spans` into a manifest constraint when the result still allows `to`; otherwise reports it. */
  private applyConstraint(pkg: DeclaredPackage, text: string, constraint: Constraint, spans: Span[], kind: FixEdit['kind'], from: string, to: string): void {
    const oldSpec = text.slice(constraint.start, constraint.end);
    const newSpec = applySpans(text, spans, constraint.start, constraint.end);
    if (!allows(toPep440(newSpec, constraint.flavor), to)) {
      this.outsideRange(pkg, from, to, oldSpec, kind === 'lower-bound');
      return;
    }
    const first = spans[0];
    const last = spans[spans.length - 1];
    if (!first || !last) return;
    // One edit per entry: from the first replaced clause to the end of the last.
    const replacement = applySpans(text, spans, first.start, last.end);
    const change = { offset: first.start, length: last.end - first.start, replacement, kind, from, to };
    this.edits.push(edit(pkg, text, { ...change, before: constraint.display(oldSpec), after: constraint.display(newSpec) }));
  }

  private lockFile(file: DependencyFile, packages: readonly DeclaredPackage[], text: string | undefined): void {
    const upgrades = new Map<string, LockUpgrade>();
    for (const pkg of packages) {
      if (pkg.version === null) continue;
      const target = this.target(pkg.name, pkg.version);
      if (!target) continue;
      if (target.to === null) {
        this.noFix(pkg, pkg.version);
        continue;
      }
      const previous = upgrades.get(pkg.name);
      if (previous && compareVersions(previous.to, target.to) >= 0) continue;
      upgrades.set(pkg.name, { name: pkg.name, line: pkg.line, from: pkg.version, to: target.to, direct: pkg.direct, path: [...pkg.path] });
    }
    if (upgrades.size === 0) return;
    const list = [...upgrades.values()].sort((a, b) => a.line - b.line);
    const slash = file.path.lastIndexOf('/');
    const directory = slash === -1 ? '.' : file.path.slice(0, slash);
    const names = list.map((u) => u.name).join(' ');
    let command: string;
    switch (file.format) {
      case 'uv-lock':
        command = `uv lock ${list.map((u) => `--upgrade-package ${u.name}==${u.to}`).join(' ')}`;
        break;
      case 'poetry-lock':
        command = `poetry update ${names}`;
        break;
      case 'pdm-lock':
        command = `pdm update ${names}`;
        break;
      case 'pipfile-lock':
        command = `pipenv upgrade ${names}`;
        break;
      default:
        command = pylockCreator(text) ?? 'pip lock';
    }
    this.locks.push({ file: file.path, format: file.format, directory, command, recreate: file.format === 'pylock', upgrades: list });
  }

  /** No release fixes `version` (a pin, or the lower bound of the range `range`). */
  private noFix(pkg: DeclaredPackage, version: string, range?: string): void {
    const subject = range === undefined ? `${pkg.rawName} ${version}` : `${pkg.rawName} ${range}`;
    const what = range === undefined ? 'its advisories' : `the advisories of its lower bound ${version}`;
    this.report(pkg, subject, version, null, 'no-fix', `no known release fixes all ${what}; replace the package or mitigate`);
  }

  /** The constraint `spec`, rewritten, would not allow the fix `to` of `version` (its pin, or its lower bound). */
  private outsideRange(pkg: DeclaredPackage, version: string, to: string, spec: string, range: boolean): void {
    if (range) {
      this.report(pkg, `${pkg.rawName} ${spec}`, version, to, 'outside-range', `its lower bound ${version} is affected and the fix ${to} is outside the range; widen it by hand`);
    } else {
      this.report(pkg, `${pkg.rawName} ${version}`, version, to, 'outside-range', `the fix ${to} is outside \`${spec}\`; change the constraint by hand`);
    }
  }

  private notEditable(pkg: DeclaredPackage): void {
    const version = pkg.version!;
    const target = this.target(pkg.name, version);
    if (!target) return;
    if (target.to === null) this.noFix(pkg, version);
    else this.report(pkg, `${pkg.rawName} ${version}`, version, target.to, 'not-editable', `${pkg.file} is not edited; change the pin to ${pkg.rawName}==${target.to} by hand`);
  }

  private unlocated(pkg: DeclaredPackage, why: string): void {
    const version = pkg.version ?? pkg.specifier;
    const target = pkg.version === null ? null : this.target(pkg.name, pkg.version);
    if (pkg.version !== null && !target) return;
    this.report(pkg, `${pkg.rawName} ${version}`, version, target?.to ?? null, 'not-located', `${why}; edit it by hand`);
  }

  private report(pkg: DeclaredPackage, subject: string, version: string, target: string | null, reason: ManualReason, message: string): void {
    this.manual.push({ file: pkg.file, line: pkg.line, name: pkg.name, rawName: pkg.rawName, subject, version, target, reason, message });
  }

  result(files: readonly DependencyFile[], texts: ReadonlyMap<string, string>): FixPlan {
    const order = new Map(files.map((file, i) => [file.path, i]));
    const byFile = (a: { file: string }, b: { file: string }): number => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0);
    const rewrites: FileRewrite[] = [];
    for (const file of files) {
      const edits = dedupe(this.edits.filter((e) => e.file === file.path)).sort((a, b) => a.offset - b.offset);
      const before = texts.get(file.path);
      if (edits.length === 0 || before === undefined) continue;
      let after = '';
      let at = 0;
      for (const e of edits) {
        if (e.offset < at) continue; // overlapping edits cannot happen for distinct entries; keep the first
        after += before.slice(at, e.offset) + e.replacement;
        at = e.offset + e.length;
      }
      after += before.slice(at);
      rewrites.push({ file: file.path, before, after, edits });
    }
    const byLine = (a: { file: string; line: number }, b: { file: string; line: number }): number => byFile(a, b) || a.line - b.line;
    return {
      rewrites,
      locks: [...this.locks].sort(byFile),
      hashWarnings: [...this.hashWarnings].sort(byLine),
      manual: [...this.manual].sort(byLine),
    };
  }
}

/** The same entry reached twice (a package declared in several groups on one line) gives one edit. */
function dedupe(edits: readonly FixEdit[]): FixEdit[] {
  const seen = new Set<string>();
  return edits.filter((e) => {
    const key = `${e.offset}:${e.length}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** An edit of `pkg`'s file, with the line and column of its offset. */
function edit(pkg: DeclaredPackage, text: string, change: Omit<FixEdit, 'file' | 'line' | 'column' | 'name' | 'hashed'>): FixEdit {
  const lineStart = text.lastIndexOf('\n', change.offset - 1) + 1;
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < change.offset; i = text.indexOf('\n', i + 1)) line++;
  return { file: pkg.file, line, column: change.offset - lineStart + 1, name: pkg.name, hashed: pkg.hashed, ...change };
}

/** `created-by` of a pylock.toml (`uv`, `pdm`…), when it names a tool other than pip. */
function pylockCreator(text: string | undefined): string | null {
  if (text === undefined) return null;
  try {
    const createdBy = parseToml(text)['created-by'];
    if (typeof createdBy !== 'string' || createdBy.trim() === '') return null;
    const tool = createdBy.trim();
    return /^pip(\s|$)/i.test(tool) ? null : tool;
  } catch {
    return null;
  }
}

/** The command that regenerates a requirements file's hashes: its pip-compile / uv header's, else the usual ones. */
export function hashCommand(text: string): string {
  for (const line of text.split('\n').slice(0, 40)) {
    const match = /^#\s+((?:pip-compile|uv pip compile)(?:\s.*)?)$/.exec(line.replace(/\r$/, ''));
    if (match?.[1] && /--generate-hashes\b/.test(match[1])) return match[1].trim();
  }
  return 'pip-compile --generate-hashes (or uv pip compile --generate-hashes)';
}

// ---------------------------------------------------------------------------------------------------------------------
// Constraints as written

/** One clause of a constraint as written: its operator (`''` for a bare version) and where its parts are. */
interface WrittenClause {
  op: string;
  /** Offset of the operator (of the version for a bare one). */
  opStart: number;
  version: string;
  /** Offsets of the version. */
  start: number;
  end: number;
}

/** A replacement of `[start, end)`. */
interface Span {
  start: number;
  end: number;
  replacement: string;
}

type Flavor = 'pep440' | 'poetry' | 'pipfile';

/** A located constraint: the written text `[start, end)` of the file and its clauses. */
interface LocatedConstraint {
  flavor: Flavor;
  start: number;
  end: number;
  clauses: WrittenClause[];
  /** Its normalised PEP 440 form, to match it with the parsed package. */
  specifier: string;
}

interface Constraint {
  flavor: Flavor;
  start: number;
  end: number;
  clauses: WrittenClause[];
  /** How the entry reads with a given constraint text (for the plan). */
  display: (spec: string) => string;
}

const PEP440_OPS = ['===', '~=', '==', '!=', '<=', '>=', '<', '>'];
const POETRY_OPS = ['^', '===', '~=', '==', '!=', '<=', '>=', '~', '<', '>', '='];

/**
 * The clauses of `text[from, to)`: PEP 440 clauses separated by commas (optionally in parentheses); Poetry clauses
 * separated by commas or spaces, a bare version allowed (none for `||` alternatives, which are never rewritten);
 * Pipfile specifiers are PEP 440 or a bare version. Null when the text does not read as such.
 */
function readClauses(text: string, from: number, to: number, flavor: Flavor): WrittenClause[] | null {
  const body = text.slice(from, to);
  if (flavor !== 'pep440' && body.includes('||')) return null;
  const ops = flavor === 'poetry' ? POETRY_OPS : PEP440_OPS;
  const separators = flavor === 'poetry' ? /[\s,]/ : /[\s,()]/;
  const clauses: WrittenClause[] = [];
  let i = from;
  while (i < to) {
    if (separators.test(text[i] ?? '')) {
      i++;
      continue;
    }
    const opStart = i;
    const op = ops.find((candidate) => text.startsWith(candidate, i)) ?? '';
    if (op === '' && flavor === 'pep440') return null;
    i += op.length;
    while (i < to && /\s/.test(text[i] ?? '')) i++;
    const start = i;
    while (i < to && !/[\s,;()"']/.test(text[i] ?? '')) i++;
    if (i === start) return null;
    const version = text.slice(start, i);
    if (version === '*' && op === '') continue;
    clauses.push({ op, opStart, version, start, end: i });
  }
  return clauses;
}

/** A PEP 508 requirement as written in `text[from, to)`: where its name and specifier are, and the clauses. */
interface WrittenRequirement {
  name: string;
  start: number;
  specStart: number;
  specEnd: number;
  clauses: WrittenClause[];
}

function readWrittenRequirement(text: string, from: number, to: number): WrittenRequirement | null {
  let i = from;
  while (i < to && /\s/.test(text[i] ?? '')) i++;
  const name = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/.exec(text.slice(i, to))?.[0];
  if (!name) return null;
  const start = i;
  i += name.length;
  while (i < to && /\s/.test(text[i] ?? '')) i++;
  if (text[i] === '[') {
    const close = text.indexOf(']', i);
    if (close === -1 || close >= to) return null;
    i = close + 1;
    while (i < to && /\s/.test(text[i] ?? '')) i++;
  }
  if (text[i] === '@') return null;
  const semicolon = text.indexOf(';', i);
  let specEnd = semicolon === -1 || semicolon >= to ? to : semicolon;
  while (specEnd > i && /\s/.test(text[specEnd - 1] ?? '')) specEnd--;
  const clauses = readClauses(text, i, specEnd, 'pep440');
  return clauses ? { name, start, specStart: i, specEnd, clauses } : null;
}

/** A constraint text as a PEP 440 specifier, as the parsers read it. */
function toPep440(spec: string, flavor: Flavor): ReturnType<typeof parseSpecifier> {
  if (flavor === 'poetry') return poetryToPep440(spec);
  if (flavor === 'pipfile') {
    const trimmed = spec.trim();
    if (trimmed === '' || trimmed === '*') return { ok: true, value: '' };
    return parseSpecifier(/^\d/.test(trimmed) ? `==${trimmed}` : trimmed);
  }
  return parseSpecifier(spec);
}

function allows(spec: ReturnType<typeof parseSpecifier>, version: string): boolean {
  if (!spec.ok) return false;
  if (spec.value === '') return true;
  try {
    return satisfies(version, spec.value);
  } catch {
    return false;
  }
}

/** `text[from, to)` with the spans (inside it, sorted, not overlapping) replaced. */
function applySpans(text: string, spans: readonly Span[], from: number, to: number): string {
  let out = '';
  let at = from;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    out += text.slice(at, span.start) + span.replacement;
    at = span.end;
  }
  return out + text.slice(at, to);
}

/** How a lower-bound clause below the fix `to` is raised (see the module documentation). */
function raiseClause(clause: WrittenClause, to: string): Span {
  switch (clause.op) {
    case '~=':
      return sameCompatibleRange(clause.version, to)
        ? { start: clause.start, end: clause.end, replacement: to }
        : { start: clause.end, end: clause.end, replacement: `,>=${to}` };
    case '^':
    case '~': {
      const upper = poetryUpper(clause.version, clause.op);
      const newUpper = poetryUpper(to, clause.op);
      if (upper !== null && newUpper !== null && compareVersions(upper, newUpper) === 0) return { start: clause.start, end: clause.end, replacement: to };
      return { start: clause.opStart, end: clause.end, replacement: upper === null ? `>=${to}` : `>=${to},<${upper}` };
    }
    default:
      return { start: clause.opStart, end: clause.end, replacement: `>=${to}` };
  }
}

/** Whether `~=a` and `~=b` have the same upper bound: as many release parts, the same ones but the last. */
function sameCompatibleRange(a: string, b: string): boolean {
  const release = (v: string): string[] => /^(?:\d+!)?(\d+(?:\.\d+)*)/.exec(v)?.[1]?.split('.') ?? [];
  const x = release(a);
  const y = release(b);
  return x.length >= 2 && x.length === y.length && x.slice(0, -1).every((part, i) => Number(part) === Number(y[i]));
}

/** The exclusive upper bound of Poetry's `^V` / `~V` (as `poetry-constraint.ts` converts them). */
function poetryUpper(version: string, op: '^' | '~'): string | null {
  const release = /^(\d+(?:\.\d+)*)/.exec(version)?.[1];
  if (!release) return null;
  const parts = release.split('.').map(Number);
  let bump: number;
  if (op === '~') bump = parts.length === 1 ? 0 : 1;
  else {
    bump = parts.findIndex((part) => part !== 0);
    if (bump === -1) bump = parts.length - 1;
  }
  return parts.map((part, i) => (i < bump ? part : i === bump ? part + 1 : 0)).join('.');
}

/** Picks, for each package, the next located constraint of the same name and specifier on its line. */
class Occurrences {
  private readonly used = new Set<number>();

  pick<T extends { start: number; specifier: string }>(pkg: DeclaredPackage, candidates: readonly T[]): T | undefined {
    const found = candidates.find((c) => c.specifier === pkg.specifier && !this.used.has(c.start)) ?? candidates.find((c) => c.specifier === pkg.specifier);
    if (found) this.used.add(found.start);
    return found;
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Requirements files

/** A logical line: physical lines joined at `\` continuations, with each character's offset in the file. */
interface LogicalLine {
  text: string;
  offsets: number[];
}

/** The logical line starting at 1-based `line`, joined as pip joins it (a comment line ends a continuation). */
function logicalLineAt(text: string, line: number): LogicalLine | null {
  let start = 0;
  for (let n = 1; n < line; n++) {
    const newline = text.indexOf('\n', start);
    if (newline === -1) return null;
    start = newline + 1;
  }
  let joined = '';
  const offsets: number[] = [];
  for (let first = true; start <= text.length; first = false) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const physical = text.slice(start, end).replace(/\r$/, '');
    const comment = /^\s*#/.test(physical);
    if (!first && comment) break;
    const continued = physical.endsWith('\\') && !comment;
    const body = continued ? physical.replace(/\\+$/, '') : physical;
    for (let k = 0; k < body.length; k++) {
      joined += body[k];
      offsets.push(start + k);
    }
    if (!continued || newline === -1) break;
    start = newline + 1;
  }
  return { text: joined, offsets };
}

/** The requirement of a logical requirements line (before its comment and its first `-` option), as written. */
function requirementOfLine(line: string): WrittenRequirement | null {
  const comment = /(^|\s)#/.exec(line);
  const content = comment ? line.slice(0, comment.index) : line;
  const first = content.length - content.trimStart().length;
  let end = content.trimEnd().length;
  let at = first;
  for (const token of content.slice(first, end).split(' ')) {
    if (token.startsWith('-')) {
      end = at;
      break;
    }
    at += token.length + 1;
  }
  if (end <= first) return null;
  return readWrittenRequirement(line, first, end);
}

// ---------------------------------------------------------------------------------------------------------------------
// TOML manifests

/** A token of a TOML text: enough to find strings, keys, tables and brackets. */
interface TomlToken {
  kind: 'string' | 'bare' | 'punct' | 'newline';
  /** Decoded value for strings; the text otherwise. */
  value: string;
  start: number;
  end: number;
  /** For strings: the raw content is the value (no escapes, one line), so it can be edited in place. */
  plain: boolean;
  line: number;
}

/** The tokens of a TOML text (comments and whitespace dropped, newlines kept). */
function tokensOf(text: string): TomlToken[] {
  const lines = new LineMap(text);
  const tokens: TomlToken[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === '\n') {
      tokens.push({ kind: 'newline', value: '\n', start: i, end: i + 1, plain: false, line: lines.lineAt(i) });
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\uFEFF') {
      i++;
    } else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '"' || c === "'") {
      const read = readTomlString(text, i);
      tokens.push({ kind: 'string', value: read.value, start: i, end: read.end, plain: read.plain, line: lines.lineAt(i) });
      i = read.end;
    } else if ('[]{}=,.'.includes(c)) {
      tokens.push({ kind: 'punct', value: c, start: i, end: i + 1, plain: false, line: lines.lineAt(i) });
      i++;
    } else {
      const start = i;
      while (i < text.length && !/[\s#"'[\]{}=,.]/.test(text[i] ?? '')) i++;
      tokens.push({ kind: 'bare', value: text.slice(start, i), start, end: i, plain: false, line: lines.lineAt(start) });
    }
  }
  return tokens;
}

/** A TOML string literal at `start`: its value (escapes kept raw when not plain) and the offset after it. */
function readTomlString(text: string, start: number): { value: string; end: number; plain: boolean } {
  const quote = text[start] ?? '"';
  const triple = text.startsWith(quote.repeat(3), start);
  let i = start + (triple ? 3 : 1);
  let plain = !triple;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (triple ? text.startsWith(quote.repeat(3), i) : c === quote) {
      let end = i + (triple ? 3 : 1);
      while (triple && text[end] === quote && end < i + 5) end++;
      return { value: text.slice(start + (triple ? 3 : 1), triple ? end - 3 : i), end, plain };
    }
    if (!triple && c === '\n') return { value: text.slice(start + 1, i), end: i, plain: false };
    if (c === '\\' && quote === '"') {
      plain = false;
      i += 2;
      continue;
    }
    i++;
  }
  return { value: text.slice(start + 1), end: text.length, plain: false };
}

/** The previous and next tokens that are not newlines. */
function neighbours(tokens: readonly TomlToken[], index: number): { before: TomlToken | undefined; after: TomlToken | undefined } {
  let b = index - 1;
  while (b >= 0 && tokens[b]?.kind === 'newline') b--;
  let a = index + 1;
  while (a < tokens.length && tokens[a]?.kind === 'newline') a++;
  return { before: tokens[b], after: tokens[a] };
}

/** PEP 508 strings on the package's line that name it: array elements (after `[` or `,`, not keys). */
function pep508Strings(text: string, tokens: readonly TomlToken[], pkg: DeclaredPackage): Array<WrittenRequirement & { specifier: string }> {
  const out: Array<WrittenRequirement & { specifier: string }> = [];
  tokens.forEach((token, index) => {
    if (token.kind !== 'string' || !token.plain || token.line !== pkg.line) return;
    const { before, after } = neighbours(tokens, index);
    if (before?.kind !== 'punct' || (before.value !== '[' && before.value !== ',')) return;
    if (after?.kind === 'punct' && after.value === '=') return;
    const requirement = readWrittenRequirement(text, token.start + 1, token.end - 1);
    if (!requirement || normalizePackageName(requirement.name) !== pkg.name) return;
    const specifier = parseSpecifier(text.slice(requirement.specStart, requirement.specEnd));
    if (specifier.ok) out.push({ ...requirement, specifier: specifier.value });
  });
  return out;
}

/**
 * The constraint strings of a `name = …` entry (Poetry, Pipfile) defined at the package's line: `name = "…"`,
 * `name.version = "…"`, `version = "…"` inside `name = { … }` or `name = [{ … }, …]` (which may span lines), or in
 * a `[….name]` table that starts there.
 */
function keyedConstraints(text: string, tokens: readonly TomlToken[], pkg: DeclaredPackage, flavor: Flavor): LocatedConstraint[] {
  const first = tokens.findIndex((t) => t.line === pkg.line && t.kind !== 'newline');
  const head = tokens[first];
  if (first === -1 || !head) return [];
  const strings: TomlToken[] = [];
  if (head.kind === 'punct' && head.value === '[') {
    // A table header naming the package (`[tool.poetry.dependencies.django]`): `version = "…"` until the next header.
    const close = tokens.findIndex((t, i) => i > first && t.kind === 'punct' && t.value === ']');
    const keys = tokens.slice(first + 1, close === -1 ? first + 1 : close).filter((t) => t.kind !== 'punct');
    if (normalizePackageName(keys[keys.length - 1]?.value ?? '') !== pkg.name) return [];
    for (let i = first + 1; i < tokens.length; i++) {
      const token = tokens[i]!;
      const previous = tokens[i - 1];
      if (token.kind === 'punct' && token.value === '[' && previous?.kind === 'newline') break;
      if (isVersionKey(tokens, i) && previous?.kind === 'newline') strings.push(...valueString(tokens, i + 2));
    }
  } else {
    const equals = tokens.findIndex((t, i) => i > first && t.kind === 'punct' && t.value === '=');
    if (equals === -1 || tokens[equals]!.line !== pkg.line) return [];
    const key = tokens.slice(first, equals).filter((t) => t.kind !== 'punct').map((t) => t.value);
    if (key.length === 0 || normalizePackageName(key[0] ?? '') !== pkg.name) return [];
    const value = tokens[equals + 1];
    if (key.length === 2 && key[1] === 'version') strings.push(...valueString(tokens, equals + 1));
    else if (key.length === 1 && value?.kind === 'string') strings.push(value);
    else if (key.length === 1 && value?.kind === 'punct' && (value.value === '{' || value.value === '[')) {
      let depth = 0;
      for (let i = equals + 1; i < tokens.length; i++) {
        const token = tokens[i]!;
        if (token.kind === 'punct' && (token.value === '{' || token.value === '[')) depth++;
        else if (token.kind === 'punct' && (token.value === '}' || token.value === ']')) depth--;
        else if (isVersionKey(tokens, i)) {
          const before = neighbours(tokens, i).before;
          if (before?.kind === 'punct' && (before.value === '{' || before.value === ',')) strings.push(...valueString(tokens, i + 2));
        }
        if (depth === 0) break;
      }
    }
  }
  const out: LocatedConstraint[] = [];
  for (const token of strings) {
    if (!token.plain) continue;
    const start = token.start + 1;
    const end = token.end - 1;
    const clauses = readClauses(text, start, end, flavor);
    const specifier = toPep440(text.slice(start, end), flavor);
    if (clauses && specifier.ok) out.push({ flavor, start, end, clauses, specifier: specifier.value });
  }
  return out;
}

/** `version` `=` at `index` (the key of a statement or of an inline-table entry). */
function isVersionKey(tokens: readonly TomlToken[], index: number): boolean {
  const token = tokens[index];
  const next = tokens[index + 1];
  return (token?.kind === 'bare' || token?.kind === 'string') && token.value === 'version' && next?.kind === 'punct' && next.value === '=';
}

function valueString(tokens: readonly TomlToken[], index: number): TomlToken[] {
  const token = tokens[index];
  return token?.kind === 'string' ? [token] : [];
}

// ---------------------------------------------------------------------------------------------------------------------
// The plan as text

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** What a lock upgrade says about where an indirect package comes from. */
function via(upgrade: LockUpgrade): string {
  if (upgrade.direct) return '';
  if (upgrade.path.length < 2) return ' (indirect)';
  if (upgrade.path.length === 2) return ` (indirect, pulled in by ${upgrade.path[0]})`;
  return ` (indirect, pulled in by ${upgrade.path[0]}: ${upgrade.path.join(' → ')})`;
}

/** How the changes of a plan ended: not written (a dry run), or written except the files in `failed`. */
export interface FormatOptions {
  dryRun: boolean;
  /** Files whose writing failed (their changes are marked `(not written)`). */
  failed?: ReadonlySet<string>;
}

/**
 * The plan as plain text: the changes (`file:line  old → new`), the lock files with their commands, the hash
 * warnings, what could not be fixed, and a summary line.
 */
export function formatFixPlan(plan: FixPlan, options: FormatOptions): string {
  const out: string[] = [];
  const failed = options.failed ?? new Set<string>();
  const edits = plan.rewrites.flatMap((r) => r.edits);
  if (edits.length === 0 && plan.locks.length === 0 && plan.manual.length === 0) {
    return 'Nothing to fix: no pinned dependency is affected by a known advisory.\n';
  }
  if (edits.length > 0) {
    out.push(options.dryRun ? 'Changes (dry run, nothing written):' : failed.size > 0 ? 'Changes:' : 'Changes written:');
    for (const e of edits) out.push(`${e.file}:${e.line}  ${e.before} → ${e.after}${!options.dryRun && failed.has(e.file) ? '  (not written)' : ''}`);
  }
  if (plan.locks.length > 0) {
    if (out.length > 0) out.push('');
    out.push('Lock files (never edited; run these commands):');
    for (const lock of plan.locks) {
      for (const u of lock.upgrades) out.push(`${lock.file}:${u.line}  ${u.name} ${u.from} → ${u.to}${via(u)}`);
      const where = lock.directory === '.' ? '' : ` in ${lock.directory}/`;
      if (lock.recreate) {
        const wanted = lock.upgrades.map((u) => `${u.name}>=${u.to}`).join(', ');
        out.push(`  re-create ${lock.file}${where} with ${lock.command}, resolving ${wanted}`);
      } else {
        out.push(`  run${where}: ${lock.command}`);
      }
    }
  }
  if (plan.hashWarnings.length > 0) {
    if (out.length > 0) out.push('');
    out.push('Warnings:');
    for (const w of plan.hashWarnings) {
      out.push(`${w.file}:${w.line}  ${w.rawName}: the --hash pins are for ${w.from}, not ${w.to}; regenerate them: ${w.command}`);
    }
  }
  if (plan.manual.length > 0) {
    if (out.length > 0) out.push('');
    out.push('Not fixed automatically:');
    for (const m of plan.manual) out.push(`${m.file}:${m.line}  ${m.subject}: ${m.message}`);
  }
  const summary: string[] = [];
  if (options.dryRun && edits.length > 0) {
    summary.push(`${plural(edits.length, 'change')} in ${plural(plan.rewrites.length, 'file')} not written (dry run)`);
  } else if (edits.length > 0) {
    const written = plan.rewrites.filter((r) => !failed.has(r.file));
    const writtenEdits = written.reduce((n, r) => n + r.edits.length, 0);
    if (written.length > 0) summary.push(`${plural(writtenEdits, 'change')} written in ${plural(written.length, 'file')}`);
    if (written.length < plan.rewrites.length) summary.push(`${plural(edits.length - writtenEdits, 'change')} not written (errors)`);
  }
  if (plan.locks.length > 0) summary.push(`${plural(plan.locks.length, 'lock file')} to update`);
  if (plan.hashWarnings.length > 0) summary.push(`${plural(plan.hashWarnings.length, 'hash-pinned requirement')} to re-hash`);
  if (plan.manual.length > 0) summary.push(`${plural(plan.manual.length, 'package')} not fixed`);
  out.push('', `Summary: ${summary.join(', ')}.`);
  return `${out.join('\n')}\n`;
}

/**
 * The exit code of `fix deps`: 1 when something is left to do by hand (lock files, hashes, packages not fixed) or,
 * in a dry run, when changes are pending; 0 otherwise.
 */
export function fixExitCode(plan: FixPlan, dryRun: boolean): number {
  if (plan.locks.length > 0 || plan.hashWarnings.length > 0 || plan.manual.length > 0) return 1;
  return plan.rewrites.length > 0 && dryRun ? 1 : 0;
}
