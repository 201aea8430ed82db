import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ADVISORY_DB } from '../../../src/deps/advisories/db.js';
import { FIXTURES, expectDependencyFixture } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules/dependencies/unauditable-dependency');

describe.skipIf(!existsSync(DEFAULT_ADVISORY_DB))('DEP003 unauditable-dependency', () => {
  it('lists every dependency the audit cannot place, once, at its line', async () => {
    const findings = await expectDependencyFixture('DEP003', FIXTURE);
    expect(findings.every((f) => f.severity === 'info')).toBe(true);
    expect(findings.map((f) => f.message.split(' ')[0])).toEqual(['legacylib', 'mylib', 'otherlib', 'vendored', 'oddlib~=1']);
  });
});
