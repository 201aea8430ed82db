/**
 * The HTML report: one self-contained page (inline CSS and script, no external request) that reads without
 * JavaScript — the scorecard, findings grouped by practice with code frames, traces and fixes, live sites, errors.
 * With JavaScript, filters (severity, family, practice) and a search box narrow the findings.
 *
 * Everything that comes from a report (paths, code, messages, author names) is hostile: it is only ever written as
 * escaped text or escaped attribute values, never as markup. A strict Content-Security-Policy in a `<meta>` allows
 * exactly the inline stylesheet and script below by their hashes, and nothing else.
 */
import { createHash } from 'node:crypto';
import type { Finding, Severity } from '../core/finding.js';
import { FAMILIES, SEVERITIES, severityRank, confidenceRank } from '../core/finding.js';
import type { Grade, PracticeScore, Report, ReportSite, Scorecard } from '../core/report.js';
import { PRACTICES, compareFindings } from '../core/report.js';
import { ruleHelpUri } from '../core/rule.js';
import { PRACTICE_TITLES } from '../core/scorecard.js';
import { SCRIPT, STYLE } from './html/assets.js';
import type { ReporterOptions } from './types.js';

const FAMILY_TITLES: Readonly<Record<string, string>> = {
  settings: 'Settings',
  code: 'Python code',
  taint: 'Data flow',
  templates: 'Templates',
  dependencies: 'Dependencies',
  secrets: 'Secrets',
  hardening: 'Hardening',
  probe: 'Live probe',
};

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('base64');

/** The policy of every report: only the page's own stylesheet and script, images only as data: URLs, no forms, no base. */
export const HTML_CSP = `default-src 'none'; style-src 'sha256-${sha256(STYLE)}'; script-src 'sha256-${sha256(SCRIPT)}'; img-src data:; base-uri 'none'; form-action 'none'`;

/** Control characters but tab, line feed and carriage return: parse errors in HTML (NUL is dropped or mangled). */
const FORBIDDEN_CONTROLS = /(?![\t\n\r])\p{Cc}/gu;

