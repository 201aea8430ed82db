import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectProbeFixture } from '../../probe/capture.js';
import { FIXTURES } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules', 'probe', 'tls-certificate-untrusted.json');

describe('WEB029 tls-certificate-untrusted', () => {
  it('reports the fixture cases marked # expect: WEB029 and only those', () => {
    expect(expectProbeFixture('WEB029', FIXTURE).size).toBeGreaterThan(1);
  });

  it('says self-signed', () => {
    const found = expectProbeFixture('WEB029', FIXTURE);
    expect(found.get('self-signed')![0]!.message).toContain('not trusted (DEPTH_ZERO_SELF_SIGNED_CERT): it is self-signed');
    expect(found.get('self-signed')![0]!.location.path).toBe('https://example.com/');
  });
});
