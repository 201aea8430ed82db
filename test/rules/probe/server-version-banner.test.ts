import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectProbeFixture } from '../../probe/capture.js';
import { FIXTURES } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules', 'probe', 'server-version-banner.json');

describe('WEB026 server-version-banner', () => {
  it('reports the fixture cases marked # expect: WEB026 and only those', () => {
    expect(expectProbeFixture('WEB026', FIXTURE).size).toBeGreaterThan(1);
  });

});
