import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/x-frame-options-invalid');
const run = async (settings: string, env: string[] = []) =>
  (await audit({ path: fixture, select: ['SET213'], jobs: 1, settings: `settings.${settings}`, env })).report.findings;

describe('SET213 x-frame-options-invalid', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET213', fixture);
  });

  it('explains ALLOW-FROM and points the fix at CSP frame-ancestors', async () => {
    const [finding] = await run('prod_allow_from');
    expect(finding).toMatchObject({ ruleId: 'SET213', severity: 'medium', location: { startLine: 2 } });
    expect(finding!.message).toContain('ALLOW-FROM is obsolete');
    expect(finding!.fix).toBe(
      "In settings/prod_allow_from.py, change line 2 to: X_FRAME_OPTIONS = 'SAMEORIGIN'  # allow 'https://partner.example' with a CSP frame-ancestors directive instead",
    );
  });

  it('fixes a typo with DENY', async () => {
    const [finding] = await run('prod_typo');
    expect(finding!.fix).toContain("X_FRAME_OPTIONS = 'DENY'");
  });

  it('is low when a CSP frame-ancestors directive protects modern browsers', async () => {
    const [finding] = await run('prod_frame_ancestors');
    expect(finding).toMatchObject({ severity: 'low', location: { startLine: 9 } });
  });

  it('is quiet when the environment gives a valid value', async () => {
    expect(await run('prod_env')).toHaveLength(1);
    expect(await run('prod_env', ['FRAME_OPTIONS=DENY'])).toEqual([]);
  });
});
