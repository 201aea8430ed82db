import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectProbeFixture } from '../../probe/capture.js';
import { FIXTURES } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules', 'probe', 'csp-invalid.json');

describe('WEB007 csp-invalid', () => {
  it('reports the fixture cases marked # expect: WEB007 and only those', () => {
    expect(expectProbeFixture('WEB007', FIXTURE).size).toBeGreaterThan(1);
  });

  it('strict-dynamic without a nonce is low', () => {
    const found = expectProbeFixture('WEB007', FIXTURE);
    expect(found.get('strict-dynamic without nonce')![0]).toMatchObject({ severity: 'low' });
    expect(found.get('bad directive name')![0]!.message).toContain('"scr!pt-src" is not a directive name');
  });
});
