/**
 * What Django's template filters do to a value, for rules that ask whether a rendered variable is safe where it
 * lands: filters whose output is fixed (numbers, booleans, the template's own literals) and encodings that hold
 * only in some JavaScript states.
 */
import type { JsState } from './html-context.js';
import { isTemplateLiteral, type VariableExpression } from './lexer.js';

/** A literal filter argument that cannot end a JavaScript string or add code: `"true,false"`, `"Y-m-d"`. */
const PLAIN_ARGUMENT = /^(?:"[\w ,.:/-]*"|'[\w ,.:/-]*'|-?\d+(?:\.\d+)?)$/;

/** Filters whose output is a number, a boolean or built from their literal argument, whatever the value. */
const FIXED_OUTPUT = new Set(['length', 'wordcount', 'floatformat', 'filesizeformat', 'divisibleby', 'length_is', 'yesno', 'pluralize', 'date', 'time']);
/** `stringformat` with a numeric conversion: `"d"`, `".2f"`, `"05x"`. */
const NUMERIC_FORMAT = /^(["'])[#0\- +]*\d*(?:\.\d+)?[diouxXeEfFgG]\1$/;

/** The filters that decide what reaches the page: trailing `|safe` and literal `|default:…` fall-backs are skipped. */
export function effectiveFilters(expression: VariableExpression): VariableExpression['filters'] {
  const filters = [...expression.filters];
  while (filters.length > 0) {
    const last = filters[filters.length - 1]!;
    if (last.name === 'safe' || ((last.name === 'default' || last.name === 'default_if_none') && last.arg !== undefined && PLAIN_ARGUMENT.test(last.arg))) filters.pop();
    else break;
  }
  return filters;
}

/** The value cannot carry anything but digits, booleans and the template's own literals. */
export function isFixed(expression: VariableExpression): boolean {
  // Django's CSRF token is 64 ASCII letters and digits.
  if (expression.base === 'csrf_token' && expression.filters.length === 0) return true;
  if (expression.filters.some((f) => f.arg !== undefined && !PLAIN_ARGUMENT.test(f.arg) && !isTemplateLiteral(f.arg))) return false;
  const filters = effectiveFilters(expression);
  const last = filters[filters.length - 1];
  if (!last) return isTemplateLiteral(expression.base);
  if (last.name === 'stringformat') return last.arg !== undefined && NUMERIC_FORMAT.test(last.arg);
  if (!FIXED_OUTPUT.has(last.name)) return false;
  return last.arg === undefined || PLAIN_ARGUMENT.test(last.arg);
}

const STRING_STATES: ReadonlySet<JsState> = new Set(['single-quoted-string', 'double-quoted-string']);

/** Is the value encoded for the JavaScript state it lands in? */
export function encodedFor(expression: VariableExpression, state: JsState): boolean {
  const last = effectiveFilters(expression).at(-1)?.name;
  if (last === 'escapejs') return STRING_STATES.has(state) || state === 'line-comment';
  if (last === 'urlencode') return STRING_STATES.has(state);
  return false;
}
