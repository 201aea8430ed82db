/**
 * `--format cyclonedx`: the dependency inventory of a scan as a CycloneDX 1.5 SBOM, with the graph from lock files
 * and the vulnerabilities of the dependency findings.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ADVISORY_DB } from '../../src/deps/advisories/db.js';
import { FIXTURES, runCli } from '../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules/dependencies/vulnerable-dependency');

interface Bom {
  bomFormat: string;
  specVersion: string;
  serialNumber: string;
  version: number;
  metadata: { tools: { components: Array<{ name: string }> }; component: { 'bom-ref': string; name: string } };
  components: Array<{ 'bom-ref': string; name: string; version?: string; purl: string; scope: string; properties: Array<{ name: string; value: string }> }>;
  dependencies: Array<{ ref: string; dependsOn: string[] }>;
  vulnerabilities: Array<{ id: string; affects: Array<{ ref: string }>; ratings: Array<{ severity: string }>; references: Array<{ id: string }> }>;
}

async function sbom(): Promise<Bom> {
  const result = await runCli(['scan', FIXTURE, '--format', 'cyclonedx', '--fail-on', 'none']);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Bom;
}

describe.skipIf(!existsSync(DEFAULT_ADVISORY_DB))('CycloneDX SBOM', () => {
  it('lists every declared and locked package once, with purls, scope and where it is declared', async () => {
    const bom = await sbom();
    expect(bom.bomFormat).toBe('CycloneDX');
    expect(bom.specVersion).toBe('1.5');
    expect(bom.serialNumber).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(bom.metadata.tools.components[0]!.name).toBe('ponyguard');
    const refs = bom.components.map((c) => c['bom-ref']);
    expect(new Set(refs).size).toBe(refs.length);
    for (const ref of ['pkg:pypi/django@3.2.10', 'pkg:pypi/django@5.2.14', 'pkg:pypi/sqlparse@0.4.1', 'pkg:pypi/pyyaml@5.3', 'pkg:pypi/django']) expect(refs).toContain(ref);
    const sqlparse = bom.components.find((c) => c.purl === 'pkg:pypi/sqlparse@0.4.1')!;
    expect(sqlparse.properties).toContainEqual({ name: 'ponyguard:declared-in', value: 'poetry.lock:14' });
    expect(sqlparse.properties).toContainEqual({ name: 'ponyguard:direct', value: 'false' });
    const unpinned = bom.components.find((c) => c.purl === 'pkg:pypi/django')!;
    expect(unpinned.properties).toContainEqual({ name: 'ponyguard:specifier', value: '>=4.2' });
  });

  it('carries the graph of the lock file and the vulnerabilities, each once, affecting their component', async () => {
    const bom = await sbom();
    expect(bom.dependencies.find((d) => d.ref === 'pkg:pypi/django@5.2.14')?.dependsOn).toEqual(['pkg:pypi/asgiref@3.8.1', 'pkg:pypi/sqlparse@0.4.1']);
    expect(bom.dependencies.find((d) => d.ref === 'project')?.dependsOn).toContain('pkg:pypi/django@3.2.10');
    const ids = bom.vulnerabilities.map((v) => v.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(bom.vulnerabilities.find((v) => v.id === 'CVE-2021-32839')?.affects).toEqual([{ ref: 'pkg:pypi/sqlparse@0.4.1' }]);
    const sqlInjection = bom.vulnerabilities.find((v) => v.id === 'CVE-2022-28346')!;
    expect(sqlInjection.affects).toEqual([{ ref: 'pkg:pypi/django@3.2.10' }]);
    expect(sqlInjection.references.map((r) => r.id).some((id) => id.startsWith('PYSEC-') || id.startsWith('GHSA-'))).toBe(true);
  });

  it('is the same document for the same project', async () => {
    expect((await sbom()).serialNumber).toBe((await sbom()).serialNumber);
  });
});
