/**
 * The dependency audit end to end on a plain requirements.txt, as a user meets it: an end-of-life Django with known
 * CVEs, the current release with none, and an indirect package named with the chain that pulls it in.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ADVISORY_DB } from '../../src/deps/advisories/db.js';
import { audit } from '../../src/engine/scan.js';
import { makeProject } from '../helpers.js';

const now = () => Date.parse('2026-11-21T12:00:00Z');

describe.skipIf(!existsSync(DEFAULT_ADVISORY_DB))('dependency audit of a requirements.txt', () => {
  it('Django==3.2.10: its CVEs, the end of life of 3.2 with the date, and the smallest fixing releases', async () => {
    const dir = await makeProject({ 'requirements.txt': 'Django==3.2.10\n' });
    const { report } = await audit({ path: dir, select: ['DEP'], jobs: 1, now });
    expect(report.errors).toEqual([]);
    const ids = report.findings.filter((f) => f.ruleId === 'DEP001').flatMap((f) => f.aliases);
    expect(ids).toEqual(expect.arrayContaining(['CVE-2022-28346', 'CVE-2022-34265']));
    const eol = report.findings.find((f) => f.ruleId === 'DEP004')!;
    expect(eol.message).toContain('end of life on 2024-04-01');
    expect(eol.fix).toMatch(/5\.2\.\d+/);
    for (const finding of report.findings.filter((f) => f.ruleId === 'DEP001')) expect(finding.fix).toContain('Upgrade Django to 3.2.25');
    expect(report.findings.every((f) => f.location.path === 'requirements.txt' && f.location.startLine === 1)).toBe(true);
  });

  it('Django at the latest 5.2 release: nothing to report', async () => {
    const dir = await makeProject({ 'requirements.txt': 'Django==5.2.14\n' });
    const { report } = await audit({ path: dir, select: ['DEP'], jobs: 1, now });
    expect(report.errors).toEqual([]);
    expect(report.findings).toEqual([]);
  });

  it('an indirect package of a lock file: the chain from the direct dependency', async () => {
    const dir = await makeProject({
      'pyproject.toml': '[project]\nname = "app"\nversion = "1"\ndependencies = ["django>=5.2"]\n',
      'uv.lock': [
        'version = 1',
        'requires-python = ">=3.10"',
        '',
        '[[package]]',
        'name = "app"',
        'version = "1"',
        'source = { virtual = "." }',
        'dependencies = [{ name = "django" }]',
        '',
        '[[package]]',
        'name = "django"',
        'version = "5.2.14"',
        'source = { registry = "https://pypi.org/simple" }',
        'dependencies = [{ name = "asgiref" }, { name = "sqlparse" }]',
        '',
        '[[package]]',
        'name = "asgiref"',
        'version = "3.8.1"',
        'source = { registry = "https://pypi.org/simple" }',
        '',
        '[[package]]',
        'name = "sqlparse"',
        'version = "0.4.3"',
        'source = { registry = "https://pypi.org/simple" }',
        '',
      ].join('\n'),
    });
    const { report } = await audit({ path: dir, select: ['DEP001'], jobs: 1, now });
    expect(report.errors).toEqual([]);
    expect(report.findings.map((f) => [f.location.path, f.location.startLine, f.aliases.find((a) => a.startsWith('CVE-'))])).toEqual([['uv.lock', 21, 'CVE-2023-30608']]);
    expect(report.findings[0]!.message).toContain('pulled in by django → sqlparse');
  });
});
