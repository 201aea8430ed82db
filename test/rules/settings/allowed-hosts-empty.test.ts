import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/allowed-hosts-empty');

async function scan(pin: string | null, prod: string) {
  const dir = await makeProject({ ...(pin ? { 'requirements.txt': `Django==${pin}\n` } : {}), 'settings/__init__.py': '', 'settings/prod.py': prod });
  return (await audit({ path: dir, select: ['SET020'], jobs: 1 })).report.findings.map((f) => [f.ruleId, f.location.startLine]);
}

describe('SET020 allowed-hosts-empty', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET020', fixture);
  });

  it('exists from Django 1.9', async () => {
    expect(await scan('1.8.19', 'DEBUG = False\n')).toEqual([]);
    expect(await scan('1.9.13', 'DEBUG = False\n')).toEqual([['SET020', 1]]);
    expect(await scan('3.2.25', 'ALLOWED_HOSTS = None\n')).toEqual([['SET020', 1]]);
    expect(await scan('4.2.7', 'ALLOWED_HOSTS = [""]\n')).toEqual([]);
  });

  it('names the environment variable with the empty default, and is quiet once it is set', async () => {
    const options = { path: fixture, select: ['SET020'], jobs: 1, settings: 'settings.prod_environ' };
    const [finding] = (await audit(options)).report.findings;
    expect([finding!.location.startLine, finding!.confidence]).toEqual([4, 'medium']);
    expect(finding!.message).toContain('DJANGO_ALLOWED_HOSTS');
    expect((await audit({ ...options, env: ['DJANGO_ALLOWED_HOSTS=example.com'] })).report.findings).toEqual([]);
  });

  it('honours SILENCED_SYSTEM_CHECKS as a suppression', async () => {
    const { report } = await audit({ path: fixture, select: ['SET020'], jobs: 1, settings: 'settings.prod_silenced', showSuppressed: true });
    expect(report.findings.map((f) => [f.location.startLine, f.suppression?.kind])).toEqual([[1, 'inline']]);
  });
});
