import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, REPO_ROOT, expectFixture, makeProject } from '../../helpers.js';

const CODE = 'HRD006';
const fixture = path.join(FIXTURES, 'rules/hardening/drf-throttling-not-configured');

describe('HRD006 drf-throttling-not-configured', () => {
  it('reports exactly the annotated lines of its fixture project (no classes, empty classes, no REST_FRAMEWORK, throttled)', async () => {
    await expectFixture(CODE, fixture);
  });

  it('names the routed API views that rely on the defaults (not those with their own throttle_classes)', async () => {
    const { report } = await audit({ path: fixture, select: [CODE], jobs: 1, settings: 'config.settings.prod_unthrottled' });
    const message = report.findings[0]!.message;
    expect(message).toContain('2 API views (OrderViewSet, ProductList)');
    expect(message).not.toContain('ReportView');
  });

  it('is silent when every routed API view sets its own throttle_classes', async () => {
    const dir = await makeProject({
      'config/__init__.py': '',
      'config/settings.py': 'INSTALLED_APPS = ["rest_framework"]\nROOT_URLCONF = "config.urls"\nREST_FRAMEWORK = {}\n',
      'config/urls.py': [
        'from django.urls import path',
        'from rest_framework.throttling import AnonRateThrottle',
        'from rest_framework.views import APIView',
        'class Ping(APIView):',
        '    throttle_classes = [AnonRateThrottle]',
        'urlpatterns = [path("ping/", Ping.as_view())]',
        '',
      ].join('\n'),
    });
    const { report } = await audit({ path: dir, select: [CODE], jobs: 1 });
    expect(report.findings).toEqual([]);
  });

  it('reports REST_FRAMEWORK of examples/vulnerable-shop and nothing in hardened-shop', async () => {
    const vulnerable = await audit({ path: path.join(REPO_ROOT, 'examples/vulnerable-shop'), select: [CODE], jobs: 1 });
    expect(vulnerable.report.findings.map((f) => `${f.location.path}:${f.location.startLine}`)).toEqual(['shop/settings/base.py:103']);
    expect(vulnerable.report.findings[0]!.message).toContain('PriceQuoteView');
    const hardened = await audit({ path: path.join(REPO_ROOT, 'examples/hardened-shop'), select: [CODE], jobs: 1 });
    expect(hardened.report.findings).toEqual([]);
  });
});
