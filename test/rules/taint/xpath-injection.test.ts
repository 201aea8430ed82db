import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectTaintFixture } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules/taint/xpath-injection');

describe('TNT015 xpath-injection', () => {
  it('reports exactly the annotated source → sink flows of its fixture project', async () => {
    const findings = await expectTaintFixture('TNT015', FIXTURE);
    const at = (file: string, text: string) => findings.find((f) => f.location.path === file && f.message.includes(text));
    // A tree parsed at module level (lxml): high; a tree received as a parameter: medium; ElementPath: low.
    expect(at('directory/views.py', '.xpath()')?.confidence).toBe('high');
    expect(at('directory/lib/xml.py', '.xpath()')?.confidence).toBe('medium');
    expect(at('directory/views.py', 'ElementPath')?.confidence).toBe('low');
  });
});
