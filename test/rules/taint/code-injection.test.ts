import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/finding.js';
import { FIXTURES, expectTaintFixture } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/taint/code-injection');

/** Confidences of the findings whose source carries `# source: <label>` in `file`. */
function confidenceFrom(findings: readonly Finding[], file: string, label: string): string[] {
  const line = readFileSync(path.join(fixture, file), 'utf8').split('\n').findIndex((text) => new RegExp(`#\\s*source:.*\\b${label}\\b`).test(text)) + 1;
  expect(line, label).toBeGreaterThan(0);
  return findings.filter((f) => f.trace?.[0]?.path === file && f.trace[0].line === line).map((f) => f.confidence).sort();
}

describe('TNT006 code-injection', () => {
  it('reports exactly the annotated source → sink flows of its fixture project', async () => {
    await expectTaintFixture('TNT006', fixture);
  });

  it('reports eval()/exec() with high confidence, unsafe reflection and unknown interpreters with medium', async () => {
    const findings = await expectTaintFixture('TNT006', fixture);
    expect(confidenceFrom(findings, 'calc/views.py', 'expr')).toEqual(['high']);
    expect(confidenceFrom(findings, 'calc/views.py', 'snippet')).toEqual(['high', 'high']);
    expect(confidenceFrom(findings, 'calc/views.py', 'plugin')).toEqual(['medium']);
    expect(confidenceFrom(findings, 'calc/views.py', 'backend')).toEqual(['medium']);
    expect(confidenceFrom(findings, 'calc/api.py', 'drf_module')).toEqual(['medium']);
    expect(confidenceFrom(findings, 'calc/views.py', 'console')).toEqual(['high']);
    expect(confidenceFrom(findings, 'calc/views.py', 'shared_console')).toEqual(['medium']);
  });
});
