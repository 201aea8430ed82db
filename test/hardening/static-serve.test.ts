import { describe, expect, it } from 'vitest';
import { walk, type PyNode } from '../../src/python/ast.js';
import { ROUTE_FUNCTIONS, debugGuard, routesToStaticServe } from '../../src/python/static-serve.js';
import { parseModule } from '../helpers.js';

/** `line: guard` of every URL pattern call of a snippet that routes to django.views.static.serve. */
async function guards(lines: string[]): Promise<string[]> {
  const module = await parseModule(lines.join('\n'), 'shop.urls');
  const out: string[] = [];
  walk(module.root, (node: PyNode) => {
    if (node.type !== 'call' || !ROUTE_FUNCTIONS.includes(module.qualifiedName(node) ?? '')) return;
    if (routesToStaticServe(node, module)) out.push(`${module.span(node).startLine}: ${debugGuard(node, module)}`);
  });
  return out;
}

const HEADER = ['from django.conf import settings', 'from django.urls import path, re_path', 'from django.views.static import serve', 'import django.views.static as static_views'];

describe('static serve routes and their DEBUG guard (shared by PY806 and HRD047)', () => {
  it('recognises serve through any import, and nothing else', async () => {
    expect(await guards([...HEADER, 'from .views import index', 'urlpatterns = [path("a/", serve), re_path("b/", static_views.serve), path("c/", index), path("d/", view=serve)]'])).toEqual([
      '6: none',
      '6: none',
      '6: none',
    ]);
  });

  it('looks through function and class definitions to the nearest condition that mentions DEBUG', async () => {
    expect(
      await guards([
        ...HEADER,
        'if settings.DEBUG:',
        '    def dev_patterns():',
        '        return [path("a/", serve)]',
        '    class Dev:',
        '        urls = [path("b/", serve)]',
        'else:',
        '    def prod_patterns():',
        '        return [path("c/", serve)]',
        'def later():',
        '    if not settings.DEBUG:',
        '        return [path("d/", serve)]',
        '    return [path("e/", serve)]',
        'class Urls:',
        '    def get(self):',
        '        return [path("f/", serve)] if settings.DEBUG else [path("g/", serve)]',
        'if settings.DEBUG is False:',
        '    pass',
        'elif settings.DEBUG:',
        '    urlpatterns = [path("h/", serve)]',
      ]),
    ).toEqual(['7: guarded', '9: guarded', '12: inverted', '15: inverted', '16: none', '19: guarded', '19: inverted', '23: guarded']);
  });
});
