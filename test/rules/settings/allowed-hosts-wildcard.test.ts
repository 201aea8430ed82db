import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/allowed-hosts-wildcard');
const scan = async (settings: string, env?: string[]) =>
  (await audit({ path: fixture, select: ['SET200'], jobs: 1, settings, ...(env ? { env } : {}) })).report.findings;

describe('SET200 allowed-hosts-wildcard', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET200', fixture);
  });

  it("rates '*' and public-suffix wildcards high, a subdomain wildcard of one's own domain low", async () => {
    expect((await scan('settings.prod_star')).map((f) => [f.location.startLine, f.severity, f.confidence])).toEqual([[1, 'high', 'high']]);
    expect((await scan('settings.prod_public_suffix')).map((f) => [f.location.startLine, f.severity])).toEqual([
      [2, 'high'],
      [3, 'high'],
    ]);
    expect((await scan('settings.prod_subdomains')).map((f) => [f.location.startLine, f.severity])).toEqual([[3, 'low']]);
  });

  it('reports the wildcard entry itself, not the first line of a multi-line list', async () => {
    const findings = await scan('settings.prod_multiline');
    expect(findings.map((f) => f.location.startLine)).toEqual([3]);
    expect(findings[0]!.fix).toBe("In settings/prod_multiline.py, change line 1 to: ALLOWED_HOSTS = ['shop.example.com']");
  });

  it('suggests explicit host names in place of a subdomain wildcard', async () => {
    const [finding] = await scan('settings.prod_subdomains');
    expect(finding!.fix).toContain("ALLOWED_HOSTS = ['example.com', 'www.example.com']");
  });

  it('reports an insecure environment default at the default, and is quiet once the variable is set', async () => {
    const unset = await scan('settings.prod_env_default');
    expect(unset.map((f) => [f.location.startLine, f.confidence])).toEqual([[3, 'medium']]);
    expect(unset[0]!.message).toContain('ALLOWED_HOSTS is not set');
    expect(unset[0]!.fix).toMatch(/^Set ALLOWED_HOSTS in the production environment/);
    expect(await scan('settings.prod_env_default', ['ALLOWED_HOSTS=shop.example.com'])).toEqual([]);
    const star = await scan('settings.prod_env_default', ['ALLOWED_HOSTS=shop.example.com,*']);
    expect(star.map((f) => [f.location.startLine, f.confidence])).toEqual([[3, 'high']]);
  });

  it('reports an inherited wildcard where it is written, once', async () => {
    const findings = await scan('settings.prod_inherited');
    expect(findings.map((f) => [f.location.path, f.location.startLine])).toEqual([['settings/base.py', 3]]);
    expect(findings[0]!.message).toContain('inherited from settings/base.py');
    expect(await scan('settings.prod_overridden')).toEqual([]);
  });

  it("follows an entry's own environment default, which the list itself does not carry", async () => {
    const unset = await scan('settings.prod_item_env');
    expect(unset.map((f) => [f.location.startLine, f.confidence])).toEqual([[3, 'medium']]);
    expect(unset[0]!.message).toContain('EXTRA_HOST is not set');
    expect(unset[0]!.fix).toMatch(/^Set EXTRA_HOST in the production environment, and make the default at settings\/prod_item_env.py:3 safe/);
    expect(await scan('settings.prod_item_env', ['EXTRA_HOST=api.example.com'])).toEqual([]);
  });

  it('reports an unconditional entry at its literal, not at another entry\'s environment default', async () => {
    const findings = await scan('settings.prod_mixed_env');
    expect(findings.map((f) => [f.location.startLine, f.confidence])).toEqual([[5, 'high']]);
    expect(findings[0]!.message).not.toContain('PRIMARY_HOST');
    expect(findings[0]!.fix).toBe("In settings/prod_mixed_env.py, change line 3 to: ALLOWED_HOSTS = ['shop.example.com']");
  });
});
