/** The scorecard and fix-first order through the engine and the reporters: JSON (schema), SARIF, text, `--sort`. */
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/config.js';
import type { Finding } from '../../src/core/finding.js';
import { compareFindings, type Report } from '../../src/core/report.js';
import { PRACTICE_TITLES } from '../../src/core/scorecard.js';
import { filterUrlFindings } from '../../src/engine/probe.js';
import type { RawFinding } from '../../src/engine/raw-finding.js';
import { audit, RULES_BY_CODE } from '../../src/engine/scan.js';
import { jsonReporter } from '../../src/reporters/json.js';
import { sarifReporter } from '../../src/reporters/sarif.js';
import { textReporter } from '../../src/reporters/text.js';
import { REPO_ROOT, runCli } from '../helpers.js';

const SHOP = path.join(REPO_ROOT, 'examples', 'vulnerable-shop');
const options = { color: false, rules: RULES_BY_CODE };

function nonIncreasing(findings: readonly Finding[]): boolean {
  return findings.every((f, i) => i === 0 || (findings[i - 1]!.priority ?? 0) >= (f.priority ?? 0));
}

let byFile: Report;
let fixFirst: Report;
beforeAll(async () => {
  byFile = (await audit({ path: SHOP, jobs: 1 })).report;
  fixFirst = (await audit({ path: SHOP, jobs: 1, sort: 'fix-first' })).report;
});

describe('engine', () => {
  it('keeps file order by default and orders by priority with sort: fix-first, with the same findings and scorecard', () => {
    expect(byFile.findings.length).toBeGreaterThan(20);
    expect([...byFile.findings].sort(compareFindings)).toEqual(byFile.findings);
    expect(nonIncreasing(byFile.findings)).toBe(false);
    expect(nonIncreasing(fixFirst.findings)).toBe(true);
    expect(fixFirst.findings[0]!.priority).toBe(Math.max(...byFile.findings.map((f) => f.priority!)));
    expect([...fixFirst.findings].sort(compareFindings)).toEqual(byFile.findings);
    expect(fixFirst.scorecard).toEqual(byFile.scorecard);
  });

  it('the probe filter annotates and orders URL findings the same way', async () => {
    const config = await resolveConfig(await mkdtemp(path.join(os.tmpdir(), 'ponyguard-scorecard-')), undefined, os.tmpdir());
    const at = (line: number) => ({ path: 'https://example.test/', startLine: line, startColumn: 1, endLine: line, endColumn: 1 });
    const raw: RawFinding[] = [
      { ruleId: 'WEB026', message: 'banner', location: at(1), suppressLines: [1, 1], basis: 'a' },
      { ruleId: 'WEB053', message: '.env served', location: at(2), suppressLines: [2, 2], basis: 'b' },
      { ruleId: 'WEB002', message: 'no HSTS', location: at(3), suppressLines: [3, 3], basis: 'c' },
    ];
    const sorted = filterUrlFindings(raw, config, undefined, { sort: 'fix-first' }).shown;
    expect(sorted.map((f) => [f.ruleId, f.practice, f.priority])).toEqual([
      ['WEB053', 'secrets', 150],
      ['WEB002', 'https', 60],
      ['WEB026', 'headers', 30],
    ]);
    expect(filterUrlFindings(raw, config, undefined, {}).shown.map((f) => f.ruleId)).toEqual(['WEB026', 'WEB053', 'WEB002']);
  });
});

