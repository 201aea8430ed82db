import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureWith, expectProbeFixture, runProbeRule } from '../../probe/capture.js';
import { FIXTURES } from '../../helpers.js';

const FIXTURE = path.join(FIXTURES, 'rules', 'probe', 'cookie-without-secure.json');

describe('WEB020 cookie-without-secure', () => {
  it('reports the fixture cases marked # expect: WEB020 and only those', () => {
    expect(expectProbeFixture('WEB020', FIXTURE).size).toBeGreaterThan(1);
  });

  it('severity by role, lowered by HSTS; the value is masked', () => {
    const found = expectProbeFixture('WEB020', FIXTURE);
    expect(found.get('session cookie without Secure')![0]).toMatchObject({ severity: 'high' });
    expect(found.get('session cookie without Secure')![0]!.message).toContain('SESSION_COOKIE_SECURE');
    expect(found.get('CSRF cookie set by the admin login page')![0]).toMatchObject({ severity: 'medium', location: { path: 'https://example.com/admin/' } });
    expect(found.get('other cookie under HSTS')![0]).toMatchObject({ severity: 'low' });
    expect(found.get('session cookie without Secure')![0]!.excerpt?.lines.join('\n')).not.toContain('abc');
  });

  it('configured session cookie names count', () => {
    const site = captureWith({ headers: { 'Set-Cookie': 'sid=1; HttpOnly' } });
    expect(runProbeRule('WEB020', site)[0]).toMatchObject({ severity: 'low' });
    expect(runProbeRule('WEB020', { ...site, options: { ...site.options, cookieNames: { session: ['sid'] } } })[0]).toMatchObject({ severity: 'high' });
    expect(runProbeRule('WEB020', site, { session_cookies: ['sid'] })[0]).toMatchObject({ severity: 'high' });
  });
});
