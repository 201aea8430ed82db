/**
 * CycloneDX 1.5 (JSON): the scan's dependency inventory as a software bill of materials, with the known
 * vulnerabilities of the dependency findings attached. A plain function of the report, like every reporter: the same
 * report gives the same document (the serial number is derived from the content, not random).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Finding, Severity } from '../core/finding.js';
import type { Report, ReportDependency } from '../core/report.js';

const SPEC_VERSION = '1.5';

/** `pkg:pypi/django@3.2.10` (purl spec: PyPI names are lower-cased, `_` becomes `-`, already PEP 503 here). */
function purl(name: string, version: string | null): string {
  return version ? `pkg:pypi/${encodeURIComponent(name)}@${encodeURIComponent(version)}` : `pkg:pypi/${encodeURIComponent(name)}`;
}

/** The component reference of a package: its purl, or name plus specifier when unpinned. */
function refOf(dep: Pick<ReportDependency, 'name' | 'version'>): string {
  return purl(dep.name, dep.version);
}

const RATING: Record<Severity, string> = { critical: 'critical', high: 'high', medium: 'medium', low: 'low', info: 'info' };

interface Component {
  type: 'library';
  'bom-ref': string;
  name: string;
  version?: string;
  purl: string;
  scope: 'required' | 'optional';
  properties: Array<{ name: string; value: string }>;
}

/** One component per name and version; where it is declared, and whether directly, as properties. */
function components(dependencies: readonly ReportDependency[]): Component[] {
  const byRef = new Map<string, Component>();
  for (const dep of dependencies) {
    const ref = refOf(dep);
    let component = byRef.get(ref);
    if (!component) {
      component = {
        type: 'library',
        'bom-ref': ref,
        name: dep.name,
        ...(dep.version ? { version: dep.version } : {}),
        purl: ref,
        scope: dep.groups.length > 0 ? 'optional' : 'required',
        properties: [],
      };
      byRef.set(ref, component);
    } else if (dep.groups.length === 0) {
      component.scope = 'required';
    }
    const declared = `${dep.file}:${dep.line}`;
    if (!component.properties.some((p) => p.name === 'ponyguard:declared-in' && p.value === declared)) component.properties.push({ name: 'ponyguard:declared-in', value: declared });
    if (!dep.version && dep.specifier && !component.properties.some((p) => p.name === 'ponyguard:specifier' && p.value === dep.specifier)) {
      component.properties.push({ name: 'ponyguard:specifier', value: dep.specifier });
    }
    const direct = component.properties.find((p) => p.name === 'ponyguard:direct');
    if (!direct) component.properties.push({ name: 'ponyguard:direct', value: String(dep.direct) });
    else if (dep.direct) direct.value = 'true';
  }
  return [...byRef.values()].sort((a, b) => a['bom-ref'].localeCompare(b['bom-ref']));
}

/** Edges from the chains of indirect packages (`django → sqlparse`), within one file's versions. */
function dependencyGraph(dependencies: readonly ReportDependency[], refs: ReadonlySet<string>): Array<{ ref: string; dependsOn: string[] }> {
  const edges = new Map<string, Set<string>>();
  for (const dep of dependencies) {
    if (dep.path.length < 2) continue;
    const versionIn = (name: string): string | null => dependencies.find((d) => d.file === dep.file && d.name === name)?.version ?? null;
    for (let i = 0; i + 1 < dep.path.length; i++) {
      const from = refOf({ name: dep.path[i]!, version: versionIn(dep.path[i]!) });
      const to = refOf({ name: dep.path[i + 1]!, version: versionIn(dep.path[i + 1]!) });
      if (!refs.has(from) || !refs.has(to) || from === to) continue;
      let set = edges.get(from);
      if (!set) edges.set(from, (set = new Set()));
      set.add(to);
    }
  }
  return [...edges.entries()].map(([ref, to]) => ({ ref, dependsOn: [...to].sort() })).sort((a, b) => a.ref.localeCompare(b.ref));
}

/** The vulnerabilities of DEP001 findings, one per advisory, affecting the component at the finding's line. */
function vulnerabilities(findings: readonly Finding[], dependencies: readonly ReportDependency[]): Array<Record<string, unknown>> {
  const byId = new Map<string, { finding: Finding; refs: Set<string> }>();
  for (const finding of findings) {
    if (finding.ruleId !== 'DEP001') continue;
    const dep = dependencies.find((d) => d.file === finding.location.path && d.line === finding.location.startLine && d.version !== null);
    if (!dep) continue;
    const ids = finding.aliases;
    const id = ids.find((a) => a.startsWith('CVE-')) ?? ids[0];
    if (!id) continue;
    let entry = byId.get(id);
    if (!entry) byId.set(id, (entry = { finding, refs: new Set() }));
    entry.refs.add(refOf(dep));
  }
  return [...byId.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, { finding, refs }]) => ({
      id,
      source: id.startsWith('CVE-') ? { name: 'NVD', url: `https://nvd.nist.gov/vuln/detail/${id}` } : { name: 'OSV', url: `https://osv.dev/vulnerability/${id}` },
      references: finding.aliases.filter((alias) => alias !== id).map((alias) => ({ id: alias, source: { name: 'OSV', url: `https://osv.dev/vulnerability/${alias}` } })),
      ratings: [{ severity: RATING[finding.severity], method: 'other' }],
      cwes: finding.cwe.filter((cwe) => cwe !== 1395),
      description: finding.message,
      recommendation: finding.fix,
      affects: [...refs].sort().map((ref) => ({ ref })),
    }));
}

export function cyclonedxReporter(report: Report): string {
  const dependencies = report.dependencies ?? [];
  const list = components(dependencies);
  const refs = new Set(list.map((c) => c['bom-ref']));
  const direct = [...new Set(dependencies.filter((d) => d.direct).map(refOf))].filter((ref) => refs.has(ref)).sort();
  const body = {
    components: list,
    dependencies: [{ ref: 'project', dependsOn: direct }, ...dependencyGraph(dependencies, refs)],
    vulnerabilities: vulnerabilities(report.findings, dependencies),
  };
  const digest = createHash('sha256').update(JSON.stringify(body)).digest('hex');
  // A name-based UUID (version 5 layout) from the content: stable for the same inventory.
  const serial = `urn:uuid:${digest.slice(0, 8)}-${digest.slice(8, 12)}-5${digest.slice(13, 16)}-${((parseInt(digest[16]!, 16) & 0x3) | 0x8).toString(16)}${digest.slice(17, 20)}-${digest.slice(20, 32)}`;
  const document = {
    bomFormat: 'CycloneDX',
    specVersion: SPEC_VERSION,
    serialNumber: serial,
    version: 1,
    metadata: {
      tools: { components: [{ type: 'application', name: report.tool.name, version: report.tool.version }] },
      component: { type: 'application', 'bom-ref': 'project', name: path.basename(report.target.root) || 'project' },
    },
    ...body,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
