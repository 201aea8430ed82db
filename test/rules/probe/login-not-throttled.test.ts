import { describe, expect, it } from 'vitest';
import { expectCaptureFixture, runProbeRule, siteWith } from '../../probe/site/captures.js';

describe('WEB057 login-not-throttled', () => {
  it('reports a login that answered every failure with the form', () => {
    const [finding] = expectCaptureFixture('WEB057', 'login-not-throttled.json');
    expect(finding!.message).toMatch(/^no lockout or throttle after 4 failed logins at http:\/\/127\.0\.0\.1:\d+\/ops-admin\/login\/: /);
    expect(finding!.excerpt!.lines[0]).toBe('attempt 1: POST → 200 (form-error)');
  });

  it('is quiet when axes locked out, and without --active', () => {
    expectCaptureFixture('WEB057', 'login-not-throttled.pass.json');
    expect(runProbeRule('WEB057', siteWith())).toEqual([]);
  });

  it('is quiet when the test could not run (that is an error, not a finding)', () => {
    const active = { loginUrl: 'https://shop.example/admin/login/', attempts: [], outcome: { kind: 'not-a-login-form' as const, afterAttempts: null, detail: 'no form' } };
    expect(runProbeRule('WEB057', siteWith({ active }))).toEqual([]);
  });

  it('shortens a long list of attempts', () => {
    const attempts = Array.from({ length: 10 }, () => ({ status: 200, kind: 'form-error' }));
    const active = { loginUrl: 'https://shop.example/admin/login/', attempts, outcome: { kind: 'none' as const, afterAttempts: null, detail: '10 failed logins were all answered normally' } };
    const [finding] = runProbeRule('WEB057', siteWith({ active }));
    expect(finding!.excerpt!.lines).toEqual(['attempt 1: POST → 200 (form-error)', 'attempt 2: POST → 200 (form-error)', 'attempt 3: POST → 200 (form-error)', '…', 'attempt 9: POST → 200 (form-error)', 'attempt 10: POST → 200 (form-error)']);
  });
});
