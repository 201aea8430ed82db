import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectProbeFixture } from '../../probe/capture.js';
import { FIXTURES } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules', 'probe', 'cross-origin-policy-invalid.json');

describe('WEB017 cross-origin-policy-invalid', () => {
  it('reports the fixture cases marked # expect: WEB017 and only those', () => {
    expect(expectProbeFixture('WEB017', FIXTURE).size).toBeGreaterThan(1);
  });

});
