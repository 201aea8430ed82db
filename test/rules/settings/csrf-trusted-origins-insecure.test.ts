import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/csrf-trusted-origins-insecure');
const scan = async (settings: string, env?: string[]) =>
  (await audit({ path: fixture, select: ['SET206'], jobs: 1, settings, ...(env ? { env } : {}) })).report.findings;

describe('SET206 csrf-trusted-origins-insecure', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET206', fixture);
  });

  it('rates cleartext and public-suffix wildcards medium, loopback and inert catch-alls low', async () => {
    expect((await scan('settings.prod_http')).map((f) => [f.location.startLine, f.severity])).toEqual([[3, 'medium']]);
    expect((await scan('settings.prod_public_suffix')).map((f) => [f.location.startLine, f.severity])).toEqual([
      [2, 'medium'],
      [3, 'medium'],
      [4, 'medium'],
    ]);
    expect((await scan('settings.prod_localhost')).map((f) => f.severity)).toEqual(['low']);
    expect((await scan('settings.prod_star')).map((f) => f.severity)).toEqual(['low']);
    expect((await scan('settings.prod_https_star')).map((f) => f.severity)).toEqual(['low']);
  });

  it('fixes the list: https instead of http, broad wildcards and local origins dropped', async () => {
    const [http] = await scan('settings.prod_http');
    expect(http!.fix).toBe("In settings/prod_http.py, change line 1 to: CSRF_TRUSTED_ORIGINS = ['https://shop.example.com']");
    const [wildcard] = await scan('settings.prod_http_wildcard');
    expect(wildcard!.fix).toContain("CSRF_TRUSTED_ORIGINS = ['https://*.example.com']");
    const [suffix] = await scan('settings.prod_public_suffix');
    expect(suffix!.fix).toContain("CSRF_TRUSTED_ORIGINS = ['https://myapp.herokuapp.com']");
  });

  it('reports an environment default at the default, and is quiet once the variable is set', async () => {
    const unset = await scan('settings.prod_env_default');
    expect(unset.map((f) => [f.location.startLine, f.severity, f.confidence])).toEqual([[4, 'low', 'medium']]);
    expect(await scan('settings.prod_env_default', ['CSRF_TRUSTED_ORIGINS=https://shop.example.com'])).toEqual([]);
  });

  it('reports an inherited entry where it is written', async () => {
    const findings = await scan('settings.prod_inherited');
    expect(findings.map((f) => [f.location.path, f.location.startLine])).toEqual([['settings/base.py', 2]]);
    expect(findings[0]!.message).toContain('inherited from settings/base.py');
  });

  it('judges host patterns before Django 4.0, where entries had no scheme', async () => {
    const project = await makeProject({
      'requirements.txt': 'Django==3.2.25\n',
      'settings/__init__.py': '',
      'settings/production.py': 'CSRF_TRUSTED_ORIGINS = [\n    ".com",\n    "*",\n    "http://shop.example.com",\n    ".example.com",\n]\n',
    });
    const findings = (await audit({ path: project, select: ['SET206'], jobs: 1 })).report.findings;
    expect(findings.map((f) => [f.location.startLine, f.severity])).toEqual([
      [2, 'medium'],
      [3, 'low'],
    ]);
  });
});
