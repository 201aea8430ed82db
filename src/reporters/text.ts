/**
 * Human-readable output: findings grouped by file with code frames (or, with `--sort fix-first`, one list by
 * priority), then the sites probed, errors, the scorecard with the first findings to fix, and a summary line.
 */
import type { Finding, Severity } from '../core/finding.js';
import { SEVERITIES } from '../core/finding.js';
import type { Grade, Report, ReportSite, Scorecard } from '../core/report.js';
import { compareFixFirst } from '../core/scorecard.js';
import type { ReporterOptions } from './types.js';

const ESC = '\u001b[';
type Style = (text: string) => string;

function styles(color: boolean): Record<'bold' | 'dim' | 'red' | 'yellow' | 'cyan' | 'magenta' | 'green' | 'underline', Style> {
  const wrap = (open: string, close: string): Style => (color ? (text) => `${ESC}${open}m${text}${ESC}${close}m` : (text) => text);
  return {
    bold: wrap('1', '22'),
    dim: wrap('2', '22'),
    underline: wrap('4', '24'),
    red: wrap('31', '39'),
    green: wrap('32', '39'),
    yellow: wrap('33', '39'),
    magenta: wrap('35', '39'),
    cyan: wrap('36', '39'),
  };
}

export function textReporter(report: Report, options: ReporterOptions): string {
  const s = styles(options.color);
  const severityStyle: Record<Severity, Style> = {
    critical: (t) => s.bold(s.magenta(t)),
    high: s.red,
    medium: s.yellow,
    low: s.cyan,
    info: s.dim,
  };
  const out: string[] = [];
  // Fix-first: one list in the report's (priority) order, each finding under its own location; else grouped by file.
  const groups: Array<[string, Finding[]]> = [];
  if (options.sort === 'fix-first') {
    for (const finding of report.findings) groups.push([`${printable(`${finding.location.path}:${finding.location.startLine}:${finding.location.startColumn}`)}${finding.priority !== undefined ? s.dim(`  priority ${finding.priority}`) : ''}`, [finding]]);
  } else {
    const byFile = new Map<string, Finding[]>();
    for (const finding of report.findings) {
      const list = byFile.get(finding.location.path);
      if (list) list.push(finding);
      else byFile.set(finding.location.path, [finding]);
    }
    groups.push(...byFile);
  }
  for (const [file, findings] of groups) {
    out.push(s.underline(s.bold(file)));
    for (const f of findings) {
      const where = `${f.location.startLine}:${f.location.startColumn}`;
      const suppressed = f.suppression
        ? s.dim(` [suppressed: ${f.suppression.kind}${f.suppression.line ? ` at line ${f.suppression.line}` : ''}${f.suppression.reason ? ` — ${f.suppression.reason}` : ''}]`)
        : '';
      out.push(
        `  ${s.dim(where.padEnd(7))} ${severityStyle[f.severity](f.severity.padEnd(8))} ${s.bold(f.ruleId)} ${s.dim(f.ruleName)}${suppressed}`,
      );
      out.push(`    ${f.message}`);
      if (f.commit) out.push(`    ${s.dim(`commit ${f.commit.id} · ${f.commit.date} · ${f.commit.author}${f.commit.inWorkingTree ? '' : ' · no longer in the working tree'}`)}`);
      if (f.excerpt) out.push(...codeFrame(f, s));
      for (const step of f.trace ?? []) out.push(`    ${s.dim('→')} ${s.dim(`${step.path}:${step.line}`)} ${step.note}`);
      out.push(`    ${s.green('fix:')} ${f.fix}`);
      out.push('');
    }
  }
  if (report.sites && report.sites.length > 0) out.push(...sites(report.sites, s));
  if (report.errors.length > 0) {
    out.push(s.bold(s.red(`Errors (${report.errors.length}): ${report.sites ? 'these files or URLs' : 'these files'} were not fully scanned`)));
    for (const e of report.errors) out.push(`  ${s.bold(e.path)}${e.line !== null ? `:${e.line}` : ''}  ${e.message}`);
    out.push('');
  }
  for (const notice of report.notices ?? []) out.push(`${s.yellow('note:')} ${notice}`);
  if (report.scorecard) out.push(...scorecard(report.scorecard, report.findings, options.sort !== 'fix-first', s));
  out.push(summary(report, s, severityStyle));
  return `${out.join('\n')}\n`;
}

/** Each probed site: where it ended up, then its grades, each explained line by line. */
function sites(list: readonly ReportSite[], s: ReturnType<typeof styles>): string[] {
  const out: string[] = [s.bold(`Sites (${list.length})`)];
  for (const site of list) {
    const landed = site.finalUrl === null ? s.red('no answer') : `${site.finalUrl !== site.url ? `→ ${site.finalUrl} ` : ''}${s.dim(`(${site.status})`)}`;
    out.push(`  ${s.underline(s.bold(site.url))} ${landed}`);
    const grades: Array<[string, Grade | null]> = [
      ['HTTP Observatory', site.observatory],
      ['Django', site.django],
    ];
    for (const [name, grade] of grades) {
      if (!grade) continue;
      const letter = grade.grade.startsWith('A') ? s.green(grade.grade) : grade.grade.startsWith('F') ? s.red(grade.grade) : s.yellow(grade.grade);
      out.push(`    ${s.bold(`${name}:`)} ${s.bold(letter)} ${s.dim(`(score ${grade.score})`)}`);
      for (const line of grade.lines) {
        const plain = (line.modifier > 0 ? `+${line.modifier}` : String(line.modifier)).padStart(4);
        const modifier = line.modifier > 0 ? s.green(plain) : line.modifier < 0 ? s.red(plain) : s.dim(plain);
        out.push(`      ${line.pass ? s.green('pass') : s.red('fail')} ${modifier} ${s.bold(line.test)} ${s.dim(line.result)}  ${line.description}`);
      }
    }
    if (!site.observatory && !site.django) out.push(`    ${s.dim('no grade')}`);
  }
  out.push('');
  return out;
}

