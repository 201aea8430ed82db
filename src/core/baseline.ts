/**
 * Baselines: record today's findings, then report only new ones. A finding matches a baseline entry with the same
 * fingerprint (rule + file + code, not the line), and each entry matches at most one finding, so two identical new
 * findings next to one baselined one leave one of them new.
 */
import type { Finding } from './finding.js';
import { ConfigError } from './errors.js';

export interface BaselineEntry {
  ruleId: string;
  path: string;
  line: number;
  fingerprint: string;
  message: string;
}

export interface BaselineFile {
  version: 1;
  tool: { name: 'ponyguard'; version: string };
  createdAt: string;
  findings: BaselineEntry[];
}

export function createBaseline(findings: readonly Finding[], toolVersion: string, now: Date): BaselineFile {
  return {
    version: 1,
    tool: { name: 'ponyguard', version: toolVersion },
    createdAt: now.toISOString(),
    findings: findings.map((f) => ({
      ruleId: f.ruleId,
      path: f.location.path,
      line: f.location.startLine,
      fingerprint: f.fingerprint,
      message: f.message,
    })),
  };
}

/** Parses and validates a baseline file's text; errors name the file. */
export function parseBaseline(text: string, file: string): BaselineFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, null, `not a ponyguard baseline: invalid JSON (${(error as Error).message})`);
  }
  const record = data as Partial<BaselineFile> | null;
  if (!record || typeof record !== 'object' || record.version !== 1 || !Array.isArray(record.findings)) {
    throw new ConfigError(file, null, 'not a ponyguard baseline: expected {"version": 1, "findings": [...]} (create one with `ponyguard baseline create`)');
  }
  record.findings.forEach((entry, index) => {
    const e = entry as Partial<BaselineEntry> | null;
    if (!e || typeof e.fingerprint !== 'string' || typeof e.ruleId !== 'string' || typeof e.path !== 'string' || typeof e.line !== 'number') {
      throw new ConfigError(file, null, `baseline entry ${index} lacks ruleId, path, line or fingerprint`);
    }
  });
  return record as BaselineFile;
}

/** Splits findings into those the baseline holds and new ones; nearest lines pair up first. */
export function applyBaseline<T extends Finding>(findings: readonly T[], baseline: BaselineFile): { fresh: T[]; known: T[] } {
  const entriesByFingerprint = new Map<string, BaselineEntry[]>();
  for (const entry of baseline.findings) {
    const list = entriesByFingerprint.get(entry.fingerprint);
    if (list) list.push(entry);
    else entriesByFingerprint.set(entry.fingerprint, [entry]);
  }
  const groups = new Map<string, T[]>();
  for (const finding of findings) {
    const list = groups.get(finding.fingerprint);
    if (list) list.push(finding);
    else groups.set(finding.fingerprint, [finding]);
  }
  const known = new Set<T>();
  for (const [print, group] of groups) {
    const entries = entriesByFingerprint.get(print);
    if (!entries) continue;
    // All (finding, entry) pairs by line distance; take the closest pairs greedily.
    const pairs: Array<{ finding: T; entry: number; distance: number }> = [];
    for (const finding of group) {
      entries.forEach((entry, index) => pairs.push({ finding, entry: index, distance: Math.abs(entry.line - finding.location.startLine) }));
    }
    pairs.sort((a, b) => a.distance - b.distance || a.finding.location.startLine - b.finding.location.startLine);
    const usedEntries = new Set<number>();
    for (const pair of pairs) {
      if (known.has(pair.finding) || usedEntries.has(pair.entry)) continue;
      known.add(pair.finding);
      usedEntries.add(pair.entry);
    }
  }
  return { fresh: findings.filter((f) => !known.has(f)), known: findings.filter((f) => known.has(f)) };
}
