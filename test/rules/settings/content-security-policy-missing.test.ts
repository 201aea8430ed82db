import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/content-security-policy-missing');
const run = async (settings: string) => (await audit({ path: fixture, select: ['SET211'], jobs: 1, settings: `settings.${settings}` })).report.findings;

describe('SET211 content-security-policy-missing', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET211', fixture);
  });

  it('reports a site without any CSP once, at line 1, with a Django 6.0 starter policy', async () => {
    const findings = await run('prod_nothing');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'SET211', severity: 'medium', confidence: 'medium', location: { path: 'settings/prod_nothing.py', startLine: 1 } });
    expect(findings[0]!.fix).toContain('SECURE_CSP = {"default-src": [CSP.SELF]');
    expect(findings[0]!.fix).toContain('MIDDLEWARE = [*MIDDLEWARE, "django.middleware.csp.ContentSecurityPolicyMiddleware"]');
  });

  it('is low for a site that renders no HTML, and for a report-only policy', async () => {
    expect((await run('prod_api'))[0]).toMatchObject({ severity: 'low', location: { startLine: 1 } });
    expect((await run('prod_report_only'))[0]).toMatchObject({ severity: 'low', location: { startLine: 1 } });
  });

  it('names the missing middleware when the policy is configured but not sent', async () => {
    const [native] = await run('prod_native_without_middleware');
    expect(native).toMatchObject({ location: { startLine: 4 } });
    expect(native!.message).toContain('django.middleware.csp.ContentSecurityPolicyMiddleware is not in MIDDLEWARE');
    const [djangoCsp] = await run('prod_django_csp_without_middleware');
    expect(djangoCsp!.message).toContain('csp.middleware.CSPMiddleware is not in MIDDLEWARE');
    expect(djangoCsp!.fix).toBe('In settings/prod_django_csp_without_middleware.py, add: MIDDLEWARE = [*MIDDLEWARE, "csp.middleware.CSPMiddleware"]');
  });

  it('explains that SECURE_CSP needs Django 6.0, and suggests django-csp before it', async () => {
    const project = await makeProject({
      'requirements.txt': 'Django==5.2.1\n',
      'settings/__init__.py': '',
      'settings/production.py': [
        'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]',
        'SECURE_CSP = {"default-src": ["\'self\'"]}',
        'TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates"}]',
        '',
      ].join('\n'),
    });
    const { report } = await audit({ path: project, select: ['SET211'], jobs: 1 });
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]!.location.startLine).toBe(2);
    expect(report.findings[0]!.message).toContain('only exists from 6.0');
    expect(report.findings[0]!.fix).toContain('csp.middleware.CSPMiddleware');
  });
});
