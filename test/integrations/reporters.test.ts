import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding, Severity } from '../../src/core/finding.js';
import type { Report } from '../../src/core/report.js';
import { commandFor, escapeData, escapeProperty, renderGithub } from '../../src/reporters/github.js';
import { FORMATS, REPORTERS } from '../../src/reporters/index.js';
import { junitReporter } from '../../src/reporters/junit.js';
import { ALL_RULES } from '../../src/rules/index.js';
import { descendants, parseXml } from './xml.js';

const rules = new Map(ALL_RULES.map((rule) => [rule.meta.code, rule.meta]));

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'PY608',
    ruleName: 'sql-string-formatting',
    family: 'code',
    severity: 'medium',
    confidence: 'medium',
    cwe: [89],
    owasp: [],
    aliases: ['B608'],
    message: 'SQL built with %-formatting',
    location: { path: 'app/views.py', startLine: 5, startColumn: 20, endLine: 5, endColumn: 57 },
    fingerprint: '0'.repeat(32),
    fix: 'Pass values as query parameters.',
    ...overrides,
  };
}

function report(findings: Finding[], errors: Report['errors'] = [], root = '/repo'): Report {
  return {
    version: 1,
    tool: { name: 'ponyguard', version: '0.1.0' },
    target: { root, djangoVersion: null, settingsModules: [] },
    findings,
    errors,
    stats: { files: 3, pythonFiles: 2, durationMs: 1234, suppressed: 0, baselined: 0, byFamily: {}, bySeverity: {} },
  };
}

/** What GitHub's runner does with a workflow command line: split it, and undo `@actions/core`'s escaping. */
function parseCommand(line: string): { command: string; properties: Record<string, string>; message: string } {
  const match = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!match) throw new Error(`not a workflow command: ${line}`);
  const unescape = (value: string): string => value.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  const properties: Record<string, string> = {};
  for (const pair of (match[2] ?? '').split(',').filter(Boolean)) {
    const eq = pair.indexOf('=');
    properties[pair.slice(0, eq)] = unescape(pair.slice(eq + 1));
  }
  return { command: match[1]!, properties, message: unescape(match[3]!) };
}

describe('--format github', () => {
  it('is a registered format', () => {
    expect(FORMATS).toContain('github');
    expect(FORMATS).toContain('junit');
  });

  it('maps severities to error, warning and notice', () => {
    const expected: Record<Severity, string> = { critical: 'error', high: 'error', medium: 'warning', low: 'notice', info: 'notice' };
    for (const [severity, command] of Object.entries(expected)) expect(commandFor(severity as Severity)).toBe(command);
    const out = renderGithub(report((['low', 'critical', 'medium'] as Severity[]).map((severity) => finding({ severity }))));
    expect(out.split('\n').filter((l) => l.startsWith('::')).map((l) => parseCommand(l).command)).toEqual(['error', 'warning', 'notice']);
  });

  it('escapes data and properties as @actions/core does', () => {
    expect(escapeData('100% a\r\nb: c, d')).toBe('100%25 a%0D%0Ab: c, d');
    expect(escapeProperty('100% a\r\nb: c, d')).toBe('100%25 a%0D%0Ab%3A c%2C d');
  });

  it('writes one annotation per finding with file, line, columns and title', () => {
    const out = renderGithub(report([finding()]));
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe(
      '::warning file=app/views.py,line=5,col=20,endLine=5,endColumn=57,title=PY608 sql-string-formatting::SQL built with %25-formatting [medium, medium confidence]%0AFix: Pass values as query parameters.',
    );
    expect(lines[1]).toBe('ponyguard: 1 finding(s), 0 file(s) not checked');
  });

  it('leaves out columns for a multi-line finding and the file for a live-probe URL', () => {
    const multi = parseCommand(renderGithub(report([finding({ location: { path: 'a.py', startLine: 3, startColumn: 1, endLine: 9, endColumn: 4 } })])).split('\n')[0]!);
    expect(multi.properties).toEqual({ file: 'a.py', line: '3', endLine: '9', title: 'PY608 sql-string-formatting' });
    const site = parseCommand(renderGithub(report([finding({ family: 'probe', location: { path: 'https://shop.example/', startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 } })])).split('\n')[0]!);
    expect(site.properties).toEqual({ title: 'PY608 sql-string-formatting' });
    expect(site.message.startsWith('https://shop.example/: ')).toBe(true);
  });

  it('a hostile path or message can neither end the command early nor start another one', () => {
    const hostilePath = 'evil,line=1::\n::error file=x.py::pwned%0A.py';
    const hostileMessage = 'ok\n::error file=other.py,line=1::injected\r\n::add-mask::x %0A';
    const out = renderGithub(report([finding({ severity: 'high', location: { path: hostilePath, startLine: 2, startColumn: 1, endLine: 2, endColumn: 5 }, message: hostileMessage })], [{ path: 'bad,\n::x.py', line: 3, message: 'syntax\n::error::no' }]));
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(3); // one annotation, one warning for the error, the summary
    const annotation = parseCommand(lines[0]!);
    expect(annotation.command).toBe('error');
    expect(annotation.properties['file']).toBe(hostilePath);
    expect(annotation.properties['line']).toBe('2');
    expect(annotation.message.startsWith(hostileMessage)).toBe(true);
    const error = parseCommand(lines[1]!);
    expect(error).toEqual({ command: 'warning', properties: { file: 'bad,\n::x.py', line: '3', title: 'ponyguard could not check this file' }, message: 'syntax\n::error::no' });
    expect(lines.filter((l) => l.startsWith('::'))).toHaveLength(2);
  });

  it('re-bases paths on the workspace when the scan root is below it, and orders fix-first', () => {
    const findings = [finding({ severity: 'low', priority: 1 }), finding({ severity: 'low', priority: 9, location: { path: 'b.py', startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 } })];
    const out = renderGithub(report(findings, [], path.join('/ws', 'backend')), { workspace: '/ws' });
    const files = out.split('\n').filter((l) => l.startsWith('::')).map((l) => parseCommand(l).properties['file']);
    expect(files).toEqual(['backend/b.py', 'backend/app/views.py']);
    // A root outside the workspace keeps the report's paths.
    expect(parseCommand(renderGithub(report([finding()], [], '/elsewhere'), { workspace: '/ws' }).split('\n')[0]!).properties['file']).toBe('app/views.py');
  });

  it('does not annotate suppressed findings', () => {
    const out = renderGithub(report([finding({ suppression: { kind: 'baseline' } })]));
    expect(out).toBe('ponyguard: 0 finding(s), 0 file(s) not checked\n');
  });
});

