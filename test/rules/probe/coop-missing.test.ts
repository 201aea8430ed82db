import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectProbeFixture } from '../../probe/capture.js';
import { FIXTURES } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules', 'probe', 'coop-missing.json');

describe('WEB018 coop-missing', () => {
  it('reports the fixture cases marked # expect: WEB018 and only those', () => {
    expect(expectProbeFixture('WEB018', FIXTURE).size).toBeGreaterThan(1);
  });

});
