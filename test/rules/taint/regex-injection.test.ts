import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectTaintFixture } from '../../helpers.js';

describe('TNT014 regex-injection', () => {
  it('reports exactly the annotated source → sink flows of its fixture project', async () => {
    const findings = await expectTaintFixture('TNT014', path.join(FIXTURES, 'rules/taint/regex-injection'));
    // ORM __regex lookups: the database evaluates the pattern, medium confidence.
    expect(findings.find((f) => f.location.path === 'catalog/api.py' && f.message.includes('__regex'))?.confidence).toBe('medium');
    expect(findings.find((f) => f.location.path === 'catalog/api.py' && f.message.includes('re.compile()'))?.confidence).toBe('high');
  });
});
