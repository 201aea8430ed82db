import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, runCli } from '../helpers.js';

const call = '    cursor.execute("SELECT a FROM b WHERE c = %s" % q)';

describe('baseline', () => {
  it('reports only new findings, surviving moved lines and counting duplicates', async () => {
    const dir = await makeProject({ 'app/views.py': ['def f(cursor, q):', call, ''].join('\n') });
    const baselineFile = path.join(dir, 'baseline.json');
    const created = await runCli(['baseline', 'create', dir, '--file', baselineFile]);
    expect(created.code).toBe(0);
    expect(created.stderr).toContain('baseline with 1 finding(s)');
    const baseline = JSON.parse(await readFile(baselineFile, 'utf8')) as { version: number; findings: Array<{ ruleId: string; line: number }> };
    expect(baseline.version).toBe(1);
    expect(baseline.findings.map((f) => [f.ruleId, f.line])).toEqual([['PY608', 2]]);

    // Unchanged: nothing new, exit 0.
    let result = await runCli(['scan', dir, '--baseline', baselineFile]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1 in baseline');

    // The code moves down by five lines: still the baselined finding.
    await writeFile(path.join(dir, 'app/views.py'), ['import os', '', '', '', '', 'def f(cursor, q):', call, ''].join('\n'));
    result = await runCli(['scan', dir, '--baseline', baselineFile, '--format', 'json']);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { findings: unknown[] }).findings).toEqual([]);

    // Two identical copies next to the one baselined: one is new.
    await writeFile(path.join(dir, 'app/views.py'), ['def f(cursor, q):', call, call, call, ''].join('\n'));
    result = await runCli(['scan', dir, '--baseline', baselineFile, '--format', 'json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { findings: Array<{ location: { startLine: number } }>; stats: { baselined: number } };
    expect(report.findings).toHaveLength(2);
    expect(report.stats.baselined).toBe(1);

    // A different statement is new even at the baselined line.
    await writeFile(path.join(dir, 'app/views.py'), ['def f(cursor, q):', '    cursor.execute("SELECT x FROM y WHERE z = %s" % q)', ''].join('\n'));
    expect((await runCli(['scan', dir, '--baseline', baselineFile])).code).toBe(1);
  });

  it('rejects a missing or malformed baseline with exit 2', async () => {
    const dir = await makeProject({ 'a.py': '', 'bad.json': '{"results": []}' });
    const missing = await runCli(['scan', dir, '--baseline', path.join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.json: cannot read baseline: no such file');
    const bad = await runCli(['scan', dir, '--baseline', path.join(dir, 'bad.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad.json: not a ponyguard baseline');
  });
});
