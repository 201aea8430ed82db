import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectTaintFixture } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/taint/xss-template');

describe('TNT003 xss-template', () => {
  it('reports exactly the annotated view → template flows of its fixture project', async () => {
    await expectTaintFixture('TNT003', fixture);
  });

  it('traces from the request read in the view, through the render call, to the template line', async () => {
    const findings = await expectTaintFixture('TNT003', fixture);
    const viaHelpers = findings.find((f) => f.location.path === 'shop/templates/shop/base.html')!;
    expect(viaHelpers.trace!.map((step) => `${step.path}:${step.line}`)).toEqual([
      'shop/views.py:51',
      'shop/views.py:52',
      'shop/services.py:5',
      'shop/lib/text.py:2',
      'shop/services.py:5',
      'shop/views.py:52',
      'shop/templates/shop/base.html:1',
    ]);
  });
});
