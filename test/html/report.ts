/** Reports for the HTML reporter's tests: a hand-made one with every part, and hostile payloads. */
import type { Finding } from '../../src/core/finding.js';
import type { Report } from '../../src/core/report.js';
import { countBy } from '../../src/core/report.js';
import { computeScorecard } from '../../src/core/scorecard.js';
import type { ReporterOptions } from '../../src/reporters/types.js';
import { RULES_BY_CODE } from '../../src/engine/scan.js';

export const OPTIONS: ReporterOptions = { color: false, rules: RULES_BY_CODE };

export function makeFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'PY608',
    ruleName: 'hardcoded-sql-expression',
    family: 'code',
    severity: 'medium',
    confidence: 'medium',
    cwe: [89],
    owasp: ['A03:2021-Injection'],
    aliases: ['B608'],
    message: 'SQL built with `%` formatting',
    location: { path: 'shop/views.py', startLine: 12, startColumn: 20, endLine: 12, endColumn: 31 },
    fingerprint: 'f'.repeat(32),
    fix: 'Pass parameters to `cursor.execute(sql, params)`.',
    excerpt: { startLine: 11, lines: ['def view(request, cursor):', '    cursor.execute("SELECT %s" % name)', '    return None'] },
    ...overrides,
  };
}

export function makeReport(findings: Finding[], extra: Partial<Report> = {}): Report {
  const active = findings.filter((f) => !f.suppression);
  return {
    version: 1,
    tool: { name: 'ponyguard', version: '0.1.0' },
    target: { root: '/tmp/project', djangoVersion: '4.2.11', settingsModules: ['shop.settings.production'] },
    findings,
    errors: [],
    stats: { files: 3, pythonFiles: 2, durationMs: 120, suppressed: 0, baselined: 0, ...countBy(active) },
    ...extra,
  };
}

/** Payloads: script elements, event handlers, attribute break-outs, external resources. */
export const PAYLOADS = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=2">',
  '"><svg onload=window.__pwned=3>',
  "' onmouseover='window.__pwned=4",
  '<link rel=stylesheet href="https://evil.example/x.css">',
  '<iframe src="https://evil.example/"></iframe>',
  '</textarea></style></script><script>window.__pwned=5</script>',
  '<!-- <base href="https://evil.example/"> -->',
  '\u2028\u2029&lt;script&gt;',
];

/** A report every string of which carries payloads. */
export function hostileReport(): Report {
  const p = (i: number): string => PAYLOADS[i % PAYLOADS.length]!;
  const findings = PAYLOADS.map((payload, i) =>
    makeFinding({
      ruleId: i === 0 ? 'PY608' : `X${payload}`,
      ruleName: payload,
      family: 'code',
      practice: i % 2 === 0 ? 'injection' : payload,
      message: `message ${payload} and \`${payload}\``,
      fix: `fix ${payload}`,
      location: { path: `app/${payload}.py`, startLine: 2, startColumn: 1, endLine: 2, endColumn: 40 },
      excerpt: { startLine: 1, lines: [payload, `x = "${payload}"`, p(i + 1)] },
      trace: [
        { path: `app/${payload}.py`, line: 1, note: `source: ${payload}` },
        { path: p(i + 2), line: 2, note: `sink: ${p(i + 3)}` },
      ],
      commit: { id: payload, date: payload, author: payload, inWorkingTree: false },
      suppression: i === 3 ? { kind: 'inline', line: 1, reason: payload } : undefined,
      owasp: [payload],
    }),
  );
  const card = computeScorecard([]);
  card.grade = PAYLOADS[2]!;
  card.practices[0]!.title = PAYLOADS[0]!;
  card.practices[0]!.summary = PAYLOADS[1]!;
  return makeReport(findings, {
    target: { root: PAYLOADS[0]!, djangoVersion: PAYLOADS[1]!, settingsModules: [PAYLOADS[2]!] },
    tool: { name: 'ponyguard', version: PAYLOADS[3]! },
    errors: PAYLOADS.map((payload, i) => ({ path: payload, line: i, message: p(i + 1) })),
    notices: [...PAYLOADS],
    scorecard: card,
    sites: [
      {
        url: PAYLOADS[0]!,
        finalUrl: PAYLOADS[1]!,
        status: 200,
        observatory: { score: 50, grade: PAYLOADS[4]!, lines: [{ test: PAYLOADS[5]!, result: PAYLOADS[6]!, modifier: -20, pass: false, description: PAYLOADS[2]! }] },
        django: null,
      },
    ],
  });
}
