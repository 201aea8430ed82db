import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectTaintFixture } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules/taint/ssrf');

describe('TNT009 ssrf', () => {
  it('reports exactly the annotated source → sink flows of its fixture project', async () => {
    const findings = await expectTaintFixture('TNT009', FIXTURE);
    const confidence = (line: number) => findings.find((f) => f.location.path === 'integrations/views.py' && f.location.startLine === line)?.confidence;
    // Partial SSRF (fixed scheme and host, then a path): low confidence.
    expect(confidence(lineOf('f"https://api.github.com/users/{username}"'))).toBe('low');
    expect(confidence(lineOf('f"{API_ROOT}/users/{username}/repos"'))).toBe('low');
    expect(confidence(lineOf('settings.BILLING_API + "/invoices/" + ref'))).toBe('low');
    // No path separator after the host, or urljoin() (an absolute URL replaces the base): full SSRF.
    expect(confidence(lineOf('"https://billing.example.com" + ref'))).toBe('high');
    expect(confidence(lineOf('urljoin("https://billing.example.com/invoices/", ref)'))).toBe('high');
    expect(confidence(lineOf('requests.get(url, timeout=5)  # expect'))).toBe('high');
    // A URL that passed URLValidator (scheme checked, any host): low.
    const validated = findings.filter((f) => f.location.path === 'integrations/host_check.py' && f.confidence === 'low').map((f) => f.trace?.[0]?.line);
    expect(validated).toEqual([lineIn('integrations/host_check.py', 'source: validated_url'), lineIn('integrations/host_check.py', 'source: validated_inline')]);
  });
});

function lineOf(text: string): number {
  const lines = readFileSync(path.join(FIXTURE, 'integrations/views.py'), 'utf8').split('\n');
  return lines.findIndex((line) => line.includes(text)) + 1;
}

function lineIn(file: string, text: string): number {
  const lines = readFileSync(path.join(FIXTURE, file), 'utf8').split('\n');
  return lines.findIndex((line) => line.includes(text)) + 1;
}
