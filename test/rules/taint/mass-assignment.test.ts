import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/finding.js';
import { FIXTURES, expectTaintFixture } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules/taint/mass-assignment');

/** The confidence of the finding on the (only) line of a fixture file containing `snippet`. */
function confidenceAt(findings: readonly Finding[], file: string, snippet: string): string | undefined {
  const line = readFileSync(path.join(FIXTURE, file), 'utf8').split('\n').findIndex((text) => text.includes(snippet)) + 1;
  expect(line, snippet).toBeGreaterThan(0);
  return findings.find((f) => f.location.path === file && f.location.startLine === line)?.confidence;
}

describe('TNT013 mass-assignment', () => {
  it('reports exactly the annotated source → sink flows of its fixture project', async () => {
    const findings = await expectTaintFixture('TNT013', FIXTURE);
    expect(confidenceAt(findings, 'shop/cbv.py', 'Profile.objects.filter(user=request.user).update(**data)')).toBe('high');
    expect(confidenceAt(findings, 'shop/views.py', 'setattr(profile, key, value)  # expect')).toBe('high');
    // create() on a receiver that does not read as a manager.
    expect(confidenceAt(findings, 'shop/cbv.py', 'self.request.user.orders.create(**data)')).toBe('medium');
  });
});
