/**
 * The scorecard (issue 9): where a project stands on each of the ten practices, and in which order to fix things.
 *
 * **Practices.** Every rule belongs to one practice, by `PRACTICE_RULES` below, the one place that says so. An entry
 * is an exact code (`SET004`), an inclusive range of one prefix (`HRD001-HRD019`) or a whole prefix (`TNT`: every
 * taint rule, present and future). An exact code wins over a range, a range over a prefix. A rule no entry names
 * falls back to `other` at run time, but the scorecard test fails for it: a new rule must be placed deliberately.
 *
 * **Practice score (0–100).** Each reported finding (suppressed and baselined ones do not count) weighs
 * `SEVERITY_POINTS[severity] × CONFIDENCE_FACTOR[confidence]` percent: critical 40, high 25, medium 10, low 2,
 * info 0, times 1 (high confidence), 0.75 (medium) or 0.5 (low). Repeats of one rule weigh less, because the same
 * problem repeated is one fix: the k-th finding of a rule in the practice (heaviest first) weighs `weight / k`.
 * Every finding then takes its percentage of what is left:
 *
 *     score = round(100 × Π (1 − weight_i / 100))
 *
 * so one critical finding leaves 60, two leave 36; one medium 90; a low barely counts (98), and no number of
 * findings takes the score below 0.
 *
 * **Practice status.** `fail` when a finding is critical or high with medium or high confidence, or the score is
 * under 50; else `warn` when any finding is medium or above (a high-severity guess included), or the score is under
 * 90 (many low findings); else `pass` (no findings, or a few low/info ones).
 *
 * **Overall score.** Half the mean of the practice scores plus half the lowest one (a site is as strong as its
 * weakest practice), rounded, then capped: at most 64 when a practice fails, at most 89 when one warns. Practices no
 * enabled rule could check (`ponyguard probe` has no dependency rules, `--select` may leave a practice out) are listed
 * with score 100, status `pass` and a summary that says so, and are left out of the overall score.
 *
 * **Grade.** From the overall score: A+ ≥ 97, A ≥ 90, A- ≥ 85, B+ ≥ 80, B ≥ 70, B- ≥ 65, C+ ≥ 60, C ≥ 50, C- ≥ 45,
 * D+ ≥ 40, D ≥ 30, D- ≥ 25, F below (the HTTP Observatory's letter thresholds, with A+ from 97).
 *
 * **Fix-first priority.** `priority = round(10 × SEVERITY_RANK × CONFIDENCE_FACTOR × EXPOSURE)`, higher first:
 * severity critical 10, high 7, medium 4, low 2, info 1; confidence as above (1, 0.75, 0.5); exposure 1.5 in a live
 * response (probe and correlation rules: the problem is on the running site), 1.4 when reachable from a URL route
 * (taint findings, whose sources are views' request data, and `ROUTE_RULES`, reported at a view or a route), 1.2 in
 * production settings (the settings rules judge only production modules, or the one given with `--settings`),
 * 1 elsewhere. A critical, certain, live finding is 150; an info finding of low confidence 5.
 */
import type { Confidence, Finding, Severity } from './finding.js';
import { letterFor, OBSERVATORY_GRADE_CHART, type GradeChart } from './grade-chart.js';
import { compareFindings, PRACTICES, type PracticeId, type PracticeScore, type Scorecard } from './report.js';

export const PRACTICE_TITLES: Readonly<Record<PracticeId, string>> = {
  version: 'Know your version',
  authentication: 'Throttle authentication',
  secrets: 'Protect source code and secrets',
  injection: 'Prevent injection (raw SQL, XSS, commands)',
  https: 'Serve everything over HTTPS',
  headers: 'Security headers and CSRF protection intact',
  cookies: 'Secure cookies and sessions',
  uploads: 'Handle uploads safely',
  dependencies: 'Keep dependencies patched',
  other: 'Other code risks',
};

