import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectProbeFixture } from '../../probe/capture.js';
import { FIXTURES } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules', 'probe', 'cors-wildcard-with-credentials.json');

describe('WEB024 cors-wildcard-with-credentials', () => {
  it('reports the fixture cases marked # expect: WEB024 and only those', () => {
    expect(expectProbeFixture('WEB024', FIXTURE).size).toBeGreaterThan(1);
  });

});
