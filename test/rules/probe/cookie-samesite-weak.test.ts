import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectProbeFixture } from '../../probe/capture.js';
import { FIXTURES } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules', 'probe', 'cookie-samesite-weak.json');

describe('WEB022 cookie-samesite-weak', () => {
  it('reports the fixture cases marked # expect: WEB022 and only those', () => {
    expect(expectProbeFixture('WEB022', FIXTURE).size).toBeGreaterThan(1);
  });

  it('None without Secure is medium', () => {
    const found = expectProbeFixture('WEB022', FIXTURE);
    expect(found.get('SameSite=None without Secure')![0]).toMatchObject({ severity: 'medium' });
    expect(found.get('session cookie without SameSite')![0]!.message).toContain('The session cookie sessionid has no SameSite attribute');
  });
});