/** Which rules count against which practice: exact codes, `FIRST-LAST` ranges of one prefix, or whole prefixes. */
export const PRACTICE_RULES: Readonly<Record<PracticeId, readonly string[]>> = {
  // Django's support status, not vulnerable packages in general.
  version: ['DEP004', 'DEP005'],
  // Login throttling, lockouts, password storage and policy, the admin login.
  authentication: ['HRD001-HRD019', 'SET208', 'SET209', 'SET220', 'WEB052', 'WEB057'],
  // Source protection: committed secrets, secret keys and passwords in code, published source, DEBUG and other
  // ways the running site shows its code and settings.
  secrets: [
    'SEC',
    'HRD040-HRD059',
    'SET009',
    'SET018',
    'SET025',
    'SET201',
    'SET216',
    'SET218',
    'SET221',
    'PY105',
    'PY106',
    'PY107',
    'PY806',
    'PY809',
    'WEB050',
    'WEB051',
    'WEB053',
    'WEB056',
    'WEB082',
  ],
  // Request data into SQL, HTML, shell commands, code, templates, paths, URLs, headers and logs.
  injection: [
    'TNT',
    'TPL001-TPL005',
    'PY102',
    'PY307',
    'PY308',
    'PY404',
    'PY601',
    'PY602',
    'PY603',
    'PY604',
    'PY605',
    'PY606',
    'PY607',
    'PY608',
    'PY609',
    'PY610',
    'PY611',
    'PY701',
    'PY702',
    'PY703',
    'PY704',
    'PY802',
    'PY803',
    'PY804',
    'PY805',
    'PY807',
  ],
  // The site served over HTTPS only: redirects, HSTS, TLS, mixed content, the proxy header, mail over TLS.
  https: [
    'SET004',
    'SET005',
    'SET008',
    'SET021',
    'SET202',
    'SET203',
    'SET204',
    'SET219',
    'WEB001-WEB005',
    'WEB027',
    'WEB029-WEB032',
    'WEB080',
    'WEB083',
  ],
  // Security headers (CSP, framing, nosniff, referrer, COOP, CORS, Host validation, banners) and CSRF protection.
  headers: [
    'SET001',
    'SET002',
    'SET003',
    'SET006',
    'SET007',
    'SET019',
    'SET020',
    'SET022',
    'SET023',
    'SET024',
    'SET026',
    'SET040',
    'SET101',
    'SET102',
    'SET200',
    'SET206',
    'SET207',
    'SET211',
    'SET212',
    'SET213',
    'TPL006',
    'PY801',
    'WEB006-WEB019',
    'WEB023-WEB026',
    'WEB028',
    'WEB055',
  ],
  // Session and CSRF cookie flags, and what the session holds.
  cookies: ['SET010-SET017', 'SET205', 'SET210', 'WEB020-WEB022', 'WEB081'],
  // Upload validation, storage paths, permissions, request-body limits, uploads mixed with static files.
  uploads: ['HRD020-HRD039', 'HRD043', 'HRD044', 'SET214', 'SET215', 'WEB054'],
  // Vulnerable and unauditable packages, unmaintained or unpinned third-party code.
  dependencies: ['DEP', 'PY413', 'PY615'],
  // Everything else the code rules find: cryptography, TLS of outgoing connections, cleartext protocols,
  // deserialization, XML parsers, temporary files, error handling, authorization of API views.
  other: [
    'PY101',
    'PY103',
    'PY104',
    'PY108',
    'PY110',
    'PY112',
    'PY113',
    'PY201',
    'PY202',
    'PY301',
    'PY302',
    'PY303',
    'PY304',
    'PY305',
    'PY306',
    'PY310',
    'PY311',
    'PY312',
    'PY313-PY319',
    'PY321',
    'PY323',
    'PY324',
    'PY401',
    'PY402',
    'PY403',
    'PY405-PY409',
    'PY411',
    'PY412',
    'PY415',
    'PY501-PY509',
    'PY612',
    'PY613',
    'PY614',
    'PY808',
    'PY810',
    'PY811',
    'PY812',
    'PY813',
    'PY814',
    'SET100',
    'SET217',
  ],
};

interface RangeEntry {
  prefix: string;
  first: number;
  last: number;
  practice: PracticeId;
}

const EXACT = new Map<string, PracticeId>();
const RANGES: RangeEntry[] = [];
const PREFIXES = new Map<string, PracticeId>();
for (const practice of PRACTICES) {
  for (const entry of PRACTICE_RULES[practice]) {
    const range = /^([A-Z]+)(\d+)-([A-Z]+)(\d+)$/.exec(entry);
    if (range) {
      if (range[1] !== range[3]) throw new Error(`practice ${practice}: range ${entry} spans two prefixes`);
      RANGES.push({ prefix: range[1]!, first: Number(range[2]), last: Number(range[4]), practice });
    } else if (/^[A-Z]+$/.test(entry)) {
      if (PREFIXES.has(entry)) throw new Error(`prefix ${entry} is given to two practices`);
      PREFIXES.set(entry, practice);
    } else {
      if (EXACT.has(entry)) throw new Error(`rule ${entry} is given to two practices`);
      EXACT.set(entry, practice);
    }
  }
}

