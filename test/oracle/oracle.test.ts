/**
 * Differential oracle: ponyguard's Django check ids must equal real Django's, settings variant by settings variant.
 *
 * The test writes a throw-away project (`variants.ts`: 300+ production settings modules `settings/prod_NNNN.py`,
 * the shared `settings/base_*.py` they import, CSRF failure views, `requirements.txt` pinning Django 3.2.25), runs
 * real Django 3.2 on every module (`run_checks.py` with Debian's `/usr/bin/python3`), runs ponyguard once on the
 * project, and compares, per variant, the `security.*` / `4_0.*` ids — unsilenced and silenced — exactly.
 *
 * Mapping a ponyguard finding to variants (see README.md): settings rules report through `checkSettings`, which
 * merges identical findings of several modules (a value inherited from a shared base module is reported once, at
 * the base) and lists the modules in a trailing `[settings.prod_0001, reason; settings.prod_0002, reason]`. That
 * list is the authoritative set of variants a finding belongs to; a finding without it is attributed by its
 * location, which must then be a variant's own file. A finding that maps to no variant fails the test.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, ScanError } from '../../src/core/finding.js';
import { audit } from '../../src/engine/scan.js';
import { discoverProject } from '../../src/project/discover.js';
import { walkProject } from '../../src/project/walk.js';
import { ALL_RULES } from '../../src/rules/index.js';
import { generateProject, type OracleProject, type Variant } from './variants.js';

const PYTHON = '/usr/bin/python3';
const DRIVER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'run_checks.py');
const DRIVER_TIMEOUT_MS = 240_000;
/** Every check Django 3.2 can report on settings: the generator must make Django report each at least once. */
const DJANGO_32_IDS = [
  'security.E023',
  'security.E100',
  'security.E101',
  'security.E102',
  'security.W001',
  'security.W002',
  'security.W003',
  'security.W004',
  'security.W005',
  'security.W006',
  'security.W008',
  'security.W009',
  'security.W010',
  'security.W011',
  'security.W012',
  'security.W013',
  'security.W014',
  'security.W015',
  'security.W016',
  'security.W018',
  'security.W019',
  'security.W020',
  'security.W021',
  'security.W022',
];
/** Set PONYGUARD_ORACLE_KEEP=1 to keep the project (and `oracle-results.json` in it) for debugging. */
const KEEP = process.env['PONYGUARD_ORACLE_KEEP'] === '1';

const relevant = (id: string): boolean => id.startsWith('security.') || id.startsWith('4_0.');

interface Ids {
  ids: string[];
  silenced: string[];
}

interface DjangoRecord extends Partial<Ids> {
  module: string;
  error?: string;
  traceback?: string;
}

interface DjangoRun {
  records: Map<string, DjangoRecord>;
  summary: { modules: number; errors: number; seconds: number; django: string; python: string };
  wallMs: number;
  stderr: string;
}

interface Mapped {
  variants: string[];
  via: 'bracket' | 'location';
}

interface Comparison {
  variant: Variant;
  django: Ids;
  ponyguard: Ids;
  missing: string[];
  extra: string[];
  silencedMissing: string[];
  silencedExtra: string[];
}

// ---------------------------------------------------------------------------------------------------------------
// Running the two sides

function djangoVersionOrFail(): string {
  const probe = spawnSync(PYTHON, ['-c', 'import django; print(django.get_version())'], { encoding: 'utf8', env: pythonEnv() });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      `The Django oracle needs Debian's python3-django (Django 3.2) for ${PYTHON}, which cannot import django ` +
        `(${probe.error?.message ?? probe.stderr.trim().split('\n').pop()}). Install it with ` +
        '`apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y python3-django` (`.ci/run` installs it).',
    );
  }
  const version = probe.stdout.trim();
  if (!version.startsWith('3.2.')) throw new Error(`the Django oracle expects Django 3.2 at ${PYTHON}, found ${version}; the variants pin Django==3.2.25`);
  return version;
}

