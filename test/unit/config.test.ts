import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLine, loadConfigFile, resolveConfig } from '../../src/config/config.js';
import { ConfigError } from '../../src/core/errors.js';
import { makeProject } from '../helpers.js';

describe('configuration', () => {
  it('reads [tool.ponyguard] from pyproject.toml', async () => {
    const dir = await makeProject({
      'pyproject.toml': [
        '[project]',
        'name = "shop"',
        '',
        '[tool.ponyguard]',
        'select = ["PY", "SET018"]',
        'ignore = ["B101"]',
        'exclude = ["legacy/"]',
        'severity-threshold = "low"',
        'confidence-threshold = "medium"',
        'fail-on = "high"',
        'settings-modules = ["shop.settings.prod"]',
        'require-suppression-reason = true',
        '',
        '[tool.ponyguard.per-path-ignores]',
        '"tests/**" = ["B101", "PY608"]',
      ].join('\n'),
    });
    const config = await resolveConfig(dir, undefined, dir);
    expect(config).toMatchObject({
      select: ['PY', 'SET018'],
      ignore: ['B101'],
      exclude: ['legacy/'],
      severityThreshold: 'low',
      confidenceThreshold: 'medium',
      failOn: 'high',
      settingsModules: ['shop.settings.prod'],
      requireSuppressionReason: true,
      perPathIgnores: [{ pattern: 'tests/**', selectors: ['B101', 'PY608'] }],
      source: 'pyproject.toml',
    });
  });

  it('prefers .ponyguard.toml (top-level keys) over pyproject.toml', async () => {
    const dir = await makeProject({ '.ponyguard.toml': 'fail-on = "critical"\n', 'pyproject.toml': '[tool.ponyguard]\nfail-on = "low"\n' });
    expect((await resolveConfig(dir, undefined, dir)).failOn).toBe('critical');
  });

  it('uses defaults when pyproject.toml has no ponyguard table', async () => {
    const dir = await makeProject({ 'pyproject.toml': '[tool.black]\nline-length = 100\n' });
    expect((await resolveConfig(dir, undefined, dir)).source).toBeNull();
  });

  it('names the file, line and key of an unknown key, with a suggestion', async () => {
    const dir = await makeProject({ 'pyproject.toml': '[tool.ponyguard]\nselect = ["PY"]\nfail_on = "high"\n' });
    const error = await resolveConfig(dir, undefined, dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(
      `pyproject.toml:3: unknown key "fail_on" (did you mean "fail-on"?); known keys: select, ignore, exclude, settings-modules, production-settings, severity-threshold, confidence-threshold, fail-on, require-suppression-reason, max-file-size-mb, ignore-nosec, options, per-path-ignores`,
    );
  });

  it('names the line of a wrongly typed value', async () => {
    const dir = await makeProject({ '.ponyguard.toml': '# config\nignore = "B101"\n' });
    await expect(resolveConfig(dir, undefined, dir)).rejects.toThrow(/^\.ponyguard\.toml:2: key "ignore" must be an array of strings, got the string "B101"$/);
    const dir2 = await makeProject({ '.ponyguard.toml': 'severity-threshold = "severe"\n' });
    await expect(resolveConfig(dir2, undefined, dir2)).rejects.toThrow(/:1: key "severity-threshold" must be one of critical, high, medium, low, info/);
  });

  it('names the line of invalid TOML', async () => {
    const dir = await makeProject({ '.ponyguard.toml': 'select = ["PY"]\nignore = [\n' });
    await expect(resolveConfig(dir, undefined, dir)).rejects.toThrow(/^\.ponyguard\.toml:\d+: invalid TOML/);
  });

  it('loads an explicit --config file and fails clearly when it is missing', async () => {
    const dir = await makeProject({ 'conf/ponyguard.toml': 'ignore = ["PY608"]\n' });
    expect((await resolveConfig(dir, 'conf/ponyguard.toml', dir)).ignore).toEqual(['PY608']);
    await expect(resolveConfig(dir, 'nope.toml', dir)).rejects.toThrow(/^nope\.toml: cannot read configuration file/);
    await expect(loadConfigFile(path.join(dir, 'conf', 'ponyguard.toml'))).resolves.toMatchObject({ ignore: ['PY608'] });
  });

  it('finds key lines in sub-tables', () => {
    const text = '[tool.ponyguard]\nselect = []\n\n[tool.ponyguard.per-path-ignores]\n"tests/**" = 1\n';
    expect(findLine(text, 'tests/**', 'tool.ponyguard')).toBe(5);
    expect(findLine(text, 'per-path-ignores', 'tool.ponyguard')).toBe(4);
    expect(findLine(text, 'select', 'tool.ponyguard')).toBe(2);
  });
});

describe('unknown rule codes in the configuration', () => {
  it('are an error naming the file and the line', async () => {
    const { audit } = await import('../../src/engine/scan.js');
    const dir = await makeProject({ 'pyproject.toml': '[tool.ponyguard]\nselect = ["PY"]\nignore = [\n  "B101x",\n]\n', 'a.py': '' });
    await expect(audit({ path: dir, cwd: dir, jobs: 1 })).rejects.toThrow(/^pyproject\.toml:4: unknown rule code, name or alias: B101x/);
  });
});
