/**
 * Poetry version constraints (`^1.2`, `~1.2`, `1.2.*`, `>=1.2 <2`, `1.2.3`, `a || b`) as PEP 440 specifiers:
 * `^1.2.3` → `>=1.2.3,<2.0.0`, `^0.2.3` → `>=0.2.3,<0.3.0`, `~1.2` → `>=1.2,<1.3`, a bare version is an exact pin.
 * PEP 440 has no "or": alternatives are converted one by one and joined with `||`.
 */
import type { Parsed } from './pep508.js';

const OPERATORS = /(\^|~=|~|===|==|!=|<=|>=|<|>|=)\s+/g;
const CLAUSE = /^(\^|~=|~|===|==|!=|<=|>=|<|>|=)?(.+)$/;

/** Converts a poetry constraint to a PEP 440 specifier ('' for `*` or none). */
export function poetryToPep440(constraint: string): Parsed<string> {
  const alternatives: string[] = [];
  for (const alternative of constraint.split('||')) {
    const converted = convertAll(alternative);
    if (!converted.ok) return converted;
    alternatives.push(converted.value);
  }
  if (alternatives.some((alternative) => alternative === '')) return { ok: true, value: '' };
  return { ok: true, value: alternatives.join('||') };
}

function convertAll(text: string): Parsed<string> {
  const clauses = text
    .replace(OPERATORS, '$1')
    .split(/[\s,]+/)
    .filter((clause) => clause !== '' && clause !== '*');
  const out: string[] = [];
  for (const clause of clauses) {
    const converted = convertClause(clause);
    if (!converted.ok) return converted;
    out.push(converted.value);
  }
  return { ok: true, value: out.join(',') };
}

function convertClause(clause: string): Parsed<string> {
  const match = CLAUSE.exec(clause);
  const operator = match?.[1] ?? '';
  const version = match?.[2] ?? '';
  if (operator === '^' || operator === '~') {
    const upper = upperBound(version, operator);
    if (upper === null) return { ok: false, error: `cannot read the poetry constraint \`${clause}\`` };
    return { ok: true, value: `>=${version},<${upper}` };
  }
  if (operator === '' || operator === '=') return { ok: true, value: `==${version}` };
  return { ok: true, value: operator + version };
}

/** The exclusive upper bound of a caret or tilde constraint, or null when the version has no numeric release. */
function upperBound(version: string, operator: '^' | '~'): string | null {
  const release = /^(\d+(?:\.\d+)*)/.exec(version)?.[1];
  if (!release) return null;
  const parts = release.split('.').map(Number);
  let bump: number;
  if (operator === '~') bump = parts.length === 1 ? 0 : 1;
  else {
    bump = parts.findIndex((part) => part !== 0);
    if (bump === -1) bump = parts.length - 1;
  }
  return parts.map((part, i) => (i < bump ? part : i === bump ? part + 1 : 0)).join('.');
}

/** A marker for poetry's `python = "…"` key of a dependency (`python_version >= "3.8" and python_version < "4.0"`). */
export function pythonMarker(constraint: string): string | null {
  const converted = poetryToPep440(constraint);
  if (!converted.ok || converted.value === '') return null;
  const alternatives = converted.value.split('||').map((alternative) =>
    alternative
      .split(',')
      .map((clause) => {
        const match = /^(===|~=|==|!=|<=|>=|<|>)(.+)$/.exec(clause);
        return match ? `python_version ${match[1]} "${match[2]}"` : '';
      })
      .filter((part) => part !== '')
      .join(' and '),
  );
  return alternatives.length === 1 ? (alternatives[0] ?? null) : alternatives.map((alternative) => `(${alternative})`).join(' or ');
}
