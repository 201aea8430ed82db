/** The settings audit end to end: environments, broken modules, and proof that no project code runs. */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/engine/scan.js';
import { makeProject, runCli } from '../helpers.js';

const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('settings audit', () => {
  it('never runs project code: a settings module that would write a file and exit is only read', async () => {
    const marker = path.join(os.tmpdir(), `ponyguard-must-not-exist-${process.pid}-${Date.now()}`);
    const dir = await makeProject({
      'site_cfg/__init__.py': `open(${JSON.stringify(marker)}, "w").write("package imported")\n`,
      'site_cfg/settings.py': lines(
        'import os, sys, subprocess',
        `open(${JSON.stringify(marker)}, "w").write("settings imported")`,
        `os.system("touch ${marker}")`,
        `subprocess.run(["touch", ${JSON.stringify(marker)}])`,
        `exec("open(${marker.replace(/\\/g, '\\\\')}, 'w')")`,
        '__import__("os").remove("/etc/hostname")',
        'DEBUG = True',
        'sys.exit(3)',
        'raise SystemExit(4)',
      ),
      'manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_cfg.settings")\n',
    });
    const { report, exitCode } = await audit({ path: dir, jobs: 1, select: ['SET018'] });
    expect(existsSync(marker)).toBe(false);
    expect(existsSync('/etc/hostname') || process.platform !== 'linux').toBe(true);
    expect(report.findings.map((f) => [f.ruleId, f.location.path, f.location.startLine])).toEqual([['SET018', 'site_cfg/settings.py', 7]]);
    expect(exitCode).toBe(1);
  });

  it('judges an insecure default only when the environment does not override it (--env, --env-file)', async () => {
    const dir = await makeProject({
      'shop/__init__.py': '',
      'shop/settings/__init__.py': '',
      'shop/settings/production.py': lines('import os', 'DEBUG = os.environ.get("DJANGO_DEBUG", "True") == "True"'),
      'prod.env': lines('# production environment', 'export DJANGO_DEBUG="False"'),
      'dev.env': lines('DJANGO_DEBUG=True'),
    });
    const run = async (...args: string[]) => {
      const result = await runCli(['scan', dir, '--select', 'SET018', '--format', 'json', ...args]);
      return JSON.parse(result.stdout) as { findings: Array<{ location: { startLine: number }; message: string; fix: string }> };
    };
    const unset = await run();
    expect(unset.findings.map((f) => f.location.startLine)).toEqual([2]);
    expect(unset.findings[0]!.message).toContain('DJANGO_DEBUG is not set');
    expect(unset.findings[0]!.fix).toContain('Set DJANGO_DEBUG in the production environment');
    expect((await run('--env', 'DJANGO_DEBUG=False')).findings).toEqual([]);
    expect((await run('--env-file', path.join(dir, 'prod.env'))).findings).toEqual([]);
    expect((await run('--env-file', path.join(dir, 'dev.env'))).findings).toHaveLength(1);
    // --env wins over --env-file.
    expect((await run('--env-file', path.join(dir, 'dev.env'), '--env', 'DJANGO_DEBUG=False')).findings).toEqual([]);
  });

  it('rejects bad --env and --env-file input with exit 2, naming the file and line', async () => {
    const dir = await makeProject({ 'a.py': '', 'bad.env': 'GOOD=1\nthis is not an assignment\n' });
    const bad = await runCli(['scan', dir, '--env', 'NOEQUALS']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--env expects NAME=VALUE');
    const badFile = await runCli(['scan', dir, '--env-file', path.join(dir, 'bad.env')]);
    expect(badFile.code).toBe(2);
    expect(badFile.stderr).toContain('bad.env:2: expected NAME=VALUE');
    const missing = await runCli(['scan', dir, '--env-file', path.join(dir, 'nope.env')]);
    expect(missing.code).toBe(2);
  });

  it('--settings picks one module and judges it as production', async () => {
    const dir = await makeProject({
      'cfg/__init__.py': '',
      'cfg/settings/__init__.py': '',
      'cfg/settings/local.py': 'DEBUG = True\n',
      'cfg/settings/production.py': 'DEBUG = True\n',
    });
    const only = await audit({ path: dir, jobs: 1, select: ['SET018'], settings: 'cfg.settings.local' });
    expect(only.report.findings.map((f) => f.location.path)).toEqual(['cfg/settings/local.py']);
    await expect(audit({ path: dir, jobs: 1, settings: 'cfg.settings.nope' })).rejects.toThrow(/--settings cfg\.settings\.nope: no such module/);
  });

  it('reports a broken settings module or a missing star-import target for that module, and judges the others', async () => {
    const dir = await makeProject({
      'cfg/__init__.py': '',
      'cfg/settings/__init__.py': '',
      'cfg/settings/base.py': 'DEBUG = True\n',
      'cfg/settings/prod_broken.py': lines('from .base import *', 'DEBUG = (', ''),
      'cfg/settings/prod_missing.py': lines('from .does_not_exist import *', 'DEBUG = True'),
      'cfg/settings/production.py': lines('from .base import *'),
    });
    await writeFile(path.join(dir, 'cfg/settings/prod_inherits_broken.py'), 'from .prod_broken import *\n');
    const { report } = await audit({ path: dir, jobs: 1, select: ['SET018'] });
    expect(report.findings.map((f) => `${f.location.path}:${f.location.startLine}`).sort()).toEqual(['cfg/settings/base.py:1', 'cfg/settings/prod_missing.py:2']);
    const messages = report.errors.map((e) => `${e.path}:${e.line ?? '-'} ${e.message}`);
    expect(messages).toContainEqual(expect.stringMatching(/^cfg\/settings\/prod_broken\.py:2 syntax error/));
    expect(messages).toContainEqual('cfg/settings/prod_broken.py:- settings module cfg.settings.prod_broken is not judged: cfg/settings/prod_broken.py has a syntax error, so Python could not import it');
    expect(messages).toContainEqual('cfg/settings/prod_inherits_broken.py:- settings module cfg.settings.prod_inherits_broken is not judged: cfg/settings/prod_broken.py has a syntax error, so Python could not import it');
    expect(messages).toContainEqual('cfg/settings/prod_missing.py:1 settings module cfg.settings.prod_missing: cannot resolve "from .does_not_exist import *": module cfg.settings.does_not_exist is not in the project');
  });
});
