import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROBE_FIXTURES, exchange, expectCorrelationFixture, projectModelOf, runCorrelationRule, siteWith } from '../../probe/site/captures.js';

describe('WEB083 ssl-redirect-setting-not-served', () => {
  it('reports SECURE_SSL_REDIRECT when plain HTTP is answered without a redirect to HTTPS', async () => {
    const [finding] = await expectCorrelationFixture('WEB083', 'ssl-redirect-setting-not-served');
    expect(finding!.message).toBe('shop.settings says SECURE_SSL_REDIRECT = True, but http://shop.example/ answered 200 instead of redirecting to HTTPS: the deployment runs other settings, or a proxy answers HTTP itself');
  });

  it('judges the first hop: a redirect to https passes, a redirect elsewhere on http does not', async () => {
    const project = await projectModelOf(path.join(PROBE_FIXTURES, 'ssl-redirect-setting-not-served'));
    const toHttps = exchange('http://shop.example/', { status: 200, finalUrl: 'https://shop.example/' }, { redirects: [{ url: 'http://shop.example/', status: 301, location: 'https://shop.example/' }] });
    expect(runCorrelationRule('WEB083', project, siteWith({ http: toHttps }))).toEqual([]);
    const toHttp = exchange('http://shop.example/', { status: 200, finalUrl: 'https://shop.example/' }, { redirects: [{ url: 'http://shop.example/', status: 302, location: 'http://www.shop.example/' }] });
    expect(runCorrelationRule('WEB083', project, siteWith({ http: toHttp }))[0]!.message).toContain('redirected 302 to http://www.shop.example/ instead of redirecting to HTTPS');
    expect(runCorrelationRule('WEB083', project, siteWith({ http: exchange('http://shop.example/', null) }))).toEqual([]);
  });
});
