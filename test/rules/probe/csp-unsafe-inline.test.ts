import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectProbeFixture } from '../../probe/capture.js';
import { FIXTURES } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules', 'probe', 'csp-unsafe-inline.json');

describe('WEB008 csp-unsafe-inline', () => {
  it('reports the fixture cases marked # expect: WEB008 and only those', () => {
    expect(expectProbeFixture('WEB008', FIXTURE).size).toBeGreaterThan(1);
  });

});
