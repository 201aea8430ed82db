import { defineProjectRule } from '../../core/rule.js';
import { exposedDirectory } from '../../hardening/source-settings.js';
import { sourceTree } from '../../hardening/source-tree.js';
import { evaluateRoot, serveRoutes } from '../../hardening/source-urls.js';

export default defineProjectRule({
  meta: {
    code: 'HRD047',
    name: 'static-serve-exposes-source',
    family: 'hardening',
    severity: 'high',
    confidence: 'high',
    cwe: [538, 552],
    owasp: ['A05:2021-Security Misconfiguration', 'A01:2021-Broken Access Control'],
    aliases: [],
    status: 'stable',
    summary: 'A URL route serves a directory that holds the project\'s source with django.views.static.serve (or the static() helper): the settings and code can be downloaded.',
    fix: 'Give django.views.static.serve / static() a document_root that holds only public files (MEDIA_ROOT or STATIC_ROOT outside the code), never BASE_DIR, a settings package or an app directory.',
    docs: {
      whatItDoes:
        'Finds URL patterns (`path()`, `re_path()`, `url()`) whose view is `django.views.static.serve` and calls of ' +
        'the `django.conf.urls.static.static()` helper, evaluates their `document_root` — `settings.MEDIA_ROOT` ' +
        'through the evaluated production settings, `BASE_DIR`-style constants of the URLconf, ' +
        '`Path(__file__).resolve().parent`, `/` and `os.path.join()` — and reports the route when that directory is ' +
        'the project root, the directory of `manage.py`, a settings package, an app or another Python package of ' +
        'the project, or contains one. Severity high for a route outside `if settings.DEBUG:` (production serves ' +
        'it), medium for a route Django only adds in development (inside such a block, or through `static()`).',
      whyItMatters:
        '`serve()` returns any file under `document_root` that the URL names, with no access control. Rooted at the ' +
        'project directory, `GET /files/shop/settings.py` returns the `SECRET_KEY`, database and e-mail ' +
        'credentials, `GET /files/db.sqlite3` the database. Even on a development server this leaks secrets to ' +
        'whoever can reach it (servers bound to 0.0.0.0, preview deployments, tunnels). Serving `MEDIA_ROOT` in ' +
        'production at all is PY806\'s concern; this rule is about the directory being the source.',
      example: {
        bad: [
          'from django.conf import settings',
          'from django.urls import re_path',
          'from django.views.static import serve',
          '',
          'urlpatterns = [',
          '    re_path(r"^files/(?P<path>.*)$", serve, {"document_root": settings.BASE_DIR}),',
          ']',
        ].join('\n'),
        good: [
          'from django.conf import settings',
          'from django.conf.urls.static import static',
          '',
          'urlpatterns = [...]',
          'if settings.DEBUG:',
          '    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)  # MEDIA_ROOT outside the code',
        ].join('\n'),
      },
      howToFix:
        'Point `document_root` at `MEDIA_ROOT` or `STATIC_ROOT`, each a directory that holds only public files and ' +
        'no code; in production let the web server or a CDN serve them and keep `serve()` for development ' +
        '(`if settings.DEBUG:` or `static()`). If source was served, rotate every secret the settings held.',
      references: [
        { title: 'Django: django.views.static.serve', url: 'https://docs.djangoproject.com/en/stable/ref/views/#django.views.static.serve' },
        { title: 'Django: Serving files uploaded by a user during development', url: 'https://docs.djangoproject.com/en/stable/howto/static-files/#serving-files-uploaded-by-a-user-during-development' },
        { title: 'Django security: keep Python code outside the web server\'s root', url: 'https://docs.djangoproject.com/en/stable/topics/security/#additional-security-topics' },
        { title: 'CWE-538: Insertion of Sensitive Information into Externally-Accessible File or Directory', url: 'https://cwe.mitre.org/data/definitions/538.html' },
      ],
      limitations:
        'The `document_root` must be understood: a literal, a `settings.X` value the settings evaluation knows, a ' +
        'module-level constant of the URLconf or a path expression built from `__file__`. Values computed by ' +
        'functions, read from the environment without a default, or passed through variables of other modules ' +
        '(other than settings) are not judged. The DEBUG guard is recognised by the text of the enclosing `if`.',
    },
  },
  check(context) {
    const { project } = context;
    const tree = sourceTree(project);
    for (const route of serveRoutes(project)) {
      if (!route.documentRoot) continue;
      const candidates = evaluateRoot(route.documentRoot, route, project, tree.root);
      for (const candidate of candidates) {
        const exposed = exposedDirectory(candidate.value, tree);
        if (!exposed) continue;
        const { dir, exposure } = exposed;
        const production = route.kind === 'route' && route.guard !== 'guarded';
        const origin = candidate.setting ? ` (settings.${candidate.setting} in ${candidate.settings})` : '';
        const how = route.kind === 'helper' ? 'the static() helper serves' : 'django.views.static.serve serves';
        const when = production ? 'in every environment' : 'while DEBUG is on';
        const fromEnvironment = (candidate.value.env ?? []).some((use) => use.unset);
        context.report({
          at: { module: route.module, path: route.path, node: route.call },
          message: `${how} a document_root that ${exposure.text}${origin} ${when}: the project's settings and code can be downloaded`,
          severity: production ? 'high' : 'medium',
          ...(dir.relative || fromEnvironment ? { confidence: dir.relative ? ('low' as const) : ('medium' as const) } : {}),
        });
        break;
      }
    }
  },
});
