import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectProbeFixture } from '../../probe/capture.js';
import { FIXTURES } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules', 'probe', 'cors-reflects-origin-with-credentials.json');

describe('WEB023 cors-reflects-origin-with-credentials', () => {
  it('reports the fixture cases marked # expect: WEB023 and only those', () => {
    expect(expectProbeFixture('WEB023', FIXTURE).size).toBeGreaterThan(1);
  });

});
