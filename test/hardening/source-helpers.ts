/**
 * Test helpers for the source-protection rules judged on any file of a project (web-server configurations,
 * Procfiles, Dockerfiles): `# expect: CODE` annotations in every file, one-rule scans of throw-away projects and
 * of the example projects.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import type { Report } from '../../src/core/report.js';
import { audit } from '../../src/engine/scan.js';
import { REPO_ROOT, annotations, makeProject } from '../helpers.js';

/** The start of a throw-away Django project: manage.py for the settings module mysite.settings, and its package. */
export const MYSITE: Readonly<Record<string, string>> = {
  'manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n',
  'mysite/__init__.py': '',
};

/** `path:line` of every `# expect: CODE` annotation in any file of a directory (configuration files included). */
export async function annotated(code: string, dir: string, base = dir): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await annotated(code, full, base)));
    else for (const hit of annotations(await readFile(full, 'utf8'))) if (hit.code === code) out.push(`${path.relative(base, full)}:${hit.line}`);
  }
  return out.sort();
}

/**
 * Audits a fixture project with one rule and checks that it reports without errors exactly the annotated lines.
 * Returns the report and the annotated `path:line`s.
 */
export async function expectAnnotated(code: string, fixture: string): Promise<{ report: Report; expected: string[] }> {
  const { report } = await audit({ path: fixture, select: [code], jobs: 1 });
  expect(report.errors).toEqual([]);
  const expected = await annotated(code, fixture);
  expect(report.findings.map((f) => `${f.location.path}:${f.location.startLine}`).sort()).toEqual(expected);
  return { report, expected };
}

/** A finding as the scan tests compare it. */
export interface ScannedFinding {
  at: string;
  severity: string;
  confidence: string;
  message: string;
}

/** A scan with one rule of a throw-away project: the `base` files plus the given ones (which win). */
export function projectScanner(code: string, base: Record<string, string>): (files: Record<string, string>) => Promise<ScannedFinding[]> {
  return async (files) => {
    const { report } = await audit({ path: await makeProject({ ...base, ...files }), select: [code], jobs: 1 });
    expect(report.errors).toEqual([]);
    return report.findings.map((f) => ({ at: `${f.location.path}:${f.location.startLine}`, severity: f.severity, confidence: f.confidence, message: f.message }));
  };
}

/** `path:line` of the findings of one rule in an example project (examples/<variant>). */
export async function exampleLines(code: string, variant: string): Promise<string[]> {
  const { report } = await audit({ path: path.join(REPO_ROOT, 'examples', variant), select: [code], jobs: 1 });
  return report.findings.map((f) => `${f.location.path}:${f.location.startLine}`);
}
