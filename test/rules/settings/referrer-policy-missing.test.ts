import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/referrer-policy-missing');

async function scan(pin: string | null, prod: string) {
  const dir = await makeProject({ ...(pin ? { 'requirements.txt': `Django==${pin}\n` } : {}), 'settings/__init__.py': '', 'settings/prod.py': prod });
  return (await audit({ path: dir, select: ['SET022'], jobs: 1 })).report.findings.map((f) => [f.ruleId, f.location.startLine]);
}

const SECURITY = 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\n';

describe('SET022 referrer-policy-missing', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET022', fixture);
  });

  it('exists from Django 3.0, whose default was None; the default is same-origin from 3.1', async () => {
    expect(await scan('2.2.28', `${SECURITY}SECURE_REFERRER_POLICY = None\n`)).toEqual([]);
    expect(await scan('3.0.14', SECURITY)).toEqual([['SET022', 1]]);
    expect(await scan('3.1.14', SECURITY)).toEqual([]);
    expect(await scan('3.2.25', `${SECURITY}SECURE_REFERRER_POLICY = None\n`)).toEqual([['SET022', 2]]);
  });

  it('reports only None: an empty or invalid policy is security.E023, another check', async () => {
    expect(await scan('3.2.25', `${SECURITY}SECURE_REFERRER_POLICY = ""\n`)).toEqual([]);
    expect(await scan('3.2.25', `${SECURITY}SECURE_REFERRER_POLICY = []\n`)).toEqual([]);
  });

  it('honours SILENCED_SYSTEM_CHECKS as a suppression', async () => {
    const { report } = await audit({ path: fixture, select: ['SET022'], jobs: 1, settings: 'settings.prod_silenced', showSuppressed: true });
    expect(report.findings.map((f) => [f.location.startLine, f.suppression?.kind])).toEqual([[3, 'inline']]);
  });
});
