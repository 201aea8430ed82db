import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/x-frame-options-not-deny');

async function scan(pin: string | null, prod: string) {
  const dir = await makeProject({ ...(pin ? { 'requirements.txt': `Django==${pin}\n` } : {}), 'settings/__init__.py': '', 'settings/prod.py': prod });
  return (await audit({ path: dir, select: ['SET019'], jobs: 1 })).report.findings.map((f) => [f.ruleId, f.location.startLine, f.severity]);
}

const XFRAME = 'MIDDLEWARE = ["django.middleware.clickjacking.XFrameOptionsMiddleware"]\n';

describe('SET019 x-frame-options-not-deny', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET019', fixture);
  });

  it("reports the missing setting only before Django 3.0, whose default was 'SAMEORIGIN'", async () => {
    expect(await scan('2.2.28', XFRAME)).toEqual([['SET019', 1, 'low']]);
    expect(await scan('3.0.14', XFRAME)).toEqual([]);
    expect(await scan('3.2.25', XFRAME)).toEqual([]);
  });

  it("compares with 'DENY' exactly, and rates a case or whitespace variant (still DENY at runtime) as info", async () => {
    expect(await scan('3.2.25', `${XFRAME}X_FRAME_OPTIONS = "Deny"\n`)).toEqual([['SET019', 2, 'info']]);
    expect(await scan('3.2.25', `${XFRAME}X_FRAME_OPTIONS = b"DENY"\n`)).toEqual([['SET019', 2, 'medium']]);
    expect(await scan('3.2.25', `${XFRAME}X_FRAME_OPTIONS = "DENY"\n`)).toEqual([]);
  });

  it('gives the fix for the right module', async () => {
    const { report } = await audit({ path: fixture, select: ['SET019'], jobs: 1, settings: 'settings.prod_sameorigin' });
    expect(report.findings.map((f) => f.fix)).toEqual(["In settings/prod_sameorigin.py, change line 2 to: X_FRAME_OPTIONS = 'DENY'"]);
  });

  it('uses the environment it is given', async () => {
    const options = { path: fixture, select: ['SET019'], jobs: 1, settings: 'settings.prod_env_default' };
    expect((await audit(options)).report.findings.map((f) => f.confidence)).toEqual(['medium']);
    expect((await audit({ ...options, env: ['X_FRAME_OPTIONS=DENY'] })).report.findings).toEqual([]);
  });

  it('honours SILENCED_SYSTEM_CHECKS as a suppression', async () => {
    const { report } = await audit({ path: fixture, select: ['SET019'], jobs: 1, settings: 'settings.prod_silenced', showSuppressed: true });
    expect(report.findings.map((f) => f.suppression?.kind)).toEqual(['inline']);
  });
});
