/**
 * Acceptance 1 of issue 9: the HTML report in a real browser (Debian's chromium driven by playwright-core).
 * The report of examples/vulnerable-shop: the scorecard shows, the filters and the search box narrow the findings,
 * a screenshot is saved to test-artifacts/html-report.png. The report of a hostile repository (payloads in file
 * names, code and messages): no script from it runs, no element or request comes from it — with the report's CSP,
 * and without it (escaping alone must hold).
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/engine/scan.js';
import { htmlReporter } from '../../src/reporters/html.js';
import { makeProject, REPO_ROOT } from '../helpers.js';
import { OPTIONS } from './report.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');
const available = existsSync(CHROMIUM);
if (!available) console.warn(`html browser test skipped: ${CHROMIUM} is missing (apt-get install chromium; CI installs it)`);

let browser: Browser;
let dir: string;

beforeAll(async () => {
  if (!available) return;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
  dir = await mkdtemp(path.join(os.tmpdir(), 'ponyguard-html-'));
});

afterAll(async () => {
  await browser?.close();
});

interface Opened {
  page: Page;
  requests: string[];
  violations: string[];
  pageErrors: string[];
}

/** Opens a report file; every request is recorded and anything but the file itself is aborted (tests stay offline). */
async function open(file: string): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1400 } });
  // A broken page fails fast instead of waiting out the test's timeout.
  context.setDefaultTimeout(5_000);
  const page = await context.newPage();
  const requests: string[] = [];
  const violations: string[] = [];
  const pageErrors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await context.route((url) => url.protocol !== 'file:', (route) => route.abort());
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, requests, violations, pageErrors };
}

/** Rule codes of the findings a person sees (Playwright's `:visible`: rendered, not hidden by the finding or its group). */
const visibleRules = (page: Page): Promise<string[]> => page.locator('details.finding:visible').evaluateAll((els: DomElement[]) => els.map((el) => el.getAttribute('data-rule') ?? ''));

// What the page functions below use of the DOM (the project compiles without the DOM library).
interface DomElement {
  getAttribute(name: string): string | null;
  textContent: string | null;
}
declare const window: { __pwned?: unknown };
declare const document: {
  scripts: { length: number };
  body: { innerText: string };
  querySelectorAll(selector: string): Iterable<{ tagName: string; attributes: Iterable<{ name: string }> }>;
};
declare function getComputedStyle(element: unknown): { borderLeftWidth: string };

