import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectProbeFixture } from '../../probe/capture.js';
import { FIXTURES } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules', 'probe', 'x-content-type-options-missing.json');

describe('WEB015 x-content-type-options-missing', () => {
  it('reports the fixture cases marked # expect: WEB015 and only those', () => {
    expect(expectProbeFixture('WEB015', FIXTURE).size).toBeGreaterThan(1);
  });

});
