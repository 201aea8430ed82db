import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/templates/escapejs-in-html-attribute');

describe('TPL004 escapejs-in-html-attribute', () => {
  it('reports exactly the annotated lines of its fixture templates', async () => {
    await expectFixture('TPL004', fixture);
  });

  it('is medium where escapejs lets an attack through (URL start, CSS outside strings) and low where it only garbles the value', async () => {
    const { report } = await audit({ path: fixture, select: ['TPL004'], jobs: 1 });
    const severities = report.findings.map((f) => [f.location.startLine, f.location.startColumn, f.severity]);
    expect(severities).toEqual([
      [2, 10, 'medium'],
      [3, 20, 'low'],
      [4, 24, 'low'],
      [6, 10, 'low'],
      [6, 37, 'low'],
      [12, 17, 'low'],
      [21, 30, 'low'],
      [22, 20, 'medium'],
      [25, 20, 'medium'],
      [26, 32, 'low'],
      [28, 11, 'low'],
    ]);
  });
});
