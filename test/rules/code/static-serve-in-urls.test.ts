import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectFixture, hits, runRule } from '../../helpers.js';

describe('PY806 static-serve-in-urls', () => {
  it('reports exactly the annotated lines of its fixture', async () => {
    await expectFixture('PY806', path.join(FIXTURES, 'rules/code/static-serve-in-urls.py'));
  });

  it('accepts a DEBUG guard at any depth, including a local DEBUG name', async () => {
    const source = [
      'from django.urls import path',
      'from django.views.static import serve',
      'DEBUG = True',
      'def patterns():',
      '    out = []',
      '    if DEBUG:',
      '        for prefix in ("a", "b"):',
      '            out.append(path(prefix + "/<path:path>", serve))',
      '    return out',
    ].join('\n');
    expect(await runRule('PY806', source, { roles: ['urls'] })).toEqual([]);
  });

  it('ignores a serve function that is not Django\'s', async () => {
    const source = ['from django.urls import path', 'from .views import serve', 'urlpatterns = [path("s/", serve)]'].join('\n');
    expect(await runRule('PY806', source, { roles: ['urls'] })).toEqual([]);
    const django = ['from django.urls import path', 'import django.views.static', 'urlpatterns = [path("s/", django.views.static.serve)]'].join('\n');
    expect(hits(await runRule('PY806', django, { roles: ['urls'] }))).toEqual([{ code: 'PY806', line: 3 }]);
  });
});
