import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectProbeFixture } from '../../probe/capture.js';
import { FIXTURES } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules', 'probe', 'clickjacking-protection-missing.json');

describe('WEB014 clickjacking-protection-missing', () => {
  it('reports the fixture cases marked # expect: WEB014 and only those', () => {
    expect(expectProbeFixture('WEB014', FIXTURE).size).toBeGreaterThan(1);
  });

  it('only the CSP without frame-ancestors is informational', () => {
    const found = expectProbeFixture('WEB014', FIXTURE);
    expect(found.get('X-Frame-Options but a CSP without frame-ancestors')![0]).toMatchObject({ severity: 'info' });
    expect(found.get('neither header')![0]!.severity).toBeUndefined();
  });
});
