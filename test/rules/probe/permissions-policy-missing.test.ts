import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectProbeFixture } from '../../probe/capture.js';
import { FIXTURES } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules', 'probe', 'permissions-policy-missing.json');

describe('WEB019 permissions-policy-missing', () => {
  it('reports the fixture cases marked # expect: WEB019 and only those', () => {
    expect(expectProbeFixture('WEB019', FIXTURE).size).toBeGreaterThan(1);
  });

});
