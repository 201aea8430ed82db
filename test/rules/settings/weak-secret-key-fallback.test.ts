import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/weak-secret-key-fallback');

describe('SET025 weak-secret-key-fallback', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET025', fixture);
  });

  it('names the index of each weak entry and never prints the key', async () => {
    const { report } = await audit({ path: fixture, select: ['SET025'], jobs: 1, settings: 'settings.prod_list' });
    expect(report.findings.map((f) => [f.location.startLine, /SECRET_KEY_FALLBACKS\[(\d)\]/.exec(f.message)?.[1]])).toEqual([
      [6, '1'],
      [7, '2'],
      [8, '3'],
    ]);
    // Not in the message, the fix or the code frame: no key of the list, weak or strong.
    for (const finding of report.findings) expect(JSON.stringify(finding)).not.toMatch(/too-short-old-key|django-insecure-q7w|aaaaabbbbb|xK9#mQ2\$vL7/);
    expect(report.findings.some((f) => JSON.stringify(f).includes('SECRET_KEY_FALLBACKS = ['))).toBe(true);
  });

  it('points at the default of an environment read and names the variable; quiet once a strong key is given', async () => {
    const unset = (await audit({ path: fixture, select: ['SET025'], jobs: 1, settings: 'settings.prod_env_default' })).report;
    expect(unset.findings.map((f) => [f.ruleId, f.location.startLine])).toEqual([['SET025', 3]]);
    expect(unset.findings[0]!.message).toContain('OLD_SECRET_KEY is not set');
    expect(unset.findings[0]!.fix).toBe(
      'Set OLD_SECRET_KEY to a strong key in the production environment (or drop SECRET_KEY_FALLBACKS[0]), and remove the weak default at settings/prod_env_default.py:3 so a missing variable cannot fall back to it.',
    );
    const strong = 'OLD_SECRET_KEY=vB7#nM2$kL9@qW4!eR8&tY1*uI5^oP3%aS6(dF0)gH2-jK7+lZ4=';
    const set = (await audit({ path: fixture, select: ['SET025'], jobs: 1, settings: 'settings.prod_env_default', env: [strong] })).report;
    expect(set.findings).toEqual([]);
  });

  it('honours SILENCED_SYSTEM_CHECKS as a suppression', async () => {
    const { report } = await audit({ path: fixture, select: ['SET025'], jobs: 1, settings: 'settings.prod_silenced', showSuppressed: true });
    expect(report.findings.map((f) => [f.ruleId, f.suppression?.kind])).toEqual([['SET025', 'inline']]);
  });

  it('exists from Django 4.1 only', async () => {
    const files = { 'settings/__init__.py': '', 'settings/prod.py': 'SECRET_KEY_FALLBACKS = ["short"]\n' };
    const old = await makeProject({ ...files, 'requirements.txt': 'Django==4.0.10\n' });
    expect((await audit({ path: old, select: ['SET025'], jobs: 1 })).report.findings).toEqual([]);
    const current = await makeProject({ ...files, 'requirements.txt': 'Django==4.2.7\n' });
    expect((await audit({ path: current, select: ['SET025'], jobs: 1 })).report.findings.map((f) => [f.ruleId, f.location.startLine])).toEqual([['SET025', 1]]);
  });

  it('reports an entry inherited from a base module at the base, once for every production module', async () => {
    const dir = await makeProject({
      'settings/__init__.py': '',
      'settings/base.py': 'SECRET_KEY_FALLBACKS = [\n    "short",\n]\n',
      'settings/prod_a.py': 'from .base import *  # noqa\n',
      'settings/prod_b.py': 'from .base import *  # noqa\n',
    });
    const { report } = await audit({ path: dir, select: ['SET025'], jobs: 1 });
    expect(report.findings.map((f) => [f.location.path, f.location.startLine])).toEqual([['settings/base.py', 2]]);
    expect(report.findings[0]!.message).toMatch(/settings\.prod_a.*settings\.prod_b/);
  });
});
