import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectProbeFixture } from '../../probe/capture.js';
import { FIXTURES } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules', 'probe', 'hsts-not-preload-ready.json');

describe('WEB005 hsts-not-preload-ready', () => {
  it('reports the fixture cases marked # expect: WEB005 and only those', () => {
    expect(expectProbeFixture('WEB005', FIXTURE).size).toBeGreaterThan(1);
  });

  it('an unmet preload request is low, eligibility is info', () => {
    const found = expectProbeFixture('WEB005', FIXTURE);
    expect(found.get('preload without includeSubDomains')![0]).toMatchObject({ severity: 'low' });
    expect(found.get('preload without includeSubDomains')![0]!.message).toContain('requires includeSubDomains');
    expect(found.get('eligible but not requested')![0]!.severity).toBeUndefined();
  });
});