/** Text content: `<`, `>`, `&` escaped, and the control characters HTML forbids shown as U+FFFD. */
export function escapeHtml(value: unknown): string {
  return String(value)
    .replace(FORBIDDEN_CONTROLS, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** A double-quoted attribute value. */
export function escapeAttribute(value: unknown): string {
  return escapeHtml(value).replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Text where `like this` spans become `<code>`; every part is escaped. */
function prose(text: string): string {
  const parts = text.split('`');
  // An odd number of backticks: the last one is literal.
  if (parts.length % 2 === 0) return escapeHtml(text);
  return parts.map((part, i) => (i % 2 === 1 ? `<code>${escapeHtml(part)}</code>` : escapeHtml(part))).join('');
}

const isUrl = (value: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(value);

/** A token for ids and data attributes: lower-case letters, digits and dashes only. */
function token(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

interface Group {
  key: string;
  title: string;
  findings: Finding[];
}

/** Groups by practice (in the scorecard's order), then by family for findings without one. */
function groups(report: Report): Group[] {
  const titles = new Map<string, string>(Object.entries(PRACTICE_TITLES));
  for (const p of report.scorecard?.practices ?? []) titles.set(p.id, p.title);
  const byKey = new Map<string, Group>();
  for (const finding of report.findings) {
    const key = finding.practice ? `practice:${finding.practice}` : `family:${finding.family}`;
    let group = byKey.get(key);
    if (!group) {
      const title = finding.practice ? (titles.get(finding.practice) ?? finding.practice) : (FAMILY_TITLES[finding.family] ?? finding.family);
      group = { key, title, findings: [] };
      byKey.set(key, group);
    }
    group.findings.push(finding);
  }
  const order = [...PRACTICES.map((p) => `practice:${p}`), ...FAMILIES.map((f) => `family:${f}`)];
  const rank = (key: string): number => {
    const i = order.indexOf(key);
    return i === -1 ? order.length : i;
  };
  const list = [...byKey.values()].sort((a, b) => rank(a.key) - rank(b.key) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const group of list) group.findings.sort(fixFirst);
  return list;
}

/** Fix-first: by priority when the scan computed one, else severity then confidence; then by place. */
function fixFirst(a: Finding, b: Finding): number {
  return (
    (b.priority ?? 0) - (a.priority ?? 0) ||
    severityRank(b.severity) - severityRank(a.severity) ||
    confidenceRank(b.confidence) - confidenceRank(a.confidence) ||
    compareFindings(a, b)
  );
}

export function htmlReporter(report: Report, options: ReporterOptions): string {
  const active = report.findings.filter((f) => !f.suppression);
  const title = `ponyguard report: ${report.target.root}`;
  const body = [
    header(report, active.length),
    report.scorecard ? scorecard(report.scorecard) : '',
    findingsSection(report, options),
    report.sites && report.sites.length > 0 ? sites(report.sites) : '',
    errors(report),
    notices(report),
    `<footer>Generated by ponyguard ${escapeHtml(report.tool.version)}. This page makes no network request; links open rule documentation.</footer>`,
  ].join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(HTML_CSP)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ponyguard ${escapeAttribute(report.tool.version)}">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function header(report: Report, activeCount: number): string {
  const { target, stats } = report;
  const facts: string[] = [];
  if (stats.files > 0 || !report.sites) facts.push(`${plural(stats.files, 'file')} scanned (${stats.pythonFiles} Python)`);
  if (report.sites) facts.push(`${plural(report.sites.length, 'site')} probed`);
  if (target.djangoVersion) facts.push(`Django ${escapeHtml(target.djangoVersion)}`);
  if (target.settingsModules.length > 0) facts.push(`settings: ${target.settingsModules.map((m) => `<code>${escapeHtml(m)}</code>`).join(', ')}`);
  facts.push(`${(stats.durationMs / 1000).toFixed(1)} s`);
  const counts = SEVERITIES.filter((s) => stats.bySeverity[s]).map((s) => `<span class="badge sev-${s}">${stats.bySeverity[s]} ${s}</span>`);
  const hidden: string[] = [];
  if (stats.suppressed > 0) hidden.push(`${stats.suppressed} suppressed`);
  if (stats.baselined > 0) hidden.push(`${stats.baselined} in baseline`);
  return `<header>
<h1>ponyguard report</h1>
<p class="meta"><code>${escapeHtml(target.root)}</code></p>
<p class="meta">${facts.map((f) => `<span>${f}</span>`).join('')}</p>
<p>${activeCount === 0 ? 'No findings.' : `<strong>${plural(activeCount, 'finding')}</strong> ${counts.join(' ')}`}${hidden.length > 0 ? ` <span class="meta">(${hidden.join(', ')} not counted)</span>` : ''}${report.errors.length > 0 ? ` · <a href="#errors">${plural(report.errors.length, 'error')}</a>` : ''}</p>
</header>`;
}

function gradeClass(grade: string): string {
  const letter = grade.charAt(0).toLowerCase();
  return /^[a-f]$/.test(letter) ? `grade-${letter}` : 'grade-f';
}

function scorecard(card: Scorecard): string {
  const rows = card.practices.map((p) => practiceRow(p)).join('\n');
  return `<section class="scorecard panel" id="scorecard" aria-labelledby="scorecard-title">
<h2 id="scorecard-title">Scorecard</h2>
<div class="overall"><div class="grade ${gradeClass(card.grade)}" data-grade="${escapeAttribute(card.grade)}">${escapeHtml(card.grade)}</div>
<div><strong>Overall score ${escapeHtml(card.score)}/100</strong><br><span class="meta">${card.practices.filter((p) => p.status === 'fail').length} failing, ${card.practices.filter((p) => p.status === 'warn').length} warning, ${card.practices.filter((p) => p.status === 'pass').length} passing practices</span></div></div>
<table>
<thead><tr><th>Practice</th><th>Status</th><th>Score</th><th>Findings</th><th>Why</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</section>`;
}

function practiceRow(p: PracticeScore): string {
  const status = ['pass', 'warn', 'fail'].includes(p.status) ? p.status : 'fail';
  const score = Number.isFinite(p.score) ? Math.max(0, Math.min(100, p.score)) : 0;
  const name = p.findings > 0 ? `<a href="#group-practice-${token(p.id)}">${escapeHtml(p.title)}</a>` : escapeHtml(p.title);
  return `<tr class="practice" data-practice="${escapeAttribute(p.id)}"><td>${name}</td><td><span class="status status-${status}">${escapeHtml(status)}</span></td><td class="num"><meter min="0" max="100" low="50" high="80" optimum="100" value="${score}"></meter> ${escapeHtml(p.score)}</td><td class="num">${escapeHtml(p.findings)}</td><td>${prose(p.summary)}</td></tr>`;
}

function findingsSection(report: Report, options: ReporterOptions): string {
  const list = groups(report);
  const present = <T extends string>(values: readonly T[], of: (f: Finding) => string | undefined): T[] => values.filter((v) => report.findings.some((f) => of(f) === v));
  const severities = present(SEVERITIES, (f) => f.severity);
  const families = present(FAMILIES, (f) => f.family);
  const practiceIds = [...new Set(report.findings.map((f) => f.practice).filter((p): p is string => !!p))];
  practiceIds.sort((a, b) => rankOf(a) - rankOf(b) || (a < b ? -1 : a > b ? 1 : 0));
  const practiceTitle = (id: string): string => report.scorecard?.practices.find((p) => p.id === id)?.title ?? titleOf(id);
  const filters = `<form id="filters" class="filters" hidden role="search" aria-label="Filter findings">
<fieldset><legend>Severity</legend>${severities.map((s) => `<label><input type="checkbox" name="severity" value="${s}" checked> <span class="badge sev-${s}">${s}</span></label>`).join(' ')}</fieldset>
<label>Family <select id="family"><option value="">all</option>${families.map((f) => `<option value="${f}">${escapeHtml(FAMILY_TITLES[f] ?? f)}</option>`).join('')}</select></label>
<label>Practice <select id="practice"><option value="">all</option>${practiceIds.map((p) => `<option value="${escapeAttribute(p)}">${escapeHtml(practiceTitle(p))}</option>`).join('')}</select></label>
<label>Search <input type="search" id="search" placeholder="rule, file, message…" autocomplete="off"></label>
<button type="button" id="expand">Expand all</button> <button type="button" id="collapse">Collapse all</button>
<output id="shown" aria-live="polite"></output>
</form>`;
  const sections = list.map(
    (group) => `<section class="group" id="group-${token(group.key.replace(':', '-'))}" data-group="${escapeAttribute(group.key)}">
<h3>${escapeHtml(group.title)} <span class="tag">${plural(group.findings.length, 'finding')}</span></h3>
${group.findings.map((f) => finding(f, options)).join('\n')}
</section>`,
  );
  return `<section id="findings" aria-labelledby="findings-title">
<h2 id="findings-title">Findings</h2>
${report.findings.length === 0 ? '<p class="empty">No findings.</p>' : `${filters}\n${sections.join('\n')}`}
</section>`;
}

function titleOf(practice: string): string {
  return (PRACTICE_TITLES as Readonly<Record<string, string>>)[practice] ?? practice;
}

function rankOf(practice: string): number {
  const i = (PRACTICES as readonly string[]).indexOf(practice);
  return i === -1 ? PRACTICES.length : i;
}

function finding(f: Finding, options: ReporterOptions): string {
  const severity: Severity = (SEVERITIES as readonly string[]).includes(f.severity) ? f.severity : 'info';
  const { location } = f;
  const where = isUrl(location.path) ? location.path : `${location.path}:${location.startLine}:${location.startColumn}`;
  const rule = options.rules.has(f.ruleId)
    ? `<a class="rule" href="${escapeAttribute(ruleHelpUri(encodeURIComponent(f.ruleId)))}" target="_blank" rel="noopener noreferrer">${escapeHtml(f.ruleId)}</a>`
    : `<span class="rule">${escapeHtml(f.ruleId)}</span>`;
  const open = !f.suppression && (severity === 'critical' || severity === 'high') ? ' open' : '';
  const suppressed = f.suppression
    ? ` <span class="tag">suppressed: ${escapeHtml(f.suppression.kind)}${f.suppression.line ? ` at line ${escapeHtml(f.suppression.line)}` : ''}${f.suppression.reason ? ` — ${escapeHtml(f.suppression.reason)}` : ''}</span>`
    : '';
  const details: string[] = [];
  details.push(
    `<p class="meta"><span>${rule} <code>${escapeHtml(f.ruleName)}</code></span><span>${escapeHtml(FAMILY_TITLES[f.family] ?? f.family)}</span><span>confidence ${escapeHtml(f.confidence)}</span>${f.cwe
      .filter((id) => Number.isInteger(id) && id > 0)
      .map((id) => `<span><a href="https://cwe.mitre.org/data/definitions/${id}.html" target="_blank" rel="noopener noreferrer">CWE-${id}</a></span>`)
      .join('')}${f.owasp.map((o) => `<span>${escapeHtml(o)}</span>`).join('')}${f.priority !== undefined ? `<span>priority ${escapeHtml(f.priority)}</span>` : ''}</p>`,
  );
  if (f.commit) {
    details.push(
      `<p class="commit">Introduced in commit <code>${escapeHtml(f.commit.id)}</code> on ${escapeHtml(f.commit.date)} by ${escapeHtml(f.commit.author)}${f.commit.inWorkingTree ? '' : ' — no longer in the working tree, but still in every clone'}.</p>`,
    );
  }
  if (f.excerpt) details.push(codeFrame(f));
  if (f.trace && f.trace.length > 0) {
    details.push(
      `<ol class="trace" aria-label="Data flow">${f.trace.map((step) => `<li><code class="at">${escapeHtml(step.path)}:${escapeHtml(step.line)}</code> ${prose(step.note)}</li>`).join('')}</ol>`,
    );
  }
  details.push(`<p class="fix"><strong>Fix:</strong> ${prose(f.fix)}</p>`);
  return `<details class="finding${f.suppression ? ' suppressed' : ''}"${open} data-severity="${severity}" data-family="${escapeAttribute(f.family)}" data-practice="${escapeAttribute(f.practice ?? '')}" data-rule="${escapeAttribute(f.ruleId)}">
<summary><span class="badge sev-${severity}">${severity}</span> <span class="rule">${escapeHtml(f.ruleId)}</span> <span class="msg">${prose(f.message)}</span> <code class="where">${escapeHtml(where)}</code>${suppressed}</summary>
<div class="body">
${details.join('\n')}
</div>
</details>`;
}

/** The excerpt, the finding's lines highlighted and, on a one-line source finding, its columns marked. */
function codeFrame(f: Finding): string {
  const excerpt = f.excerpt!;
  const { location } = f;
  const markColumns = location.startLine === location.endLine && !isUrl(location.path);
  const lines = excerpt.lines.map((text, i) => {
    const number = excerpt.startLine + i;
    const inside = number >= location.startLine && number <= location.endLine;
    let code = escapeHtml(text);
    if (inside && markColumns && number === location.startLine) {
      const start = Math.max(0, Math.min(text.length, location.startColumn - 1));
      // A redacted secret is shorter in the excerpt than in the file: mark what is shown of it.
      const endColumn = excerpt.highlight ? excerpt.highlight.endColumn : location.endColumn;
      const end = Math.max(start, Math.min(text.length, endColumn - 1));
      if (end > start) code = `${escapeHtml(text.slice(0, start))}<mark>${escapeHtml(text.slice(start, end))}</mark>${escapeHtml(text.slice(end))}`;
    }
    return `<span class="l${inside ? ' hl' : ''}"${inside ? ' data-hl="true"' : ''}><span class="n">${number}</span>${code}</span>`;
  });
  return `<pre class="code"><code>${lines.join('')}</code></pre>`;
}

function sites(list: readonly ReportSite[]): string {
  const blocks = list.map((site) => {
    const landed =
      site.finalUrl === null
        ? '<span class="status status-fail">no answer</span>'
        : `${site.finalUrl !== site.url ? `→ <code>${escapeHtml(site.finalUrl)}</code> ` : ''}<span class="meta">(HTTP ${escapeHtml(site.status)})</span>`;
    const grades: Array<[string, Grade | null]> = [
      ['HTTP Observatory', site.observatory],
      ['Django', site.django],
    ];
    const tables = grades
      .filter((entry): entry is [string, Grade] => entry[1] !== null)
      .map(
        ([name, grade]) => `<h4>${escapeHtml(name)}: <span class="grade ${gradeClass(grade.grade)}">${escapeHtml(grade.grade)}</span> <span class="meta">score ${escapeHtml(grade.score)}</span></h4>
<table><thead><tr><th>Result</th><th>Score</th><th>Test</th><th>Why</th></tr></thead><tbody>
${grade.lines
  .map(
    (line) =>
      `<tr><td><span class="status status-${line.pass ? 'pass' : 'fail'}">${line.pass ? 'pass' : 'fail'}</span></td><td class="num">${line.modifier > 0 ? '+' : ''}${escapeHtml(line.modifier)}</td><td><code>${escapeHtml(line.test)}</code><br><span class="meta">${escapeHtml(line.result)}</span></td><td>${prose(line.description)}</td></tr>`,
  )
  .join('\n')}
</tbody></table>`,
      );
    return `<div class="site panel"><h3><code>${escapeHtml(site.url)}</code> ${landed}</h3>
${tables.length > 0 ? tables.join('\n') : '<p class="empty">No grade.</p>'}</div>`;
  });
  return `<section id="sites" aria-labelledby="sites-title">
<h2 id="sites-title">Sites (${list.length})</h2>
${blocks.join('\n')}
</section>`;
}

function errors(report: Report): string {
  if (report.errors.length === 0) return '';
  return `<section id="errors" class="errors" aria-labelledby="errors-title">
<h2 id="errors-title">Errors (${report.errors.length})</h2>
<p>${report.sites ? 'These files or URLs' : 'These files'} were not fully scanned.</p>
<ul>${report.errors.map((e) => `<li><code>${escapeHtml(e.path)}${e.line !== null ? `:${escapeHtml(e.line)}` : ''}</code> ${escapeHtml(e.message)}</li>`).join('\n')}</ul>
</section>`;
}

function notices(report: Report): string {
  if (!report.notices || report.notices.length === 0) return '';
  return `<section id="notices" class="notices" aria-labelledby="notices-title">
<h2 id="notices-title">Notices</h2>
<ul>${report.notices.map((n) => `<li>${prose(n)}</li>`).join('\n')}</ul>
</section>`;
}
