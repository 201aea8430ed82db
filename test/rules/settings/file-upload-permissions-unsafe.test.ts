import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/file-upload-permissions-unsafe');
const run = async (settings: string, env: string[] = []) =>
  (await audit({ path: fixture, select: ['SET214'], jobs: 1, settings: `settings.${settings}`, env })).report.findings;

describe('SET214 file-upload-permissions-unsafe', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET214', fixture);
  });

  it('shows the intended octal literal for a decimal mode', async () => {
    const [finding] = await run('prod_decimal');
    expect(finding).toMatchObject({ ruleId: 'SET214', severity: 'low', location: { startLine: 1 } });
    expect(finding!.message).toContain('0o1204');
    expect(finding!.fix).toBe('In settings/prod_decimal.py, change line 1 to: FILE_UPLOAD_PERMISSIONS = 0o644');
  });

  it('is medium when the decimal mistake makes directories world-writable (755 is 0o1363)', async () => {
    const [finding] = await run('prod_decimal_directory');
    expect(finding).toMatchObject({ severity: 'medium', location: { startLine: 2 } });
    expect(finding!.fix).toBe('In settings/prod_decimal_directory.py, change line 2 to: FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o755');
  });

  it('does not suggest a world-writable mode even when that is what the decimal meant', async () => {
    const [finding] = await run('prod_decimal_world');
    expect(finding!.severity).toBe('medium');
    expect(finding!.fix).toContain('FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o755');
  });

  it('reports world-writable octal modes', async () => {
    const findings = await run('prod_world_writable');
    expect(findings.map((f) => [f.location.startLine, f.severity, f.fix])).toEqual([
      [1, 'medium', 'In settings/prod_world_writable.py, change line 1 to: FILE_UPLOAD_PERMISSIONS = 0o644'],
      [2, 'medium', 'In settings/prod_world_writable.py, change line 2 to: FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o755'],
    ]);
  });

  it('judges a mode read from the environment by its number', async () => {
    expect(await run('prod_env')).toHaveLength(1);
    expect(await run('prod_env', ['UPLOAD_MODE=420'])).toEqual([]);
  });
});
