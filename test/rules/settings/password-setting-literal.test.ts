import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/settings/password-setting-literal');
const scan = async (settings: string, env: string[] = []) => (await audit({ path: fixture, select: ['SET218'], jobs: 1, settings, env })).report;

describe('SET218 password-setting-literal', () => {
  it('reports exactly the annotated lines of its fixture project', async () => {
    await expectFixture('SET218', fixture);
  });

  it('never shows more than the first four characters of a password', async () => {
    const report = await scan('settings.prod_literal');
    expect(report.findings.map((f) => [f.location.startLine, f.severity, f.confidence])).toEqual([
      [6, 'high', 'high'],
      [13, 'high', 'high'],
      [16, 'high', 'high'],
    ]);
    const text = JSON.stringify(report.findings.map((f) => [f.message, f.fix, f.trace]));
    for (const password of ['s3cr3t-Pa55', 'r3ad-0nly-pw', 'mailgun-key-123']) expect(text).not.toContain(password);
    expect(report.findings[0]!.message).toContain("DATABASES['default']['PASSWORD']");
    expect(report.findings[0]!.message).toContain("'s3c…'");
    expect(report.findings[2]!.message).toContain("'mail…'");
  });

  it('reports a literal environment default at the default with medium confidence, and not once the variable is set', async () => {
    const unset = await scan('settings.prod_env_default');
    expect(unset.findings.map((f) => [f.location.startLine, f.confidence])).toEqual([[8, 'medium']]);
    expect(unset.findings[0]!.message).toContain('DB_PASSWORD');
    expect(unset.findings[0]!.fix).toMatch(/^Remove the literal default so a missing DB_PASSWORD fails loudly/);
    expect((await scan('settings.prod_env_default', ['DB_PASSWORD=from-the-vault'])).findings).toEqual([]);
  });

  it('finds the password of a database URL default, and ignores the URL once DATABASE_URL is set', async () => {
    const unset = await scan('settings.prod_environ_db');
    expect(unset.findings.map((f) => f.location.startLine)).toEqual([8, 11]);
    expect(JSON.stringify(unset.findings)).not.toContain('change@me');
    const set = await scan('settings.prod_environ_db', ['DATABASE_URL=postgres://shop:vault-pw@db/shop', 'EMAIL_HOST_PASSWORD=vault-smtp']);
    expect(set.findings).toEqual([]);
  });

  it('reports the literal once when several production modules inherit it', async () => {
    const dir = await makeProject({
      'config/__init__.py': '',
      'config/settings/__init__.py': '',
      'config/settings/base.py': 'EMAIL_HOST_PASSWORD = "shared-smtp-pw"\n',
      'config/settings/production.py': 'from .base import *\n',
      'config/settings/staging.py': 'from .base import *\n',
    });
    const { report } = await audit({ path: dir, select: ['SET218'], jobs: 1 });
    expect(report.findings.map((f) => [f.location.path, f.location.startLine])).toEqual([['config/settings/base.py', 1]]);
  });
});