describe.skipIf(!available)('HTML report in chromium', () => {
  it('vulnerable-shop: scorecard, filters, search, screenshot', async () => {
    const { report } = await audit({ path: path.join(REPO_ROOT, 'examples', 'vulnerable-shop'), jobs: 1 });
    expect(report.scorecard).toBeDefined();
    const file = path.join(dir, 'vulnerable-shop.html');
    await writeFile(file, htmlReporter(report, OPTIONS));
    const { page, requests, violations, pageErrors } = await open(file);

    // Only the file itself was loaded; the CSP let the page's own style and script through, and the script ran clean.
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(violations).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(await page.$eval('details.finding', (el) => getComputedStyle(el).borderLeftWidth)).toBe('4px');

    // The scorecard is at the top and visible.
    const scorecard = page.locator('#scorecard');
    await expect(scorecard.isVisible()).resolves.toBe(true);
    expect(await page.locator('#scorecard .grade').textContent()).toBe(report.scorecard!.grade);
    expect(await page.locator('#scorecard tr.practice').count()).toBe(report.scorecard!.practices.length);
    const top = await scorecard.boundingBox();
    const firstFinding = await page.locator('details.finding').first().boundingBox();
    expect(top!.y).toBeLessThan(firstFinding!.y);

    // Everything shows at first; the script revealed the filters.
    const total = report.findings.length;
    expect(total).toBeGreaterThan(50);
    await expect(page.locator('#filters').isVisible()).resolves.toBe(true);
    expect(await visibleRules(page)).toHaveLength(total);
    expect(await page.locator('#shown').textContent()).toBe(`${total} of ${total} findings shown`);

    // Severity checkboxes.
    const medium = report.findings.filter((f) => f.severity === 'medium').length;
    expect(medium).toBeGreaterThan(0);
    await page.locator('input[name=severity][value=medium]').uncheck();
    expect(await visibleRules(page)).toHaveLength(total - medium);
    expect(await page.locator('#shown').textContent()).toBe(`${total - medium} of ${total} findings shown`);

    // Family select, combined with the severity filter.
    await page.locator('#family').selectOption('taint');
    const taint = report.findings.filter((f) => f.family === 'taint' && f.severity !== 'medium');
    expect(taint.length).toBeGreaterThan(0);
    expect((await visibleRules(page)).sort()).toEqual(taint.map((f) => f.ruleId).sort());
    // Groups without a visible finding are hidden.
    const visibleGroups = await page.locator('section.group:visible').count();
    expect(await page.locator('section.group:not([hidden])').count()).toBe(visibleGroups);
    const groupsOfTaint = new Set(taint.map((f) => f.practice ?? `family:${f.family}`)).size;
    expect(visibleGroups).toBe(groupsOfTaint);
    await page.locator('#family').selectOption('');
    await page.locator('input[name=severity][value=medium]').check();
    expect(await visibleRules(page)).toHaveLength(total);

    // Practice select (a practice of the report's findings: from the scan, or none while findings carry none).
    const practices = [...new Set(report.findings.map((f) => f.practice).filter((p): p is string => !!p))];
    if (practices.length > 0) {
      const practice = practices[0]!;
      await page.locator('#practice').selectOption(practice);
      const expected = report.findings.filter((f) => f.practice === practice).length;
      expect(await page.$$eval('details.finding:not([hidden])', (els: DomElement[]) => els.map((el) => el.getAttribute('data-practice')))).toEqual(Array(expected).fill(practice));
      await page.locator('#practice').selectOption('');
    } else {
      expect(await page.locator('#practice option').count()).toBe(1);
    }

    // The search box: a rule code, then two words that must both match (rule and file).
    await page.locator('#search').fill('TNT001');
    const sqlTaint = report.findings.filter((f) => f.ruleId === 'TNT001');
    expect(sqlTaint.length).toBeGreaterThan(0);
    expect(await visibleRules(page)).toEqual(Array(sqlTaint.length).fill('TNT001'));
    const target = sqlTaint[0]!.location.path;
    await page.locator('#search').fill(`tnt001 ${target}`);
    const both = await page.$$eval('details.finding:not([hidden])', (els: DomElement[]) => els.map((el) => el.textContent ?? ''));
    expect(both.length).toBeGreaterThan(0);
    expect(both.length).toBeLessThanOrEqual(sqlTaint.length);
    for (const text of both) expect(text).toContain(target);
    await page.locator('#search').fill('no finding says this 7f3a9c');
    expect(await visibleRules(page)).toEqual([]);
    expect(await page.locator('#shown').textContent()).toBe(`0 of ${total} findings shown`);
    await page.locator('#search').fill('');
    expect(await visibleRules(page)).toHaveLength(total);

    // A code frame highlights the finding's line.
    const highlighted = page.locator('details.finding[open] pre.code .l.hl').first();
    await expect(highlighted.isVisible()).resolves.toBe(true);

    await mkdir(ARTIFACTS, { recursive: true });
    const shot = path.join(ARTIFACTS, 'html-report.png');
    await page.screenshot({ path: shot });
    expect((await readFile(shot)).subarray(1, 4).toString()).toBe('PNG');
    expect(requests).toEqual([pathToFileURL(file).href]);
    await page.context().close();
  });

  it('a hostile repository: nothing from it runs, renders as markup or loads', async () => {
    const marker = (n: number): string => `window.__pwned=${n}`;
    const project = await makeProject({
      'manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")\n',
      'shop/__init__.py': '',
      'shop/settings.py': `DEBUG = True\nSECRET_KEY = "<script>${marker(1)}</script>"\nALLOWED_HOSTS = ["*"]\n`,
      [`shop/"><img src=x onerror=${marker(2)}>.py`]: `def view(request, cursor):\n    cursor.execute("SELECT * FROM t WHERE a = '%s' -- <script>${marker(3)}</script>" % request.GET["<svg onload=${marker(4)}>"])\n    eval(request.GET["<img src=https://evil.example/x.png onerror=${marker(5)}>"])\n`,
      'shop/views.py': `import subprocess\n\n\ndef run(request):\n    # <script src="https://evil.example/x.js"></script>\n    subprocess.call("ls <iframe src=https://evil.example/ onload=${marker(6)}>" + request.GET["q"], shell=True)\n`,
      [`templates/<svg onload=${marker(7)}>.html`]: `<p>{{ name|safe }}</p>\n{% autoescape off %}{{ x }}{% endautoescape %}\n<img src="https://evil.example/p.png" onerror="${marker(8)}">\n`,
      'requirements.txt': `django==1.11.0  # <script>${marker(9)}</script>\n`,
    });
    const { report } = await audit({ path: project, jobs: 1 });
    // The payloads really are in the report: in paths, excerpts and messages.
    expect(report.findings.some((f) => f.location.path.includes('onerror='))).toBe(true);
    expect(report.findings.some((f) => f.location.path.includes('<svg onload='))).toBe(true);
    expect(report.findings.some((f) => f.excerpt?.lines.some((l) => l.includes('<script>')))).toBe(true);
    expect(report.findings.some((f) => f.message.includes('<'))).toBe(true);
    expect(report.scorecard).toBeDefined();
    const html = htmlReporter(report, OPTIONS);
    const withCsp = path.join(dir, 'hostile.html');
    await writeFile(withCsp, html);
    // Without the CSP, only escaping stands between the payloads and the page.
    const withoutCsp = path.join(dir, 'hostile-no-csp.html');
    const stripped = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
    expect(stripped).not.toBe(html);
    await writeFile(withoutCsp, stripped);

    for (const file of [withCsp, withoutCsp]) {
      const { page, requests, pageErrors } = await open(file);
      // Give late handlers (image errors, svg loads) a chance to fire.
      await page.waitForTimeout(150);
      expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
      expect(requests).toEqual([pathToFileURL(file).href]);
      expect(pageErrors).toEqual([]);
      const dom = await page.evaluate(() => ({
        scripts: document.scripts.length,
        foreign: [...document.querySelectorAll('img, svg, iframe, link, object, embed, base, style + style, textarea')].map((el) => el.tagName),
        handlers: [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.name).filter((name) => name.startsWith('on'))),
        text: document.body.innerText,
      }));
      expect(dom.scripts).toBe(1);
      expect(dom.foreign).toEqual([]);
      expect(dom.handlers).toEqual([]);
      // The payloads are shown as text, and the page's own script still works on them.
      expect(dom.text).toContain(`<img src=x onerror=${marker(2)}>`);
      expect(dom.text).toContain(`<svg onload=${marker(7)}>`);
      await page.locator('#search').fill('onerror=');
      const shown = await visibleRules(page);
      expect(shown.length).toBeGreaterThan(0);
      expect(shown.length).toBeLessThan(report.findings.length);
      await page.context().close();
    }
  });
});
