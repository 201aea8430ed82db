import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectProbeFixture } from '../../probe/capture.js';
import { FIXTURES } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules', 'probe', 'csp-missing.json');

describe('WEB006 csp-missing', () => {
  it('reports the fixture cases marked # expect: WEB006 and only those', () => {
    expect(expectProbeFixture('WEB006', FIXTURE).size).toBeGreaterThan(1);
  });

  it('tells report-only apart', () => {
    const found = expectProbeFixture('WEB006', FIXTURE);
    expect(found.get('report-only')![0]!.message).toContain('only sends Content-Security-Policy-Report-Only');
    expect(found.get('no policy')![0]!.message).toContain('sends no Content-Security-Policy');
  });
});
