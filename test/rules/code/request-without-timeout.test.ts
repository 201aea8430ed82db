import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY113 request-without-timeout', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY113', path.join(FIXTURES, 'rules/code/request-without-timeout.py'));
  });

  it("keeps Bandit's medium severity and low confidence, and says which problem it is", async () => {
    const findings = await runRule('PY113', 'import requests, httpx\nrequests.get(u)\nrequests.get(u, timeout=None)\nhttpx.get(u, timeout=None)\n');
    expect(findings.map((f) => f.message)).toEqual([
      'requests.get() without a timeout: a server that never answers blocks this worker forever',
      'requests.get() with timeout=None: a server that never answers blocks this worker forever',
      'httpx.get() with timeout=None: a server that never answers blocks this worker forever',
    ]);
    expect(findings.every((f) => f.severity === undefined && f.confidence === undefined)).toBe(true);
  });

  it('ignores functions that are not requests or httpx', async () => {
    expect(await runRule('PY113', 'import urllib3\nurllib3.request("GET", u)\nsession.get(u)\nget(u)\n')).toEqual([]);
  });
});
