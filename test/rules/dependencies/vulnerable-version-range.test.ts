import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ADVISORY_DB } from '../../../src/deps/advisories/db.js';
import { FIXTURES, expectDependencyFixture } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules/dependencies/vulnerable-version-range');

describe.skipIf(!existsSync(DEFAULT_ADVISORY_DB))('DEP002 vulnerable-version-range', () => {
  it('reports ranges that admit vulnerable releases, unless a pin elsewhere says what is installed', async () => {
    const findings = await expectDependencyFixture('DEP002', FIXTURE);
    const django = findings.find((f) => f.message.startsWith('Django>=3.2,<4'))!;
    expect(django.confidence).toBe('low');
    expect(django.aliases).toContain('CVE-2022-28346');
    expect(findings.find((f) => f.message.startsWith('requests'))!.fix).toContain('require at least 2.31.0');
  });
});
