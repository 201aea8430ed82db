import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectProbeFixture } from '../../probe/capture.js';
import { FIXTURES } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules', 'probe', 'csp-unsafe-eval.json');

describe('WEB009 csp-unsafe-eval', () => {
  it('reports the fixture cases marked # expect: WEB009 and only those', () => {
    expect(expectProbeFixture('WEB009', FIXTURE).size).toBeGreaterThan(1);
  });

});