describe('reporters', () => {
  it('JSON carries the scorecard and each finding\'s practice and priority, and validates against the schema', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(path.join(REPO_ROOT, 'docs', 'report.schema.json'), 'utf8')) as object);
    for (const report of [byFile, fixFirst]) {
      const json = JSON.parse(jsonReporter(report)) as Report;
      expect(validate(json), JSON.stringify(validate.errors, null, 2)).toBe(true);
      expect(json.scorecard!.practices).toHaveLength(10);
      expect(json.findings.every((f) => typeof f.practice === 'string' && Number.isInteger(f.priority))).toBe(true);
    }
    // The schema holds the contract: an unknown practice or a bad status is rejected.
    const broken = JSON.parse(jsonReporter(byFile)) as Report;
    broken.findings[0]!.practice = 'astrology';
    expect(validate(broken)).toBe(false);
    const badStatus = JSON.parse(jsonReporter(byFile)) as { scorecard: { practices: Array<{ status: string }> } };
    badStatus.scorecard.practices[0]!.status = 'meh';
    expect(validate(badStatus)).toBe(false);
  });

  it('SARIF has the scorecard in run properties and practice and priority in result properties', () => {
    const sarif = JSON.parse(sarifReporter(byFile, options)) as {
      runs: Array<{ properties: { scorecard: Report['scorecard'] }; results: Array<{ ruleId: string; properties: { practice: string; priority: number } }> }>;
    };
    const run = sarif.runs[0]!;
    expect(run.properties.scorecard).toEqual(byFile.scorecard);
    expect(run.results.map((r) => [r.ruleId, r.properties.practice, r.properties.priority])).toEqual(byFile.findings.map((f) => [f.ruleId, f.practice, f.priority]));
  });

  it('text ends with the scorecard: grade, each practice, and the findings to fix first', () => {
    const text = textReporter(byFile, options);
    const card = byFile.scorecard!;
    expect(text).toContain(`Scorecard: ${card.grade} (score ${card.score}/100)`);
    for (const practice of card.practices) {
      expect(text).toMatch(new RegExp(`\\n  ${practice.status} +${practice.score}  ${PRACTICE_TITLES[practice.id].replace(/[()]/g, '\\$&')} +${practice.summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`));
    }
    const section = text.slice(text.indexOf('Fix first:'));
    const top = fixFirst.findings[0]!;
    expect(section.split('\n')[1]).toBe(`  ${String(top.priority).padStart(3)} ${top.ruleId} ${top.ruleName}  ${top.location.path}:${top.location.startLine}`);
    expect(section.split('\n').filter((line) => /^ {2}[ \d]{3} [A-Z]+\d{3} /.test(line))).toHaveLength(5);
    // The scorecard comes after the findings, before the summary line.
    expect(text.indexOf('Scorecard:')).toBeGreaterThan(text.lastIndexOf('fix:'));
  });

  it('text with sort fix-first lists each finding under its own location, by priority, without a second list', () => {
    const text = textReporter(fixFirst, { ...options, sort: 'fix-first' });
    expect(text).not.toContain('Fix first:');
    const top = fixFirst.findings[0]!;
    expect(text.startsWith(`${top.location.path}:${top.location.startLine}:${top.location.startColumn}  priority ${top.priority}\n`)).toBe(true);
    const headers = text.split('\n').filter((line) => / {2}priority \d+$/.test(line));
    expect(headers).toHaveLength(fixFirst.findings.length);
  });

  it('shows control characters of hostile paths as "?" in the scorecard section and fix-first headers', () => {
    const hostile = { ...byFile.findings[0]!, location: { ...byFile.findings[0]!.location, path: 'evil\u001b]0;pwned\u0007\u001b[2J.py' }, priority: 999 };
    const report: Report = { ...byFile, findings: [hostile] };
    for (const sort of ['file', 'fix-first'] as const) {
      const text = textReporter(report, { ...options, sort });
      const scorecardPart = text.slice(text.indexOf('Scorecard:'));
      expect(scorecardPart.includes('\u001b') || scorecardPart.includes('\u0007')).toBe(false);
      if (sort === 'fix-first') expect(text.split('\n')[0]).toBe('evil?]0;pwned??[2J.py:' + `${hostile.location.startLine}:${hostile.location.startColumn}  priority 999`);
      else expect(scorecardPart).toContain('evil?]0;pwned??[2J.py:');
    }
  });
});

describe('command line', () => {
  it('scan --sort fix-first orders the JSON findings by priority; a bad order is a usage error', async () => {
    const result = await runCli(['scan', SHOP, '--format', 'json', '--sort', 'fix-first', '-q']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as Report;
    expect(nonIncreasing(report.findings)).toBe(true);
    expect(report.scorecard!.grade).toMatch(/^[DF]/);
    const bad = await runCli(['scan', SHOP, '--sort', 'severity']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--sort/);
  });
});
