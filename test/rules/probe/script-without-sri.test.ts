import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectProbeFixture } from '../../probe/capture.js';
import { FIXTURES } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules', 'probe', 'script-without-sri.json');

describe('WEB028 script-without-sri', () => {
  it('reports the fixture cases marked # expect: WEB028 and only those', () => {
    expect(expectProbeFixture('WEB028', FIXTURE).size).toBeGreaterThan(1);
  });

  it('protocol-relative is medium', () => {
    const found = expectProbeFixture('WEB028', FIXTURE);
    expect(found.get('protocol-relative script')![0]).toMatchObject({ severity: 'medium' });
    expect(found.get('CDN script without integrity')![0]).toMatchObject({ severity: 'low' });
  });
});
