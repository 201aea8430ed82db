/** The scorecard module: the rule → practice mapping, the practice and overall formulas, grades, fix-first priority. */
import { describe, expect, it } from 'vitest';
import type { Confidence, Family, Finding, Severity } from '../../src/core/finding.js';
import { PRACTICES, type PracticeId } from '../../src/core/report.js';
import {
  annotateFindings,
  compareFixFirst,
  computeScorecard,
  exposureOf,
  gradeFor,
  mappedPractice,
  PRACTICE_RULES,
  practiceOf,
  practiceScoreOf,
  practiceStatusOf,
  priorityOf,
} from '../../src/core/scorecard.js';
import { ALL_RULES } from '../../src/rules/index.js';

function finding(ruleId: string, severity: Severity, confidence: Confidence = 'high', extra: Partial<Finding> = {}): Finding {
  const family: Family = /^TNT/.test(ruleId) ? 'taint' : /^SET/.test(ruleId) ? 'settings' : /^WEB/.test(ruleId) ? 'probe' : /^DEP/.test(ruleId) ? 'dependencies' : /^SEC/.test(ruleId) ? 'secrets' : /^HRD/.test(ruleId) ? 'hardening' : /^TPL/.test(ruleId) ? 'templates' : 'code';
  return {
    ruleId,
    ruleName: `rule-${ruleId.toLowerCase()}`,
    family,
    severity,
    confidence,
    cwe: [1],
    owasp: [],
    aliases: [],
    message: 'm',
    location: { path: 'app/views.py', startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
    fingerprint: 'f',
    fix: 'x',
    ...extra,
  };
}

describe('rule → practice mapping', () => {
  it('names every rule explicitly (no rule falls back to "other" silently)', () => {
    const unmapped = ALL_RULES.map((rule) => rule.meta.code).filter((code) => mappedPractice(code) === undefined);
    expect(unmapped).toEqual([]);
  });

  it('has no stale entry: every code, range and prefix names at least one existing rule', () => {
    const codes = ALL_RULES.map((rule) => rule.meta.code);
    for (const practice of PRACTICES) {
      for (const entry of PRACTICE_RULES[practice]) {
        const range = /^([A-Z]+)(\d+)-[A-Z]+(\d+)$/.exec(entry);
        const matches = range
          ? codes.filter((code) => code.startsWith(range[1]!) && Number(code.slice(range[1]!.length)) >= Number(range[2]) && Number(code.slice(range[1]!.length)) <= Number(range[3]))
          : /^[A-Z]+$/.test(entry)
            ? codes.filter((code) => new RegExp(`^${entry}\\d+$`).test(code))
            : codes.filter((code) => code === entry);
        expect(matches.length, `${practice}: ${entry}`).toBeGreaterThan(0);
        // An exact code listed under a practice lands there (not shadowed by another practice's entry).
        if (!range && !/^[A-Z]+$/.test(entry)) expect(mappedPractice(entry), entry).toBe(practice);
      }
    }
  });

  it('every practice has rules', () => {
    const used = new Set(ALL_RULES.map((rule) => practiceOf(rule.meta.code)));
    expect([...PRACTICES].filter((p) => !used.has(p))).toEqual([]);
  });

  it('places rules by family, range and deliberate exception', () => {
    const expected: Record<string, PracticeId> = {
      DEP001: 'dependencies',
      DEP002: 'dependencies',
      DEP004: 'version',
      DEP005: 'version',
      HRD001: 'authentication',
      HRD010: 'authentication',
      HRD020: 'uploads',
      HRD025: 'uploads',
      HRD040: 'secrets',
      HRD048: 'secrets',
      HRD043: 'uploads',
      SEC001: 'secrets',
      SEC009: 'secrets',
      SET004: 'https',
      SET008: 'https',
      SET204: 'https',
      SET012: 'cookies',
      SET016: 'cookies',
      SET211: 'headers',
      SET003: 'headers',
      SET009: 'secrets',
      SET201: 'secrets',
      SET214: 'uploads',
      SET018: 'secrets',
      TNT001: 'injection',
      TNT016: 'injection',
      TPL001: 'injection',
      TPL006: 'headers',
      PY608: 'injection',
      PY105: 'secrets',
      PY103: 'other',
      PY413: 'dependencies',
      WEB002: 'https',
      WEB006: 'headers',
      WEB020: 'cookies',
      WEB053: 'secrets',
      WEB057: 'authentication',
    };
    for (const [code, practice] of Object.entries(expected)) expect(practiceOf(code), code).toBe(practice);
  });

  it('a future rule of a mapped prefix follows its family; an unknown one is "other" but unmapped', () => {
    expect(mappedPractice('TNT099')).toBe('injection');
    expect(mappedPractice('SEC099')).toBe('secrets');
    expect(mappedPractice('SET999')).toBeUndefined();
    expect(practiceOf('SET999')).toBe('other');
    expect(practiceOf('not a code')).toBe('other');
  });
});

describe('practice score', () => {
  it('weighs severity × confidence, each finding taking its share of what is left', () => {
    expect(practiceScoreOf([])).toBe(100);
    expect(practiceScoreOf([finding('TNT005', 'critical')])).toBe(60);
    expect(practiceScoreOf([finding('TNT001', 'high')])).toBe(75);
    expect(practiceScoreOf([finding('PY608', 'medium')])).toBe(90);
    expect(practiceScoreOf([finding('PY608', 'medium', 'medium')])).toBe(93); // 100 × (1 − 0.075) = 92.5
    expect(practiceScoreOf([finding('PY608', 'medium', 'low')])).toBe(95);
    expect(practiceScoreOf([finding('PY404', 'low')])).toBe(98);
    expect(practiceScoreOf([finding('SET220', 'info')])).toBe(100);
    // Two different critical problems: 100 × 0.6 × 0.6.
    expect(practiceScoreOf([finding('TNT005', 'critical'), finding('TNT006', 'critical')])).toBe(36);
  });

  it('counts repeats of one rule less (the k-th weighs 1/k), and never goes below 0', () => {
    // 100 × (1 − 0.4) × (1 − 0.2) = 48, against 36 for two different rules.
    expect(practiceScoreOf([finding('TNT005', 'critical'), finding('TNT005', 'critical')])).toBe(48);
    // The heaviest finding of a rule counts in full, whatever the order.
    expect(practiceScoreOf([finding('PY608', 'low'), finding('PY608', 'critical')])).toBe(practiceScoreOf([finding('PY608', 'critical'), finding('PY608', 'low')]));
    const many = Array.from({ length: 200 }, (_, i) => finding(`PY${600 + (i % 10)}`, 'critical'));
    expect(practiceScoreOf(many)).toBe(0);
  });

  it('low findings barely count: five different ones still pass, more warn', () => {
    const lows = (n: number): Finding[] => Array.from({ length: n }, (_, i) => finding(`TNT${100 + i}`, 'low'));
    expect(practiceScoreOf(lows(5))).toBe(90);
    expect(practiceStatusOf(lows(5), practiceScoreOf(lows(5)))).toBe('pass');
    expect(practiceScoreOf(lows(6))).toBe(89);
    expect(practiceStatusOf(lows(6), practiceScoreOf(lows(6)))).toBe('warn');
    // Ten repeats of one low rule: 2 × (1 + 1/2 + … + 1/10) ≈ 5.7 points, still a pass.
    const repeats = Array.from({ length: 10 }, () => finding('PY404', 'low'));
    expect(practiceStatusOf(repeats, practiceScoreOf(repeats))).toBe('pass');
  });
});

describe('practice status', () => {
  it('fails on a critical or high finding unless it is a low-confidence guess', () => {
    expect(practiceStatusOf([finding('TNT001', 'high')], 75)).toBe('fail');
    expect(practiceStatusOf([finding('TNT005', 'critical', 'medium')], 70)).toBe('fail');
    expect(practiceStatusOf([finding('TNT001', 'high', 'low')], 88)).toBe('warn');
  });

  it('warns on a medium finding, passes with none', () => {
    expect(practiceStatusOf([finding('PY608', 'medium')], 90)).toBe('warn');
    expect(practiceStatusOf([finding('SET220', 'info')], 100)).toBe('pass');
    expect(practiceStatusOf([], 100)).toBe('pass');
  });

  it('follows the score too: under 50 fails, under 90 warns', () => {
    expect(practiceStatusOf([finding('PY608', 'medium')], 49)).toBe('fail');
    expect(practiceStatusOf([finding('PY404', 'low')], 89)).toBe('warn');
  });
});

describe('overall score and grade', () => {
  it('a project without findings scores 100, A+', () => {
    const card = computeScorecard([]);
    expect(card).toMatchObject({ score: 100, grade: 'A+' });
    expect(card.practices.map((p) => p.id)).toEqual([...PRACTICES]);
    expect(card.practices.every((p) => p.status === 'pass' && p.summary === 'No findings.')).toBe(true);
  });

  it('is half the mean plus half the lowest practice score', () => {
    // injection at 98, the nine others at 100: mean 99.8, min 98 → 98.9 → 99.
    expect(computeScorecard([finding('PY404', 'low')]).score).toBe(99);
    // Five lows in one practice: 90 → mean 99, min 90 → 94.5 → 95, A.
    const lows = Array.from({ length: 5 }, (_, i) => finding(`TNT${100 + i}`, 'low'));
    expect(computeScorecard(lows)).toMatchObject({ score: 95, grade: 'A' });
  });

  it('is capped at 89 when a practice warns and at 64 when one fails', () => {
    // One medium: 90 → mean 99, min 90 → 95, capped to 89 (A-).
    expect(computeScorecard([finding('PY608', 'medium')])).toMatchObject({ score: 89, grade: 'A-' });
    // One critical: 60 → mean 96, min 60 → 78, capped to 64 (C+).
    expect(computeScorecard([finding('TNT005', 'critical')])).toMatchObject({ score: 64, grade: 'C+' });
  });

  it('ignores suppressed findings', () => {
    expect(computeScorecard([finding('TNT005', 'critical', 'high', { suppression: { kind: 'baseline' } })]).score).toBe(100);
  });

  it('counts findings per practice and severity, and says why', () => {
    const card = computeScorecard([finding('TNT001', 'high'), finding('PY608', 'medium'), finding('SET012', 'medium')]);
    const injection = card.practices.find((p) => p.id === 'injection')!;
    expect(injection).toMatchObject({ status: 'fail', score: 68, findings: 2, bySeverity: { high: 1, medium: 1 } });
    expect(injection.summary).toBe('A high or critical finding (1 high, 1 medium): fix TNT001 (rule-tnt001) first.');
    const cookies = card.practices.find((p) => p.id === 'cookies')!;
    expect(cookies.summary).toBe('Medium findings to fix (1 medium): fix SET012 (rule-set012) first.');
  });

  it('leaves practices no rule checked out of the overall score, and says so', () => {
    const web = ALL_RULES.filter((rule) => rule.meta.family === 'probe').map((rule) => rule.meta.code);
    const card = computeScorecard([finding('WEB002', 'medium')], { ranRules: web });
    for (const id of ['version', 'dependencies', 'injection', 'other'] as const) {
      expect(card.practices.find((p) => p.id === id)!.summary).toMatch(/^Not checked/);
    }
    // Checked: authentication, secrets, https, headers, cookies, uploads — https at 90, the rest 100.
    expect(card.score).toBe(89);
    expect(computeScorecard([], { ranRules: [] }).score).toBe(100);
  });

  it('maps scores to letters', () => {
    const cases: Array<[number, string]> = [
      [100, 'A+'], [97, 'A+'], [96, 'A'], [90, 'A'], [89, 'A-'], [85, 'A-'], [80, 'B+'], [70, 'B'], [65, 'B-'],
      [64, 'C+'], [60, 'C+'], [50, 'C'], [45, 'C-'], [40, 'D+'], [30, 'D'], [25, 'D-'], [24, 'F'], [0, 'F'],
    ];
    for (const [score, grade] of cases) expect(gradeFor(score), String(score)).toBe(grade);
  });
});

describe('fix-first priority', () => {
  it('is severity × confidence × exposure', () => {
    expect(exposureOf(finding('WEB050', 'high'))).toBe('live');
    expect(exposureOf(finding('TNT001', 'high'))).toBe('route');
    expect(exposureOf(finding('PY801', 'high'))).toBe('route');
    expect(exposureOf(finding('SET018', 'high'))).toBe('production');
    expect(exposureOf(finding('DEP004', 'high'))).toBe('none');
    expect(priorityOf(finding('TNT005', 'critical'))).toBe(140);
    expect(priorityOf(finding('WEB053', 'critical'))).toBe(150);
    expect(priorityOf(finding('WEB050', 'high'))).toBe(105);
    expect(priorityOf(finding('TNT001', 'high'))).toBe(98);
    expect(priorityOf(finding('SET018', 'high'))).toBe(84);
    expect(priorityOf(finding('DEP004', 'high'))).toBe(70);
    expect(priorityOf(finding('PY608', 'medium', 'medium'))).toBe(30);
    expect(priorityOf(finding('PY807', 'low', 'low'))).toBe(10);
    expect(priorityOf(finding('SET220', 'info', 'low'))).toBe(6);
  });

  it('annotates findings and orders them highest first, then by file', () => {
    const list = [
      finding('PY404', 'low'),
      finding('DEP004', 'high'),
      finding('TNT001', 'high', 'high', { location: { path: 'b.py', startLine: 2, startColumn: 1, endLine: 2, endColumn: 2 } }),
      finding('TNT001', 'high', 'high', { location: { path: 'a.py', startLine: 9, startColumn: 1, endLine: 9, endColumn: 2 } }),
    ];
    annotateFindings(list);
    expect(list.map((f) => f.practice)).toEqual(['injection', 'version', 'injection', 'injection']);
    list.sort(compareFixFirst);
    expect(list.map((f) => `${f.ruleId}@${f.location.path}:${f.priority}`)).toEqual(['TNT001@a.py:98', 'TNT001@b.py:98', 'DEP004@app/views.py:70', 'PY404@app/views.py:20']);
  });
});