/** The practice the mapping names for a rule code, or undefined when no entry names it (see `practiceOf`). */
export function mappedPractice(code: string): PracticeId | undefined {
  const exact = EXACT.get(code);
  if (exact) return exact;
  const parts = /^([A-Z]+)(\d+)$/.exec(code);
  if (!parts) return undefined;
  const prefix = parts[1]!;
  const number = Number(parts[2]);
  const ranges = RANGES.filter((r) => r.prefix === prefix && number >= r.first && number <= r.last);
  if (ranges.length > 1) throw new Error(`rule ${code} lies in ranges of two practices`);
  return ranges[0]?.practice ?? PREFIXES.get(prefix);
}

/** The practice a rule's findings count against; `other` for a rule the mapping does not name. */
export function practiceOf(code: string): PracticeId {
  return mappedPractice(code) ?? 'other';
}

export const SEVERITY_POINTS: Readonly<Record<Severity, number>> = { critical: 40, high: 25, medium: 10, low: 2, info: 0 };
export const CONFIDENCE_FACTOR: Readonly<Record<Confidence, number>> = { high: 1, medium: 0.75, low: 0.5 };
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { critical: 10, high: 7, medium: 4, low: 2, info: 1 };
export const EXPOSURE = { live: 1.5, route: 1.4, production: 1.2, none: 1 } as const;
export type Exposure = keyof typeof EXPOSURE;

/** Rules reported at a view or a URL route (so reachable from one) outside the taint family. */
export const ROUTE_RULES: ReadonlySet<string> = new Set(['HRD001', 'HRD010', 'HRD047', 'PY801', 'PY806', 'PY811', 'PY813']);

export const FAIL_BELOW = 50;
export const WARN_BELOW = 90;
export const CAP_WHEN_FAILING = 64;
export const CAP_WHEN_WARNING = 89;

/** The Observatory's chart, except that A+ starts at 97: a practice score cannot exceed 100, so 100 would demand perfection. */
export const GRADE_CHART: GradeChart = [[97, 'A+'], ...OBSERVATORY_GRADE_CHART.slice(1)];

export function gradeFor(score: number): string {
  return letterFor(score, GRADE_CHART);
}

/** How exposed a finding is: in a live response, reachable from a route, in production settings, or neither. */
export function exposureOf(finding: Pick<Finding, 'ruleId' | 'family'>): Exposure {
  if (finding.family === 'probe') return 'live';
  if (finding.family === 'taint' || ROUTE_RULES.has(finding.ruleId)) return 'route';
  if (finding.family === 'settings') return 'production';
  return 'none';
}

export function priorityOf(finding: Pick<Finding, 'ruleId' | 'family' | 'severity' | 'confidence'>): number {
  return Math.round(10 * SEVERITY_RANK[finding.severity] * CONFIDENCE_FACTOR[finding.confidence] * EXPOSURE[exposureOf(finding)]);
}

/** Sets `practice` and `priority` on each finding (in place). */
export function annotateFindings(findings: readonly Finding[]): void {
  for (const finding of findings) {
    finding.practice = practiceOf(finding.ruleId);
    finding.priority = priorityOf(finding);
  }
}

/** Fix-first order: higher priority first, then file order. */
export function compareFixFirst(a: Finding, b: Finding): number {
  return (b.priority ?? priorityOf(b)) - (a.priority ?? priorityOf(a)) || compareFindings(a, b);
}

export function findingWeight(finding: Pick<Finding, 'severity' | 'confidence'>): number {
  return SEVERITY_POINTS[finding.severity] * CONFIDENCE_FACTOR[finding.confidence];
}

