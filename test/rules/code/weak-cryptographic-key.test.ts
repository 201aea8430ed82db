import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
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

  it('names a malformed threshold in the scan errors', async () => {
    const dir = await makeProject({ 'app.py': SOURCE });
    await writeFile(path.join(dir, 'pyproject.toml'), '[tool.bandit.weak_cryptographic_key]\nweak_key_size_rsa_medium = "big"\n');
    const { report } = await audit({ path: dir, select: ['PY505'], jobs: 1 });
    expect(report.errors.map((e) => e.message).join('\n')).toMatch(/weak_key_size_rsa_medium must be a positive integer/);
  });
});
