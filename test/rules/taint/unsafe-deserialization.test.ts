import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/finding.js';
import { FIXTURES, expectTaintFixture } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/taint/unsafe-deserialization');

/** Confidences of the findings whose source carries `# source: <label>` in `file`, in sink line order. */
function confidenceFrom(findings: readonly Finding[], file: string, label: string): string[] {
  const line = readFileSync(path.join(fixture, file), 'utf8').split('\n').findIndex((text) => new RegExp(`#\\s*source:.*\\b${label}\\b`).test(text)) + 1;
  expect(line, label).toBeGreaterThan(0);
  return findings
    .filter((f) => f.trace?.[0]?.path === file && f.trace[0].line === line)
    .sort((a, b) => a.location.startLine - b.location.startLine)
    .map((f) => f.confidence);
}

describe('TNT010 unsafe-deserialization', () => {
  it('reports exactly the annotated source → sink flows of its fixture project', async () => {
    await expectTaintFixture('TNT010', fixture);
  });

  it('lowers the confidence where the decoder may be safe or the payload is indirect', async () => {
    const findings = await expectTaintFixture('TNT010', fixture);
    // The request itself and uploads are file-like payloads.
    expect(confidenceFrom(findings, 'cart/views.py', 'request_stream')).toEqual(['high']);
    expect(confidenceFrom(findings, 'cart/views.py', 'upload')).toEqual(['high', 'high']);
    // yaml: Loader (high), unsafe_load (high), no Loader (medium), full_load (medium).
    expect(confidenceFrom(findings, 'cart/views.py', 'config')).toEqual(['high', 'high', 'medium', 'medium']);
    // torch.load without weights_only (medium: the default changed in PyTorch 2.6), weights_only=False (high).
    expect(confidenceFrom(findings, 'cart/views.py', 'weights')).toEqual(['medium', 'high']);
    // shelve.open of a request-chosen path: medium; signing.loads with PickleSerializer: low.
    expect(confidenceFrom(findings, 'cart/views.py', 'shelf')).toEqual(['medium']);
    expect(confidenceFrom(findings, 'cart/views.py', 'token')).toEqual(['low']);
    // A file opened at a request-chosen path: an object built by code the analysis does not model (medium).
    expect(confidenceFrom(findings, 'cart/views.py', 'model_path')).toEqual(['medium']);
  });
});
