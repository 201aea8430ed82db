/**
 * Captures for the Django-specific rule tests: JSON fixtures recorded from the real Django site of `django-site.ts`
 * (`{ "notes": ["# expect: WEB050 …"], "capture": SiteCapture }`), synthetic exchanges, and runners for one probe
 * or correlation rule through the engine's probe phase.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { ScanError } from '../../../src/core/finding.js';
import { analyzeSite, correlateSite } from '../../../src/engine/probe-phase.js';
import type { RawFinding } from '../../../src/engine/raw-finding.js';
import type { Exchange, HeaderList, SiteCapture } from '../../../src/probe/model.js';
import { runSettingsPhase } from '../../../src/engine/settings-phase.js';
import { discoverProject } from '../../../src/project/discover.js';
import type { ProjectModel, ProjectModule } from '../../../src/project/model.js';
import { walkProject } from '../../../src/project/walk.js';
import { EMPTY_ENVIRONMENT } from '../../../src/settings/environment.js';
import { findRule } from '../../../src/rules/index.js';
import { FIXTURES, annotations } from '../../helpers.js';

export const PROBE_FIXTURES = path.join(FIXTURES, 'rules', 'probe');

export interface CaptureFixture {
  capture: SiteCapture;
  /** The codes the fixture's notes expect, one entry per expected finding. */
  expected: string[];
}

/** Loads `test/fixtures/rules/probe/<file>`. */
export function loadCaptureFixture(file: string): CaptureFixture {
  const text = readFileSync(path.join(PROBE_FIXTURES, file), 'utf8');
  const parsed = JSON.parse(text) as { notes?: string[]; capture: SiteCapture };
  const expected = (parsed.notes ?? []).flatMap((note) => annotations(note).map((hit) => hit.code));
  return { capture: parsed.capture, expected };
}

/** Runs one probe rule on a capture; fails the test on a rule error. */
export function runProbeRule(code: string, site: SiteCapture, options: Record<string, unknown> = {}): RawFinding[] {
  const rule = findRule(code);
  if (!rule || rule.kind !== 'probe') throw new Error(`no probe rule ${code}`);
  const errors: ScanError[] = [];
  const findings = analyzeSite(site, [rule], { [code]: options }, errors);
  expect(errors).toEqual([]);
  return findings;
}

/** Runs one correlation rule on a project model and a capture; fails the test on a rule error. */
export function runCorrelationRule(code: string, project: ProjectModel, site: SiteCapture): RawFinding[] {
  const rule = findRule(code);
  if (!rule || rule.kind !== 'correlation') throw new Error(`no correlation rule ${code}`);
  const errors: ScanError[] = [];
  const findings = correlateSite(project, site, [rule], errors);
  expect(errors).toEqual([]);
  return findings;
}

/** Runs the rule on its fixture and checks it reports exactly the findings the notes announce. */
export function expectCaptureFixture(code: string, file: string): RawFinding[] {
  const { capture, expected } = loadCaptureFixture(file);
  const findings = runProbeRule(code, capture);
  expect(findings.map((f) => f.ruleId)).toEqual(expected.filter((c) => c === code));
  return findings;
}

/** One exchange: a response (status, headers, body) to a request, no redirects unless given. */
export function exchange(
  url: string,
  response: { status: number; headers?: HeaderList; body?: string; bodyBytes?: number; finalUrl?: string } | null,
  request: { method?: string; redirects?: Exchange['redirects'] } = {},
): Exchange {
  const body = response?.body ?? '';
  return {
    request: { method: request.method ?? 'GET', url, headers: {} },
    redirects: request.redirects ?? [],
    response: response
      ? { url: response.finalUrl ?? url, status: response.status, headers: response.headers ?? [], body, bodyTruncated: false, bodyBytes: response.bodyBytes ?? Buffer.byteLength(body) }
      : null,
    ...(response ? {} : { error: { code: 'connection-refused' as const, message: `GET ${url}: connection refused` } }),
    durationMs: 1,
  };
}

/** A site that answered `/` with 200 and nothing else, with the given parts replaced. */
export function siteWith(parts: Partial<SiteCapture> = {}, origin = 'https://shop.example'): SiteCapture {
  const main = exchange(`${origin}/`, { status: 200, headers: [['content-type', 'text/html; charset=utf-8']], body: '<!doctype html><title>home</title>' });
  return {
    target: `${origin}/`,
    origin,
    http: null,
    https: origin.startsWith('https:') ? main : null,
    main,
    notFound: null,
    csrfFailure: null,
    admin: null,
    robots: null,
    cors: null,
    corsNull: null,
    exposures: {},
    tls: null,
    active: null,
    options: { insecure: false, active: false, sentHeaders: [], sentCookies: false, startedAt: '2026-11-21T12:00:00.000Z' },
    ...parts,
  };
}

/** The project model a scan builds for the settings rules (discovery, then the static evaluation of the settings). */
export async function projectModelOf(dir: string): Promise<ProjectModel> {
  const walked = await walkProject(dir, { exclude: [] });
  const discovered = await discoverProject(dir, walked.files, walked.gitRoot, { settingsModules: [], productionSettings: [] });
  const modules = new Map<string, ProjectModule>();
  const errors: ScanError[] = [];
  const settings = await runSettingsPhase({
    root: dir,
    discovery: discovered.discovery,
    pythonFiles: discovered.pythonFiles,
    files: walked.files,
    modules,
    environment: EMPTY_ENVIRONMENT,
    brokenPaths: new Set(),
    maxBytes: 1024 * 1024,
    errors,
  });
  expect(errors).toEqual([]);
  return {
    discovery: discovered.discovery,
    modules,
    settings: settings.snapshots,
    environment: EMPTY_ENVIRONMENT,
    django: settings.django,
    syntaxErrorPaths: new Set(),
    files: walked.files.map((file) => file.relPath),
    sources: new Map(),
    textFiles: new Map(),
    tracked: null,
  };
}

/**
 * Correlation fixtures: a project directory whose settings lines carry `# expect: CODE`, and `capture.json` (a
 * SiteCapture) beside it. Checks that the rule reports exactly the annotated lines; returns the findings.
 */
export async function expectCorrelationFixture(code: string, name: string, capture?: SiteCapture): Promise<RawFinding[]> {
  const dir = path.join(PROBE_FIXTURES, name);
  const project = await projectModelOf(dir);
  const site = capture ?? (JSON.parse(readFileSync(path.join(dir, 'capture.json'), 'utf8')) as SiteCapture);
  const findings = runCorrelationRule(code, project, site);
  const expected: string[] = [];
  for (const rel of project.files) {
    if (!rel.endsWith('.py')) continue;
    for (const hit of annotations(readFileSync(path.join(dir, rel), 'utf8'))) if (hit.code === code) expected.push(`${rel}:${hit.line}`);
  }
  expect(findings.map((f) => `${f.location.path}:${f.location.startLine}`).sort()).toEqual(expected.sort());
  return findings;
}
