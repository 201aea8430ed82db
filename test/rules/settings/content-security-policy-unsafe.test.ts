import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/content-security-policy-unsafe');
const run = async (settings: string, env: string[] = []) =>
  (await audit({ path: fixture, select: ['SET212'], jobs: 1, settings: `settings.${settings}`, env })).report.findings;

describe('SET212 content-security-policy-unsafe', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET212', fixture);
  });

  it("reports 'unsafe-inline' at the directive, medium, with a nonce in the fix", async () => {
    const [finding] = await run('prod_native_inline');
    expect(finding).toMatchObject({ ruleId: 'SET212', severity: 'medium', location: { startLine: 5 } });
    expect(finding!.fix).toContain('CSP.NONCE');
  });

  it("is low for 'unsafe-eval' alone", async () => {
    expect((await run('prod_eval'))[0]).toMatchObject({ severity: 'low', location: { startLine: 1 } });
  });

  it('gives django-csp 3 the cleaned tuple and CSP_INCLUDE_NONCE_IN as the fix', async () => {
    const [finding] = await run('prod_csp3');
    expect(finding!.fix).toBe(
      'In settings/prod_csp3.py, change line 2 to: CSP_SCRIPT_SRC = ("\'self\'", \'cdn.example.net\')\nCSP_INCLUDE_NONCE_IN = [\'script-src\']  # and add nonce="{{ request.csp_nonce }}" to inline scripts',
    );
  });

  it('names the environment variable whose default list is unsafe', async () => {
    const [finding] = await run('prod_env');
    expect(finding).toMatchObject({ confidence: 'medium', location: { startLine: 4 } });
    expect(finding!.message).toContain('CSP_SCRIPT_SRC is not set');
    expect(await run('prod_env', ["CSP_SCRIPT_SRC='self',cdn.example.net"])).toEqual([]);
  });

  it('ignores SECURE_CSP before Django 6.0', async () => {
    const files = {
      'settings/__init__.py': '',
      'settings/production.py': 'SECURE_CSP = {"script-src": ["\'self\'", "\'unsafe-inline\'"]}\n',
    };
    expect((await audit({ path: await makeProject(files), select: ['SET212'], jobs: 1 })).report.findings).toHaveLength(1);
    const old = await makeProject({ ...files, 'requirements.txt': 'Django==5.2.1\n' });
    expect((await audit({ path: old, select: ['SET212'], jobs: 1 })).report.findings).toEqual([]);
  });
});
