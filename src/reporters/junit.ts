/**
 * JUnit XML (`--format junit`) for CI dashboards (GitLab, Jenkins, Azure Pipelines, test-report actions): one
 * `<testsuite>` per family, one `<testcase>` per finding with a `<failure>`. Files that could not be checked are
 * `<testcase>`s with `<skipped>`. With no finding there is one passing testcase, so dashboards show a green scan.
 * Everything from the scanned repository is XML-escaped, and characters XML 1.0 cannot carry are replaced.
 */
import { FAMILIES, type Finding } from '../core/finding.js';
import type { Report } from '../core/report.js';
import type { ReporterOptions } from './types.js';

/**
 * Characters XML 1.0 forbids (C0 controls other than tab, LF and CR; lone surrogates; U+FFFE and U+FFFF) become
 * U+FFFD: a hostile file name or message must not make the report unreadable.
 */
function xmlChars(value: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

export function escapeText(value: string): string {
  return xmlChars(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values keep their tabs and line breaks (an XML parser would normalise them to spaces otherwise). */
export function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([key, value]) => ` ${key}="${escapeAttribute(String(value))}"`)
    .join('');
}

function where(f: Finding): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(f.location.path) ? f.location.path : `${f.location.path}:${f.location.startLine}:${f.location.startColumn}`;
}

function failureBody(f: Finding): string {
  const lines = [
    `${f.ruleId} ${f.ruleName} (${f.severity}, ${f.confidence} confidence)`,
    `${where(f)}: ${f.message}`,
    ...(f.cwe.length > 0 ? [`CWE: ${f.cwe.map((id) => `CWE-${id}`).join(', ')}`] : []),
    ...(f.trace && f.trace.length > 0 ? ['Trace:', ...f.trace.map((step, i) => `  ${i + 1}. ${step.path}:${step.line} ${step.note}`)] : []),
    ...(f.fix ? [`Fix: ${f.fix}`] : []),
  ];
  return lines.join('\n');
}

function testcase(f: Finding): string {
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(f.location.path);
  const head = attributes({
    classname: `ponyguard.${f.family}.${f.ruleId}`,
    name: `${f.ruleId} ${f.ruleName} at ${where(f)}`,
    ...(isUrl ? {} : { file: f.location.path, line: f.location.startLine }),
    time: 0,
  });
  const failure = attributes({ type: `${f.ruleId} ${f.severity}`, message: f.message });
  return `    <testcase${head}>\n      <failure${failure}>${escapeText(failureBody(f))}</failure>\n    </testcase>`;
}

function testsuite(name: string, tests: number, failures: number, skipped: number, cases: string[]): string {
  return `  <testsuite${attributes({ name, tests, failures, errors: 0, skipped, time: 0 })}>\n${cases.join('\n')}\n  </testsuite>`;
}

export function junitReporter(report: Report, _options?: ReporterOptions): string {
  const findings = report.findings.filter((f) => !f.suppression);
  const suites: string[] = [];
  for (const family of FAMILIES) {
    const own = findings.filter((f) => f.family === family);
    if (own.length > 0) suites.push(testsuite(`ponyguard.${family}`, own.length, own.length, 0, own.map(testcase)));
  }
  if (report.errors.length > 0) {
    const cases = report.errors.map((e) => {
      const head = attributes({ classname: 'ponyguard.errors', name: `could not check ${e.path}${e.line ? `:${e.line}` : ''}`, file: e.path, ...(e.line ? { line: e.line } : {}), time: 0 });
      return `    <testcase${head}>\n      <skipped${attributes({ message: e.message })}/>\n    </testcase>`;
    });
    suites.push(testsuite('ponyguard.errors', cases.length, 0, cases.length, cases));
  }
  if (findings.length === 0) {
    const passing = `    <testcase${attributes({ classname: 'ponyguard', name: 'no security findings', time: 0 })}/>`;
    suites.unshift(testsuite('ponyguard', 1, 0, 0, [passing]));
  }
  const tests = findings.length + report.errors.length + (findings.length === 0 ? 1 : 0);
  const seconds = (report.stats.durationMs / 1000).toFixed(3);
  const root = attributes({ name: 'ponyguard', tests, failures: findings.length, errors: 0, skipped: report.errors.length, time: seconds });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${root}>\n${suites.join('\n')}\n</testsuites>\n`;
}
