import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/secrets/secret-default-in-environment-read.py');

describe('SEC007 secret-default-in-environment-read', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('SEC007', fixture);
  });

  it('is high severity in production settings, silent in development and test modules', async () => {
    const line = 'import os\nAPI_TOKEN = os.environ.get("API_TOKEN", "dev-api-token")\n';
    const dir = await makeProject({
      'manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings.production")\n',
      'shop/__init__.py': '',
      'shop/settings/__init__.py': '',
      'shop/settings/production.py': line,
      'shop/settings/dev.py': line,
      'shop/tests/test_api.py': line,
      'shop/tests/__init__.py': '',
      'shop/client.py': line,
    });
    const { report } = await audit({ path: dir, select: ['SEC007'], jobs: 1 });
    expect(report.findings.map((f) => [f.location.path, f.location.startLine, f.severity])).toEqual([
      ['shop/client.py', 2, 'medium'],
      ['shop/settings/production.py', 2, 'high'],
    ]);
    expect(report.findings[0]!.message).toContain("'dev-…'");
    expect(JSON.stringify(report.findings)).not.toContain('dev-api-token');
  });

  it('leaves SECRET_KEY and settings passwords to SET201 and SET218, and a provider key to its rule', async () => {
    const dir = await makeProject({
      'manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")\n',
      'shop/__init__.py': '',
      'shop/settings.py': [
        'import os',
        'SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-secret-key-for-local-use-only")',
        'EMAIL_HOST_PASSWORD = os.environ.get("SMTP_PASSWORD", "dev-smtp-pass")',
        'API_TOKEN = os.environ.get("API_TOKEN", "dev-api-token")',
        '',
      ].join('\n'),
    });
    const { report } = await audit({ path: dir, select: ['SEC007', 'SET201', 'SET218'], jobs: 1 });
    expect(report.findings.map((f) => [f.ruleId, f.location.startLine]).sort()).toEqual([
      ['SEC007', 4],
      ['SET201', 2],
      ['SET218', 3],
    ]);
  });
});
