import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectProbeFixture } from '../../probe/capture.js';
import { FIXTURES } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules', 'probe', 'hsts-without-include-subdomains.json');

describe('WEB004 hsts-without-include-subdomains', () => {
  it('reports the fixture cases marked # expect: WEB004 and only those', () => {
    expect(expectProbeFixture('WEB004', FIXTURE).size).toBeGreaterThan(1);
  });

  it('names the host', () => {
    const found = expectProbeFixture('WEB004', FIXTURE);
    expect(found.get('one year without includeSubDomains')![0]!.message).toContain('example.com has no includeSubDomains');
  });
});
