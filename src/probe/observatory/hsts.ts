/**
 * Strict-Transport-Security parsing as the MDN HTTP Observatory does it (`src/analyzer/hsts.js`): the first header
 * only; a `,` in it means it was sent twice (invalid); `max-age` must be present and non-zero.
 */

export interface Hsts {
  maxAge: number;
  includeSubDomains: boolean;
  preload: boolean;
}

export type HstsParse = { ok: true; value: Hsts } | { ok: false; reason: string };

/** Six months in seconds: the Observatory's threshold. */
export const SIX_MONTHS = 15_552_000;
/** One year in seconds: the HSTS preload list's minimum and the threshold (31536000). */
export const ONE_YEAR = 31_536_000;

export function parseHsts(header: string): HstsParse {
  if (header.includes(',')) return { ok: false, reason: 'the header was sent more than once (its value contains ",")' };
  let maxAge: number | null = null;
  let includeSubDomains = false;
  let preload = false;
  for (const raw of header.split(';')) {
    const parameter = raw.trim().toLowerCase();
    if (parameter === '') continue;
    const match = /^max-age\s*=\s*"?(\d{1,15})"?$/.exec(parameter);
    if (match) {
      if (maxAge !== null) return { ok: false, reason: 'max-age is given twice' };
      maxAge = Number(match[1]);
    } else if (parameter.startsWith('max-age')) {
      return { ok: false, reason: `"${raw.trim()}" is not a number of seconds` };
    } else if (parameter === 'includesubdomains') includeSubDomains = true;
    else if (parameter === 'preload') preload = true;
  }
  if (maxAge === null) return { ok: false, reason: 'max-age is missing' };
  if (maxAge === 0) return { ok: false, reason: 'max-age=0 tells browsers to forget HSTS' };
  return { ok: true, value: { maxAge, includeSubDomains, preload } };
}

/** "6 months", "1 day", "300 seconds": a duration for messages. */
export function describeSeconds(seconds: number): string {
  const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (seconds >= ONE_YEAR && seconds % ONE_YEAR === 0) return plural(seconds / ONE_YEAR, 'year');
  if (seconds >= 2_592_000) return `${plural(Math.round(seconds / 2_592_000), 'month')} (${seconds} s)`;
  if (seconds >= 86_400) return `${plural(Math.round(seconds / 86_400), 'day')} (${seconds} s)`;
  return plural(seconds, 'second');
}
