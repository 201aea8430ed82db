import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRule } from '../../../src/rules/index.js';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

const meta = findRule('PY801')!.meta;
const severityAndConfidence = (findings: Awaited<ReturnType<typeof runRule>>) =>
  findings.map((f) => [f.location.startLine, f.severity ?? meta.severity, f.confidence ?? meta.confidence]);

describe('PY801 csrf-exempt-post-view', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY801', path.join(FIXTURES, 'rules/code/csrf-exempt-post-view.py'));
  });

  it('is high/high when the view handles POST, low/low when it shows no sign, medium confidence when defined elsewhere', async () => {
    const source = [
      'from django.views.decorators.csrf import csrf_exempt',
      'from django.urls import path',
      'from shop import views',
      '@csrf_exempt',
      'def a(request):',
      '    return request.FILES["f"]',
      '@csrf_exempt',
      'def b(request):',
      '    return None',
      'urlpatterns = [path("c/", csrf_exempt(views.c))]',
    ].join('\n');
    expect(severityAndConfidence(await runRule('PY801', source))).toEqual([
      [4, 'high', 'high'],
      [7, 'low', 'low'],
      [10, 'high', 'medium'],
    ]);
  });

  it('ignores an exemption on a method other than dispatch (Django does not honour it) and unrelated csrf_exempt names', async () => {
    const source = [
      'from django.views import View',
      'from django.views.decorators.csrf import csrf_exempt',
      'from django.utils.decorators import method_decorator',
      'class V(View):',
      '    @csrf_exempt',
      '    def post(self, request):',
      '        return request.POST',
      '@method_decorator(csrf_exempt, name="post")',
      'class W(View):',
      '    def post(self, request):',
      '        return request.POST',
      'def csrf_exempt_local(f):',
      '    return f',
      '@csrf_exempt_local',
      'def c(request):',
      '    return request.POST',
    ].join('\n');
    expect(await runRule('PY801', source)).toEqual([]);
  });

  it('reads the request through self.request in a dispatch override', async () => {
    const source = [
      'from django.views.generic import View',
      'from django.views.decorators.csrf import csrf_exempt',
      'from django.utils.decorators import method_decorator',
      '@method_decorator([csrf_exempt], name="dispatch")',
      'class V(View):',
      '    def dispatch(self, request, *args, **kwargs):',
      '        data = self.request.body',
      '        return super().dispatch(request, *args, **kwargs)',
    ].join('\n');
    expect(severityAndConfidence(await runRule('PY801', source))).toEqual([[4, 'high', 'high']]);
  });
});

describe('PY801 csrf_exempt inside a wrapper', () => {
  it('reports a function that exempts whatever it wraps with low severity', async () => {
    const source = [
      'from django.views.decorators.csrf import csrf_exempt',
      'def webhook_view(func):',
      '    return csrf_exempt(func)',
      'class Base:',
      '    @classmethod',
      '    def as_view(cls, **initkwargs):',
      '        view = super().as_view(**initkwargs)',
      '        return csrf_exempt(view)',
    ].join('\n');
    expect(severityAndConfidence(await runRule('PY801', source))).toEqual([
      [3, 'low', 'low'],
      [8, 'low', 'low'],
    ]);
  });
});