/** How many findings the scorecard section names as the ones to fix first (when the list itself is by file). */
const FIX_FIRST_SHOWN = 5;

/** Control characters (terminal escapes a hostile path could carry) shown as `?`. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const printable = (text: string): string => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');

/** The practices with status, score and why, the overall grade, and (unless already listed by priority) the first findings to fix. */
function scorecard(card: Scorecard, findings: readonly Finding[], listFixFirst: boolean, s: ReturnType<typeof styles>): string[] {
  const letter = (grade: string, text: string): string => (grade.startsWith('A') ? s.green(text) : grade.startsWith('F') || grade.startsWith('D') ? s.red(text) : s.yellow(text));
  const out: string[] = [`${s.bold('Scorecard:')} ${s.bold(letter(card.grade, card.grade))} ${s.dim(`(score ${card.score}/100)`)}`];
  const width = Math.max(...card.practices.map((p) => p.title.length));
  for (const p of card.practices) {
    const status = p.status === 'pass' ? s.green('pass') : p.status === 'warn' ? s.yellow('warn') : s.red('fail');
    out.push(`  ${status} ${String(p.score).padStart(3)}  ${p.title.padEnd(width)}  ${s.dim(p.summary)}`);
  }
  const active = findings.filter((f) => !f.suppression);
  if (listFixFirst && active.length > 0) {
    out.push(s.bold('Fix first:'));
    for (const f of [...active].sort(compareFixFirst).slice(0, FIX_FIRST_SHOWN)) {
      out.push(`  ${s.dim(String(f.priority ?? '').padStart(3))} ${s.bold(f.ruleId)} ${f.ruleName}  ${printable(`${f.location.path}:${f.location.startLine}`)}`);
    }
  }
  out.push('');
  return out;
}

function codeFrame(f: Finding, s: ReturnType<typeof styles>): string[] {
  const excerpt = f.excerpt!;
  const last = excerpt.startLine + excerpt.lines.length - 1;
  const width = String(last).length;
  const lines: string[] = [];
  excerpt.lines.forEach((text, i) => {
    const number = excerpt.startLine + i;
    const inside = number >= f.location.startLine && number <= f.location.endLine;
    const gutter = `${inside ? '>' : ' '} ${String(number).padStart(width)} |`;
    const shown = text.replace(/\t/g, '    ');
    lines.push(`    ${inside ? s.bold(gutter) : s.dim(gutter)} ${inside ? shown : s.dim(shown)}`);
    // Live-probe findings show evidence (requests, headers), not source: nothing to underline.
    if (number === f.location.startLine && f.location.endLine === f.location.startLine && !/^[a-z][a-z0-9+.-]*:\/\//i.test(f.location.path)) {
      const prefix = text.slice(0, f.location.startColumn - 1).replace(/\t/g, '    ');
      // A redacted secret ("AKIA…") is shorter in the excerpt than in the file: underline what is shown of it.
      const end = excerpt.highlight ? excerpt.highlight.endColumn : Math.min(f.location.endColumn, text.length + 1);
      const length = Math.max(1, end - f.location.startColumn);
      lines.push(`    ${s.dim(`${' '.repeat(width + 2)} |`)} ${' '.repeat(prefix.length)}${s.red('^'.repeat(Math.min(length, 120)))}`);
    }
  });
  return lines;
}

function summary(report: Report, s: ReturnType<typeof styles>, severityStyle: Record<Severity, Style>): string {
  const active = report.findings.filter((f) => !f.suppression);
  const files = new Set(active.map((f) => f.location.path)).size;
  const parts: string[] = [];
  if (active.length === 0) parts.push(s.green('No findings'));
  else {
    const counts = SEVERITIES.filter((sev) => report.stats.bySeverity[sev]).map((sev) => severityStyle[sev](`${report.stats.bySeverity[sev]} ${sev}`));
    const places = report.sites && report.stats.files === 0 ? `URL${files === 1 ? '' : 's'}` : `file${files === 1 ? '' : 's'}`;
    parts.push(`${s.bold(`${active.length} finding${active.length === 1 ? '' : 's'}`)} (${counts.join(', ')}) in ${files} ${places}`);
  }
  if (report.stats.suppressed > 0) parts.push(`${report.stats.suppressed} suppressed`);
  if (report.stats.baselined > 0) parts.push(`${report.stats.baselined} in baseline`);
  if (report.errors.length > 0) parts.push(s.red(`${report.errors.length} error${report.errors.length === 1 ? '' : 's'}`));
  const probed = report.sites ? `${report.sites.length} site${report.sites.length === 1 ? '' : 's'} probed` : '';
  const seconds = `${(report.stats.durationMs / 1000).toFixed(1)} s`;
  // `ponyguard probe` reads no files: its summary counts sites.
  if (report.sites && report.stats.files === 0) parts.push(s.dim(`${probed} in ${seconds}`));
  else parts.push(s.dim(`${report.stats.files} files scanned (${report.stats.pythonFiles} Python)${probed ? `, ${probed}` : ''} in ${seconds}`));
  const django = report.target.djangoVersion ? s.dim(` · Django ${report.target.djangoVersion}`) : '';
  return parts.join(' · ') + django;
}
