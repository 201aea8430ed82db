import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/core/errors.js';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject, runRule } from '../../helpers.js';

const SOURCE = [
  'from cryptography.hazmat.primitives.asymmetric import ec, rsa',
  'rsa.generate_private_key(65537, 512)',
  'rsa.generate_private_key(65537, 1024)',
  'rsa.generate_private_key(65537, 2048)',
  'ec.generate_private_key(ec.SECP192R1())',
  'ec.generate_private_key(ec.SECP224R1())',
  '',
].join('\n');

describe('PY505 weak-cryptographic-key', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY505', path.join(FIXTURES, 'rules/code/weak-cryptographic-key.py'));
  });

  it('grades severity with Bandit\'s default thresholds', async () => {
    const findings = await runRule('PY505', SOURCE);
    expect(findings.map((f) => [f.location.startLine, f.severity, f.confidence ?? 'high'])).toEqual([
      [2, 'high', 'high'],
      [3, 'medium', 'high'],
      [5, 'medium', 'high'],
    ]);
  });

  it('takes the thresholds from the rule options', async () => {
    const options = { weak_key_size_rsa_high: 2048, weak_key_size_rsa_medium: 3072, weak_key_size_ec_medium: 256 };
    const findings = await runRule('PY505', SOURCE, {}, options);
    expect(findings.map((f) => [f.location.startLine, f.severity])).toEqual([
      [2, 'high'],
      [3, 'high'],
      [4, 'medium'],
      [5, 'medium'],
      [6, 'medium'],
    ]);
  });

  it('reads Bandit\'s weak_cryptographic_key block', async () => {
    const dir = await makeProject({ 'app.py': SOURCE });
    await writeFile(path.join(dir, 'pyproject.toml'), '[tool.bandit.weak_cryptographic_key]\nweak_key_size_rsa_medium = 1024\nweak_key_size_rsa_high = 600\n');
    const { report } = await audit({ path: dir, select: ['PY505'], jobs: 1 });
    expect(report.errors).toEqual([]);
    expect(report.findings.map((f) => [f.location.startLine, f.severity])).toEqual([
      [2, 'high'],
      [5, 'medium'],
    ]);
  });

  it('takes the thresholds from [options.PY505] in .ponyguard.toml', async () => {
    const dir = await makeProject({ 'app.py': SOURCE, '.ponyguard.toml': '[options.PY505]\nweak_key_size_rsa_high = 2048\nweak_key_size_ec_medium = 0\n' });
    const { report } = await audit({ path: dir, select: ['PY505'], jobs: 1, cwd: dir });
    expect(report.errors).toEqual([]);
    expect(report.findings.map((f) => [f.location.startLine, f.severity])).toEqual([
      [2, 'high'],
      [3, 'high'],
    ]);
  });

  it('rejects a threshold that is not a non-negative integer when the configuration loads, naming the file and line', async () => {
    for (const [value, got] of [['-1', 'number -1'], ['1024.5', 'number 1024.5'], ['"2048"', 'string "2048"']]) {
      const dir = await makeProject({ 'app.py': SOURCE, '.ponyguard.toml': `[options.PY505]\nweak_key_size_ec_high = 100\nweak_key_size_rsa_medium = ${value}\n` });
      await expect(audit({ path: dir, select: ['PY505'], jobs: 1, cwd: dir })).rejects.toThrow(
        new ConfigError('.ponyguard.toml', 3, `option "weak_key_size_rsa_medium" of PY505 (weak-cryptographic-key) must be a non-negative integer, got ${got}`),
      );
    }
  });

  it('rejects a malformed threshold in Bandit\'s block as a configuration error naming the file', async () => {
    const dir = await makeProject({ 'app.py': SOURCE });
    await writeFile(path.join(dir, 'pyproject.toml'), '[tool.bandit.weak_cryptographic_key]\nweak_key_size_rsa_medium = "big"\n');
    await expect(audit({ path: dir, select: ['PY505'], jobs: 1, cwd: dir })).rejects.toThrow(
      'pyproject.toml [tool.bandit]: option "weak_key_size_rsa_medium" of PY505 (weak-cryptographic-key) must be a non-negative integer, got string "big"',
    );
  });
});
