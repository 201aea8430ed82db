/** The JSON report validates against docs/report.schema.json; SARIF against the official SARIF 2.1.0 schema. */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, makeProject, runCli } from '../helpers.js';
import { DEFAULT_ADVISORY_DB } from '../../src/deps/advisories/db.js';

const require = createRequire(import.meta.url);

function validator(schema: object) {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile(schema);
}

/** The official schema, as shipped by Microsoft's SARIF SDK (one package per platform). */
function sarifSchema(): object {
  const file = require.resolve(`@microsoft/sarif-multitool-${process.platform}/sarif-2.1.0.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as object;
}

const project = {
  'manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_cfg.settings")\n',
  'site_cfg/__init__.py': '',
  'site_cfg/settings.py': 'DEBUG = True\n',
  'app/__init__.py': '',
  'app/views.py': [
    'from django.utils.safestring import mark_safe',
    'def f(cursor, q):',
    '    sql = "SELECT a FROM b WHERE c = %s" % q',
    '    cursor.execute(sql)',
    '    cursor.execute("SELECT a FROM b WHERE c = %s" % q)  # nosec',
    '    return mark_safe("é 😀 %s" % q)',
    '',
  ].join('\n'),
  'app/broken.py': 'def broken(:\n',
  'requirements.txt': 'Django==3.2.10\n',
};

/** Without an advisory database (no ../shared at build time) the dependency rules are left out, not reported as errors. */
const WITHOUT_DB = existsSync(DEFAULT_ADVISORY_DB) ? [] : ['--ignore', 'DEP'];

describe('report formats', () => {
  it('JSON output validates against docs/report.schema.json', async () => {
    const dir = await makeProject(project);
    const validate = validator(JSON.parse(readFileSync(path.join(REPO_ROOT, 'docs', 'report.schema.json'), 'utf8')) as object);
    for (const extra of [[], ['--show-suppressed']]) {
      const result = await runCli(['scan', dir, '--format', 'json', ...extra, ...WITHOUT_DB]);
      const report = JSON.parse(result.stdout) as { findings: unknown[]; errors: unknown[]; target: { djangoVersion: string } };
      expect(validate(report), JSON.stringify(validate.errors, null, 2)).toBe(true);
      expect(report.findings.length).toBeGreaterThanOrEqual(3);
      expect(report.errors.length).toBe(1);
      expect(report.target.djangoVersion).toBe('3.2.10');
    }
  });

  it('the schema rejects reports that break the contract', () => {
    const validate = validator(JSON.parse(readFileSync(path.join(REPO_ROOT, 'docs', 'report.schema.json'), 'utf8')) as object);
    const base = { version: 1, tool: { name: 'ponyguard', version: '0.1.0' }, target: { root: '/x', djangoVersion: null, settingsModules: [] }, findings: [], errors: [], stats: { files: 0, pythonFiles: 0, durationMs: 0, suppressed: 0, byFamily: {} } };
    expect(validate(base)).toBe(true);
    expect(validate({ ...base, version: 2 })).toBe(false);
    expect(validate({ ...base, findings: [{ ruleId: 'PY608' }] })).toBe(false);
    expect(validate({ ...base, stats: { ...base.stats, byFamily: { nonsense: 1 } } })).toBe(false);
  });

  it('SARIF output validates against the official SARIF 2.1.0 schema', async () => {
    const dir = await makeProject(project);
    const validate = validator(sarifSchema());
    for (const extra of [[], ['--show-suppressed']]) {
      const result = await runCli(['scan', dir, '--format', 'sarif', ...extra, ...WITHOUT_DB]);
      const sarif = JSON.parse(result.stdout) as {
        version: string;
        runs: Array<{
          tool: { driver: { rules: Array<{ id: string; helpUri: string; properties: { tags: string[]; 'security-severity': string } }> } };
          results: Array<{ ruleId: string; partialFingerprints: Record<string, string>; codeFlows?: unknown[]; suppressions?: unknown[] }>;
          invocations: Array<{ toolExecutionNotifications: unknown[] }>;
        }>;
      };
      expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5), null, 2)).toBe(true);
      const run = sarif.runs[0]!;
      const ruleIds = run.tool.driver.rules.map((r) => r.id);
      expect(ruleIds).toEqual(expect.arrayContaining(['PY608', 'PY703', 'SET018']));
      expect(new Set(run.results.map((r) => r.ruleId))).toEqual(new Set(ruleIds));
      const sql = run.tool.driver.rules.find((r) => r.id === 'PY608')!;
      expect(sql.helpUri).toMatch(/^https:\/\/.+PY608\.md$/);
      expect(sql.properties.tags).toContain('external/cwe/cwe-89');
      expect(sql.properties['security-severity']).toBe('5.5');
      expect(run.results.every((r) => /^[0-9a-f]{32}$/.test(r.partialFingerprints['ponyguard/v1']!))).toBe(true);
      expect(run.results.some((r) => r.codeFlows)).toBe(true);
      expect(run.invocations[0]!.toolExecutionNotifications).toHaveLength(1);
      expect(run.results.some((r) => r.suppressions)).toBe(extra.length > 0);
      expect(validate({ ...sarif, version: '2.0.0' })).toBe(false);
      expect(validate({ ...sarif, runs: [{ ...run, results: [{ ...run.results[0], level: 'severe' }] }] })).toBe(false);
    }
  });
});
