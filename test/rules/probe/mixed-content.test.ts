import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectProbeFixture } from '../../probe/capture.js';
import { FIXTURES } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules', 'probe', 'mixed-content.json');

describe('WEB027 mixed-content', () => {
  it('reports the fixture cases marked # expect: WEB027 and only those', () => {
    expect(expectProbeFixture('WEB027', FIXTURE).size).toBeGreaterThan(1);
  });

  it('active is medium, passive low, with the lines', () => {
    const found = expectProbeFixture('WEB027', FIXTURE);
    expect(found.get('image over http')![0]).toMatchObject({ severity: 'low' });
    expect(found.get('script over http')![0]!.severity).toBeUndefined();
    expect(found.get('script over http')![0]!.excerpt?.lines).toEqual(['line 2: <script> http://cdn.example.net/app.js']);
  });
});