/** The 0–100 score of one practice's findings (module doc comment: weights, repeats, the product). */
export function practiceScoreOf(findings: readonly Pick<Finding, 'ruleId' | 'severity' | 'confidence'>[]): number {
  const byRule = new Map<string, number[]>();
  for (const finding of findings) {
    const list = byRule.get(finding.ruleId);
    if (list) list.push(findingWeight(finding));
    else byRule.set(finding.ruleId, [findingWeight(finding)]);
  }
  let remaining = 1;
  for (const weights of byRule.values()) {
    weights.sort((a, b) => b - a);
    weights.forEach((weight, index) => {
      remaining *= 1 - weight / (index + 1) / 100;
    });
  }
  return Math.max(0, Math.min(100, Math.round(100 * remaining)));
}

export function practiceStatusOf(findings: readonly Pick<Finding, 'severity' | 'confidence'>[], score: number): PracticeScore['status'] {
  const severe = (f: Pick<Finding, 'severity' | 'confidence'>): boolean => (f.severity === 'critical' || f.severity === 'high') && f.confidence !== 'low';
  if (findings.some(severe) || score < FAIL_BELOW) return 'fail';
  if (findings.some((f) => f.severity !== 'low' && f.severity !== 'info') || score < WARN_BELOW) return 'warn';
  return 'pass';
}

export interface ScorecardOptions {
  /** Codes of the rules that ran: a practice none of them belongs to is "not checked". Default: every practice is. */
  ranRules?: Iterable<string>;
}

/** The scorecard of a report's findings; pass the reported ones (suppressed and baselined findings are ignored). */
export function computeScorecard(findings: readonly Finding[], options: ScorecardOptions = {}): Scorecard {
  const counted = findings.filter((f) => !f.suppression);
  const checked = options.ranRules ? new Set([...options.ranRules].map(practiceOf)) : new Set<PracticeId>(PRACTICES);
  const practices: PracticeScore[] = PRACTICES.map((id) => {
    const own = counted.filter((f) => practiceOf(f.ruleId) === id);
    const score = practiceScoreOf(own);
    const status = practiceStatusOf(own, score);
    const bySeverity: Partial<Record<Severity, number>> = {};
    for (const f of own) bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
    return { id, title: PRACTICE_TITLES[id], status, score, findings: own.length, bySeverity, summary: summaryOf(own, status, score, checked.has(id)) };
  });
  const scored = practices.filter((p) => checked.has(p.id) || p.findings > 0);
  const pool = scored.length > 0 ? scored : practices;
  const mean = pool.reduce((sum, p) => sum + p.score, 0) / pool.length;
  const min = Math.min(...pool.map((p) => p.score));
  let score = Math.round(mean / 2 + min / 2);
  if (pool.some((p) => p.status === 'fail')) score = Math.min(score, CAP_WHEN_FAILING);
  else if (pool.some((p) => p.status === 'warn')) score = Math.min(score, CAP_WHEN_WARNING);
  return { score, grade: gradeFor(score), practices };
}

const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

function summaryOf(findings: readonly Finding[], status: PracticeScore['status'], score: number, checked: boolean): string {
  if (findings.length === 0) return checked ? 'No findings.' : 'Not checked: none of the rules that ran belong to this practice.';
  const counts = SEVERITY_ORDER.map((sev) => [sev, findings.filter((f) => f.severity === sev).length] as const)
    .filter(([, n]) => n > 0)
    .map(([sev, n]) => `${n} ${sev}`)
    .join(', ');
  const top = [...findings].sort((a, b) => priorityOf(b) - priorityOf(a) || compareFindings(a, b))[0]!;
  const first = `fix ${top.ruleId} (${top.ruleName}) first`;
  if (status === 'fail') {
    return score < FAIL_BELOW && !findings.some((f) => (f.severity === 'critical' || f.severity === 'high') && f.confidence !== 'low')
      ? `Score ${score} is under ${FAIL_BELOW} (${counts}): ${first}.`
      : `A high or critical finding (${counts}): ${first}.`;
  }
  if (status === 'warn') {
    return findings.some((f) => f.severity !== 'low' && f.severity !== 'info')
      ? `Medium findings to fix (${counts}): ${first}.`
      : `Many low findings bring the score to ${score} (${counts}): ${first}.`;
  }
  return `Only low or informational findings (${counts}); they barely count.`;
}

/** `--sort`: `file` (path, line, column, rule: the default) or `fix-first` (priority, highest first, then file order). */
export const FINDING_ORDERS = ['file', 'fix-first'] as const;
export type FindingOrder = (typeof FINDING_ORDERS)[number];
