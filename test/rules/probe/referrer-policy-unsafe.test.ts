import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectProbeFixture } from '../../probe/capture.js';
import { FIXTURES } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules', 'probe', 'referrer-policy-unsafe.json');

describe('WEB016 referrer-policy-unsafe', () => {
  it('reports the fixture cases marked # expect: WEB016 and only those', () => {
    expect(expectProbeFixture('WEB016', FIXTURE).size).toBeGreaterThan(1);
  });

  it('severity by policy', () => {
    const found = expectProbeFixture('WEB016', FIXTURE);
    expect(found.get('unsafe-url')![0]).toMatchObject({ severity: 'medium' });
    expect(found.get('origin')![0]!.severity).toBe('low');
    expect(found.get('missing on an HTML page')![0]).toMatchObject({ severity: 'info' });
  });
});
