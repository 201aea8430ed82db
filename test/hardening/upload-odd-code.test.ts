import { describe, expect, it } from 'vitest';
import { audit } from '../../src/engine/scan.js';
import { makeProject } from '../helpers.js';

const UPLOAD_RULES = ['HRD020', 'HRD021', 'HRD022', 'HRD023', 'HRD024', 'HRD025'];

describe('upload rules on odd code', () => {
  it('never fail: unusual shapes are not judged, recursion ends, broken files are reported as syntax errors only', async () => {
    const root = await makeProject({
      'odd/__init__.py': '',
      'odd/models.py': [
        'from django.core.validators import FileExtensionValidator',
        'from django.db import models',
        'from .validators import loop_a, validate_self',
        '',
        'KWARGS = {"upload_to": "x/"}',
        'EXTENSIONS = EXTENSIONS + ["svg"]',
        '',
        'def path_a(instance, filename):',
        '    return path_b(instance, filename)',
        '',
        'def path_b(instance, filename):',
        '    name = name + filename',
        '    return name if name else path_a(instance, filename)',
        '',
        'def no_params():',
        '    return "x"',
        '',
        'class Thing(models.Model):',
        '    a = models.FileField(**KWARGS)',
        '    b = models.FileField(validators=None)',
        '    c = models.FileField(validators=[loop_a, validate_self, lambda f: f.size, *OTHERS])',
        '    d = models.FileField(upload_to=path_a)',
        '    e = models.FileField(upload_to=no_params)',
        '    f = models.FileField(upload_to=lambda: "x")',
        '    g = models.FileField(upload_to=factory()(1))',
        '    h = models.FileField(validators=[FileExtensionValidator(EXTENSIONS)])',
        '    i = models.FileField(validators=[FileExtensionValidator()])',
        '    models.FileField()',
        '',
        'class Meta:',
        '    model = get_model()',
        '',
        'x = models.FileField(validators=validators_for(models))',
        '',
      ].join('\n'),
      'odd/validators.py': [
        'def loop_a(f):',
        '    return loop_b(f)',
        '',
        'def loop_b(f):',
        '    return loop_a(f)',
        '',
        'def validate_self(f):',
        '    if f.name.endswith(tuple(ALLOWED)):',
        '        raise ValueError()',
        '    return validate_self(f)',
        '',
        'class Nothing:',
        '    pass',
        '',
        'validate_nothing = Nothing()',
      ].join('\n'),
      'odd/views.py': [
        'import os',
        'def view(request):',
        '    f = request.FILES',
        '    for upload in f.getlist():',
        '        open(os.path.join(*upload.name))',
        '    name = request.FILES["x"].name',
        '    name = name + name',
        '    open(name % name)',
        '    open("{}{}".format(*name))',
        '    open(f"{name!r:{width}}")',
        '    open()',
        '    request.FILES[',
      ].join('\n'),
      'odd/forms.py': 'from django import forms\n\nclass F(forms.Form):\n    def clean_x(self):\n        return self.clean_x()\n\n    x = forms.FileField()\n',
    });
    const { report } = await audit({ path: root, select: UPLOAD_RULES, jobs: 1 });
    expect(report.errors.filter((e) => !/syntax/i.test(e.message))).toEqual([]);
    expect(report.errors.map((e) => e.path)).toEqual(['odd/views.py']);
    const found = report.findings.map((f) => `${f.ruleId} ${f.location.path}:${f.location.startLine}`);
    // `FileField(**KWARGS)` may carry validators: not judged by the validation rules.
    expect(found.filter((f) => f.endsWith('odd/models.py:19'))).toEqual([]);
    // The recursive upload_to functions and validators end: fields d and c are judged (d has no validators).
    expect(found).toContain('HRD020 odd/models.py:22');
    expect(found).not.toContain('HRD020 odd/models.py:21');
  });
});
