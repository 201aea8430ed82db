import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectTaintFixture } from '../../helpers.js';

describe('TNT016 ldap-injection', () => {
  it('reports exactly the annotated source → sink flows of its fixture project', async () => {
    const findings = await expectTaintFixture('TNT016', path.join(FIXTURES, 'rules/taint/ldap-injection'));
    // A connection returned by a project helper has no known type: search_s() on it is medium; known connections high.
    expect(findings.find((f) => f.location.path === 'staff/lib/directory.py')?.confidence).toBe('medium');
    expect(findings.find((f) => f.location.path === 'staff/api.py' && f.message.includes('ldap3 search()'))?.confidence).toBe('high');
    expect(findings.find((f) => f.location.path === 'staff/cbv.py' && f.message.includes('search_ext_s()'))?.confidence).toBe('high');
  });
});
