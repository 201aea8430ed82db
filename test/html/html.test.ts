/** The HTML reporter without a browser: CSP, self-containment, escaping, structure. The browser test is browser.test.ts. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROBE_FORMATS } from '../../src/cli/probe.js';
import { FORMATS, REPORTERS } from '../../src/reporters/index.js';
import { escapeAttribute, escapeHtml, HTML_CSP, htmlReporter } from '../../src/reporters/html.js';
import { ruleHelpUri } from '../../src/core/rule.js';
import { computeScorecard, PRACTICE_TITLES } from '../../src/core/scorecard.js';
import { makeProject, runCli } from '../helpers.js';
import { hostileReport, makeFinding, makeReport, OPTIONS, PAYLOADS } from './report.js';

const sha = (text: string): string => createHash('sha256').update(text, 'utf8').digest('base64');

function inline(html: string, tag: 'style' | 'script'): string[] {
  return [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]!);
}

function openingTags(html: string): string[] {
  return [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)\b/g)].map((m) => m[1]!.toLowerCase());
}

/** Names of every attribute of every start tag; fails when a start tag is not `<name attr="value" attr>`. */
function attributeNames(html: string): string[] {
  const names: string[] = [];
  for (const match of html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)) {
    const attributes = match[2]!;
    expect(attributes, `malformed <${match[1]}${attributes}>`).toMatch(/^(\s+[a-z-]+(="[^"]*")?)*\s*$/);
    for (const [, name] of attributes.matchAll(/\s([a-z-]+)(?:="[^"]*")?/g)) names.push(name!);
  }
  return names;
}

describe('html reporter', () => {
  it('is a registered format of scan and probe', () => {
    expect(FORMATS).toContain('html');
    expect(PROBE_FORMATS).toContain('html');
    expect(REPORTERS['html']).toBe(htmlReporter);
  });

  it('allows exactly its own inline style and script by hash, and nothing else', () => {
    const html = htmlReporter(makeReport([makeFinding()]), OPTIONS);
    const styles = inline(html, 'style');
    const scripts = inline(html, 'script');
    expect(styles).toHaveLength(1);
    expect(scripts).toHaveLength(1);
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
    expect(meta).not.toBeNull();
    const policy = meta![1]!.replace(/&#39;/g, "'");
    expect(policy).toBe(HTML_CSP);
    expect(policy).toContain(`style-src 'sha256-${sha(styles[0]!)}'`);
    expect(policy).toContain(`script-src 'sha256-${sha(scripts[0]!)}'`);
    expect(policy).toMatch(/^default-src 'none';/);
    expect(policy).not.toContain('unsafe');
    // The CSP meta comes before anything it governs.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
  });

  it('is self-contained: no src attribute, no link element, no style attribute, no remote CSS, only anchors link out', () => {
    const html = htmlReporter(makeReport([makeFinding({ trace: [{ path: 'a.py', line: 1, note: 'source: request.GET' }] })], { scorecard: computeScorecard([]) }), OPTIONS);
    expect(html).not.toMatch(/\ssrc=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/@import|url\(/i);
    const hrefs = [...html.matchAll(/<(\w+)[^>]*\shref="([^"]*)"/g)];
    expect(hrefs.length).toBeGreaterThan(0);
    for (const [, tag, href] of hrefs) {
      expect(tag).toBe('a');
      expect(href).toMatch(/^(#[a-z0-9-]+|https:\/\/(github\.com\/ponyguard|cwe\.mitre\.org)\/)/);
    }
  });

  it('renders the scorecard only when the report has one', () => {
    const finding = makeFinding({ practice: 'injection', severity: 'high' });
    const without = htmlReporter(makeReport([finding]), OPTIONS);
    expect(without).not.toContain('id="scorecard"');
    const card = computeScorecard([finding]);
    const injection = card.practices.find((p) => p.id === 'injection')!;
    injection.summary = `${injection.summary} See \`TNT001\`.`;
    const html = htmlReporter(makeReport([finding], { scorecard: card }), OPTIONS);
    expect(html).toContain('id="scorecard"');
    expect(html).toContain(`data-grade="${card.grade}"`);
    for (const practice of card.practices) {
      expect(html).toContain(`<tr class="practice" data-practice="${practice.id}">`);
      expect(html).toContain(practice.title);
    }
    // A failing practice links to its findings; the summary's `code` is rendered as code.
    expect(html).toContain(`<a href="#group-practice-injection">${PRACTICE_TITLES.injection}</a>`);
    expect(html).toContain('id="group-practice-injection"');
    expect(injection.status).toBe('fail');
    expect(html).toContain(`<span class="status status-fail">fail</span></td><td class="num"><meter min="0" max="100" low="50" high="80" optimum="100" value="${injection.score}"></meter> ${injection.score}</td><td class="num">1</td>`);
    expect(html).toContain(' See <code>TNT001</code>.</td>');
  });

  it('groups findings by practice in the scorecard order, by family without one, fix-first inside a group', () => {
    const findings = [
      makeFinding({ ruleId: 'SET001', family: 'settings', practice: 'https', severity: 'low', message: 'https-low' }),
      makeFinding({ ruleId: 'TNT001', family: 'taint', practice: 'injection', severity: 'medium', message: 'inj-medium', priority: 90 }),
      makeFinding({ ruleId: 'PY608', practice: 'injection', severity: 'critical', message: 'inj-critical', priority: 10 }),
      makeFinding({ ruleId: 'PY601', practice: 'injection', severity: 'high', message: 'inj-high' }),
      makeFinding({ ruleId: 'PY101', family: 'code', severity: 'info', message: 'no-practice' }),
      makeFinding({ ruleId: 'DEP001', family: 'dependencies', practice: 'version', severity: 'high', message: 'version-high' }),
    ];
    const html = htmlReporter(makeReport(findings), OPTIONS);
    const groups = [...html.matchAll(/<section class="group" id="([^"]+)"/g)].map((m) => m[1]);
    expect(groups).toEqual(['group-practice-version', 'group-practice-injection', 'group-practice-https', 'group-family-code']);
    const order = [...html.matchAll(/<span class="msg">([^<]+)<\/span>/g)].map((m) => m[1]);
    // Priority first (a computed fix-first rank), then severity.
    expect(order).toEqual(['version-high', 'inj-medium', 'inj-critical', 'inj-high', 'https-low', 'no-practice']);
    expect(html).toContain('<h3>Python code <span class="tag">1 finding</span></h3>');
    expect(html).toContain(`<h3>${PRACTICE_TITLES.injection} <span class="tag">3 findings</span></h3>`);
    // Filters list what is present.
    expect(html).toContain(`<option value="injection">${PRACTICE_TITLES.injection}</option>`);
    expect(html).not.toContain('<option value="cookies">');
    expect(html).toContain('<option value="dependencies">Dependencies</option>');
    expect(html).not.toContain('value="probe"');
    expect(html).toContain('<input type="checkbox" name="severity" value="critical" checked>');
    // Filters need the script: hidden until it runs, so a page read without JavaScript shows no dead controls.
    expect(html).toMatch(/<form id="filters" class="filters" hidden/);
  });

  it('shows the excerpt with the finding line highlighted and its columns marked, the trace as steps, the fix, the commit, the rule docs', () => {
    const finding = makeFinding({
      ruleId: 'SEC001',
      family: 'secrets',
      message: 'AWS key',
      location: { path: 'deploy/env.sh', startLine: 3, startColumn: 8, endLine: 3, endColumn: 28 },
      excerpt: { startLine: 2, lines: ['set -e', 'export AKIA…', 'echo'], highlight: { startColumn: 8, endColumn: 13 } },
      trace: [
        { path: 'a/views.py', line: 4, note: 'source: `request.GET`' },
        { path: 'a/views.py', line: 9, note: 'sink: cursor.execute()' },
      ],
      commit: { id: 'a'.repeat(40), date: '2024-01-02T03:04:05Z', author: 'Dev <dev@example.com>', inWorkingTree: false },
    });
    const html = htmlReporter(makeReport([finding]), OPTIONS);
    expect(html).toContain('<span class="l"><span class="n">2</span>set -e</span>');
    expect(html).toContain('<span class="l hl" data-hl="true"><span class="n">3</span>export <mark>AKIA…</mark></span>');
    expect(html).toContain('<span class="l"><span class="n">4</span>echo</span>');
    expect(html).toContain(
      '<ol class="trace" aria-label="Data flow"><li><code class="at">a/views.py:4</code> source: <code>request.GET</code></li><li><code class="at">a/views.py:9</code> sink: cursor.execute()</li></ol>',
    );
    expect(html).toContain('<p class="fix"><strong>Fix:</strong> Pass parameters to <code>cursor.execute(sql, params)</code>.</p>');
    expect(html).toContain(`Introduced in commit <code>${'a'.repeat(40)}</code> on 2024-01-02T03:04:05Z by Dev &lt;dev@example.com&gt; — no longer in the working tree`);
    expect(html).toContain(`<a class="rule" href="${ruleHelpUri('SEC001')}" target="_blank" rel="noopener noreferrer">SEC001</a>`);
    expect(html).toContain('href="https://cwe.mitre.org/data/definitions/89.html"');
  });

  it('highlights every line of a multi-line finding and marks no columns on live-probe evidence', () => {
    const multi = makeFinding({ location: { path: 'a.py', startLine: 11, startColumn: 1, endLine: 12, endColumn: 5 } });
    const live = makeFinding({
      ruleId: 'WEB001',
      family: 'probe',
      location: { path: 'https://shop.example/', startLine: 1, startColumn: 1, endLine: 1, endColumn: 10 },
      excerpt: { startLine: 1, lines: ['HTTP/1.1 200 OK'] },
    });
    const html = htmlReporter(makeReport([multi, live]), OPTIONS);
    expect(html.match(/class="l hl"/g)).toHaveLength(3);
    expect(html).not.toContain('<mark>');
    expect(html).toContain('<code class="where">https://shop.example/</code>');
  });

  it('does not link rules it does not know', () => {
    const html = htmlReporter(makeReport([makeFinding({ ruleId: 'ZZZ999' })]), OPTIONS);
    expect(html).not.toContain('ZZZ999.md');
    expect(html).toContain('<span class="rule">ZZZ999</span>');
  });

  it('lists sites with their graded lines, errors and notices', () => {
    const html = htmlReporter(
      makeReport([], {
        errors: [{ path: 'bad.py', line: 3, message: 'syntax error' }],
        notices: ['the advisory database is `40` days old'],
        sites: [
          {
            url: 'https://shop.example/',
            finalUrl: 'https://www.shop.example/',
            status: 200,
            observatory: { score: 35, grade: 'D-', lines: [{ test: 'strict-transport-security', result: 'hsts-not-implemented', modifier: -20, pass: false, description: 'No HSTS.' }] },
            django: { score: 100, grade: 'A+', lines: [] },
          },
          { url: 'http://down.example/', finalUrl: null, status: null, observatory: null, django: null },
        ],
      }),
      OPTIONS,
    );
    expect(html).toContain('No findings.');
    expect(html).toContain('<h2 id="sites-title">Sites (2)</h2>');
    expect(html).toContain('→ <code>https://www.shop.example/</code>');
    expect(html).toContain('<h4>HTTP Observatory: <span class="grade grade-d">D-</span> <span class="meta">score 35</span></h4>');
    expect(html).toContain('<td class="num">-20</td><td><code>strict-transport-security</code><br><span class="meta">hsts-not-implemented</span></td><td>No HSTS.</td>');
    expect(html).toContain('<h4>Django: <span class="grade grade-a">A+</span>');
    expect(html).toContain('<span class="status status-fail">no answer</span>');
    expect(html).toContain('<li><code>bad.py:3</code> syntax error</li>');
    expect(html).toContain('<li>the advisory database is <code>40</code> days old</li>');
    expect(html).toContain('<a href="#errors">1 error</a>');
  });

  it('escapes text and attribute values, and replaces the control characters HTML forbids', () => {
    expect(escapeHtml('<a href="x">&amp;</a>')).toBe('&lt;a href="x"&gt;&amp;amp;&lt;/a&gt;');
    expect(escapeAttribute(`" onerror='x'`)).toBe('&quot; onerror=&#39;x&#39;');
    expect(escapeHtml('a\u0000b\u001bc\td\ne\r\u0085f\u007f')).toBe('a\ufffdb\ufffdc\td\ne\r\ufffdf\ufffd');
  });

  it('writes nothing from a hostile report as markup', () => {
    const report = hostileReport();
    const html = htmlReporter(report, OPTIONS);
    const clean = htmlReporter(makeReport([makeFinding({ practice: 'injection', trace: [{ path: 'a.py', line: 1, note: 'n' }], commit: { id: 'c', date: 'd', author: 'a', inWorkingTree: false } })], { scorecard: computeScorecard([]), notices: ['n'], errors: [{ path: 'p', line: 1, message: 'm' }], sites: report.sites! }), OPTIONS);
    // The same elements as a harmless report: nothing the payloads carry became an element.
    const allowed = new Set(openingTags(clean));
    for (const tag of openingTags(html)) expect(allowed.has(tag), `unexpected <${tag}>`).toBe(true);
    expect(openingTags(html).filter((t) => t === 'script')).toHaveLength(1);
    for (const forbidden of ['img', 'svg', 'iframe', 'link', 'base', 'textarea', 'object', 'embed']) expect(openingTags(html)).not.toContain(forbidden);
    // No attribute break-out: every quote inside an attribute value is escaped, so no event handler appears.
    expect(attributeNames(html).filter((name) => name.startsWith('on'))).toEqual([]);
    for (const payload of PAYLOADS.filter((text) => text.includes('<'))) expect(html).not.toContain(payload);
    expect(html).not.toContain('<!--');
    expect(html).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
    expect(html).toContain('data-practice="&#39; onmouseover=&#39;window.__pwned=4"');
    expect(html).toContain('data-rule="X&quot;&gt;&lt;svg onload=window.__pwned=3&gt;"');
    // An already-escaped payload stays text: `&lt;` is shown as written, not decoded into `<`.
    expect(html).toContain('&amp;lt;script&amp;gt;');
    // Ids and grade classes never take report text.
    for (const [, id] of html.matchAll(/\sid="([^"]*)"/g)) expect(id).toMatch(/^[a-z0-9-]+$/);
    for (const [, cls] of html.matchAll(/\sclass="([^"]*)"/g)) expect(cls).toMatch(/^[a-z0-9 -]+$/);
  });

  it('is written by `scan --format html --output` (built CLI)', async () => {
    const dir = await makeProject({ 'app/views.py': 'def view(request, cursor):\n    cursor.execute("SELECT * FROM t WHERE a = %s" % request.GET["a"])\n' });
    const out = path.join(dir, 'report.html');
    const result = await runCli(['scan', dir, '--format', 'html', '--output', out, '-q', '-j', '1']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('');
    expect(result.code).toBe(1);
    const html = await readFile(out, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('data-rule="TNT001"');
    expect(html).toContain('id="scorecard"');
  });
});
