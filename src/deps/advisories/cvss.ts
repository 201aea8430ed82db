/**
 * CVSS v3.x base scores from vector strings (FIRST's CVSS v3.1 specification, section 7 and appendix A), and the
 * qualitative severity scale. OSV records carry vectors, never numbers, so the score is computed here.
 *
 * CVSS v3.0 and v3.1 share the base equations; v3.1 only defines `Roundup` precisely (integer arithmetic, so that
 * 4.000000000000001 rounds to 4.0, not 4.1). The v3.1 `Roundup` is used for both, as the v3.1 specification
 * recommends. Temporal and environmental metrics may appear in a vector; they do not change the base score.
 */

/** The qualitative severity of a CVSS score (v3.1 table 14), with "None" (0.0) folded into `low`. */
export type CvssSeverity = 'critical' | 'high' | 'medium' | 'low';

const BASE_METRICS = ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'] as const;
type BaseMetric = (typeof BASE_METRICS)[number];

const WEIGHTS: Record<Exclude<BaseMetric, 'PR' | 'S'>, Record<string, number>> = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  C: { H: 0.56, L: 0.22, N: 0 },
  I: { H: 0.56, L: 0.22, N: 0 },
  A: { H: 0.56, L: 0.22, N: 0 },
};

/** Privileges Required weighs more when the scope changes. */
const PRIVILEGES: Record<'U' | 'C', Record<string, number>> = {
  U: { N: 0.85, L: 0.62, H: 0.27 },
  C: { N: 0.85, L: 0.68, H: 0.5 },
};

/**
 * v3.1 `Roundup`: the smallest number with one decimal place that is ≥ the input, computed on integers so that
 * floating-point noise below 1e-5 does not round up.
 */
export function roundUp1(value: number): number {
  const scaled = Math.round(value * 100_000);
  return scaled % 10_000 === 0 ? scaled / 100_000 : (Math.floor(scaled / 10_000) + 1) / 10;
}

/**
 * Reads the base metrics of a `CVSS:3.0/…` or `CVSS:3.1/…` vector; null when the prefix is another version, a base
 * metric is missing, repeated or has an unknown value. Other (temporal, environmental) metrics are ignored.
 */
export function parseCvss3Vector(vector: string): Record<BaseMetric, string> | null {
  const parts = vector.trim().split('/');
  if (parts[0] !== 'CVSS:3.0' && parts[0] !== 'CVSS:3.1') return null;
  const metrics = new Map<string, string>();
  for (const part of parts.slice(1)) {
    const [key, value, extra] = part.split(':');
    if (key === undefined || value === undefined || extra !== undefined || metrics.has(key)) return null;
    metrics.set(key, value);
  }
  const base = {} as Record<BaseMetric, string>;
  for (const metric of BASE_METRICS) {
    const value = metrics.get(metric);
    if (value === undefined) return null;
    base[metric] = value;
  }
  const scope = base.S;
  if (scope !== 'U' && scope !== 'C') return null;
  if (PRIVILEGES[scope][base.PR] === undefined) return null;
  for (const metric of ['AV', 'AC', 'UI', 'C', 'I', 'A'] as const) if (WEIGHTS[metric][base[metric]] === undefined) return null;
  return base;
}

/** The CVSS v3.x base score (0.0–10.0) of a vector, or null when the vector is not a valid v3.0/v3.1 vector. */
export function cvss3BaseScore(vector: string): number | null {
  const m = parseCvss3Vector(vector);
  if (!m) return null;
  const weight = (metric: Exclude<BaseMetric, 'PR' | 'S'>): number => WEIGHTS[metric][m[metric]] ?? 0;
  const changed = m.S === 'C';
  const iss = 1 - (1 - weight('C')) * (1 - weight('I')) * (1 - weight('A'));
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
  if (impact <= 0) return 0;
  const privileges = PRIVILEGES[changed ? 'C' : 'U'][m.PR] ?? 0;
  const exploitability = 8.22 * weight('AV') * weight('AC') * privileges * weight('UI');
  return roundUp1(Math.min((changed ? 1.08 : 1) * (impact + exploitability), 10));
}

/** CVSS v3.1 qualitative rating: 9.0–10.0 critical, 7.0–8.9 high, 4.0–6.9 medium, below 4.0 low (0.0 included). */
export function cvssSeverity(score: number): CvssSeverity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  return 'low';
}
