import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ADVISORY_DB } from '../../../src/deps/advisories/db.js';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectDependencyFixture } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules/dependencies/vulnerable-dependency');
const NOW = () => Date.parse('2026-11-21T12:00:00Z');

describe.skipIf(!existsSync(DEFAULT_ADVISORY_DB))('DEP001 vulnerable-dependency', () => {
  it('reports the annotated lines, each pinned version once per vulnerability', async () => {
    const findings = await expectDependencyFixture('DEP001', FIXTURE);
    // One finding per vulnerability, carrying every id of it.
    const django = findings.filter((f) => f.location.path === 'requirements.txt' && f.location.startLine === 2);
    const ids = django.flatMap((f) => f.aliases);
    expect(ids).toContain('CVE-2022-28346');
    expect(ids).toContain('CVE-2022-34265');
    expect(new Set(django.map((f) => f.fingerprint)).size).toBe(django.length);
    // The smallest release fixing all of them, in the same series.
    expect(django[0]!.fix).toContain('Upgrade Django to 3.2.25');
  });

  it('names the chain that pulls an indirect package in, and its fixed versions', async () => {
    const { report } = await audit({ path: FIXTURE, select: ['DEP001'], jobs: 1, now: NOW });
    const sqlparse = report.findings.filter((f) => f.location.path === 'poetry.lock');
    expect(sqlparse.map((f) => f.aliases.find((a) => a.startsWith('CVE-'))).sort()).toEqual(['CVE-2021-32839', 'CVE-2023-30608']);
    for (const finding of sqlparse) expect(finding.message).toContain('pulled in by django → sqlparse');
    expect(sqlparse.find((f) => f.aliases.includes('CVE-2021-32839'))?.message).toContain('fixed in 0.4.2');
    expect(sqlparse[0]!.fix).toContain('Upgrade sqlparse to 0.4.4');
  });
});
