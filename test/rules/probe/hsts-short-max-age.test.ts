import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectProbeFixture } from '../../probe/capture.js';
import { FIXTURES } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules', 'probe', 'hsts-short-max-age.json');

describe('WEB003 hsts-short-max-age', () => {
  it('reports the fixture cases marked # expect: WEB003 and only those', () => {
    expect(expectProbeFixture('WEB003', FIXTURE).size).toBeGreaterThan(1);
  });

  it('medium under six months, low under a year', () => {
    const found = expectProbeFixture('WEB003', FIXTURE);
    expect(found.get('one day')![0]).toMatchObject({ severity: 'medium' });
    expect(found.get('one day')![0]!.message).toContain('1 day (86400 s), under six months');
    expect(found.get('seven months')![0]).toMatchObject({ severity: 'low' });
  });
});
