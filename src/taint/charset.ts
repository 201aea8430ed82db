/**
 * Which characters a regular expression lets through: for regex guards (`if re.fullmatch(r"[\w-]+", x):`) and for
 * URL arguments (a `<slug:…>` or `(?P<year>[0-9]{4})` capture). A value that can only hold characters none of which
 * an attack on a sink class needs (its rule's `attackCharacters`) is safe for that class.
 */

/** A predicate on single characters. */
export type Admits = (ch: string) => boolean;

const WORD: Array<[string, string]> = [
  ['a', 'z'],
  ['A', 'Z'],
  ['0', '9'],
  ['_', '_'],
];
const DIGITS: Array<[string, string]> = [['0', '9']];
const QUANTIFIER = /^(?:[+*?]|\{\d+(?:,\d*)?\})\??/;

function inRanges(ranges: ReadonlyArray<[string, string]>, ch: string): boolean {
  return ranges.some(([lo, hi]) => ch >= lo && ch <= hi);
}

/**
 * What a regular expression body made of character classes (negated ones too), `\d`, `\w`, `.` and literal characters,
 * with quantifiers, can match; undefined when it uses groups or alternation. `mode` says how it is applied: `fullmatch`
 * (the whole value), `match` (anchored at the start; needs `$` to cover the value) or `search` (needs `^…$`).
 */
export function admittedCharacters(pattern: string, mode: 'fullmatch' | 'match' | 'search' = 'fullmatch'): Admits | undefined {
  let body = pattern;
  const start = body.startsWith('^') || body.startsWith('\\A');
  if (start) body = body.startsWith('^') ? body.slice(1) : body.slice(2);
  const end = /(?:\$|\\Z|\\z)$/.exec(body);
  if (end) body = body.slice(0, -end[0].length);
  if (mode === 'match' && !end) return undefined;
  if (mode === 'search' && !(start && end)) return undefined;
  const atoms: Admits[] = [];
  let i = 0;
  while (i < body.length) {
    const ch = body[i]!;
    if (ch === '\\') {
      const next = body[i + 1];
      if (next === 'd') atoms.push((c) => inRanges(DIGITS, c));
      else if (next === 'w') atoms.push((c) => inRanges(WORD, c));
      else if (next !== undefined && /[.\-+*?()[\]{}|^$\\/ ]/.test(next)) atoms.push((c) => c === next);
      else return undefined;
      i += 2;
    } else if (ch === '[') {
      const negated = body[i + 1] === '^';
      const from = negated ? i + 2 : i + 1;
      const close = body.indexOf(']', from + 1);
      if (close < 0) return undefined;
      const ranges = classRanges(body.slice(from, close));
      if (!ranges) return undefined;
      atoms.push(negated ? (c) => !inRanges(ranges, c) : (c) => inRanges(ranges, c));
      i = close + 1;
    } else if (ch === '.') {
      atoms.push(() => true);
      i++;
    } else if (/[A-Za-z0-9_\- @:,=/]/.test(ch)) {
      atoms.push((c) => c === ch);
      i++;
    } else {
      return undefined;
    }
    const quantifier = QUANTIFIER.exec(body.slice(i));
    if (quantifier) i += quantifier[0].length;
  }
  return atoms.length === 0 ? undefined : (c) => atoms.some((atom) => atom(c));
}

function classRanges(inner: string): Array<[string, string]> | undefined {
  const ranges: Array<[string, string]> = [];
  for (let j = 0; j < inner.length; j++) {
    const c = inner[j]!;
    if (c === '\\') {
      const next = inner[j + 1];
      if (next === 'd') ranges.push(...DIGITS);
      else if (next === 'w') ranges.push(...WORD);
      else if (next !== undefined && !/[sSDWbB]/.test(next)) ranges.push([next, next]);
      else return undefined;
      j++;
    } else if (inner[j + 1] === '-' && j + 2 < inner.length) {
      ranges.push([c, inner[j + 2]!]);
      j += 2;
    } else {
      ranges.push([c, c]);
    }
  }
  return ranges;
}

/** Does a value restricted to `admits` contain none of the characters an attack needs? */
export function excludesAll(admits: Admits, attackCharacters: string): boolean {
  return ![...attackCharacters].some(admits);
}

/** Only digits (an id, a year): never attacker text, whatever the sink. */
export function digitsOnly(admits: Admits): boolean {
  return excludesAll(admits, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-./\\'\"<>&;:=()[]{}%$#@!?*+,| \t\n");
}
