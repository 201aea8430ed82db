import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY813 drf-write-view-allows-any', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY813', path.join(FIXTURES, 'rules/code/drf-write-view-allows-any.py'));
  });

  it('is high confidence when the view updates or deletes, medium when it can only create', async () => {
    const source = [
      'from rest_framework import generics, viewsets',
      'from rest_framework.permissions import AllowAny',
      'class A(viewsets.ModelViewSet):',
      '    permission_classes = [AllowAny]',
      'class B(generics.CreateAPIView):',
      '    permission_classes = [AllowAny]',
      'class C(viewsets.ModelViewSet):',
      '    permission_classes = [AllowAny]',
      '    http_method_names = ["get", "post"]',
    ].join('\n');
    expect((await runRule('PY813', source)).map((f) => [f.location.startLine, f.severity ?? 'high', f.confidence ?? 'high'])).toEqual([
      [4, 'high', 'high'],
      [6, 'high', 'medium'],
      [8, 'high', 'medium'],
    ]);
  });

  it('ignores classes that are not DRF views', async () => {
    const source = [
      'from django.views import View',
      'from rest_framework.permissions import AllowAny',
      'class A(View):',
      '    permission_classes = [AllowAny]',
      '    def post(self, request):',
      '        return request',
    ].join('\n');
    expect(await runRule('PY813', source)).toEqual([]);
  });
});
