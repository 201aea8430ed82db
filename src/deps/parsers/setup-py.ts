/**
 * `setup.py`: the literal `install_requires=[…]` list and `extras_require={…}` dict of literal lists, read from the
 * text and never executed. A name bound once at the top level to a literal (`REQUIRES = [...]`,
 * `install_requires=REQUIRES`) is followed. Anything else (a function call, a comprehension, a list built from a
 * file) is computed at run time: a problem, not a crash. Old-style `extras_require` keys with a marker
 * (`":python_version < '3'"`, `"test:sys_platform == 'win32'"`) are honoured.
 */
import type { DependencyFile } from '../model.js';
import { emptyFile, makePackage, problem, stripBom } from './common.js';
import { parseRequirement } from './pep508.js';
import { tokenizePython, type Token } from './python-tokens.js';

/** A string literal element and its line. */
interface LiteralString {
  value: string;
  line: number;
}

/** A literal read from the tokens: the strings found, whether some part was not literal, where it ended. */
interface ListResult {
  items: LiteralString[];
  computed: boolean;
  end: number;
}

const MAX_NAME_HOPS = 4;

/** Parses a `setup.py`'s literal `install_requires` and `extras_require`. */
export function parseSetupPy(text: string, path: string): DependencyFile {
  const file = emptyFile(path, 'setup-py');
  const tokens = tokenizePython(stripBom(text));
  const reader = new LiteralReader(tokens);
  for (const site of keywordSites(tokens, 'install_requires')) {
    const result = reader.list(site.value, 0);
    reportComputed(file, 'install_requires', site.line, result);
    addRequirements(file, result.items, [], null);
  }
  for (const site of keywordSites(tokens, 'extras_require')) readExtras(file, reader, site);
  return file;
}

/** Where a keyword argument `name=` or a dict entry `"name":` is given: the token index of its value. */
function keywordSites(tokens: readonly Token[], name: string): Array<{ value: number; line: number }> {
  const sites: Array<{ value: number; line: number }> = [];
  tokens.forEach((token, i) => {
    const next = tokens[i + 1];
    if (next?.kind !== 'op') return;
    const keyword = token.kind === 'name' && next.value === '=' && !token.topLevel;
    const dictKey = token.kind === 'string' && !token.formatted && next.value === ':';
    if (token.value === name && (keyword || dictKey)) sites.push({ value: i + 2, line: token.line });
  });
  return sites;
}

function reportComputed(file: DependencyFile, what: string, line: number, result: ListResult): void {
  if (!result.computed) return;
  const message =
    result.items.length === 0
      ? `${what} is computed at run time; not audited`
      : `${what} is partly computed at run time; only its literal entries are audited`;
  file.problems.push(problem(file.path, line, message));
}

function readExtras(file: DependencyFile, reader: LiteralReader, site: { value: number; line: number }): void {
  const extras = reader.dict(site.value, 0);
  if (extras.computed) {
    const what = extras.entries.length === 0 ? 'extras_require is computed at run time; not audited' : 'extras_require is partly computed at run time; only its literal entries are audited';
    file.problems.push(problem(file.path, site.line, what));
  }
  for (const entry of extras.entries) {
    reportComputed(file, `extras_require[${JSON.stringify(entry.key)}]`, entry.line, entry.list);
    const colon = entry.key.indexOf(':');
    const group = (colon === -1 ? entry.key : entry.key.slice(0, colon)).trim();
    const marker = colon === -1 ? null : entry.key.slice(colon + 1).trim() || null;
    addRequirements(file, entry.list.items, group === '' ? [] : [group], marker);
  }
}

