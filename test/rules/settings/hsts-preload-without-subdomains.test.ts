import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/hsts-preload-without-subdomains');
const scan = async (settings: string, env?: string[]) =>
  (await audit({ path: fixture, select: ['SET203'], jobs: 1, settings, ...(env ? { env } : {}) })).report.findings;

describe('SET203 hsts-preload-without-subdomains', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET203', fixture);
  });

  it('names every missing requirement in the fix', async () => {
    const [noSubdomains] = await scan('settings.prod_no_subdomains');
    expect(noSubdomains!.fix).toBe(
      'In settings/prod_no_subdomains.py, set SECURE_HSTS_INCLUDE_SUBDOMAINS = True next to SECURE_HSTS_PRELOAD = True once every subdomain serves HTTPS, or remove SECURE_HSTS_PRELOAD until the domain qualifies.',
    );
    expect(noSubdomains!.message).toContain('SECURE_HSTS_INCLUDE_SUBDOMAINS is not set');
    const [both] = await scan('settings.prod_both');
    expect(both!.fix).toContain('set SECURE_HSTS_INCLUDE_SUBDOMAINS = True and SECURE_HSTS_SECONDS = 31536000');
    const [short] = await scan('settings.prod_short');
    expect(short!.fix).toContain('set SECURE_HSTS_SECONDS = 31536000 next to');
    expect([noSubdomains!.severity, both!.severity, short!.severity]).toEqual(['low', 'low', 'low']);
  });

  it('lowers confidence when an unset variable decides includeSubDomains, and is quiet once it is set', async () => {
    const unset = await scan('settings.prod_env_include');
    expect(unset.map((f) => [f.location.startLine, f.confidence])).toEqual([[7, 'medium']]);
    expect(unset[0]!.message).toContain('HSTS_SUBDOMAINS is not set');
    expect(await scan('settings.prod_env_include', ['HSTS_SUBDOMAINS=true'])).toEqual([]);
    expect((await scan('settings.prod_env_include', ['HSTS_SUBDOMAINS=false'])).map((f) => f.confidence)).toEqual(['high']);
  });
});
