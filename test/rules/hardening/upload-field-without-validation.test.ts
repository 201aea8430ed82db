import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/engine/scan.js';
import { FIXTURES, REPO_ROOT, expectFixture, makeProject } from '../../helpers.js';

const fixture = path.join(FIXTURES, 'rules/hardening/upload-field-without-validation');
const examples = path.join(REPO_ROOT, 'examples');

async function hits(root: string): Promise<string[]> {
  const { report } = await audit({ path: root, select: ['HRD020'], jobs: 1 });
  expect(report.errors).toEqual([]);
  return report.findings.map((f) => `${f.location.path}:${f.location.startLine}`);
}

describe('HRD020 upload-field-without-validation', () => {
  it('reports exactly the annotated lines of its fixture project (models, forms, serializers)', async () => {
    await expectFixture('HRD020', fixture);
  });

  it('names the field and the kind of declaration', async () => {
    const { report } = await audit({ path: fixture, select: ['HRD020'], jobs: 1 });
    const byLine = new Map(report.findings.map((f) => [`${f.location.path}:${f.location.startLine}`, f]));
    expect(byLine.get('library/models.py:17')?.message).toContain('`Book.scan`');
    expect(byLine.get('library/models.py:17')?.severity).toBe('medium');
    expect(byLine.get('library/forms.py:20')?.message).toContain('forms.FileField `UploadForm.file`');
    expect(byLine.get('library/serializers.py:18')?.message).toContain('serializers.FileField `UploadSerializer.file`');
  });

  it('counts the checks of a ModelForm in another module, unless the form does not expose the field', async () => {
    const model = 'from django.db import models\n\n\nclass Doc(models.Model):\n    file = models.FileField()\n';
    const form = (meta: string) =>
      'from django import forms\n\nfrom .models import Doc\n\n\nclass DocForm(forms.ModelForm):\n    class Meta:\n        model = Doc\n' +
      `        ${meta}\n\n    def clean_file(self):\n        f = self.cleaned_data["file"]\n        if f.size > 10:\n            raise forms.ValidationError("big")\n        return f\n`;
    const base = { 'app/__init__.py': '', 'app/models.py': model };
    expect(await hits(await makeProject({ ...base, 'app/forms.py': form('fields = ["file"]') }))).toEqual([]);
    expect(await hits(await makeProject({ ...base, 'app/forms.py': form('fields = "__all__"') }))).toEqual([]);
    expect(await hits(await makeProject({ ...base, 'app/forms.py': form('exclude = ["file"]') }))).toEqual(['app/models.py:5']);
    expect(await hits(await makeProject(base))).toEqual(['app/models.py:5']);
  });

  it('finds the unvalidated uploads of examples/vulnerable-shop (EXPECTED row 33) and none in hardened-shop', async () => {
    expect((await hits(path.join(examples, 'vulnerable-shop'))).sort()).toEqual(['catalog/forms.py:26', 'catalog/models.py:53']);
    expect(await hits(path.join(examples, 'hardened-shop'))).toEqual([]);
  });
});
