import { describe, expect, it } from 'vitest';
import { exchange, expectCaptureFixture, loadCaptureFixture, runProbeRule, siteWith } from '../../probe/site/captures.js';

const loginPage = '<title>Log in | Staff</title><link rel="stylesheet" href="/static/admin/css/login.css"><form action="/staff-7f3a/login/?next=/staff-7f3a/" method="post" id="login-form"><input type="hidden" name="csrfmiddlewaretoken" value="x"><input type="password" name="password"></form>';

describe('WEB052 admin-login-exposed', () => {
  it('reports the admin login of a real site, low once --active saw the axes lockout', () => {
    const [finding] = expectCaptureFixture('WEB052', 'admin-login-exposed.json');
    expect(finding!.message).toMatch(/reachable at Django.s default path \/admin\/.*: https:\/\/127\.0\.0\.1:\d+\/admin\/login\/\?next=\/admin\/ \(run the probe with --active to see whether failed logins are throttled\)$/);
    expect(finding!.severity).toBe('medium');
    const { capture } = loadCaptureFixture('login-not-throttled.pass.json');
    const [locked] = runProbeRule('WEB052', { ...loadCaptureFixture('admin-login-exposed.json').capture, active: capture.active });
    expect(locked!.severity).toBe('low');
    expect(locked!.message).toContain('failed logins were stopped after 3 attempts (axes)');
  });

  it('is quiet when /admin/ is a 404', () => {
    expectCaptureFixture('WEB052', 'admin-login-exposed.pass.json');
  });

  it('reports a renamed admin reached through a redirect as low, with its path', () => {
    const admin = exchange('https://shop.example/admin/', { status: 200, body: loginPage, finalUrl: 'https://shop.example/staff-7f3a/login/?next=/staff-7f3a/' });
    const [finding] = runProbeRule('WEB052', siteWith({ admin }));
    expect(finding!.message).toContain('reachable at /staff-7f3a/');
    expect(finding!.severity).toBe('low');
  });

  it('needs the login form and an admin marker, and a 200', () => {
    const blog = '<form method="post" id="login-form"><input type="password" name="password"></form>';
    expect(runProbeRule('WEB052', siteWith({ admin: exchange('https://shop.example/admin/', { status: 200, body: blog }) }))).toEqual([]);
    expect(runProbeRule('WEB052', siteWith({ admin: exchange('https://shop.example/admin/', { status: 403, body: loginPage }) }))).toEqual([]);
  });
});
