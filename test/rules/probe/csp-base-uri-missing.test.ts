import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectProbeFixture } from '../../probe/capture.js';
import { FIXTURES } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules', 'probe', 'csp-base-uri-missing.json');

describe('WEB012 csp-base-uri-missing', () => {
  it('reports the fixture cases marked # expect: WEB012 and only those', () => {
    expect(expectProbeFixture('WEB012', FIXTURE).size).toBeGreaterThan(1);
  });

  it('low with nonces, info otherwise', () => {
    const found = expectProbeFixture('WEB012', FIXTURE);
    expect(found.get('nonce policy without base-uri')![0]).toMatchObject({ severity: 'low' });
    expect(found.get('host policy without base-uri')![0]).toMatchObject({ severity: 'info' });
  });
});
