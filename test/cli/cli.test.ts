import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../src/rules/index.js';
import { VERSION } from '../../src/core/version.js';
import { makeProject, runCli } from '../helpers.js';

const vulnerable = {
  'app/__init__.py': '',
  'app/views.py': [
    'from django.db import connection',
    '',
    'def search(term):',
    '    cursor = connection.cursor()',
    '    cursor.execute("SELECT * FROM t WHERE a = \'%s\'" % term)',
    '',
  ].join('\n'),
};

describe('ponyguard CLI', () => {
  it('prints help and version for every command', async () => {
    for (const args of [['--help'], ['scan', '--help'], ['rules', '--help'], ['explain', '--help'], ['baseline', '--help'], ['baseline', 'create', '--help']]) {
      const result = await runCli(args);
      expect(result.code, args.join(' ')).toBe(0);
      expect(result.stdout).toMatch(/Usage: ponyguard/);
    }
    for (const args of [['--version'], ['-V'], ['scan', '--version'], ['rules', '--version'], ['explain', '--version'], ['baseline', 'create', '--version']]) {
      const result = await runCli(args);
      expect(result.code).toBe(0);
      expect(result.stdout.trim()).toBe(VERSION);
    }
  });

  it('lists every rule', async () => {
    const result = await runCli(['rules']);
    expect(result.code).toBe(0);
    for (const rule of ALL_RULES) {
      const line = result.stdout.split('\n').find((l) => l.startsWith(`${rule.meta.code} `));
      expect(line, rule.meta.code).toBeDefined();
      expect(line).toContain(rule.meta.name);
      expect(line).toContain(rule.meta.family);
      expect(line).toContain(rule.meta.severity);
      for (const cwe of rule.meta.cwe) expect(line).toContain(`CWE-${cwe}`);
      for (const alias of rule.meta.aliases) expect(line).toContain(alias);
    }
    const json = JSON.parse((await runCli(['rules', '--format', 'json'])).stdout) as Array<{ code: string }>;
    expect(json.map((r) => r.code)).toEqual(ALL_RULES.map((r) => r.meta.code));
  });

  it('explains every rule by code and by alias', async () => {
    const queries = ALL_RULES.flatMap((rule) => [rule.meta.code, ...rule.meta.aliases]);
    const result = await runCli(['explain', ...queries]);
    expect(result.code).toBe(0);
    const sections = result.stdout.split('\n---\n\n');
    expect(sections).toHaveLength(queries.length);
    let index = 0;
    for (const rule of ALL_RULES) {
      for (const query of [rule.meta.code, ...rule.meta.aliases]) {
        const section = sections[index++]!;
        expect(section, query).toContain(`# ${rule.meta.code} ${rule.meta.name}`);
        expect(section, query).toContain('## How to fix');
      }
    }
    const unknown = await runCli(['explain', 'PY608', 'B999']);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('no rule with code, name or alias "B999"');
  });

  it('exits 1 with findings, 0 without, and honours --fail-on', async () => {
    const dir = await makeProject(vulnerable);
    const found = await runCli(['scan', dir]);
    expect(found.code).toBe(1);
    expect(found.stdout).toContain('PY608');
    expect(found.stdout).toMatch(/1 finding \(1 medium\) in 1 file/);
    expect((await runCli(['scan', dir, '--fail-on', 'high'])).code).toBe(0);
    expect((await runCli(['scan', dir, '--fail-on', 'medium'])).code).toBe(1);
    expect((await runCli(['scan', dir, '--fail-on', 'none'])).code).toBe(0);
    expect((await runCli(['scan', dir, '--severity-threshold', 'high'])).code).toBe(0);
    expect((await runCli(['scan', dir, '--confidence-threshold', 'high'])).code).toBe(0);
    const clean = await makeProject({ 'app/views.py': 'def index(request):\n    return None\n' });
    const none = await runCli(['scan', clean]);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('No findings');
  });

  it('takes fail-on from the configuration, and the command line over it', async () => {
    const dir = await makeProject({ ...vulnerable, 'pyproject.toml': '[tool.ponyguard]\nfail-on = "high"\n' });
    expect((await runCli(['scan', dir])).code).toBe(0);
    expect((await runCli(['scan', dir, '--fail-on', 'low'])).code).toBe(1);
  });

  it('exits 2 on usage and configuration errors', async () => {
    const unknownOption = await runCli(['scan', '--no-such-option']);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toContain("unknown option '--no-such-option'");
    expect((await runCli(['scan', '/definitely/not/here'])).code).toBe(2);
    expect((await runCli(['scan', '.', '--format', 'xml'])).code).toBe(2);
    expect((await runCli(['scan', '.', '--fail-on', 'severe'])).code).toBe(2);
    const badSelect = await runCli(['scan', '.', '--select', 'B999']);
    expect(badSelect.code).toBe(2);
    expect(badSelect.stderr).toContain('unknown rule code, name or alias: B999');
    expect((await runCli(['frobnicate'])).code).toBe(2);

    const dir = await makeProject({ ...vulnerable, 'pyproject.toml': '[tool.ponyguard]\nselect = ["PY"]\nseverity = "high"\n' });
    const badKey = await runCli(['scan', dir]);
    expect(badKey.code).toBe(2);
    expect(badKey.stderr).toContain(`${path.join(path.relative(process.cwd(), dir), 'pyproject.toml')}:3: unknown key "severity"`);
    const missingBaseline = await runCli(['scan', dir, '--config', path.join(dir, 'nope.toml')]);
    expect(missingBaseline.code).toBe(2);
  });

  it('exits 3 when the scan itself fails (the report cannot be written)', async () => {
    const dir = await makeProject({ ...vulnerable, 'a-file': 'x' });
    const result = await runCli(['scan', dir, '--output', path.join(dir, 'a-file', 'report.json'), '--format', 'json']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('the scan failed');
  });

  it('writes reports to --output', async () => {
    const dir = await makeProject(vulnerable);
    const out = path.join(await mkdtemp(path.join(os.tmpdir(), 'pg-out-')), 'nested', 'report.json');
    const result = await runCli(['scan', dir, '--format', 'json', '--output', out, '--quiet']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const report = JSON.parse(await readFile(out, 'utf8')) as { findings: unknown[] };
    expect(report.findings).toHaveLength(1);
  });

  it('selects and ignores by code, prefix, name and alias', async () => {
    const dir = await makeProject({
      ...vulnerable,
      'app/tags.py': 'from django.utils.safestring import mark_safe\n\ndef tag(x):\n    return mark_safe(x)\n',
    });
    const codes = async (...args: string[]) => {
      const result = await runCli(['scan', dir, '--format', 'json', ...args]);
      return (JSON.parse(result.stdout) as { findings: Array<{ ruleId: string }> }).findings.map((f) => f.ruleId).sort();
    };
    expect(await codes()).toEqual(['PY608', 'PY703']);
    expect(await codes('--select', 'B608')).toEqual(['PY608']);
    expect(await codes('--select', 'PY7')).toEqual(['PY703']);
    expect(await codes('--ignore', 'B608')).toEqual(['PY703']);
    // With the precise rule off, Bandit's blunter mark_safe test (B308) speaks.
    expect(await codes('--ignore', 'mark-safe-non-literal,PY608')).toEqual(['PY308']);
    expect(await codes('--ignore', 'mark-safe-non-literal,PY608,B308')).toEqual([]);
    expect(await codes('--select', 'PY', '--ignore', 'B703')).toEqual(['PY308', 'PY608']);
    await writeFile(path.join(dir, '.ponyguard.toml'), 'ignore = ["B703", "PY308"]\n');
    expect(await codes()).toEqual(['PY608']);
  });

  it('shows colour only when asked', async () => {
    const dir = await makeProject(vulnerable);
    expect((await runCli(['scan', dir])).stdout).not.toContain('\u001b[');
    expect((await runCli(['scan', dir], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } })).stdout).toContain('\u001b[');
    expect((await runCli(['scan', dir, '--no-color'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } })).stdout).not.toContain('\u001b[');
  });
});
