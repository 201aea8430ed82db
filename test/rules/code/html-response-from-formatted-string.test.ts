import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, hits, runRule } from '../../helpers.js';

describe('PY802 html-response-from-formatted-string', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY802', path.join(FIXTURES, 'rules/code/html-response-from-formatted-string.py'));
  });

  it('follows a local variable built before the response, not one assigned after', async () => {
    const source = [
      'from django.http import HttpResponse',
      'def a(request, x):',
      '    html = "<i>%s</i>" % x',
      '    return HttpResponse(html)',
      'def b(request, x):',
      '    html = "<i>static</i>"',
      '    response = HttpResponse(html)',
      '    html = f"<i>{x}</i>"',
      '    return response',
    ].join('\n');
    expect(hits(await runRule('PY802', source))).toEqual([{ code: 'PY802', line: 4 }]);
  });

  it('treats an explicit HTML content type like the default and a variable content type as unknown', async () => {
    const source = [
      'from django.http.response import HttpResponse',
      'def a(request, x, ct):',
      '    HttpResponse(f"<i>{x}</i>", content_type="application/xhtml+xml")',
      '    HttpResponse(f"<i>{x}</i>", content_type=ct)',
      '    HttpResponse(content=f"<i>{x}</i>")',
    ].join('\n');
    expect(hits(await runRule('PY802', source))).toEqual([
      { code: 'PY802', line: 3 },
      { code: 'PY802', line: 5 },
    ]);
  });

  it('ignores a local HttpResponse class that is not Django\'s', async () => {
    const source = ['class HttpResponse:', '    pass', 'def a(x):', '    return HttpResponse(f"<b>{x}</b>")'].join('\n');
    expect(await runRule('PY802', source)).toEqual([]);
  });
});
