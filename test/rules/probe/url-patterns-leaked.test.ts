import { describe, expect, it } from 'vitest';
import { exchange, expectCaptureFixture, runProbeRule, siteWith } from '../../probe/site/captures.js';

const page = (items: string[]): string =>
  [
    '<title>Page not found at /x/</title>',
    '<p>Using the URLconf defined in <code>shop.urls</code>,',
    'Django tried these URL patterns, in this order:</p>',
    '<ol>',
    ...items.map((item) => `<li>${item}</li>`),
    '</ol>',
    '<p>You’re seeing this error because you have <code>DEBUG = True</code> in your Django settings file.</p>',
  ].join('\n');

describe('WEB051 url-patterns-leaked', () => {
  it('lists the patterns of a real DEBUG 404 and names the renamed admin', () => {
    const [finding] = expectCaptureFixture('WEB051', 'url-patterns-leaked.json');
    expect(finding!.message).toContain('lists 7 URL patterns of demo.urls: /, /boom/, /api/ping/, /ops-admin/');
    expect(finding!.message).toContain('the admin is at /ops-admin/ (renamed, and disclosed here)');
  });

  it('finds the admin by its URL names under a prefix that does not say admin', () => {
    const items = ['api/', 'backoffice/ [name=&#x27;index&#x27;]', 'backoffice/ login/ [name=&#x27;login&#x27;]', 'backoffice/ logout/ [name=&#x27;logout&#x27;]', 'shop/ &lt;int:pk&gt;/ [name=&#x27;detail&#x27;]'];
    const site = siteWith({ notFound: exchange('https://shop.example/backoffice/x', { status: 404, body: page(items) }) });
    const [finding] = runProbeRule('WEB051', site);
    expect(finding!.message).toContain('the admin is at /backoffice/ (renamed');
    expect(finding!.excerpt!.lines).toContain("  /shop/<int:pk>/ [name='detail']");
  });

  it('does not call the default /admin/ renamed, and says nothing about an admin it cannot see', () => {
    const defaultAdmin = runProbeRule('WEB051', siteWith({ notFound: exchange('https://shop.example/x/', { status: 404, body: page(['admin/', 'api/']) }) }));
    expect(defaultAdmin[0]!.message).toMatch(/the admin is at \/admin\/$/);
    const none = runProbeRule('WEB051', siteWith({ notFound: exchange('https://shop.example/x/', { status: 404, body: page(['api/', 'shop/']) }) }));
    expect(none[0]!.message).not.toContain('admin');
  });

  it('is quiet without a DEBUG 404 page', () => {
    const plain = '<!doctype html><title>Not Found</title><h1>Not Found</h1><p>The requested resource was not found on this server.</p>';
    expect(runProbeRule('WEB051', siteWith({ notFound: exchange('https://shop.example/x/', { status: 404, body: plain }) }))).toEqual([]);
  });
});
