import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/finding.js';
import { FIXTURES, expectTaintFixture } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules/taint/xss-response');

/** The confidence of the finding on the (only) line of a fixture file containing `snippet`. */
function confidenceAt(findings: readonly Finding[], file: string, snippet: string): string | undefined {
  const line = readFileSync(path.join(FIXTURE, file), 'utf8').split('\n').findIndex((text) => text.includes(snippet)) + 1;
  expect(line, snippet).toBeGreaterThan(0);
  return findings.find((f) => f.location.path === file && f.location.startLine === line)?.confidence;
}

describe('TNT002 xss-response', () => {
  it('reports exactly the annotated source → sink flows of its fixture project, graded by content type', async () => {
    const findings = await expectTaintFixture('TNT002', FIXTURE);
    expect(confidenceAt(findings, 'blog/views.py', 'return HttpResponse(f"<h1>Results for {q}</h1>")')).toBe('high');
    expect(confidenceAt(findings, 'blog/views.py', 'format_html(template, text)')).toBe('high');
    expect(confidenceAt(findings, 'blog/views.py', 'response.write(f"<li>{row}</li>")')).toBe('high');
    // A computed content type may or may not be HTML; SVG runs scripts but is not the usual target.
    expect(confidenceAt(findings, 'blog/views.py', 'HttpResponse(title, content_type=content_type)')).toBe('medium');
    expect(confidenceAt(findings, 'blog/views.py', 'content_type="image/svg+xml"')).toBe('medium');
  });
});
