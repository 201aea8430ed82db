/** A scan whose advisory database is unusable does not count the dependency practices as checked. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScanError } from '../../src/core/finding.js';
import { runDependencyPhase } from '../../src/engine/dependencies-phase.js';
import { discoverProject } from '../../src/project/discover.js';
import { walkProject } from '../../src/project/walk.js';
import { dependencyRules } from '../../src/rules/index.js';
import { makeProject } from '../helpers.js';

describe('dependency phase without a usable advisory database', () => {
  it('says it did not audit, with an error naming the database file', async () => {
    const root = await makeProject({ 'requirements.txt': 'Django==3.2.10\n', 'manage.py': '' });
    const walked = await walkProject(root, { exclude: [] });
    const { discovery } = await discoverProject(root, walked.files, walked.gitRoot, { settingsModules: [], productionSettings: [] });
    const errors: ScanError[] = [];
    const dbFile = path.join(root, 'no-such-advisories.json');
    const result = await runDependencyPhase({ root, discovery, rules: dependencyRules(), today: new Date('2026-11-21'), errors, notices: [], dbFile });
    expect(result.audited).toBe(false);
    expect(result.findings).toEqual([]);
    expect(result.inventory.map((p) => p.name)).toEqual(['django']);
    expect(errors.map((e) => e.path)).toEqual([dbFile]);
  });
});
