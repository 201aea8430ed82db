import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectProbeFixture } from '../../probe/capture.js';
import { FIXTURES } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules', 'probe', 'tls-legacy-protocol.json');

describe('WEB032 tls-legacy-protocol', () => {
  it('reports the fixture cases marked # expect: WEB032 and only those', () => {
    expect(expectProbeFixture('WEB032', FIXTURE).size).toBeGreaterThan(1);
  });

});
