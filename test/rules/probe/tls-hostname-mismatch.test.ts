import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectProbeFixture } from '../../probe/capture.js';
import { FIXTURES } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules', 'probe', 'tls-hostname-mismatch.json');

describe('WEB031 tls-hostname-mismatch', () => {
  it('reports the fixture cases marked # expect: WEB031 and only those', () => {
    expect(expectProbeFixture('WEB031', FIXTURE).size).toBeGreaterThan(1);
  });

});
