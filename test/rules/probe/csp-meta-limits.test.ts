import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectProbeFixture } from '../../probe/capture.js';
import { FIXTURES } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules', 'probe', 'csp-meta-limits.json');

describe('WEB013 csp-meta-limits', () => {
  it('reports the fixture cases marked # expect: WEB013 and only those', () => {
    expect(expectProbeFixture('WEB013', FIXTURE).size).toBeGreaterThan(1);
  });

  it('names the ignored directives', () => {
    const found = expectProbeFixture('WEB013', FIXTURE);
    expect(found.get('frame-ancestors in a meta tag')![0]!.message).toContain('sets frame-ancestors, which browsers ignore');
    expect(found.get('policy only in a meta tag')![0]).toMatchObject({ severity: 'info' });
  });
});
