import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/proxy-ssl-header-misconfigured');
const scan = async (settings: string, env?: string[]) =>
  (await audit({ path: fixture, select: ['SET204'], jobs: 1, settings, ...(env ? { env } : {}) })).report.findings;

describe('SET204 proxy-ssl-header-misconfigured', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET204', fixture);
  });

  it('suggests the request.META form of a header written as an HTTP header', async () => {
    const [finding] = await scan('settings.prod_header_form');
    expect([finding!.severity, finding!.confidence]).toEqual(['medium', 'high']);
    expect(finding!.message).toContain("'HTTP_X_FORWARDED_PROTO'");
    expect(finding!.fix).toBe(
      'In settings/prod_header_form.py, change line 1 to: SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")  # the proxy must set or strip this header on every request',
    );
  });

  it('is high when SECURE_SSL_REDIRECT turns a header that never matches into a redirect loop', async () => {
    const [loop] = await scan('settings.prod_redirect_loop');
    expect([loop!.location.startLine, loop!.severity]).toEqual([3, 'high']);
    expect(loop!.message).toContain('redirect loop');
    const [crash] = await scan('settings.prod_not_a_pair');
    expect([crash!.location.startLine, crash!.severity]).toEqual([3, 'high']);
    expect(crash!.message).toContain('ImproperlyConfigured');
  });

  it('has medium confidence where a server could set the key itself or the header semantics are a guess', async () => {
    expect((await scan('settings.prod_no_prefix')).map((f) => f.confidence)).toEqual(['medium']);
    const [flag] = await scan('settings.prod_ssl_flag_https');
    expect(flag!.confidence).toBe('medium');
    expect(flag!.fix).toContain('("HTTP_X_FORWARDED_SSL", "on")');
  });

  it('judges an expected value read from the environment', async () => {
    const unset = await scan('settings.prod_env_value');
    expect(unset.map((f) => [f.location.startLine, f.confidence])).toEqual([[3, 'medium']]);
    expect(unset[0]!.message).toContain('PROXY_HTTPS_VALUE is not set');
    expect(await scan('settings.prod_env_value', ['PROXY_HTTPS_VALUE=https'])).toEqual([]);
  });
});