describe('--format junit', () => {
  it('is one passing testcase when there are no findings', () => {
    const xml = junitReporter(report([]));
    const root = parseXml(xml);
    expect(root.name).toBe('testsuites');
    expect(root.attributes).toMatchObject({ tests: '1', failures: '0', errors: '0' });
    const cases = descendants(root, 'testcase');
    expect(cases).toHaveLength(1);
    expect(cases[0]!.children).toEqual([]);
  });

  it('has a testsuite per family and a failing testcase per finding', () => {
    const findings = [finding(), finding({ ruleId: 'SET001', ruleName: 'debug', family: 'settings', severity: 'high', location: { path: 'shop/settings.py', startLine: 2, startColumn: 1, endLine: 2, endColumn: 12 } })];
    const root = parseXml(REPORTERS['junit']!(report(findings, [{ path: 'broken.py', line: 4, message: 'syntax error' }]), { color: false, rules }));
    expect(root.attributes).toMatchObject({ tests: '3', failures: '2', skipped: '1', time: '1.234' });
    const suites = descendants(root, 'testsuite');
    expect(suites.map((s) => [s.attributes['name'], s.attributes['tests'], s.attributes['failures']])).toEqual([
      ['ponyguard.settings', '1', '1'],
      ['ponyguard.code', '1', '1'],
      ['ponyguard.errors', '1', '0'],
    ]);
    const settingsCase = descendants(suites[0]!, 'testcase')[0]!;
    expect(settingsCase.attributes).toMatchObject({ classname: 'ponyguard.settings.SET001', file: 'shop/settings.py', line: '2' });
    expect(descendants(settingsCase, 'failure')[0]!.attributes['type']).toBe('SET001 high');
    expect(descendants(suites[2]!, 'skipped')[0]!.attributes['message']).toBe('syntax error');
  });

  it('round-trips hostile names, code and messages, and replaces characters XML cannot carry', () => {
    const nasty = `<script>alert("x")</script> & 'q' ]]> <!-- --> \t tab\nline2 é 😀`;
    const control = 'bell\u0007 nul\u0000 lone\uD800 end';
    const findings = [
      finding({
        message: nasty + control,
        ruleName: '"><x y="',
        location: { path: `dir/<img src=x onerror=alert(1)>&"'.py`, startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
        fix: ']]></failure></testcase><testcase name="fake">',
        trace: [{ path: 'a&b.py', line: 3, note: 'request.GET["<q>"]' }],
      }),
    ];
    const xml = junitReporter(report(findings));
    expect(() => parseXml(xml)).not.toThrow();
    const root = parseXml(xml);
    const cases = descendants(root, 'testcase');
    expect(cases).toHaveLength(1);
    const failure = descendants(cases[0]!, 'failure')[0]!;
    // Attribute values keep tabs and line breaks (written as character references).
    expect(failure.attributes['message']).toBe(`${nasty}bell\uFFFD nul\uFFFD lone\uFFFD end`);
    expect(cases[0]!.attributes['file']).toBe(`dir/<img src=x onerror=alert(1)>&"'.py`);
    expect(cases[0]!.attributes['name']).toContain('"><x y="');
    expect(failure.text).toContain(nasty);
    expect(failure.text).toContain(']]></failure></testcase><testcase name="fake">');
    expect(failure.text).toContain('1. a&b.py:3 request.GET["<q>"]');
  });

  it('the XML checker used here rejects what is not well-formed', () => {
    expect(() => parseXml('<a><b></a>')).toThrow();
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow();
    expect(() => parseXml('<a>x & y</a>')).toThrow();
    expect(() => parseXml('<a>x < y</a>')).toThrow();
    expect(() => parseXml('<a>\u0007</a>')).toThrow();
    expect(() => parseXml('<a/><b/>')).toThrow();
    expect(parseXml('<a t="x&#10;y">&lt;&amp;</a>')).toMatchObject({ attributes: { t: 'x\ny' }, text: '<&' });
  });
});
