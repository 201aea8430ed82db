import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, hits, runRule } from '../../helpers.js';

describe('PY814 drf-serializer-all-fields', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY814', path.join(FIXTURES, 'rules/code/drf-serializer-all-fields.py'));
  });

  it('ignores a Meta class nested deeper than the serializer body', async () => {
    const source = [
      'from rest_framework import serializers',
      'class S(serializers.ModelSerializer):',
      '    def build(self):',
      '        class Meta:',
      '            fields = "__all__"',
      '        return Meta',
    ].join('\n');
    expect(await runRule('PY814', source)).toEqual([]);
  });

  it('resolves ModelForm through django.forms.models', async () => {
    const source = ['from django.forms.models import ModelForm', 'class F(ModelForm):', '    class Meta:', '        fields = "__all__"'].join('\n');
    expect(hits(await runRule('PY814', source))).toEqual([{ code: 'PY814', line: 4 }]);
  });
});
