/** Rule options: declared by rules, read from ponyguard's and Bandit's configuration, type-checked at load time. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/errors.js';
import { renderRuleMarkdown } from '../../src/docs/render.js';
import { audit } from '../../src/engine/scan.js';
import { findRule } from '../../src/rules/index.js';
import { makeProject, runCli } from '../helpers.js';

const code = {
  'app/__init__.py': '',
  'app/views.py': 'def f(x):\n    assert x\n    try:\n        g()\n    except KeyError:\n        pass\n    return "/scratch/out.csv"\n',
  'legacy/old.py': 'assert True\n',
};

const found = async (dir: string, extra: Record<string, unknown> = {}) =>
  (await audit({ path: dir, jobs: 1, select: ['PY101', 'PY108', 'PY110'], ...extra })).report.findings.map((f) => `${f.ruleId} ${f.location.path}:${f.location.startLine}`).sort();

describe('rule options', () => {
  it('are read from [tool.ponyguard.options.CODE]', async () => {
    const dir = await makeProject({
      ...code,
      'pyproject.toml': [
        '[tool.ponyguard.options.PY101]',
        'skips = ["*/legacy/*", "./legacy/*"]',
        '[tool.ponyguard.options.PY108]',
        'tmp_dirs = ["/scratch"]',
        '[tool.ponyguard.options.PY110]',
        'check_typed_exception = true',
        '',
      ].join('\n'),
    });
    expect(await found(dir)).toEqual(['PY101 app/views.py:2', 'PY108 app/views.py:7', 'PY110 app/views.py:5']);
  });

  it("are read from Bandit's per-plugin blocks, whose unknown keys are ignored as Bandit does", async () => {
    const dir = await makeProject({
      ...code,
      'bandit.yaml': 'assert_used:\n  skips: ["./legacy/*"]\n  unknown: 1\nhardcoded_tmp_directory:\n  tmp_dirs: ["/scratch"]\ntry_except_pass:\n  check_typed_exception: true\n',
    });
    expect(await found(dir, { banditConfig: path.join(dir, 'bandit.yaml') })).toEqual(['PY101 app/views.py:2', 'PY108 app/views.py:7', 'PY110 app/views.py:5']);
    expect(await found(dir)).toEqual(['PY101 app/views.py:2', 'PY101 legacy/old.py:1']);
  });

  it('of the wrong type are a configuration error naming the file, the line and the option', async () => {
    const dir = await makeProject({ ...code, 'pyproject.toml': '[tool.ponyguard]\nselect = ["PY"]\n\n[tool.ponyguard.options.PY101]\nskips = "legacy/*"\n' });
    await expect(audit({ path: dir, jobs: 1, cwd: dir })).rejects.toThrow(
      new ConfigError('pyproject.toml', 5, 'option "skips" of PY101 (assert-used) must be a list of strings, got string "legacy/*"'),
    );
    const result = await runCli(['scan', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('pyproject.toml:5: option "skips" of PY101 (assert-used) must be a list of strings');
  });

  it('with an unknown name are an error in ponyguard\'s configuration', async () => {
    const dir = await makeProject({ ...code, '.ponyguard.toml': '[options.PY110]\ncheck_typed_exceptions = true\n' });
    await expect(audit({ path: dir, jobs: 1, cwd: dir })).rejects.toThrow(
      new ConfigError('.ponyguard.toml', 2, 'unknown option "check_typed_exceptions" for PY110 (try-except-pass); known options: check_typed_exception'),
    );
  });

  it('of the wrong type in a Bandit file are an error naming that file', async () => {
    const dir = await makeProject({ ...code, 'bandit.yaml': 'try_except_continue:\n  check_typed_exception: "yes"\n' });
    await expect(audit({ path: dir, jobs: 1, cwd: dir, banditConfig: 'bandit.yaml' })).rejects.toThrow(
      'bandit.yaml: option "check_typed_exception" of PY112 (try-except-continue) must be true or false, got string "yes"',
    );
  });

  it('are documented on the rule page', () => {
    const page = renderRuleMarkdown(findRule('PY108')!.meta);
    expect(page).toContain('## Options');
    expect(page).toContain('- `tmp_dirs` (list of strings, default `["/tmp", "/var/tmp", "/dev/shm"]`)');
    expect(renderRuleMarkdown(findRule('PY307')!.meta)).not.toContain('## Options');
  });

  it('of integer type are documented with their default, as `explain` shows them', () => {
    const page = renderRuleMarkdown(findRule('PY505')!.meta);
    expect(page).toContain('- `weak_key_size_rsa_high` (integer ≥ 0, default `1024`): RSA keys smaller than this many bits are reported with high severity');
    expect(page).toContain('- `weak_key_size_ec_medium` (integer ≥ 0, default `224`)');
  });

  it('of integer type must be non-negative integers, in ponyguard\'s and in Bandit\'s configuration', async () => {
    const own = await makeProject({ ...code, 'pyproject.toml': '[tool.ponyguard.options.PY505]\nweak_key_size_dsa_high = 512\nweak_key_size_dsa_medium = -2048\n' });
    await expect(audit({ path: own, jobs: 1, cwd: own })).rejects.toThrow(
      new ConfigError('pyproject.toml', 3, 'option "weak_key_size_dsa_medium" of PY505 (weak-cryptographic-key) must be a non-negative integer, got number -2048'),
    );
    const bandit = await makeProject({ ...code, 'bandit.yaml': 'weak_cryptographic_key:\n  weak_key_size_ec_high: 1.5\n' });
    await expect(audit({ path: bandit, jobs: 1, cwd: bandit, banditConfig: 'bandit.yaml' })).rejects.toThrow(
      'bandit.yaml: option "weak_key_size_ec_high" of PY505 (weak-cryptographic-key) must be a non-negative integer, got number 1.5',
    );
    const valid = await makeProject({ ...code, 'bandit.yaml': 'weak_cryptographic_key:\n  weak_key_size_ec_high: 0\n' });
    await expect(audit({ path: valid, jobs: 1, cwd: valid, banditConfig: 'bandit.yaml', select: ['PY505'] })).resolves.toBeDefined();
  });
});
