/**
 * GitHub Actions workflow commands (`--format github`): one `::error`/`::warning`/`::notice` line per finding, which
 * GitHub turns into annotations on the pull request's diff. Everything from the scanned repository is escaped as
 * GitHub documents (`%`, CR and LF in the message; also `:` and `,` in properties), so a hostile path or message can
 * neither end the command early nor start a second one.
 */
import path from 'node:path';
import { severityRank, type Finding, type Severity } from '../core/finding.js';
import type { Report } from '../core/report.js';
import type { ReporterOptions } from './types.js';

type Command = 'error' | 'warning' | 'notice';

export function commandFor(severity: Severity): Command {
  if (severity === 'critical' || severity === 'high') return 'error';
  if (severity === 'medium') return 'warning';
  return 'notice';
}

/** The message part of a workflow command (after `::`), as `@actions/core` escapes it. */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value (`file=…,title=…`), as `@actions/core` escapes it. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const isUrl = (value: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(value);

export interface GithubOptions {
  /**
   * The directory GitHub resolves annotation paths against (the checkout, `GITHUB_WORKSPACE`). Report paths are
   * relative to the scan root; they are re-based on this directory when the root is inside it.
   */
  workspace?: string;
}

function annotationPath(report: Report, relPath: string, workspace: string | undefined): string {
  if (!workspace) return relPath;
  const rebased = path.relative(workspace, path.join(report.target.root, relPath));
  if (rebased === '' || rebased.startsWith('..') || path.isAbsolute(rebased)) return relPath;
  return rebased.split(path.sep).join('/');
}

function command(kind: Command, properties: Array<[string, string | number | undefined]>, message: string): string {
  const props = properties.filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '');
  const head = props.length > 0 ? ` ${props.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',')}` : '';
  return `::${kind}${head}::${escapeData(message)}`;
}

/** Most important first, so the annotations GitHub keeps (it shows a limited number per step) are the ones to fix. */
function fixFirst(findings: readonly Finding[]): Finding[] {
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => (b.finding.priority ?? 0) - (a.finding.priority ?? 0) || severityRank(b.finding.severity) - severityRank(a.finding.severity) || a.index - b.index)
    .map(({ finding }) => finding);
}

export function renderGithub(report: Report, options: GithubOptions = {}): string {
  const lines: string[] = [];
  for (const f of fixFirst(report.findings)) {
    if (f.suppression) continue; // shown with --show-suppressed elsewhere; an annotation would read as a new problem
    const { location } = f;
    const url = isUrl(location.path);
    const single = location.startLine === location.endLine;
    const properties: Array<[string, string | number | undefined]> = url
      ? []
      : [
          ['file', annotationPath(report, location.path, options.workspace)],
          ['line', Math.max(1, location.startLine)],
          ['col', single && location.startColumn > 0 ? location.startColumn : undefined],
          ['endLine', Math.max(location.endLine, location.startLine, 1)],
          ['endColumn', single && location.endColumn > 0 ? location.endColumn : undefined],
        ];
    properties.push(['title', `${f.ruleId} ${f.ruleName}`]);
    const where = url ? `${location.path}: ` : '';
    const text = `${where}${f.message} [${f.severity}, ${f.confidence} confidence]${f.fix ? `\nFix: ${f.fix}` : ''}`;
    lines.push(command(commandFor(f.severity), properties, text));
  }
  for (const e of report.errors) {
    const url = isUrl(e.path);
    const properties: Array<[string, string | number | undefined]> = url
      ? []
      : [
          ['file', annotationPath(report, e.path, options.workspace)],
          ['line', e.line ?? undefined],
        ];
    properties.push(['title', 'ponyguard could not check this file']);
    lines.push(command('warning', properties, url ? `${e.path}: ${e.message}` : e.message));
  }
  const shown = report.findings.filter((f) => !f.suppression).length;
  const bySeverity = Object.entries(report.stats.bySeverity)
    .map(([severity, n]) => `${n} ${severity}`)
    .join(', ');
  lines.push(`ponyguard: ${shown} finding(s)${bySeverity ? ` (${bySeverity})` : ''}, ${report.errors.length} file(s) not checked`);
  return `${lines.join('\n')}\n`;
}

/** The registered reporter: annotation paths are re-based on `GITHUB_WORKSPACE` (else the working directory). */
export function githubReporter(report: Report, _options: ReporterOptions): string {
  return renderGithub(report, { workspace: process.env['GITHUB_WORKSPACE'] || process.cwd() });
}