/** Adds each requirement line of the literal strings (a string may hold several, one per line). */
function addRequirements(file: DependencyFile, items: readonly LiteralString[], groups: string[], extraMarker: string | null): void {
  for (const item of items) {
    item.value.split('\n').forEach((raw, offset) => {
      const text = raw.replace(/(^|\s)#.*$/, '').trim();
      if (text === '') return;
      const line = item.line + offset;
      const parsed = parseRequirement(text);
      if (!parsed.ok) {
        file.problems.push(problem(file.path, line, `cannot read requirement: ${parsed.error}`));
        return;
      }
      const own = parsed.value.marker;
      const marker = own && extraMarker ? `(${own}) and (${extraMarker})` : (own ?? extraMarker);
      file.packages.push(makePackage(file.path, { ...parsed.value, marker, line, groups }));
    });
  }
}

/** Reads literal lists and dicts of strings from the token stream, following top-level names bound to literals. */
class LiteralReader {
  constructor(private readonly tokens: readonly Token[]) {}

  /** A list / tuple of strings, a single string, or a name bound to one, starting at token `i`. */
  list(i: number, hops: number): ListResult {
    const token = this.tokens[i];
    if (!token) return { items: [], computed: true, end: i };
    if (token.kind === 'op' && (token.value === '[' || token.value === '(')) return this.sequence(i);
    if (token.kind === 'string') {
      const string = this.strings(i);
      if (string) return { ...string, computed: this.continues(string.end) };
    }
    if (token.kind === 'name' && hops < MAX_NAME_HOPS) {
      const bound = this.binding(token.value);
      if (bound !== null) {
        const result = this.list(bound, hops + 1);
        return { ...result, computed: result.computed || this.continues(i + 1), end: i + 1 };
      }
    }
    return { items: [], computed: true, end: this.skipValue(i) };
  }

  /** A dict literal `{"key": [...]}`, `dict(key=[...])`, or a name bound to one. */
  dict(i: number, hops: number): { entries: Array<{ key: string; line: number; list: ListResult }>; computed: boolean } {
    const token = this.tokens[i];
    if (token?.kind === 'op' && token.value === '{') return this.dictEntries(i + 1, '}', 'string', ':');
    if (token?.kind === 'name' && token.value === 'dict' && this.tokens[i + 1]?.value === '(') return this.dictEntries(i + 2, ')', 'name', '=');
    if (token?.kind === 'name' && hops < MAX_NAME_HOPS) {
      const bound = this.binding(token.value);
      if (bound !== null) return this.dict(bound, hops + 1);
    }
    return { entries: [], computed: true };
  }

  private dictEntries(start: number, close: string, keyKind: 'string' | 'name', separator: string) {
    const entries: Array<{ key: string; line: number; list: ListResult }> = [];
    let computed = false;
    let i = start;
    while (i < this.tokens.length && this.tokens[i]?.value !== close) {
      const key = this.tokens[i];
      if (key?.kind === keyKind && !key.formatted && this.tokens[i + 1]?.value === separator) {
        const list = this.list(i + 2, 0);
        entries.push({ key: key.value, line: key.line, list });
        i = list.end;
      } else {
        computed = true;
        i = this.skipValue(i);
      }
      if (this.tokens[i]?.value === ',') i++;
      else if (this.tokens[i]?.value !== close) i = this.skipValue(i);
    }
    return { entries, computed };
  }

  /** `[ "a", "b" "c", ... ]`: literal elements; other elements mark the list computed. */
  private sequence(open: number): ListResult {
    const close = this.tokens[open]?.value === '[' ? ']' : ')';
    const items: LiteralString[] = [];
    let computed = false;
    let i = open + 1;
    while (i < this.tokens.length && this.tokens[i]?.value !== close) {
      const string = this.tokens[i]?.kind === 'string' ? this.strings(i) : null;
      const next = string ? this.tokens[string.end] : undefined;
      if (string && (next?.value === ',' || next?.value === close)) {
        items.push(...string.items);
        i = string.end;
      } else {
        computed = true;
        i = this.skipValue(i);
      }
      if (this.tokens[i]?.value === ',') i++;
    }
    const end = i + 1;
    return { items, computed: computed || this.continues(end), end };
  }

  /** Adjacent string literals (implicit concatenation) from `i`; null when one of them is an f-string. */
  private strings(i: number): { items: LiteralString[]; end: number } | null {
    const first = this.tokens[i];
    if (!first) return null;
    let value = '';
    let j = i;
    while (this.tokens[j]?.kind === 'string') {
      if (this.tokens[j]?.formatted) return null;
      value += this.tokens[j]?.value ?? '';
      j++;
    }
    return { items: [{ value, line: first.line }], end: j };
  }

  /** Whether the expression ending before token `i` goes on (`[...] + other`, `REQS.copy()`). */
  private continues(i: number): boolean {
    const next = this.tokens[i];
    if (!next || next.topLevel) return false;
    return !(next.kind === 'op' && [',', ')', ']', '}', ';'].includes(next.value));
  }

  /** Token index of the value a top-level name is bound to, when it is bound exactly once and never changed. */
  private binding(name: string): number | null {
    const assignments: number[] = [];
    for (let i = 0; i < this.tokens.length; i++) {
      const token = this.tokens[i];
      const next = this.tokens[i + 1];
      if (token?.kind !== 'name' || token.value !== name || next?.kind !== 'op') continue;
      if (next.value === '=' && token.topLevel) assignments.push(i + 2);
      else if (next.value.length === 2 && next.value.endsWith('=') && next.value !== '==') return null; // augmented
      else if (next.value === '.' && /^(append|extend|insert|update|setdefault|pop|remove)$/.test(this.tokens[i + 2]?.value ?? '')) return null;
    }
    return assignments.length === 1 ? (assignments[0] ?? null) : null;
  }

  /** Skips one value: up to the next `,` or closing bracket at the same nesting level. */
  private skipValue(i: number): number {
    let depth = 0;
    for (; i < this.tokens.length; i++) {
      const token = this.tokens[i];
      if (token?.kind !== 'op') continue;
      if ('([{'.includes(token.value)) depth++;
      else if (')]}'.includes(token.value)) {
        if (depth === 0) return i;
        depth--;
      } else if (token.value === ',' && depth === 0) return i;
    }
    return i;
  }
}
