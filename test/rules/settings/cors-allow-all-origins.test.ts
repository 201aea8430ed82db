import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/cors-allow-all-origins');
const scan = async (settings: string, env?: string[]) =>
  (await audit({ path: fixture, select: ['SET207'], jobs: 1, settings, ...(env ? { env } : {}) })).report.findings;

describe('SET207 cors-allow-all-origins', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET207', fixture);
  });

  it('is high with CORS_ALLOW_CREDENTIALS on, medium otherwise', async () => {
    expect((await scan('settings.prod_allow_all')).map((f) => [f.location.startLine, f.severity])).toEqual([[2, 'medium']]);
    expect((await scan('settings.prod_credentials')).map((f) => [f.location.startLine, f.severity])).toEqual([[3, 'high']]);
  });

  it('reads the pre-3.5 setting names, the new name winning when both are set', async () => {
    expect((await scan('settings.prod_legacy_name')).map((f) => f.message.split(' ')[0])).toEqual(['CORS_ORIGIN_ALLOW_ALL']);
    expect(await scan('settings.prod_new_name_wins')).toEqual([]);
    expect((await scan('settings.prod_legacy_regex')).map((f) => f.location.startLine)).toEqual([2]);
  });

  it('reports each catch-all regex at its entry', async () => {
    const findings = await scan('settings.prod_regexes');
    expect(findings.map((f) => f.location.startLine)).toEqual([4, 5, 6, 7]);
    expect(findings[2]!.message).toContain('every https:// origin');
    expect(findings[0]!.fix).toContain('CORS_ALLOWED_ORIGIN_REGEXES = [r"^https://[a-z0-9-]+\\.example\\.com$"]');
  });

  it('follows an environment default, and is quiet once the variable is set', async () => {
    const unset = await scan('settings.prod_env_default');
    expect(unset.map((f) => [f.location.startLine, f.confidence])).toEqual([[5, 'medium']]);
    expect(await scan('settings.prod_env_default', ['CORS_ALLOW_ALL=false'])).toEqual([]);
  });

  it('names the CORS_URLS_REGEX scope', async () => {
    const [finding] = await scan('settings.prod_urls_regex');
    expect(finding!.message).toContain("CORS_URLS_REGEX '^/api/public/.*$'");
  });
});
