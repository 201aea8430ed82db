import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectProbeFixture } from '../../probe/capture.js';
import { FIXTURES } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules', 'probe', 'cors-null-origin-allowed.json');

describe('WEB025 cors-null-origin-allowed', () => {
  it('reports the fixture cases marked # expect: WEB025 and only those', () => {
    expect(expectProbeFixture('WEB025', FIXTURE).size).toBeGreaterThan(1);
  });

  it('credentials make it high', () => {
    const found = expectProbeFixture('WEB025', FIXTURE);
    expect(found.get('null with credentials')![0]).toMatchObject({ severity: 'high' });
    expect(found.get('null without credentials')![0]).toMatchObject({ severity: 'low' });
  });
});
