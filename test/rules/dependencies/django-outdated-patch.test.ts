import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ADVISORY_DB } from '../../../src/deps/advisories/db.js';
import { FIXTURES, expectDependencyFixture } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules/dependencies/django-outdated-patch');

describe.skipIf(!existsSync(DEFAULT_ADVISORY_DB))('DEP005 django-outdated-patch', () => {
  it('reports a supported series behind its latest patch release, not the latest one nor an end-of-life series', async () => {
    const [finding] = await expectDependencyFixture('DEP005', FIXTURE);
    expect(finding!.message).toMatch(/^Django 5\.2\.1 is behind 5\.2\.\d+, the latest 5\.2 release/);
  });
});
