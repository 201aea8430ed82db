import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectProbeFixture } from '../../probe/capture.js';
import { FIXTURES } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules', 'probe', 'http-not-redirected-to-https.json');

describe('WEB001 http-not-redirected-to-https', () => {
  it('reports the fixture cases marked # expect: WEB001 and only those', () => {
    expect(expectProbeFixture('WEB001', FIXTURE).size).toBeGreaterThan(1);
  });

  it('the off-host hop is low, the missing redirect medium', () => {
    const found = expectProbeFixture('WEB001', FIXTURE);
    expect(found.get('first hop to another host')![0]).toMatchObject({ severity: 'low', location: { path: 'http://example.com/' } });
    expect(found.get('served over plain HTTP')![0]!.severity).toBeUndefined();
    expect(found.get('served over plain HTTP')![0]!.message).toContain('served over plain HTTP');
    expect(found.get('redirect loop')![0]!.message).toContain('more than 10 redirects');
  });
});
