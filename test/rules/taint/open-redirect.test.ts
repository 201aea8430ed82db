import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/finding.js';
import { FIXTURES, expectTaintFixture } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules/taint/open-redirect');

/** The confidence of the finding on the (only) line of a fixture file containing `snippet`. */
function confidenceAt(findings: readonly Finding[], file: string, snippet: string): string | undefined {
  const line = readFileSync(path.join(FIXTURE, file), 'utf8').split('\n').findIndex((text) => text.includes(snippet)) + 1;
  expect(line, snippet).toBeGreaterThan(0);
  return findings.find((f) => f.location.path === file && f.location.startLine === line)?.confidence;
}

describe('TNT004 open-redirect', () => {
  it('reports exactly the annotated source → sink flows of its fixture project', async () => {
    const findings = await expectTaintFixture('TNT004', FIXTURE);
    expect(confidenceAt(findings, 'accounts/views.py', 'return HttpResponseRedirect(referer)')).toBe('high');
    expect(confidenceAt(findings, 'accounts/views.py', 'response["Location"] = q')).toBe('high');
    // A Location header on a receiver only named like a response.
    expect(confidenceAt(findings, 'accounts/lib/urls.py', 'resp["Location"] = url')).toBe('medium');
  });
});
