import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field } from '../../python/ast.js';
import type { PythonModule } from '../../python/module.js';

/** URL pattern functions, by qualified name: `path()` takes a route, the others a regular expression. */
const ROUTE_FUNCTIONS = new Set(['django.urls.path', 'django.urls.conf.path']);
const REGEX_FUNCTIONS = new Set(['django.urls.re_path', 'django.urls.conf.re_path', 'django.conf.urls.url', 'django.conf.urls.re_path']);
const INCLUDE_FUNCTIONS = new Set(['django.urls.include', 'django.urls.conf.include', 'django.conf.urls.include']);
const ADMIN_SITE_URLS = 'django.contrib.admin.site.urls';
/** Wagtail's admin URLconf (`from wagtail.admin import urls as wagtailadmin_urls`), mounted at admin/ by its template. */
const WAGTAIL_ADMIN_URLS = new Set(['wagtail.admin.urls', 'wagtail.wagtailadmin.urls']);

export default definePythonRule({
  meta: {
    code: 'SET220',
    name: 'admin-default-url',
    family: 'settings',
    severity: 'info',
    confidence: 'high',
    cwe: [1188, 307],
    owasp: ['A05:2021-Security Misconfiguration', 'A07:2021-Identification and Authentication Failures'],
    aliases: [],
    status: 'stable',
    summary: 'The Django admin is mounted at the default, well-known URL /admin/.',
    fix: 'Mount the admin at a project-specific path (path("staff-7c1e/", admin.site.urls)) and protect its login with rate limiting and two-factor authentication.',
    docs: {
      whatItDoes:
        'Reports URL patterns that mount the Django admin (`admin.site.urls`, `include(admin.site.urls)`, or the ' +
        '`.urls` of a custom admin site) at the default prefix: `path("admin/", …)`, `re_path(r"^admin/", …)` or the ' +
        'old `url(r"^admin/", include(admin.site.urls))`. It is informational: the admin is as safe at `/admin/` as ' +
        'anywhere else if its login is well protected.',
      whyItMatters:
        '`/admin/` is the first path every automated scanner and credential-stuffing bot tries on a Django site: ' +
        'the login form there accepts staff credentials, and Django does not limit login attempts by itself. A ' +
        'project-specific path removes the site from that untargeted traffic (fewer lockouts, less noise in logs, ' +
        'less exposure when a staff password is weak or reused) and hides that the site runs Django. It is defence ' +
        'in depth, not access control: anyone who learns the path can still reach the login.',
      example: {
        bad: ['from django.contrib import admin', 'from django.urls import path', '', 'urlpatterns = [', '    path("admin/", admin.site.urls),', ']'].join('\n'),
        good: [
          'from django.conf import settings',
          'from django.contrib import admin',
          'from django.urls import path',
          '',
          'urlpatterns = [',
          '    path(settings.ADMIN_URL, admin.site.urls),  # e.g. "staff-7c1e/" from the environment',
          ']',
        ].join('\n'),
      },
      howToFix:
        'Choose a path that is not guessable and keep it out of public pages, for instance from the environment ' +
        '(`ADMIN_URL = env("DJANGO_ADMIN_URL")`, as cookiecutter-django does). More important than the path: ' +
        'throttle the admin login (django-axes, django-defender), require two-factor authentication for staff ' +
        '(django-otp), restrict the admin to a VPN or IP allow-list at the proxy where possible, and consider a ' +
        'honeypot at `/admin/` (django-admin-honeypot) to detect probing.',
      references: [
        { title: 'Django: the admin site (hooking AdminSite instances into your URLconf)', url: 'https://docs.djangoproject.com/en/stable/ref/contrib/admin/#hooking-adminsite-instances-into-your-urlconf' },
        { title: 'Django deployment checklist', url: 'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/' },
        { title: 'OWASP Credential Stuffing Prevention Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Credential_Stuffing_Prevention_Cheat_Sheet.html' },
        { title: 'CWE-1188: Initialization of a Resource with an Insecure Default', url: 'https://cwe.mitre.org/data/definitions/1188.html' },
      ],
      limitations:
        'Only literal routes are judged; a route read from settings (`path(settings.ADMIN_URL, …)`) is not reported ' +
        'even when that setting is `"admin/"`. Test files are skipped.',
    },
  },
  create(context) {
    const { module } = context;
    if (context.file.roles.includes('test')) return {};
    return {
      call(node) {
        const name = module.qualifiedName(node);
        if (!name || (!ROUTE_FUNCTIONS.has(name) && !REGEX_FUNCTIONS.has(name))) return;
        const route = module.argument(node, 0, name.endsWith('.url') ? 'regex' : 'route');
        const view = module.argument(node, 1, 'view');
        if (!route || !view) return;
        const literal = module.literal(route);
        if (literal?.kind !== 'str') return;
        const isDefault = ROUTE_FUNCTIONS.has(name) ? /^\/?admin\/?$/.test(literal.value) : /^\^?\/?admin(?:\/|\/\?)?\$?$/.test(literal.value);
        const admin = isDefault ? mountedAdmin(view, module) : undefined;
        if (!admin) return;
        context.report({
          node,
          message: `the ${admin} admin is mounted at the default URL /admin/ (${module.text(route)}), the first path scanners and credential-stuffing bots try`,
        });
      },
    };
  },
});

/**
 * Which admin the view argument mounts: `admin.site.urls`, `include(admin.site.urls)` or a custom site's `.urls`
 * (Django), `include(wagtailadmin_urls)` (Wagtail); undefined for anything else.
 */
function mountedAdmin(view: PyNode, module: PythonModule): 'Django' | 'Wagtail' | undefined {
  if (view.type === 'call') {
    const name = module.qualifiedName(view);
    const inner = module.argument(view, 0, 'arg');
    if (name === null || !INCLUDE_FUNCTIONS.has(name) || inner === undefined) return undefined;
    const included = inner.type === 'identifier' || inner.type === 'attribute' ? module.qualifiedName(inner) : null;
    if (included !== null && WAGTAIL_ADMIN_URLS.has(included)) return 'Wagtail';
    return mountedAdmin(inner, module) === 'Django' ? 'Django' : undefined;
  }
  if (view.type !== 'attribute') return undefined;
  const attribute = field(view, 'attribute');
  const object = field(view, 'object');
  if (!attribute || !object || module.text(attribute) !== 'urls') return undefined;
  if (module.qualifiedName(view) === ADMIN_SITE_URLS) return 'Django';
  // A custom AdminSite instance: `admin_site.urls`, `custom_admin.site.urls`.
  const chain = module.dottedChain(object);
  return chain !== undefined && /admin|site/i.test(chain[chain.length - 1]!) ? 'Django' : undefined;
}
