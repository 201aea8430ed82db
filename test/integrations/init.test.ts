import { cp, mkdtemp, readFile, writeFile, access } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile, resolveConfig } from '../../src/config/config.js';
import { renderConfig, runInit } from '../../src/cli/init.js';
import { audit } from '../../src/engine/scan.js';
import { REPO_ROOT, runCli } from '../helpers.js';

async function freshCopy(example: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `ponyguard-init-${example}-`));
  await cp(path.join(REPO_ROOT, 'examples', example), dir, { recursive: true });
  return dir;
}

const exists = (file: string): Promise<boolean> =>
  access(file).then(
    () => true,
    () => false,
  );

const PYPROJECT = ['[project]', 'name = "shop"', 'version = "1.0"  # keep me', '', '[tool.black]', 'line-length = 100', ''].join('\n');

describe('ponyguard init', () => {
  for (const example of ['vulnerable-shop', 'hardened-shop']) {
    it(`configures a fresh copy of examples/${example}: a .ponyguard.toml that loads, production settings detected, a baseline`, async () => {
      const dir = await freshCopy(example);
      const result = await runCli(['init', '--baseline'], { cwd: dir });
      expect(result.stderr).toContain('wrote the configuration to .ponyguard.toml');
      expect(result.code).toBe(0);
      const text = await readFile(path.join(dir, '.ponyguard.toml'), 'utf8');
      expect(text).toContain('production-settings = ["shop.settings.production"]');
      expect(text).toContain('# settings-modules = [');
      const config = await loadConfigFile(path.join(dir, '.ponyguard.toml'));
      expect(config?.productionSettings).toEqual(['shop.settings.production']);
      expect(config?.settingsModules).toEqual([]);
      const resolved = await resolveConfig(dir, undefined, dir);
      expect(resolved.source).toBe('.ponyguard.toml');

      // The baseline holds today's findings: scanning against it reports nothing new.
      const baseline = JSON.parse(await readFile(path.join(dir, '.ponyguard-baseline.json'), 'utf8')) as { findings: unknown[] };
      const full = await audit({ path: dir, cwd: dir, jobs: 1 });
      expect(baseline.findings.length).toBeGreaterThanOrEqual(full.report.findings.length);
      if (example === 'vulnerable-shop') expect(full.report.findings.length).toBeGreaterThan(50);
      const against = await audit({ path: dir, cwd: dir, jobs: 1, baselineFile: '.ponyguard-baseline.json' });
      expect(against.report.findings).toEqual([]);
      expect(against.exitCode).toBe(0);

      // A second init refuses to replace it, without touching anything.
      const again = await runCli(['init', '--no-baseline'], { cwd: dir });
      expect(again.code).toBe(2);
      expect(again.stderr).toContain('.ponyguard.toml already exists; run with --force');
      expect(await readFile(path.join(dir, '.ponyguard.toml'), 'utf8')).toBe(text);
    });
  }

  it('appends a [tool.ponyguard] section to pyproject.toml, keeping the rest byte for byte; refuses twice; --force replaces it', async () => {
    const dir = await freshCopy('hardened-shop');
    await writeFile(path.join(dir, 'pyproject.toml'), PYPROJECT);
    const logs: string[] = [];
    const first = await runInit({ path: '.', cwd: dir, baseline: false, log: (line) => logs.push(line) });
    expect(first.configFile).toBe(path.join(dir, 'pyproject.toml'));
    expect(first.productionSettings).toEqual(['shop.settings.production']);
    expect(await exists(path.join(dir, '.ponyguard.toml'))).toBe(false);
    const text = await readFile(path.join(dir, 'pyproject.toml'), 'utf8');
    expect(text.startsWith(`${PYPROJECT.trimEnd()}\n\n[tool.ponyguard]\n`)).toBe(true);
    expect(logs[0]).toContain('appended');
    const config = await loadConfigFile(path.join(dir, 'pyproject.toml'));
    expect(config?.productionSettings).toEqual(['shop.settings.production']);

    // Edited by hand, then init again: refused without --force.
    const edited = text.replace('production-settings = ["shop.settings.production"]', 'production-settings = ["shop.settings.production"]\nfail-on = "high"\n\n[tool.ponyguard.per-path-ignores]\n"tests/**" = ["B101"]');
    await writeFile(path.join(dir, 'pyproject.toml'), `${edited}\n[tool.isort]\nprofile = "black"\n`);
    await expect(runInit({ path: '.', cwd: dir, baseline: false, log: () => {} })).rejects.toThrow(/already has a \[tool\.ponyguard\] section; run with --force/);
    expect((await loadConfigFile(path.join(dir, 'pyproject.toml')))?.failOn).toBe('high');

    await runInit({ path: '.', cwd: dir, baseline: false, force: true, log: () => {} });
    const replaced = await readFile(path.join(dir, 'pyproject.toml'), 'utf8');
    expect(replaced.startsWith(PYPROJECT.trimEnd())).toBe(true);
    expect(replaced).toContain('[tool.isort]\nprofile = "black"');
    expect(replaced.match(/^\[tool\.ponyguard\]$/gm)).toHaveLength(1);
    const reloaded = await loadConfigFile(path.join(dir, 'pyproject.toml'));
    expect(reloaded?.failOn).toBe('low');
    expect(reloaded?.perPathIgnores).toEqual([]);
    expect(reloaded?.productionSettings).toEqual(['shop.settings.production']);
  });

  it('leaves an invalid pyproject.toml alone, and writes --file where asked', async () => {
    const dir = await freshCopy('vulnerable-shop');
    await writeFile(path.join(dir, 'pyproject.toml'), '[project\nname = 1\n');
    const broken = await runCli(['init', '--no-baseline'], { cwd: dir });
    expect(broken.code).toBe(2);
    expect(await readFile(path.join(dir, 'pyproject.toml'), 'utf8')).toBe('[project\nname = 1\n');

    const other = await runCli(['init', '--no-baseline', '--file', 'ci/ponyguard.toml'], { cwd: dir });
    expect(other.code).toBe(0);
    expect(other.stderr).toContain('--config ci/ponyguard.toml');
    const config = await resolveConfig(dir, 'ci/ponyguard.toml', dir);
    expect(config.productionSettings).toEqual(['shop.settings.production']);
  });

  it('asks for a baseline only through the prompt it is given, and honours the answer', async () => {
    const dir = await freshCopy('hardened-shop');
    const questions: string[] = [];
    const result = await runInit({ path: '.', cwd: dir, log: () => {}, ask: (question) => (questions.push(question), Promise.resolve(true)) });
    expect(questions).toHaveLength(1);
    expect(result.baselineFile).toBe(path.join(dir, '.ponyguard-baseline.json'));
    const dir2 = await freshCopy('hardened-shop');
    const declined = await runInit({ path: '.', cwd: dir2, log: () => {}, ask: () => Promise.resolve(false) });
    expect(declined.baselineFile).toBeNull();
    expect(await exists(path.join(dir2, '.ponyguard-baseline.json'))).toBe(false);
    // No prompt (not a terminal) and no flag: no baseline, no question.
    const dir3 = await freshCopy('hardened-shop');
    expect((await runInit({ path: '.', cwd: dir3, log: () => {} })).baselineFile).toBeNull();
  });

  it('writes nothing from the repository that could break out of a comment or a string', async () => {
    const hostile = [
      { name: 'shop.settings.prod\n[tool.evil]\nx = 1', path: 'a.py', production: true, productionReason: 'named by DJANGO_SETTINGS_MODULE in evil\nfail-on = "none"', sources: ['settings-file' as const] },
      { name: 'shop.settings.production', path: 'b.py', production: true, productionReason: 'named by DJANGO_SETTINGS_MODULE in x\r\n[tool.bad]\u2028', sources: ['wsgi' as const] },
    ];
    for (const pyproject of [true, false]) {
      const text = renderConfig(hostile, pyproject);
      expect(text).not.toMatch(/^\[tool\.(evil|bad)\]/m);
      expect(text).not.toMatch(/^fail-on/m);
      expect(text).not.toContain('\r');
      const dir = await mkdtemp(path.join(os.tmpdir(), 'ponyguard-init-hostile-'));
      const file = path.join(dir, pyproject ? 'pyproject.toml' : '.ponyguard.toml');
      await writeFile(file, text);
      const config = await loadConfigFile(file);
      expect(config?.productionSettings).toEqual(['shop.settings.production']);
      expect(config?.failOn).toBe('low');
    }
  });
});
