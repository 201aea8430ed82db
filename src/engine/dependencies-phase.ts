/**
 * The dependency audit phase: reads the project's dependency files (the I/O edge, `deps/load.ts`), loads the
 * advisory database, and runs the dependency rules over both. A file that cannot be read or parsed is an error
 * naming it (and its line); the other files are still audited.
 */
import type { ScanError } from '../core/finding.js';
import type { ReportDependency } from '../core/report.js';
import type { DependencyReportDescriptor, DependencyRule } from '../core/rule.js';
import { type AdvisoryDbResult, loadAdvisoryDb } from '../deps/advisories/db.js';
import { STALE_AFTER_DAYS, dataDate, loadActiveAdvisoryDb } from '../deps/advisories/store.js';
import { DependencyAudit } from '../deps/audit.js';
import { loadDependencyFiles } from '../deps/load.js';
import type { DeclaredPackage } from '../deps/model.js';
import type { Discovery } from '../project/model.js';
import type { RawFinding } from './raw-finding.js';

export interface DependencyPhaseInput {
  root: string;
  discovery: Discovery;
  rules: readonly DependencyRule[];
  /** The scan date: support status is judged on it. */
  today: Date;
  errors: ScanError[];
  /** Notes about the scan itself (stale advisory data) for the report. */
  notices: string[];
  /** The active database, already loading (started early by the scan so that it overlaps the Python phase). */
  advisoryDb?: ReturnType<typeof loadActiveAdvisoryDb>;
  /** The advisory database file (default: the newer of the cached and the bundled one). */
  dbFile?: string;
}

export interface DependencyPhaseResult {
  findings: RawFinding[];
  /** Every package entry of every dependency file: the inventory (for SBOMs), even when no rule runs. */
  inventory: ReportDependency[];
  /** The dependency rules ran against an advisory database (false when none was usable). */
  audited?: boolean;
}

export async function runDependencyPhase(input: DependencyPhaseInput): Promise<DependencyPhaseResult> {
  const relPaths = [...new Set([...input.discovery.requirementFiles, ...input.discovery.lockFiles])].sort();
  if (relPaths.length === 0) return { findings: [], inventory: [] };
  const files = await loadDependencyFiles(input.root, relPaths);
  const inventory = files.flatMap((file) => file.packages.map(inventoryEntry));
  if (input.rules.length === 0) return { findings: [], inventory };
  for (const file of files) for (const problem of file.problems) input.errors.push({ path: problem.path, line: problem.line, message: problem.message });
  if (inventory.length === 0) return { findings: [], inventory };

  // An explicit file, or the newer of the cached (`ponyguard db update`) and the bundled database.
  let loaded: AdvisoryDbResult;
  if (input.dbFile) loaded = await loadAdvisoryDb(input.dbFile);
  else {
    const active = await (input.advisoryDb ?? loadActiveAdvisoryDb({ now: input.today }));
    loaded = active.result;
    if (active.active && active.active.ageDays > STALE_AFTER_DAYS) {
      input.notices.push(
        `the advisory data is ${active.active.ageDays} days old (${dataDate(active.active.meta)}, ${active.active.origin} database): ` +
          'advisories published since are unknown to this scan; run "ponyguard db update"',
      );
    }
  }
  if (!loaded.ok) {
    input.errors.push({ path: loaded.error.file, line: null, message: `advisory database unavailable (${loaded.error.message}); dependency findings are missing` });
    return { findings: [], inventory, audited: false };
  }
  const audit = new DependencyAudit(files, loaded.db, input.today);
  const out: RawFinding[] = [];
  for (const rule of input.rules) {
    const report = (descriptor: DependencyReportDescriptor): void => {
      out.push({
        ruleId: rule.meta.code,
        message: descriptor.message,
        ...(descriptor.severity ? { severity: descriptor.severity } : {}),
        ...(descriptor.confidence ? { confidence: descriptor.confidence } : {}),
        ...(descriptor.fix ? { fix: descriptor.fix } : {}),
        ...(descriptor.aliases ? { aliases: descriptor.aliases } : {}),
        ...(descriptor.cwe ? { cwe: descriptor.cwe } : {}),
        location: { path: descriptor.file, startLine: descriptor.line, startColumn: 1, endLine: descriptor.line, endColumn: 1 },
        suppressLines: [descriptor.line, descriptor.line],
        basis: descriptor.basis,
      });
    };
    try {
      rule.check({ audit, report });
    } catch (error) {
      input.errors.push({ path: '.', line: null, message: `internal error in ${rule.meta.code}: ${(error as Error).message}; its findings are missing` });
    }
  }
  return { findings: out, inventory };
}

function inventoryEntry(pkg: DeclaredPackage): ReportDependency {
  return {
    name: pkg.name,
    version: pkg.version,
    specifier: pkg.specifier,
    file: pkg.file,
    line: pkg.line,
    direct: pkg.direct,
    path: [...pkg.path],
    groups: [...pkg.groups],
    source: pkg.source,
  };
}
