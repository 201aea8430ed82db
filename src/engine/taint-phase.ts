/**
 * The data-flow phase: the per-module summaries the workers produced, solved project-wide, with the project's
 * templates as sinks. Reads only the templates a tainted render reaches.
 */
import type { ScanError } from '../core/finding.js';
import type { TaintRule } from '../core/rule.js';
import type { WalkedFile } from '../project/walk.js';
import { solveTaint } from '../taint/solve.js';
import type { ModuleSummary } from '../taint/summary.js';
import { TemplateIndex } from '../taint/templates.js';
import type { RawFinding } from './raw-finding.js';
import { readSource } from './read-source.js';
import { isTemplateFile } from './templates-phase.js';

export interface TaintPhaseInput {
  summaries: readonly ModuleSummary[];
  rules: readonly TaintRule[];
  files: readonly WalkedFile[];
  templateDirs: readonly string[];
  maxBytes: number;
  errors: ScanError[];
}

export function runTaintPhase(input: TaintPhaseInput): RawFinding[] {
  if (input.rules.length === 0 || input.summaries.length === 0) return [];
  const templateFiles = input.files
    .filter((file) => isTemplateFile(file.relPath, input.templateDirs))
    .map((file) => ({
      path: file.relPath,
      read: (): string | undefined => {
        const read = readSource(file.absPath, { maxBytes: input.maxBytes, python: false });
        return read.ok ? read.text : undefined;
      },
    }));
  const templates = new TemplateIndex(input.templateDirs, templateFiles);
  let findings;
  try {
    findings = solveTaint(input.summaries, input.rules, templates);
  } catch (error) {
    input.errors.push({ path: '.', line: null, message: `internal error in the data-flow analysis: ${(error as Error).message}; taint findings are missing` });
    return [];
  }
  return findings.map((finding) => ({
    ruleId: finding.rule,
    message: finding.message,
    confidence: finding.confidence,
    location: finding.location,
    suppressLines: finding.suppressLines,
    basis: finding.basis,
    trace: finding.trace,
  }));
}
