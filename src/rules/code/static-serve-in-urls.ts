import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { ROUTE_FUNCTIONS, debugGuard, routesToStaticServe } from '../../python/static-serve.js';

export default definePythonRule({
  meta: {
    code: 'PY806',
    name: 'static-serve-in-urls',
    family: 'code',
    severity: 'medium',
    confidence: 'medium',
    cwe: [552, 200],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: [],
    status: 'stable',
    summary: 'django.views.static.serve is routed in a URLconf without an `if settings.DEBUG:` guard, so it also serves files in production.',
    fix: 'Serve static and media files with the web server, a CDN or WhiteNoise; route django.views.static.serve only inside `if settings.DEBUG:` (or use django.conf.urls.static.static()).',
    docs: {
      whatItDoes:
        'Finds URL patterns (`path()`, `re_path()` or the old `url()`) whose view is `django.views.static.serve` ' +
        '(through any import or alias) and that are not inside an `if` block whose condition mentions `DEBUG` ' +
        '(`if settings.DEBUG:`). Routes in the `else` branch of such an `if`, or under `if not settings.DEBUG:`, are ' +
        'reported. The `django.conf.urls.static.static()` helper is not reported: it returns no patterns unless ' +
        '`DEBUG` is on.',
      whyItMatters:
        'Django documents `serve()` as a development helper: "grossly inefficient and probably insecure". Routed in ' +
        'production, it exposes everything under its `document_root` over HTTP, with no access control — uploaded ' +
        'media that were meant to be private (invoices, identity documents), backups or other files that end up ' +
        'in that directory — and with `show_indexes=True`, a browsable listing of them. It also ties up Django ' +
        'worker processes with file transfers, which makes the site easier to take down.',
      example: {
        bad: [
          'from django.urls import re_path',
          'from django.views.static import serve',
          '',
          'urlpatterns = [',
          '    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),',
          ']',
        ].join('\n'),
        good: [
          'from django.conf import settings',
          'from django.conf.urls.static import static',
          '',
          'urlpatterns = [...]',
          'if settings.DEBUG:',
          '    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)',
        ].join('\n'),
      },
      howToFix:
        'In production, let the web server (nginx, Apache), object storage or a CDN serve `STATIC_ROOT` and ' +
        '`MEDIA_ROOT`, or use WhiteNoise for static files. Keep `serve()` for development only: append it inside ' +
        '`if settings.DEBUG:` or use `static()`, which does that check for you. Files that need access control ' +
        'should go through a view that checks permissions and then hands the transfer to the server ' +
        '(`X-Accel-Redirect` / `X-Sendfile`).',
      references: [
        { title: 'Django: Serving files uploaded by a user during development', url: 'https://docs.djangoproject.com/en/stable/howto/static-files/#serving-files-uploaded-by-a-user-during-development' },
        { title: 'Django: django.views.static.serve', url: 'https://docs.djangoproject.com/en/stable/ref/views/#django.views.static.serve' },
        { title: 'Django: Deploying static files', url: 'https://docs.djangoproject.com/en/stable/howto/static-files/deployment/' },
        { title: 'CWE-552: Files or Directories Accessible to External Parties', url: 'https://cwe.mitre.org/data/definitions/552.html' },
      ],
      limitations:
        'The guard is recognised by the text of the enclosing `if` condition: any condition that mentions `DEBUG` ' +
        '(without `not`) counts, whatever else it tests. A URLconf that is only included when `DEBUG` is on (a ' +
        '`urls_dev.py` selected elsewhere) is still reported; suppress the finding there.',
    },
  },
  create(context) {
    const { module } = context;
    const check = (call: PyNode): void => {
      if (!routesToStaticServe(call, module)) return;
      const guard = debugGuard(call, module);
      if (guard === 'guarded') return;
      const route = module.argument(call, 0, 'route') ?? module.argument(call, 0, 'regex');
      const routeValue = route ? module.literal(route) : undefined;
      const routeText = routeValue?.kind === 'str' ? ` for ${JSON.stringify(routeValue.value)}` : '';
      context.report({
        node: call,
        message:
          guard === 'inverted'
            ? `django.views.static.serve is routed${routeText} when DEBUG is off: files under its document_root are served in production`
            : `django.views.static.serve is routed${routeText} outside an \`if settings.DEBUG:\` block: files under its document_root are served in production too`,
      });
    };
    return Object.fromEntries(ROUTE_FUNCTIONS.map((name) => [`call:${name}`, check]));
  },
});
