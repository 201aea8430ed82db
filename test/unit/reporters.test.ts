import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/progress.js';
import type { Finding } from '../../src/core/finding.js';
import type { Report } from '../../src/core/report.js';
import { REPORTERS } from '../../src/reporters/index.js';
import { ALL_RULES } from '../../src/rules/index.js';

const finding: Finding = {
  ruleId: 'PY608',
  ruleName: 'sql-string-formatting',
  family: 'code',
  severity: 'medium',
  confidence: 'medium',
  cwe: [89],
  owasp: ['A03:2021-Injection'],
  aliases: ['B608'],
  message: 'SQL passed to execute() is built with %-formatting',
  location: { path: 'app/views.py', startLine: 3, startColumn: 20, endLine: 3, endColumn: 31 },
  fingerprint: '0'.repeat(32),
  fix: 'Use parameters.',
  trace: [{ path: 'app/views.py', line: 2, note: 'q from request.GET' }],
  excerpt: { startLine: 1, lines: ['def f(request):', '    q = request.GET["q"]', '    cursor.execute("…" % q)', ''] },
};

const report: Report = {
  version: 1,
  tool: { name: 'ponyguard', version: '0.1.0' },
  target: { root: '/tmp/project', djangoVersion: '3.2.10', settingsModules: [] },
  findings: [finding],
  errors: [{ path: 'bad.py', line: 7, message: 'syntax error at line 7' }],
  stats: { files: 3, pythonFiles: 2, durationMs: 1234, suppressed: 1, baselined: 0, byFamily: { code: 1 }, bySeverity: { medium: 1 } },
};
const options = { color: false, rules: new Map(ALL_RULES.map((r) => [r.meta.code, r.meta])) };

describe('text reporter', () => {
  it('groups by file with a code frame, trace, fix, errors and a summary by severity', () => {
    const text = REPORTERS['text']!(report, options);
    expect(text).toContain('app/views.py\n  3:20    medium   PY608 sql-string-formatting\n');
    expect(text).toContain('    > 3 |     cursor.execute("…" % q)\n');
    expect(text).toContain(`      |${' '.repeat(20)}${'^'.repeat(8)}\n`); // the underline stops at the end of the excerpt's line
    expect(text).toContain('→ app/views.py:2 q from request.GET');
    expect(text).toContain('fix: Use parameters.');
    expect(text).toContain('  bad.py:7  syntax error at line 7');
    expect(text).toContain('1 finding (1 medium) in 1 file · 1 suppressed · 1 error · 3 files scanned (2 Python) in 1.2 s · Django 3.2.10');
    expect(text).not.toContain('\u001b[');
    expect(REPORTERS['text']!(report, { ...options, color: true })).toContain('\u001b[33mmedium');
  });
});

describe('text reporter code frames of redacted secrets', () => {
  it('underlines what is shown of the secret, not the length it has in the file', () => {
    const secret: Finding = {
      ...finding,
      ruleId: 'SEC002',
      location: { path: 'keys.py', startLine: 1, startColumn: 8, endLine: 1, endColumn: 28 },
      excerpt: { startLine: 1, lines: ['KEY = "AKIA…"'], highlight: { startColumn: 8, endColumn: 13 } },
    };
    const text = REPORTERS['text']!({ ...report, findings: [secret], errors: [] }, options);
    expect(text).toContain(`> 1 | KEY = "AKIA…"\n        |${' '.repeat(8)}^^^^^\n`);
    // Without a highlight, the underline stops at the end of the line.
    const { highlight: _, ...plain } = secret.excerpt!;
    const clamped = REPORTERS['text']!({ ...report, findings: [{ ...secret, excerpt: plain }], errors: [] }, options);
    expect(clamped).toContain(`        |${' '.repeat(8)}^^^^^^\n`);
  });
});

describe('text reporter evidence of live-probe findings', () => {
  it('shows the evidence lines without an underline', () => {
    const live: Finding = {
      ...finding,
      ruleId: 'WEB050',
      location: { path: 'https://shop.example/missing/', startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
      excerpt: { startLine: 1, lines: ['GET https://shop.example/missing/ → 404', 'Page not found at /missing/'] },
    };
    delete live.trace;
    const text = REPORTERS['text']!({ ...report, findings: [live], errors: [] }, options);
    expect(text).toContain('> 1 | GET https://shop.example/missing/ → 404\n      2 | Page not found at /missing/\n');
    expect(text).not.toContain('^');
  });
});

describe('progress indicator', () => {
  function fakeStream(isTTY: boolean) {
    const writes: string[] = [];
    return { writes, stream: { isTTY, write: (chunk: string) => writes.push(chunk) > 0 } as unknown as NodeJS.WriteStream };
  }

  it('draws on a TTY once the delay has passed, and clears the line when done', async () => {
    const { writes, stream } = fakeStream(true);
    const progress = createProgress(stream, true, 0);
    progress.update({ phase: 'python', done: 3, total: 10 });
    await new Promise((resolve) => setTimeout(resolve, 250));
    progress.stop();
    expect(writes.some((w) => w.includes('analyzing Python 3/10'))).toBe(true);
    expect(writes[writes.length - 1]).toBe('\r\u001b[2K');
  });

  it('stays silent when not a TTY, when quiet, or before the delay', async () => {
    for (const [tty, enabled, delay] of [[false, true, 0], [true, false, 0], [true, true, 60_000]] as const) {
      const { writes, stream } = fakeStream(tty);
      const progress = createProgress(stream, enabled, delay);
      progress.update({ phase: 'python', done: 1, total: 2 });
      await new Promise((resolve) => setTimeout(resolve, 250));
      progress.stop();
      expect(writes).toEqual([]);
    }
  });
});
