import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectProbeFixture } from '../../probe/capture.js';
import { FIXTURES } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules', 'probe', 'csp-object-src-unrestricted.json');

describe('WEB011 csp-object-src-unrestricted', () => {
  it('reports the fixture cases marked # expect: WEB011 and only those', () => {
    expect(expectProbeFixture('WEB011', FIXTURE).size).toBeGreaterThan(1);
  });

});
