import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectProbeFixture } from '../../probe/capture.js';
import { FIXTURES } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules', 'probe', 'hsts-missing.json');

describe('WEB002 hsts-missing', () => {
  it('reports the fixture cases marked # expect: WEB002 and only those', () => {
    expect(expectProbeFixture('WEB002', FIXTURE).size).toBeGreaterThan(1);
  });

  it('says why the header is unusable', () => {
    const found = expectProbeFixture('WEB002', FIXTURE);
    expect(found.get('max-age=0')![0]!.message).toContain('max-age=0 tells browsers to forget HSTS');
    expect(found.get('no header')![0]!.excerpt?.lines).toEqual(['GET https://example.com/ → 200', '(no Strict-Transport-Security header)']);
  });
});
