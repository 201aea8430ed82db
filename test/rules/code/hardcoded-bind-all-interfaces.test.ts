import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/code/hardcoded-bind-all-interfaces');

describe('PY104 hardcoded-bind-all-interfaces', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY104', fixture);
  });

  it('reports ALLOWED_HOSTS entries of settings modules with low confidence, bind addresses with medium', async () => {
    const { report } = await audit({ path: fixture, select: ['PY104'], jobs: 1 });
    const confidences = report.findings.map((f) => `${f.location.path}:${f.location.startLine} ${f.confidence}`);
    expect(confidences).toEqual([
      'serve.py:10 medium',
      'serve.py:14 medium',
      'serve.py:20 medium',
      'shop/settings.py:5 low',
      'shop/settings.py:6 low',
      'shop/settings.py:7 low',
      'shop/settings.py:8 low',
      'shop/settings.py:11 medium',
    ]);
  });

  it('keeps full confidence for ALLOWED_HOSTS outside settings modules', async () => {
    const source = 'ALLOWED_HOSTS = ["0.0.0.0"]\n';
    expect((await runRule('PY104', source, { path: 'shop/settings.py', roles: ['settings'] }))[0]!.confidence).toBe('low');
    expect((await runRule('PY104', source, { path: 'tools/hosts.py', roles: [] }))[0]!.confidence).toBeUndefined();
  });

  it('skips docstrings and strings that only contain the address', async () => {
    expect(await runRule('PY104', '"""Binds 0.0.0.0."""\n"0.0.0.0"\nx = "0.0.0.0:80"\nhost = "0.0.0." "0"\n')).toHaveLength(1);
  });
});
