import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/session-serializer-pickle');
const run = async (settings: string, env: string[] = []) =>
  (await audit({ path: fixture, select: ['SET210'], jobs: 1, settings: `settings.${settings}`, env })).report.findings;

describe('SET210 session-serializer-pickle', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET210', fixture);
  });

  it('is high with server-side sessions and critical with signed-cookie sessions', async () => {
    const [cache] = await run('prod_pickle');
    expect(cache).toMatchObject({ ruleId: 'SET210', severity: 'high', confidence: 'high', location: { startLine: 2 } });
    expect(cache!.fix).toBe("In settings/prod_pickle.py, change line 2 to: SESSION_SERIALIZER = 'django.contrib.sessions.serializers.JSONSerializer'");
    const [cookies] = await run('prod_signed_cookies');
    expect(cookies).toMatchObject({ severity: 'critical', location: { startLine: 2 } });
  });

  it('reports a vendored PickleSerializer, and an environment default until the variable is set', async () => {
    expect((await run('prod_vendored'))[0]).toMatchObject({ severity: 'high', location: { startLine: 2 } });
    const [fromEnv] = await run('prod_env');
    expect(fromEnv).toMatchObject({ confidence: 'medium', location: { startLine: 5 } });
    expect(await run('prod_env', ['SESSION_SERIALIZER=django.contrib.sessions.serializers.JSONSerializer'])).toEqual([]);
  });
});
