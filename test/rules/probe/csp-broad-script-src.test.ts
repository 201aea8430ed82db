import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectProbeFixture } from '../../probe/capture.js';
import { FIXTURES } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules', 'probe', 'csp-broad-script-src.json');

describe('WEB010 csp-broad-script-src', () => {
  it('reports the fixture cases marked # expect: WEB010 and only those', () => {
    expect(expectProbeFixture('WEB010', FIXTURE).size).toBeGreaterThan(1);
  });

  it('lists the broad sources', () => {
    const found = expectProbeFixture('WEB010', FIXTURE);
    expect(found.get('https: in script-src')![0]!.message).toContain('script-src allows scripts from https:');
    expect(found.get('no script-src nor default-src')![0]!.message).toContain('sets neither script-src nor default-src');
  });
});
