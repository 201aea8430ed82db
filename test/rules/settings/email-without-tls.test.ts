import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/email-without-tls');
const scan = async (settings: string, env: string[] = []) => (await audit({ path: fixture, select: ['SET219'], jobs: 1, settings, env })).report;

describe('SET219 email-without-tls', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET219', fixture);
  });

  it('fixes the EMAIL_USE_TLS line when the module turns it off', async () => {
    const report = await scan('settings.prod_tls_false');
    expect(report.findings.map((f) => [f.location.startLine, f.severity, f.fix])).toEqual([[3, 'medium', 'In settings/prod_tls_false.py, change line 3 to: EMAIL_USE_TLS = True']]);
  });

  it('reports at EMAIL_HOST with an "add" fix when neither flag is set', async () => {
    const report = await scan('settings.prod_no_flags');
    expect(report.findings.map((f) => [f.location.startLine, f.confidence])).toEqual([[1, 'high']]);
    expect(report.findings[0]!.fix).toMatch(/^In settings\/prod_no_flags\.py, add: EMAIL_USE_TLS = True/);
  });

  it('asks for EMAIL_USE_SSL on port 465', async () => {
    const report = await scan('settings.prod_port_465');
    expect(report.findings.map((f) => [f.location.startLine, f.fix])).toEqual([[3, 'In settings/prod_port_465.py, change line 3 to: EMAIL_USE_SSL = True']]);
  });

  it('follows the environment default of EMAIL_USE_TLS', async () => {
    const unset = await scan('settings.prod_env_default');
    expect(unset.findings.map((f) => [f.location.startLine, f.confidence])).toEqual([[6, 'medium']]);
    expect(unset.findings[0]!.message).toContain('EMAIL_USE_TLS is not set');
    expect((await scan('settings.prod_env_default', ['EMAIL_USE_TLS=true'])).findings).toEqual([]);
  });

  it('judges a host it learns from the environment', async () => {
    expect((await scan('settings.prod_unknown_host', ['EMAIL_HOST=smtp.example.net'])).findings.map((f) => f.location.startLine)).toEqual([3]);
    expect((await scan('settings.prod_unknown_host', ['EMAIL_HOST=localhost'])).findings).toEqual([]);
  });

  it('does not judge an unknown backend', async () => {
    const dir = await makeProject({
      'config/__init__.py': '',
      'config/settings/__init__.py': '',
      'config/settings/production.py': 'from mail import BACKEND\nEMAIL_BACKEND = BACKEND\nEMAIL_HOST = "smtp.example.com"\n',
    });
    expect((await audit({ path: dir, select: ['SET219'], jobs: 1 })).report.findings).toEqual([]);
  });
});
