import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectProbeFixture } from '../../probe/capture.js';
import { FIXTURES } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules', 'probe', 'tls-certificate-expiring.json');

describe('WEB030 tls-certificate-expiring', () => {
  it('reports the fixture cases marked # expect: WEB030 and only those', () => {
    expect(expectProbeFixture('WEB030', FIXTURE).size).toBeGreaterThan(1);
  });

  it('severity by days left', () => {
    const found = expectProbeFixture('WEB030', FIXTURE);
    expect(found.get('expired')![0]).toMatchObject({ severity: 'high' });
    expect(found.get('ten days left')![0]).toMatchObject({ severity: 'medium' });
    expect(found.get('twenty days left')![0]).toMatchObject({ severity: 'low' });
    expect(found.get('ten days left')![0]!.message).toContain('expires in 10 days');
  });
});
