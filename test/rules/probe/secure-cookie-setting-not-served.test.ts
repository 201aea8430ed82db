import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROBE_FIXTURES, exchange, expectCorrelationFixture, projectModelOf, runCorrelationRule, siteWith } from '../../probe/site/captures.js';

describe('WEB081 secure-cookie-setting-not-served', () => {
  it('reports SESSION_COOKIE_SECURE and CSRF_COOKIE_SECURE for cookies set without Secure, by their configured names', async () => {
    const findings = await expectCorrelationFixture('WEB081', 'secure-cookie-setting-not-served');
    const messages = findings.map((f) => f.message).sort();
    expect(messages[0]).toBe(
      'shop.settings says CSRF_COOKIE_SECURE = True, the default when SECURE_COOKIES is not set, but https://shop.example/admin/login/?next=/admin/ sets the csrftoken cookie without Secure (csrftoken=********; expires=Sat, 20 Nov 2027 12:00:00 GMT; Max-Age=31449600; Path=/; SameSite=Lax): the deployment runs other settings, or a proxy rewrites the cookie',
    );
    expect(messages[1]).toContain('SESSION_COOKIE_SECURE = True, the default when SECURE_COOKIES is not set, but https://shop.example/ sets the shop_session cookie without Secure');
    // The cookie's value is masked.
    expect(messages.join('\n')).not.toContain('abc123');
  });

  it('is quiet when the cookies carry Secure, or were not seen', async () => {
    const project = await projectModelOf(path.join(PROBE_FIXTURES, 'secure-cookie-setting-not-served'));
    const secure = siteWith({
      main: exchange('https://shop.example/', { status: 200, headers: [['set-cookie', 'shop_session=a; HttpOnly; Path=/; secure'], ['set-cookie', 'csrftoken=b; Path=/; Secure; SameSite=Lax']] }),
    });
    expect(runCorrelationRule('WEB081', project, secure)).toEqual([]);
    // `sessionid` is not this project's session cookie name.
    const otherName = siteWith({ main: exchange('https://shop.example/', { status: 200, headers: [['set-cookie', 'sessionid=a; HttpOnly; Path=/']] }) });
    expect(runCorrelationRule('WEB081', project, otherName)).toEqual([]);
    expect(runCorrelationRule('WEB081', project, siteWith())).toEqual([]);
  });
});
