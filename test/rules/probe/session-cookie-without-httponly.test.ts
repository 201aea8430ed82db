import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectProbeFixture } from '../../probe/capture.js';
import { FIXTURES } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules', 'probe', 'session-cookie-without-httponly.json');

describe('WEB021 session-cookie-without-httponly', () => {
  it('reports the fixture cases marked # expect: WEB021 and only those', () => {
    expect(expectProbeFixture('WEB021', FIXTURE).size).toBeGreaterThan(1);
  });

});
