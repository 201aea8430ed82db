import { describe, expect, it } from 'vitest';
import { exchange, expectCaptureFixture, runProbeRule, siteWith } from '../../probe/site/captures.js';

describe('WEB055 django-version-disclosed', () => {
  it('reports the exact version of a real plain-text technical 500', () => {
    const [finding] = expectCaptureFixture('WEB055', 'django-version-disclosed.json');
    expect(finding!.message).toMatch(/discloses Django 3\.2\.25 on Python 3\.11\.2$/);
    expect(finding!.severity).toBeUndefined();
  });

  it('reports a lower bound from the admin stylesheets as info', () => {
    const [finding] = expectCaptureFixture('WEB055', 'django-version-disclosed.range.json');
    expect(finding!.severity).toBe('info');
    expect(finding!.message).toContain('Django >= 3.1');
  });

  it('reads the HTML row of the technical 500 page and the 4.2 dark mode stylesheet', () => {
    const html = '<title>ValueError at /x/</title><table><tr><th>Django Version:</th>\n<td>4.2.7</td></tr><tr><th>Exception Type:</th></tr></table><div id="traceback"></div><code>DEBUG = True</code>';
    expect(runProbeRule('WEB055', siteWith({ notFound: exchange('https://shop.example/x/', { status: 500, body: html }) }))[0]!.message).toContain('Django 4.2.7');
    const login = '<link href="/static/admin/css/dark_mode.css"><link href="/static/admin/css/nav_sidebar.css"><form id="login-form" method="post"><input name="csrfmiddlewaretoken"></form>';
    expect(runProbeRule('WEB055', siteWith({ admin: exchange('https://shop.example/admin/', { status: 200, body: login }) }))[0]!.message).toContain('Django >= 4.2');
  });

  it('is quiet when nothing tells the version', () => {
    expect(runProbeRule('WEB055', siteWith())).toEqual([]);
  });
});
