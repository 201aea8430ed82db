import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, runRule } from '../../helpers.js';

describe('PY807 redirect-to-non-literal', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY807', path.join(FIXTURES, 'rules/code/redirect-to-non-literal.py'));
  });

  it('is low confidence, medium when the target is read from the request', async () => {
    const source = [
      'from django.shortcuts import redirect',
      'def a(request, url):',
      '    redirect(url)',
      'def b(request):',
      '    nxt = request.GET["next"]',
      '    redirect(nxt)',
      'def c(request):',
      '    redirect(request.headers.get("Referer"))',
    ].join('\n');
    expect((await runRule('PY807', source)).map((f) => [f.location.startLine, f.confidence ?? 'low'])).toEqual([
      [3, 'low'],
      [6, 'medium'],
      [8, 'medium'],
    ]);
  });

  it('only counts a validator called before the redirect', async () => {
    const source = [
      'from django.shortcuts import redirect',
      'from django.utils.http import is_safe_url',
      'def a(request):',
      '    url = request.GET["next"]',
      '    response = redirect(url)',
      '    is_safe_url(url, allowed_hosts=None)',
      '    return response',
      'def b(request):',
      '    url = request.GET["next"]',
      '    if is_safe_url(url, allowed_hosts={request.get_host()}):',
      '        return redirect(url)',
    ].join('\n');
    expect((await runRule('PY807', source)).map((f) => f.location.startLine)).toEqual([5]);
  });

  it('treats a leading slash followed by a value as unsafe (protocol-relative URLs)', async () => {
    const source = ['from django.shortcuts import redirect', 'def a(request, x):', '    redirect("/" + x)', '    redirect(f"/{x}")', '    redirect(f"/p/{x}")'].join('\n');
    expect((await runRule('PY807', source)).map((f) => f.location.startLine)).toEqual([3, 4]);
  });
});
