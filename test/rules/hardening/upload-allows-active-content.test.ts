import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, REPO_ROOT, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/hardening/upload-allows-active-content');
const examples = path.join(REPO_ROOT, 'examples');

const MODELS =
  'from django.core.validators import FileExtensionValidator\nfrom django.db import models\n\n\n' +
  'class Asset(models.Model):\n    logo = models.FileField(validators=[FileExtensionValidator(["png", "svg"])])\n';

/** A project whose production settings are `settings`, plus extra files. */
function project(settings: string | null, extra: Record<string, string> = {}): Promise<string> {
  return makeProject({
    'assets/__init__.py': '',
    'assets/models.py': MODELS,
    ...(settings === null ? {} : { 'config/__init__.py': '', 'config/settings/__init__.py': '', 'config/settings/production.py': settings }),
    ...extra,
  });
}

async function findings(root: string) {
  const { report } = await audit({ path: root, select: ['HRD024'], jobs: 1 });
  expect(report.errors).toEqual([]);
  return report.findings.map((f) => ({ at: `${f.location.path}:${f.location.startLine}`, severity: f.severity, confidence: f.confidence, message: f.message }));
}

describe('HRD024 upload-allows-active-content', () => {
  it('reports exactly the annotated lines of its fixture project (validators, tests, constants, settings)', async () => {
    await expectFixture('HRD024', fixture);
  });

  it('rates browser-active types high and server-executable ones medium', async () => {
    const all = await findings(fixture);
    expect(all.find((f) => f.at === 'media_library/models.py:10')).toMatchObject({ severity: 'high', confidence: 'high' });
    expect(all.find((f) => f.at === 'media_library/models.py:10')?.message).toContain('include svg');
    expect(all.find((f) => f.at === 'media_library/validators.py:23')).toMatchObject({ severity: 'medium' });
    expect(all.find((f) => f.at === 'media_library/validators.py:18')?.message).toContain('image/*');
  });

  it('judges where MEDIA_URL points', async () => {
    const same = await findings(await project('ALLOWED_HOSTS = ["shop.example"]\nMEDIA_URL = "https://shop.example/media/"\n'));
    expect(same.map((f) => [f.at, f.severity])).toEqual([['assets/models.py:6', 'high']]);
    expect(await findings(await project('ALLOWED_HOSTS = ["shop.example"]\nMEDIA_URL = "https://usercontent.example/"\n'))).toEqual([]);
    expect(await findings(await project('MEDIA_URL = "/media/"\nDEFAULT_FILE_STORAGE = "storages.backends.s3boto3.S3Boto3Storage"\n'))).toEqual([]);
    expect(
      await findings(await project('MEDIA_URL = "/media/"\nSTORAGES = {"default": {"BACKEND": "storages.backends.s3boto3.S3Boto3Storage"}}\n')),
    ).toEqual([]);
    const unknown = await findings(await project(null));
    expect(unknown.map((f) => [f.at, f.severity, f.confidence])).toEqual([['assets/models.py:6', 'medium', 'low']]);
  });

  it('lowers the severity when the web server sends uploads as attachments', async () => {
    const nginx = 'server {\n    location /media/ {\n        alias /srv/media/;\n        add_header Content-Disposition "attachment";\n    }\n}\n';
    const mitigated = await findings(await project('MEDIA_URL = "/media/"\n', { 'deploy/nginx.conf': nginx }));
    expect(mitigated.map((f) => f.severity)).toEqual(['low']);
    expect(mitigated[0]?.message).toContain('deploy/nginx.conf:4');
  });

  it('is silent on both example projects', async () => {
    expect(await findings(path.join(examples, 'vulnerable-shop'))).toEqual([]);
    expect(await findings(path.join(examples, 'hardened-shop'))).toEqual([]);
  });
});
