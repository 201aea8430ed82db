import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/hsts-max-age-short');
const scan = async (settings: string, env?: string[]) =>
  (await audit({ path: fixture, select: ['SET202'], jobs: 1, settings, ...(env ? { env } : {}) })).report.findings;

describe('SET202 hsts-max-age-short', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET202', fixture);
  });

  it('is medium under half a year and low between half a year and a year', async () => {
    expect((await scan('settings.prod_hour')).map((f) => [f.location.startLine, f.severity])).toEqual([[2, 'medium']]);
    expect((await scan('settings.prod_eight_months')).map((f) => [f.location.startLine, f.severity])).toEqual([[2, 'low']]);
    expect((await scan('settings.prod_string')).map((f) => f.severity)).toEqual(['medium']);
  });

  it('reports a value that is not a number, which browsers ignore', async () => {
    const [finding] = await scan('settings.prod_bool');
    expect(finding!.message).toContain('max-age=True');
  });

  it('gives the one-year line as the fix', async () => {
    const [finding] = await scan('settings.prod_hour');
    expect(finding!.fix).toBe('In settings/prod_hour.py, change line 2 to: SECURE_HSTS_SECONDS = 31536000  # one year');
  });

  it('reports a short environment default at the default, and is quiet once a year is set', async () => {
    const unset = await scan('settings.prod_env_default');
    expect(unset.map((f) => [f.location.startLine, f.confidence])).toEqual([[4, 'medium']]);
    expect(unset[0]!.message).toContain('HSTS_SECONDS is not set');
    expect(await scan('settings.prod_env_default', ['HSTS_SECONDS=31536000'])).toEqual([]);
    expect((await scan('settings.prod_env_default', ['HSTS_SECONDS=600'])).map((f) => f.confidence)).toEqual(['high']);
  });
});
