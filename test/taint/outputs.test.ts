/**
 * Taint findings in the machine-readable reports: the JSON `trace` (validated against docs/report.schema.json) and
 * SARIF `codeFlows` (validated against the official SARIF 2.1.0 schema) go from the source line to the sink line.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { FIXTURES, REPO_ROOT, runCli } from '../helpers.js';

const require = createRequire(import.meta.url);
const fixture = path.join(FIXTURES, 'rules/taint/sql-injection');

function validator(schema: object) {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile(schema);
}

interface TraceStep {
  path: string;
  line: number;
  note: string;
}

describe('taint findings in reports', () => {
  it('JSON: every taint finding has a trace from its source to its sink, and the report validates', async () => {
    const result = await runCli(['scan', fixture, '--select', 'TNT001', '--format', 'json']);
    const report = JSON.parse(result.stdout) as { findings: Array<{ ruleId: string; location: { path: string; startLine: number }; trace: TraceStep[] }> };
    const validate = validator(JSON.parse(readFileSync(path.join(REPO_ROOT, 'docs', 'report.schema.json'), 'utf8')) as object);
    expect(validate(report), JSON.stringify(validate.errors?.slice(0, 5), null, 2)).toBe(true);
    expect(report.findings.length).toBeGreaterThan(3);
    for (const finding of report.findings) {
      const first = finding.trace[0]!;
      const last = finding.trace[finding.trace.length - 1]!;
      expect(first.note).toMatch(/^source: /);
      expect(last.note).toMatch(/^sink: /);
      expect([last.path, last.line]).toEqual([finding.location.path, finding.location.startLine]);
      for (const step of finding.trace) {
        expect(step.line).toBeGreaterThan(0);
        expect(readFileSync(path.join(fixture, step.path), 'utf8').split('\n').length).toBeGreaterThanOrEqual(step.line);
      }
    }
    // The flow through two helpers of another module: view → build_filter() → run_query() → cursor.execute().
    const twoHop = report.findings.find((f) => f.trace[0]!.line === 21)!;
    expect(twoHop.trace.map((s) => `${s.path}:${s.line}`)).toEqual(['shop/views.py:21', 'shop/views.py:21', 'shop/db/helpers.py:11', 'shop/views.py:21', 'shop/db/helpers.py:6']);
  });

  it('SARIF: each taint result carries a codeFlow whose thread flow goes from the source to the sink, and validates', async () => {
    const result = await runCli(['scan', fixture, '--select', 'TNT001', '--format', 'sarif']);
    const sarif = JSON.parse(result.stdout) as {
      runs: Array<{
        results: Array<{
          ruleId: string;
          locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
          codeFlows: Array<{ threadFlows: Array<{ locations: Array<{ location: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } }; message: { text: string } } }> }> }>;
        }>;
      }>;
    };
    const schema = JSON.parse(readFileSync(require.resolve(`@microsoft/sarif-multitool-${process.platform}/sarif-2.1.0.json`), 'utf8')) as object;
    const validate = validator(schema);
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5), null, 2)).toBe(true);
    const results = sarif.runs[0]!.results;
    expect(results.length).toBeGreaterThan(3);
    for (const result of results) {
      expect(result.ruleId).toBe('TNT001');
      const steps = result.codeFlows[0]!.threadFlows[0]!.locations;
      expect(steps.length).toBeGreaterThanOrEqual(2);
      expect(steps[0]!.location.message.text).toMatch(/^source: /);
      const sink = steps[steps.length - 1]!.location.physicalLocation;
      const reported = result.locations[0]!.physicalLocation;
      expect([sink.artifactLocation.uri, sink.region.startLine]).toEqual([reported.artifactLocation.uri, reported.region.startLine]);
    }
  });
});
