import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/finding.js';
import { FIXTURES, expectTaintFixture } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/taint/template-injection');

/** Confidences of the findings whose source carries `# source: <label>` in `file`, by sink line. */
function confidenceFrom(findings: readonly Finding[], file: string, label: string): string[] {
  const line = readFileSync(path.join(fixture, file), 'utf8').split('\n').findIndex((text) => new RegExp(`#\\s*source:.*\\b${label}\\b`).test(text)) + 1;
  expect(line, label).toBeGreaterThan(0);
  return findings
    .filter((f) => f.trace?.[0]?.path === file && f.trace[0].line === line)
    .sort((a, b) => a.location.startLine - b.location.startLine)
    .map((f) => f.confidence);
}

describe('TNT007 template-injection', () => {
  it('reports exactly the annotated source → sink flows of its fixture project', async () => {
    await expectTaintFixture('TNT007', fixture);
  });

  it('lowers the confidence for sandboxed and untyped environments', async () => {
    const findings = await expectTaintFixture('TNT007', fixture);
    // Module-level Environment, jinja2.Template, SandboxedEnvironment (low).
    expect(confidenceFrom(findings, 'mailer/views.py', 'jinja_source')).toEqual(['high', 'high', 'low']);
    // Django's engines["django"], Engine.get_default(), a local Engine(...).
    expect(confidenceFrom(findings, 'mailer/views.py', 'engine_source')).toEqual(['high', 'high', 'high']);
    // Template() (high), then self.env.from_string(): a class attribute has no known type (medium).
    expect(confidenceFrom(findings, 'mailer/cbv.py', 'cbv_source')).toEqual(['high', 'medium']);
  });
});
