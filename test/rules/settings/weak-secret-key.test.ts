import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/weak-secret-key');
const INSECURE = 'django-insecure-q8#v@1m$2x!7k^r0w&3z*9p(5t)6y_4u+n-b=c%d~e';

async function findings(files: Record<string, string>, env?: string[]) {
  const dir = await makeProject(files);
  const { report } = await audit({ path: dir, select: ['SET009'], jobs: 1, showSuppressed: true, ...(env ? { env } : {}) });
  return report.findings;
}

describe('SET009 weak-secret-key', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET009', fixture);
  });

  it('never prints the key', async () => {
    const { report } = await audit({ path: fixture, select: ['SET009'], jobs: 1 });
    expect(report.findings.length).toBeGreaterThan(5);
    const keys = ['change-me-before-deploying', 'not-so-secret', 'q8#v@1m', '0123456789', 'abab', "'dev'"];
    for (const finding of report.findings) {
      for (const key of keys) {
        expect(finding.message).not.toContain(key);
        expect(finding.fix ?? '').not.toContain(key);
      }
    }
    expect(report.findings.find((f) => f.location.path === 'settings/prod_short.py')!.message).toContain('26 characters');
  });

  it('reports the insecure environment default at the default, with medium confidence', async () => {
    const { report } = await audit({ path: fixture, select: ['SET009'], jobs: 1, settings: 'settings.prod_env_default' });
    expect(report.findings.map((f) => [f.ruleId, f.location.startLine, f.confidence])).toEqual([['SET009', 5, 'medium']]);
    expect(report.findings[0]!.message).toContain('DJANGO_SECRET_KEY is not set');
    expect(report.findings[0]!.fix).toMatch(/^Set DJANGO_SECRET_KEY in the production environment, and make the default at settings\/prod_env_default.py:5 safe/);
  });

  it('judges the value of the environment given, still without printing it', async () => {
    const strong = 'x7Hq2Lm9xVb4nZr8tKp3wJd6sFg1yCx5eQa0uR2tY6uI8oP4aS';
    const fine = (await audit({ path: fixture, select: ['SET009'], jobs: 1, settings: 'settings.prod_env_required', env: [`DJANGO_SECRET_KEY=${strong}`] })).report;
    expect(fine.findings).toEqual([]);
    const weak = (await audit({ path: fixture, select: ['SET009'], jobs: 1, settings: 'settings.prod_env_required', env: ['DJANGO_SECRET_KEY=hunter2'] })).report;
    expect(weak.findings.map((f) => [f.ruleId, f.location.startLine])).toEqual([['SET009', 3]]);
    expect(weak.findings[0]!.message).not.toContain('hunter2');
    expect(weak.findings[0]!.fix).toMatch(/^Put a new random key in DJANGO_SECRET_KEY/);
  });

  it('reports a key that is None while its variable is unset with low confidence', async () => {
    const { report } = await audit({ path: fixture, select: ['SET009'], jobs: 1, settings: 'settings.prod_env_no_default' });
    expect(report.findings.map((f) => [f.ruleId, f.location.startLine, f.confidence])).toEqual([['SET009', 4, 'low']]);
  });

  it("judges the 'django-insecure-' prefix from Django 3.2 only", async () => {
    const files = (pin: string) => ({ 'requirements.txt': `Django==${pin}\n`, 'settings/__init__.py': '', 'settings/production.py': `SECRET_KEY = "${INSECURE}"\n` });
    expect(await findings(files('3.1.14'))).toEqual([]);
    expect((await findings(files('3.2.25'))).map((f) => [f.ruleId, f.location.startLine])).toEqual([['SET009', 1]]);
  });

  it('honours SILENCED_SYSTEM_CHECKS', async () => {
    const found = await findings({ 'settings/__init__.py': '', 'settings/production.py': 'SECRET_KEY = "short"\nSILENCED_SYSTEM_CHECKS = ["security.W009"]\n' });
    expect(found.map((f) => [f.ruleId, f.location.startLine, f.suppression?.kind])).toEqual([['SET009', 1, 'inline']]);
  });

  it('keeps the fixture keys out of the messages even when merged across modules', async () => {
    const text = await readFile(path.join(fixture, 'settings/base.py'), 'utf8');
    const { report } = await audit({ path: fixture, select: ['SET009'], jobs: 1, settings: 'settings.prod_inherited' });
    expect(text).toContain('not-so-secret');
    expect(report.findings.map((f) => [f.location.path, f.location.startLine])).toEqual([['settings/base.py', 1]]);
    expect(report.findings[0]!.message).not.toContain('not-so-secret');
  });
});

describe('SET009 weak-secret-key with an `or` fallback', () => {
  it('reports the weak fallback of an unset variable at the assignment and asks to remove it', async () => {
    const found = await findings({ 'settings/__init__.py': '', 'settings/production.py': 'import os\n\nSECRET_KEY = os.getenv("DJANGO_SECRET_KEY") or "fallback-key"\n' });
    expect(found.map((f) => [f.ruleId, f.location.startLine, f.confidence])).toEqual([['SET009', 3, 'medium']]);
    expect(found[0]!.message).not.toContain('fallback-key');
    expect(found[0]!.fix).toMatch(/remove the fallback key/);
    expect(await findings({ 'settings/__init__.py': '', 'settings/production.py': 'import os\n\nSECRET_KEY = os.getenv("DJANGO_SECRET_KEY") or "fallback-key"\n' }, ['DJANGO_SECRET_KEY=x7Hq2Lm9xVb4nZr8tKp3wJd6sFg1yCx5eQa0uR2tY6uI8oP4aS'])).toEqual([]);
  });
});
