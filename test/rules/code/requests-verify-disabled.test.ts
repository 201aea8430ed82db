import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY501 requests-verify-disabled', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY501', path.join(FIXTURES, 'rules/code/requests-verify-disabled.py'));
  });

  it('is certain for requests, httpx and known sessions, less so for an unknown receiver', async () => {
    const source = [
      'import requests',
      'requests.put("https://x", verify=False)',
      'with requests.Session() as s:',
      '    s.get("https://x", verify=False)',
      'def f(client):',
      '    client.get("https://x", verify=False)',
    ].join('\n');
    const findings = await runRule('PY501', source);
    expect(findings.map((f) => [f.location.startLine, f.severity ?? 'high', f.confidence ?? 'high'])).toEqual([
      [2, 'high', 'high'],
      [4, 'high', 'high'],
      [6, 'high', 'medium'],
    ]);
  });

  it('does not report requests-like calls of other libraries without verify=False', async () => {
    const source = ['import requests', 'import httpx', 'requests.get("https://x", verify=None)', 'httpx.Client(verify="/etc/ca.pem")'].join('\n');
    expect(await runRule('PY501', source)).toEqual([]);
  });
});