/** The environment of the Python driver: no variable that changes Django's checks or which Django is imported. */
function pythonEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (name === 'DJANGO_ALLOW_ASYNC_UNSAFE' || name === 'DJANGO_SETTINGS_MODULE' || name.startsWith('PGORACLE_') || name.startsWith('PYTHON')) continue;
    env[name] = value;
  }
  env['PYTHONDONTWRITEBYTECODE'] = '1';
  return env;
}

function runDjango(dir: string, modules: string[]): Promise<DjangoRun> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [DRIVER, dir, '--jobs', '1', ...modules], { env: pythonEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the Django driver did not finish within ${DRIVER_TIMEOUT_MS / 1000} s`));
    }, DRIVER_TIMEOUT_MS);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) {
        reject(new Error(`the Django driver exited with ${code}:\n${stderr}`));
        return;
      }
      const records = new Map<string, DjangoRecord>();
      let summary: DjangoRun['summary'] | undefined;
      for (const line of stdout.split('\n')) {
        if (!line.trim()) continue;
        const parsed = JSON.parse(line) as DjangoRecord | { summary: DjangoRun['summary'] };
        if ('summary' in parsed) summary = parsed.summary;
        else records.set(parsed.module, parsed);
      }
      if (!summary) {
        reject(new Error(`the Django driver printed no summary:\n${stderr}`));
        return;
      }
      resolve({ records, summary, wallMs: performance.now() - started, stderr });
    });
  });
}

const LABEL = /(?:^|; )settings\.(prod_\d{4})(?=, |;|$)/g;
const OWN_FILE = /^settings\/(prod_\d{4})\.py$/;

/** The variants a finding belongs to: the module list `checkSettings` appends, else the variant file it is in. */
function variantsOf(finding: Pick<Finding, 'message' | 'location'>): Mapped | undefined {
  const bracket = / \[([^[\]]*)\]$/.exec(finding.message);
  const listed = bracket ? [...bracket[1]!.matchAll(LABEL)].map((m) => m[1]!) : [];
  if (listed.length > 0) return { variants: listed, via: 'bracket' };
  const own = OWN_FILE.exec(finding.location.path);
  return own ? { variants: [own[1]!], via: 'location' } : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Reporting

const CLAIMED = new Set(ALL_RULES.flatMap((rule) => rule.meta.aliases).filter(relevant));
const RULE_OF = new Map(ALL_RULES.flatMap((rule) => rule.meta.aliases.filter(relevant).map((alias) => [alias, rule.meta.code] as const)));

function multisetDiff(a: readonly string[], b: readonly string[]): string[] {
  const rest = [...b];
  const out: string[] = [];
  for (const item of a) {
    const index = rest.indexOf(item);
    if (index >= 0) rest.splice(index, 1);
    else out.push(item);
  }
  return out;
}

const show = (ids: readonly string[]) => (ids.length > 0 ? ids.join(' ') : '(none)');
const indent = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => `      | ${line}`)
    .join('\n');

function describeDisagreements(disagreeing: Comparison[], total: number, project: OracleProject, onlyClaimed: boolean): string {
  const perId = new Map<string, { missing: string[]; extra: string[] }>();
  for (const c of disagreeing) {
    for (const id of [...c.missing, ...c.silencedMissing]) {
      const entry = perId.get(id) ?? { missing: [], extra: [] };
      entry.missing.push(c.variant.id);
      perId.set(id, entry);
    }
    for (const id of [...c.extra, ...c.silencedExtra]) {
      const entry = perId.get(id) ?? { missing: [], extra: [] };
      entry.extra.push(c.variant.id);
      perId.set(id, entry);
    }
  }
  const lines: string[] = [];
  lines.push(`${disagreeing.length} of ${total} variants disagree with Django 3.2${onlyClaimed ? ' on ids claimed by an existing rule' : ''}.`);
  lines.push('Per id ("missing": Django reports it and ponyguard does not; "extra": the reverse):');
  for (const [id, entry] of [...perId].sort(([a], [b]) => a.localeCompare(b))) {
    const rule = RULE_OF.get(id);
    const list = (ids: string[]) => `${ids.length} [${ids.slice(0, 8).join(', ')}${ids.length > 8 ? ', …' : ''}]`;
    lines.push(`  ${id.padEnd(14)} ${(rule ? `rule ${rule}` : 'no rule yet').padEnd(12)} missing in ${list(entry.missing)}; extra in ${list(entry.extra)}`);
  }
  // Variants for ids with a rule first, then the smallest sources: the minimal examples come first.
  const claimedFirst = (c: Comparison) => ([...c.missing, ...c.extra, ...c.silencedMissing, ...c.silencedExtra].some((id) => CLAIMED.has(id)) ? 0 : 1);
  const ordered = [...disagreeing].sort((a, b) => claimedFirst(a) - claimedFirst(b) || a.variant.source.length - b.variant.source.length || a.variant.id.localeCompare(b.variant.id));
  const withSource = 40;
  const shared = new Set<string>();
  ordered.forEach((c, index) => {
    lines.push('');
    lines.push(`--- ${c.variant.id} (${c.variant.family}: ${c.variant.description})`);
    lines.push(`    django:    ${show(c.django.ids)}${c.django.silenced.length > 0 ? `   silenced: ${show(c.django.silenced)}` : ''}`);
    lines.push(`    ponyguard: ${show(c.ponyguard.ids)}${c.ponyguard.silenced.length > 0 ? `   silenced: ${show(c.ponyguard.silenced)}` : ''}`);
    if (c.missing.length > 0 || c.silencedMissing.length > 0) lines.push(`    missing in ponyguard: ${show([...c.missing, ...c.silencedMissing.map((id) => `${id} (silenced)`)])}`);
    if (c.extra.length > 0 || c.silencedExtra.length > 0) lines.push(`    extra in ponyguard:   ${show([...c.extra, ...c.silencedExtra.map((id) => `${id} (silenced)`)])}`);
    if (index < withSource) {
      lines.push(`    ${c.variant.path}${c.variant.imports.length > 0 ? ` (imports ${c.variant.imports.join(', ')})` : ''}:`);
      lines.push(indent(c.variant.source));
      for (const imported of c.variant.imports) shared.add(imported);
    }
  });
  if (ordered.length > withSource) lines.push('', `(sources shown for the first ${withSource} variants; the others are in the project written by the test: PONYGUARD_ORACLE_KEEP=1 keeps it)`);
  for (const file of [...shared].sort()) {
    lines.push('', `=== shared module ${file}:`, indent(project.files[file] ?? '(missing)'));
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------------------

describe('differential oracle: ponyguard vs real Django 3.2 check --deploy', () => {
  const project = generateProject();
  let dir = '';
  let django: DjangoRun;
  let findings: Finding[] = [];
  let scanErrors: ScanError[] = [];
  let djangoVersionPinned: string | null = null;
  let auditMs = 0;
  let totalMs = 0;
  const unmapped: Finding[] = [];
  const anomalies: string[] = [];
  const ponyguard = new Map<string, Ids>();
  const comparisons: Comparison[] = [];

  /** A failed setup fails every test with its message (a failing hook would only mark them skipped). */
  let setupError: Error | undefined;
  const ready = (): void => {
    if (setupError) throw setupError;
  };

  beforeAll(async () => {
    try {
      await setup();
    } catch (error) {
      setupError = error instanceof Error ? error : new Error(String(error));
    }
  }, DRIVER_TIMEOUT_MS + 60_000);

  async function setup(): Promise<void> {
    const started = performance.now();
    djangoVersionOrFail();
    dir = await realpath(await mkdtemp(path.join(os.tmpdir(), 'ponyguard-oracle-')));
    for (const [rel, content] of Object.entries(project.files)) {
      await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
      await writeFile(path.join(dir, rel), content);
    }
    // Django runs in its own process while ponyguard runs here.
    const djangoRun = runDjango(
      dir,
      project.variants.map((v) => v.module),
    );
    djangoRun.catch(() => undefined); // awaited below; avoid an unhandled rejection while the audit runs
    const auditStarted = performance.now();
    // The settings oracle: the dependency audit (and its advisory database) is not part of it.
    const { report } = await audit({ path: dir, jobs: 1, noThresholds: true, showSuppressed: true, ignore: ['DEP'] });
    auditMs = performance.now() - auditStarted;
    django = await djangoRun;
    findings = report.findings;
    scanErrors = report.errors;
    djangoVersionPinned = report.target.djangoVersion;

    for (const variant of project.variants) ponyguard.set(variant.id, { ids: [], silenced: [] });
    for (const finding of findings) {
      const aliases = finding.aliases.filter(relevant);
      if (aliases.length === 0) continue;
      const mapped = variantsOf(finding);
      if (!mapped) {
        unmapped.push(finding);
        continue;
      }
      const own = OWN_FILE.exec(finding.location.path)?.[1];
      if (own && (mapped.variants.length !== 1 || mapped.variants[0] !== own)) {
        anomalies.push(`${finding.ruleId} at ${finding.location.path}:${finding.location.startLine} lists ${mapped.variants.join(', ')}: a finding in a variant's own file must belong to that variant only`);
      }
      let silenced = false;
      if (finding.suppression) {
        silenced = finding.suppression.kind === 'inline' && (finding.suppression.reason ?? '').includes('SILENCED_SYSTEM_CHECKS');
        if (!silenced) anomalies.push(`${finding.ruleId} at ${finding.location.path}:${finding.location.startLine} is suppressed by ${JSON.stringify(finding.suppression)}, not by SILENCED_SYSTEM_CHECKS`);
      }
      for (const id of mapped.variants) {
        const entry = ponyguard.get(id);
        if (!entry) {
          anomalies.push(`${finding.ruleId} names ${id}, which is not a variant`);
          continue;
        }
        (silenced ? entry.silenced : entry.ids).push(...aliases);
      }
    }
    for (const variant of project.variants) {
      const record = django.records.get(variant.module);
      const theirs: Ids = { ids: [...(record?.ids ?? [])].sort(), silenced: [...(record?.silenced ?? [])].sort() };
      const ours = ponyguard.get(variant.id)!;
      ours.ids.sort();
      ours.silenced.sort();
      comparisons.push({
        variant,
        django: theirs,
        ponyguard: ours,
        missing: multisetDiff(theirs.ids, ours.ids),
        extra: multisetDiff(ours.ids, theirs.ids),
        silencedMissing: multisetDiff(theirs.silenced, ours.silenced),
        silencedExtra: multisetDiff(ours.silenced, theirs.silenced),
      });
    }
    totalMs = performance.now() - started;
    console.log(
      `oracle: ${project.variants.length} variants; Django ${django.summary.django} checked them in ${django.summary.seconds.toFixed(1)} s ` +
        `(driver wall time ${(django.wallMs / 1000).toFixed(1)} s), ponyguard in ${(auditMs / 1000).toFixed(1)} s, ` +
        `setup total ${(totalMs / 1000).toFixed(1)} s; ${comparisons.filter(isDisagreement).length} variants disagree`,
    );
    if (KEEP) {
      await writeFile(
        path.join(dir, 'oracle-results.json'),
        JSON.stringify(
          comparisons.map((c) => ({ id: c.variant.id, description: c.variant.description, django: c.django, ponyguard: c.ponyguard, missing: c.missing, extra: c.extra })),
          null,
          1,
        ),
      );
      console.log(`oracle: project kept in ${dir}`);
    }
  }

  afterAll(async () => {
    if (dir && !KEEP) await rm(dir, { recursive: true, force: true });
  });

  it('generates at least 300 variants, deterministically, named prod_0001 …', () => {
    ready();
    expect(project.variants.length).toBeGreaterThanOrEqual(300);
    expect(project.variants.map((v) => v.id)).toEqual(project.variants.map((_, i) => `prod_${String(i + 1).padStart(4, '0')}`));
    expect(generateProject()).toEqual(project);
    for (const family of ['sweep', 'layout', 'random', 'split'] as const) expect(project.variants.filter((v) => v.family === family).length).toBeGreaterThan(0);
    expect(project.files['requirements.txt']).toBe('Django==3.2.25\n');
  });

  it('Django imports and checks every variant', () => {
    ready();
    const failed = project.variants
      .map((v) => ({ v, record: django.records.get(v.module) }))
      .filter(({ record }) => !record || record.error !== undefined)
      .map(({ v, record }) => `${v.id} (${v.description}): ${record?.error ?? 'no record'}\n${indent(v.source)}\n${record?.traceback ?? ''}`);
    expect(failed, failed.join('\n\n')).toEqual([]);
    expect(django.summary.modules).toBe(project.variants.length);
  });

  it('Django reports every 3.2 settings check somewhere (the comparison is not vacuous)', () => {
    ready();
    const seen = new Set<string>();
    for (const record of django.records.values()) for (const id of [...(record.ids ?? []), ...(record.silenced ?? [])]) seen.add(id);
    expect(DJANGO_32_IDS.filter((id) => !seen.has(id))).toEqual([]);
    expect(seen.size).toBeGreaterThanOrEqual(DJANGO_32_IDS.length);
    // Hardened variants exist too: Django is quiet on some of them.
    expect([...django.records.values()].filter((r) => r.ids?.length === 0).length).toBeGreaterThan(0);
  });

  it('ponyguard applies Django 3.2 semantics and judges every variant as production settings', async () => {
    ready();
    expect(djangoVersionPinned).toBe('3.2.25');
    const walked = await walkProject(dir, { exclude: [] });
    const discovered = await discoverProject(dir, walked.files, walked.gitRoot, { settingsModules: [], productionSettings: [] });
    const production = new Set(discovered.discovery.settingsModules.filter((m) => m.production).map((m) => m.name));
    expect(project.variants.filter((v) => !production.has(v.module)).map((v) => v.module)).toEqual([]);
    expect([...production].filter((name) => !name.startsWith('settings.prod_'))).toEqual([]);
  });

  it('ponyguard evaluates every variant without problems', () => {
    ready();
    const problems = scanErrors.map((e) => `${e.path}:${e.line ?? '-'}: ${e.message}`);
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('every ponyguard finding with a Django id maps to exactly the variants it belongs to', () => {
    ready();
    const lines = [...unmapped.map((f) => `unmapped: ${f.ruleId} at ${f.location.path}:${f.location.startLine}: ${f.message}`), ...anomalies];
    expect(lines, lines.join('\n')).toEqual([]);
  });

  it('agrees with Django on every id an existing rule claims (harness check while rules are being written)', () => {
    ready();
    const restricted = comparisons
      .map((c) => ({
        ...c,
        missing: c.missing.filter((id) => CLAIMED.has(id)),
        extra: c.extra.filter((id) => CLAIMED.has(id)),
        silencedMissing: c.silencedMissing.filter((id) => CLAIMED.has(id)),
        silencedExtra: c.silencedExtra.filter((id) => CLAIMED.has(id)),
      }))
      .filter(isDisagreement);
    expect(restricted.length, describeDisagreements(restricted, comparisons.length, project, true)).toBe(0);
  });

  it('reports exactly the ids Django reports, for every variant', () => {
    ready();
    const disagreeing = comparisons.filter(isDisagreement);
    expect(disagreeing.length, describeDisagreements(disagreeing, comparisons.length, project, false)).toBe(0);
  });
});

function isDisagreement(c: Pick<Comparison, 'missing' | 'extra' | 'silencedMissing' | 'silencedExtra'>): boolean {
  return c.missing.length + c.extra.length + c.silencedMissing.length + c.silencedExtra.length > 0;
}
