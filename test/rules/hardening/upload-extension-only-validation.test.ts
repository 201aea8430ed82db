import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, REPO_ROOT, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/hardening/upload-extension-only-validation');
const examples = path.join(REPO_ROOT, 'examples');

async function hits(root: string): Promise<string[]> {
  const { report } = await audit({ path: root, select: ['HRD021'], jobs: 1 });
  expect(report.errors).toEqual([]);
  return report.findings.map((f) => `${f.location.path}:${f.location.startLine}`);
}

describe('HRD021 upload-extension-only-validation', () => {
  it('reports exactly the annotated lines of its fixture project, following validators into other modules', async () => {
    await expectFixture('HRD021', fixture);
  });

  it('says which checks look only at the name', async () => {
    const { report } = await audit({ path: fixture, select: ['HRD021'], jobs: 1 });
    const finding = report.findings.find((f) => f.location.path === 'reports/models.py' && f.location.startLine === 22);
    expect(finding?.message).toContain('`Report.imported_extension`');
    expect(finding?.message).toContain('validate_pdf_extension');
    expect(finding?.message).not.toContain('validate_size');
    expect(finding?.severity).toBe('low');
  });

  it('assumes a validator it cannot read (a module outside the project analysis) checks the content', async () => {
    const project = await makeProject({
      'app/__init__.py': '',
      'app/models.py':
        'from django.core.validators import FileExtensionValidator\nfrom django.db import models\n\nfrom app.checks import sniff\n\n\n' +
        'class Doc(models.Model):\n    file = models.FileField(validators=[FileExtensionValidator(["pdf"]), sniff])\n' +
        '    named = models.FileField(validators=[FileExtensionValidator(["pdf"])])\n',
      'app/checks.py': 'def sniff(file):\n    return file\n',
    });
    expect(await hits(project)).toEqual(['app/models.py:9']);
  });

  it('is silent on both example projects', async () => {
    expect(await hits(path.join(examples, 'vulnerable-shop'))).toEqual([]);
    expect(await hits(path.join(examples, 'hardened-shop'))).toEqual([]);
  });
});
