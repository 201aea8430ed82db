import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/finding.js';
import { FIXTURES, expectTaintFixture } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules/taint/header-injection');

/** The confidence of the finding on the (only) line of a fixture file containing `snippet`. */
function confidenceAt(findings: readonly Finding[], file: string, snippet: string): string | undefined {
  const line = readFileSync(path.join(FIXTURE, file), 'utf8').split('\n').findIndex((text) => text.includes(snippet)) + 1;
  expect(line, snippet).toBeGreaterThan(0);
  return findings.find((f) => f.location.path === file && f.location.startLine === line)?.confidence;
}

describe('TNT011 header-injection', () => {
  it('reports exactly the annotated source → sink flows of its fixture project, graded by header', async () => {
    const findings = await expectTaintFixture('TNT011', FIXTURE);
    // Names, and values of headers that decide something, are high.
    expect(confidenceAt(findings, 'downloads/views.py', 'response[header] = "1"')).toBe('high');
    expect(confidenceAt(findings, 'downloads/views.py', 'response.set_cookie(cookie, "1")')).toBe('high');
    expect(confidenceAt(findings, 'downloads/views.py', 'filename="{name}.csv"\'  # expect')).toBe('high');
    expect(confidenceAt(findings, 'downloads/views.py', 'response["X-Accel-Redirect"]')).toBe('high');
    // Values of other headers and of fixed-name cookies are low.
    expect(confidenceAt(findings, 'downloads/views.py', 'response.headers["X-Request-Id"]')).toBe('low');
    expect(confidenceAt(findings, 'downloads/views.py', 'response.set_cookie("theme", theme')).toBe('low');
    expect(confidenceAt(findings, 'downloads/api.py', 'response["X-Total-Count"] = limit')).toBe('low');
    // A receiver only named like a response.
    expect(confidenceAt(findings, 'downloads/lib/headers.py', 'resp["Content-Disposition"]')).toBe('medium');
  });
});
