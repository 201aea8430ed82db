/**
 * The authentication entry points of a Django project, found statically: the routes of the URLconf tree (from
 * ROOT_URLCONF, following include()), the views they lead to (function views, class-based views through their
 * lineage across the project's modules, `X.as_view()` assignments, decorators applied in the URLconf), and the
 * third-party URL sets and views that take a password (the admin login, django.contrib.auth's views, DRF's
 * ObtainAuthToken, simplejwt, dj-rest-auth, djoser, django-allauth). Views defined by the project but routed nowhere
 * count too when they clearly are authentication views. For each entry point the module records what protections
 * sit on the view itself (ratelimit / watch_login decorators, DRF throttle classes) so that `auth-coverage.ts` can
 * combine them with the settings. Nothing here throws on odd code: unknown shapes are left out.
 */
import { field, walk, type PyNode } from '../python/ast.js';
import type { PythonModule } from '../python/module.js';
import { unwrap } from '../python/expressions.js';
import { baseClasses, classMethods, parameterNames } from '../python/scope.js';
import type { ProjectModel, ProjectModule } from '../project/model.js';

export type EntryKind = 'login' | 'token' | 'password-change' | 'password-reset';

/**
 * How the entry point checks the password, which decides the lockout packages that see it: Django's LoginView
 * lineage (django-axes and django-defender's middleware), `authenticate(request, …)` (django-axes), `authenticate()`
 * without the request or `check_password()` (neither), or no password check at all (password reset).
 */
export type CheckVia = 'django-login-view' | 'authenticate' | 'authenticate-no-request' | 'check-password' | 'none';

/** A package whose own limits may protect the entry point. */
export type EntryPackage = 'allauth';

/** A place in the project's code. */
export interface CodeAt {
  holder: ProjectModule;
  node: PyNode;
}

/** The static part of a route's URL (leading `/`), and whether the whole URL is static. */
export interface UrlPath {
  prefix: string;
  complete: boolean;
}

export interface RouteRef extends CodeAt {
  /** The URL the route serves, when its patterns are literal. */
  url: UrlPath | null;
}

/** A decorator (or URLconf wrapper) on a view that may limit attempts. */
export type ViewGuard =
  | {
      kind: 'ratelimit';
      at: CodeAt;
      /** `django_ratelimit` (v4, blocks by default) or `ratelimit` (v3, does not). */
      version: 3 | 4;
      /** block=…: true, false, or undefined when computed. */
      block: boolean | undefined;
      /** rate=… given (None counts as not given). */
      hasRate: boolean;
      /** The decorator only counts safe methods (GET/HEAD), not the POST that carries the password. */
      safeMethodsOnly: boolean;
    }
  | { kind: 'watch-login'; at: CodeAt }
  | { kind: 'axes'; at: CodeAt; name: string }
  | { kind: 'other'; at: CodeAt; name: string };

/** A throttle class as the view names it. */
export type ThrottleRef = { kind: 'external'; qualified: string } | { kind: 'project'; holder: ProjectModule; cls: PyNode; name: string } | { kind: 'unknown'; text: string };

/** Which DRF throttles apply to a view. */
export type ViewThrottles =
  /** The view sets throttle_classes itself (class attribute, @throttle_classes, as_view(throttle_classes=…)). */
  | { kind: 'own'; items: ThrottleRef[]; at: CodeAt }
  /** Inherited from a base that empties them: DRF's ObtainAuthToken sets `throttle_classes = ()`. */
  | { kind: 'emptied-by-base'; base: string }
  /** REST_FRAMEWORK['DEFAULT_THROTTLE_CLASSES'] applies. */
  | { kind: 'default' }
  /** Not knowable (computed, get_throttles() overridden). */
  | { kind: 'unknown' };

export interface DrfView {
  throttles: ViewThrottles;
  /** throttle_scope, for ScopedRateThrottle (null when not set). */
  scope: { value: string; at: CodeAt | null } | null;
}

/** A DRF view reached from the URLconfs. */
export interface RoutedDrfView {
  /** Its definition (class or function name), or the route for a third-party view. */
  at: CodeAt;
  throttles: ViewThrottles;
  scope: DrfView['scope'];
  label: string;
}

export interface AuthEntryPoint {
  /** Stable identity (the definition or route it is reported at). */
  key: string;
  kind: EntryKind;
  /** What it is, for messages: `login_view`, `the admin login`, `obtain_token (DRF's ObtainAuthToken)`. */
  label: string;
  via: CheckVia;
  package?: EntryPackage;
  /** The admin site's login. */
  admin?: true;
  drf?: DrfView;
  guards: ViewGuard[];
  /** The view reads `request.limited` (what ratelimit's block=False sets). */
  checksLimited: boolean;
  /** Where a finding goes: the view's definition in the project, or the route. */
  at: CodeAt;
  /** True when `at` is the view's own code (a def, a class, an assignment), false when it is a route. */
  inProject: boolean;
  /** A third-party URL set included whole (`admin.site.urls`, `include("django.contrib.auth.urls")`). */
  includeSet?: string;
  routes: RouteRef[];
  /** How it is reached: from ROOT_URLCONF, from another URLconf module of the project, or not at all. */
  reach: 'root' | 'other-urlconf' | 'unrouted';
  /** The project class of a class-based view (for lineage checks). */
  projectClass?: CodeAt;
}

// ---------------------------------------------------------------------------------------------------------------
// Knowledge of Django and third-party views.

interface KnownView {
  kind: EntryKind;
  via: CheckVia;
  label: string;
  /** DRF view: 'default' throttles, or 'emptied' (throttle_classes = () in the class). */
  drf?: 'default' | 'emptied';
  scope?: string;
  package?: EntryPackage;
  admin?: true;
}

const LOGIN_VIEW: KnownView = { kind: 'login', via: 'django-login-view', label: "Django's LoginView" };
const PASSWORD_RESET_VIEW: KnownView = { kind: 'password-reset', via: 'none', label: "Django's PasswordResetView" };
const PASSWORD_CHANGE_VIEW: KnownView = { kind: 'password-change', via: 'check-password', label: "Django's PasswordChangeView" };
const OBTAIN_AUTH_TOKEN: KnownView = { kind: 'token', via: 'authenticate', label: "DRF's ObtainAuthToken", drf: 'emptied' };
const SIMPLEJWT: KnownView = { kind: 'token', via: 'authenticate', label: "simplejwt's TokenObtainPairView", drf: 'default' };
const ADMIN_LOGIN: KnownView = { kind: 'login', via: 'django-login-view', label: 'the admin login', admin: true };

/** Views (classes) that take a password, by qualified name. */
const KNOWN_CLASSES: Readonly<Record<string, KnownView>> = {
  'django.contrib.auth.views.LoginView': LOGIN_VIEW,
  'django.contrib.auth.views.PasswordResetView': PASSWORD_RESET_VIEW,
  'django.contrib.auth.views.PasswordChangeView': PASSWORD_CHANGE_VIEW,
  'rest_framework.authtoken.views.ObtainAuthToken': OBTAIN_AUTH_TOKEN,
  'rest_framework_simplejwt.views.TokenObtainPairView': SIMPLEJWT,
  'rest_framework_simplejwt.views.TokenObtainSlidingView': { ...SIMPLEJWT, label: "simplejwt's TokenObtainSlidingView" },
  'rest_framework_simplejwt.views.TokenObtainView': { ...SIMPLEJWT, label: "simplejwt's TokenObtainView" },
  'dj_rest_auth.views.LoginView': { kind: 'login', via: 'authenticate', label: "dj-rest-auth's LoginView", drf: 'default', scope: 'dj_rest_auth' },
  'dj_rest_auth.views.PasswordResetView': { kind: 'password-reset', via: 'none', label: "dj-rest-auth's PasswordResetView", drf: 'default', scope: 'dj_rest_auth' },
  'dj_rest_auth.views.PasswordChangeView': { kind: 'password-change', via: 'check-password', label: "dj-rest-auth's PasswordChangeView", drf: 'default', scope: 'dj_rest_auth' },
  'rest_auth.views.LoginView': { kind: 'login', via: 'authenticate', label: "django-rest-auth's LoginView", drf: 'default' },
  'rest_auth.views.PasswordResetView': { kind: 'password-reset', via: 'none', label: "django-rest-auth's PasswordResetView", drf: 'default' },
  'djoser.views.TokenCreateView': { kind: 'token', via: 'authenticate', label: "djoser's TokenCreateView", drf: 'default' },
  'allauth.account.views.LoginView': { kind: 'login', via: 'authenticate', label: "django-allauth's LoginView", package: 'allauth' },
  'allauth.account.views.PasswordResetView': { kind: 'password-reset', via: 'none', label: "django-allauth's PasswordResetView", package: 'allauth' },
  'two_factor.views.LoginView': { kind: 'login', via: 'authenticate', label: "django-two-factor-auth's LoginView" },
  'two_factor.views.core.LoginView': { kind: 'login', via: 'authenticate', label: "django-two-factor-auth's LoginView" },
};

/** Function views (and view instances) that take a password, by qualified name. */
const KNOWN_FUNCTIONS: Readonly<Record<string, KnownView>> = {
  'rest_framework.authtoken.views.obtain_auth_token': { ...OBTAIN_AUTH_TOKEN, label: "DRF's obtain_auth_token (ObtainAuthToken)" },
  'rest_framework_simplejwt.views.token_obtain_pair': { ...SIMPLEJWT, label: "simplejwt's token_obtain_pair" },
  'rest_framework_simplejwt.views.token_obtain_sliding': { ...SIMPLEJWT, label: "simplejwt's token_obtain_sliding" },
  'django.contrib.auth.views.login': { ...LOGIN_VIEW, label: "Django's login view" },
  'django.contrib.auth.views.password_reset': { ...PASSWORD_RESET_VIEW, label: "Django's password_reset view" },
  'django.contrib.auth.views.password_change': { ...PASSWORD_CHANGE_VIEW, label: "Django's password_change view" },
  'django.contrib.admin.site.login': ADMIN_LOGIN,
  'django.contrib.admin.sites.site.login': ADMIN_LOGIN,
};

/** Third-party URL sets included whole, with the password-taking views they serve (path below the include). */
const INCLUDED_SETS: Readonly<Record<string, ReadonlyArray<KnownView & { path: string }>>> = {
  'django.contrib.auth.urls': [
    { ...LOGIN_VIEW, path: 'login/' },
    { ...PASSWORD_CHANGE_VIEW, path: 'password_change/' },
    { ...PASSWORD_RESET_VIEW, path: 'password_reset/' },
  ],
  'rest_framework.urls': [{ ...LOGIN_VIEW, label: "DRF's browsable-API login (Django's LoginView)", path: 'login/' }],
  'allauth.urls': [
    { ...KNOWN_CLASSES['allauth.account.views.LoginView']!, path: 'login/' },
    { ...KNOWN_CLASSES['allauth.account.views.PasswordResetView']!, path: 'password/reset/' },
  ],
  'allauth.account.urls': [
    { ...KNOWN_CLASSES['allauth.account.views.LoginView']!, path: 'login/' },
    { ...KNOWN_CLASSES['allauth.account.views.PasswordResetView']!, path: 'password/reset/' },
  ],
  'dj_rest_auth.urls': [
    { ...KNOWN_CLASSES['dj_rest_auth.views.LoginView']!, path: 'login/' },
    { ...KNOWN_CLASSES['dj_rest_auth.views.PasswordResetView']!, path: 'password/reset/' },
    { ...KNOWN_CLASSES['dj_rest_auth.views.PasswordChangeView']!, path: 'password/change/' },
  ],
  'rest_auth.urls': [
    { ...KNOWN_CLASSES['rest_auth.views.LoginView']!, path: 'login/' },
    { ...KNOWN_CLASSES['rest_auth.views.PasswordResetView']!, path: 'password/reset/' },
  ],
  'djoser.urls.authtoken': [{ ...KNOWN_CLASSES['djoser.views.TokenCreateView']!, path: 'token/login/' }],
  'djoser.urls.jwt': [{ ...SIMPLEJWT, label: "djoser's JWT create view (simplejwt)", path: 'jwt/create/' }],
};

const ADMIN_SETS: ReadonlyArray<KnownView & { path: string }> = [{ ...ADMIN_LOGIN, path: 'login/' }];

const AUTHENTICATE = new Set(['django.contrib.auth.authenticate', 'django.contrib.auth.aauthenticate']);
const CHECK_PASSWORD = new Set(['django.contrib.auth.hashers.check_password']);
const AUTH_FORMS = new Set(['django.contrib.auth.forms.AuthenticationForm', 'django.contrib.admin.forms.AdminAuthenticationForm']);
const RESET_FORMS = new Set(['django.contrib.auth.forms.PasswordResetForm']);
const CHANGE_FORMS = new Set(['django.contrib.auth.forms.PasswordChangeForm']);
/** Serializers that call authenticate(request=…): used by a project view, they make it a login. */
const AUTH_SERIALIZERS = new Set([
  'rest_framework.authtoken.serializers.AuthTokenSerializer',
  'rest_framework_simplejwt.serializers.TokenObtainPairSerializer',
  'rest_framework_simplejwt.serializers.TokenObtainSerializer',
  'rest_framework_simplejwt.serializers.TokenObtainSlidingSerializer',
  'dj_rest_auth.serializers.LoginSerializer',
  'rest_auth.serializers.LoginSerializer',
]);
const RATELIMIT_DECORATORS: Readonly<Record<string, 3 | 4>> = {
  'django_ratelimit.decorators.ratelimit': 4,
  'ratelimit.decorators.ratelimit': 3,
};
const DRF_PREFIXES = ['rest_framework.', 'rest_framework_simplejwt.', 'dj_rest_auth.', 'rest_auth.', 'djoser.', 'knox.'];
/** Base classes that make a class a view (not a form, serializer, throttle or authentication class). */
const VIEW_BASE = /^(django\.views\.|django\.contrib\.auth\.views\.|rest_framework\.(views|generics|viewsets|mixins|authtoken\.views)\.|(rest_framework_simplejwt|dj_rest_auth|rest_auth|djoser|knox|two_factor)\.views\.|allauth\.[\w.]*views\.)/;
const PATH_FUNCTIONS = new Set(['django.urls.path', 'django.urls.re_path', 'django.conf.urls.url']);
const INCLUDE_FUNCTIONS = new Set(['django.urls.include', 'django.conf.urls.include']);
const TEST_PATH = /(^|\/)(tests?|testing)\/|(^|\/)(test_[^/]*|tests|[^/]*_tests?|conftest)\.py$|(^|\/)migrations\//;
const VIEWS_PATH = /(^|\/)(views?|api|apis|endpoints)(\/|\.py$)|views?\.py$/;

// ---------------------------------------------------------------------------------------------------------------
// Name resolution across the project's modules.

type Resolved =
  | { kind: 'function'; holder: ProjectModule; def: PyNode }
  | { kind: 'class'; holder: ProjectModule; cls: PyNode }
  /** A module-level `name = value` of a project module. */
  | { kind: 'assigned'; holder: ProjectModule; assignment: PyNode; value: PyNode }
  | { kind: 'module'; holder: ProjectModule }
  | { kind: 'external'; qualified: string }
  | { kind: 'unknown' };

class Resolver {
  constructor(readonly project: ProjectModel) {}

  /** What a name or attribute chain in `holder` stands for. */
  resolve(holder: ProjectModule, node: PyNode, depth = 0): Resolved {
    const target = unwrap(node);
    if (depth > 8 || (target.type !== 'identifier' && target.type !== 'attribute')) return { kind: 'unknown' };
    const qualified = holder.module.qualifiedName(target);
    if (qualified === null) {
      if (target.type !== 'identifier') return { kind: 'unknown' };
      return this.lookup(holder, holder.module.text(target), depth + 1);
    }
    return this.resolveQualified(qualified, depth + 1);
  }

  resolveQualified(qualified: string, depth = 0): Resolved {
    if (depth > 8) return { kind: 'unknown' };
    const parts = qualified.split('.');
    for (let i = parts.length; i >= 1; i--) {
      const holder = this.project.modules.get(parts.slice(0, i).join('.'));
      if (!holder) continue;
      const rest = parts.slice(i);
      if (rest.length === 0) return { kind: 'module', holder };
      if (rest.length === 1) return this.lookup(holder, rest[0]!, depth + 1);
      // `module.Class.attr`: not followed.
      return { kind: 'unknown' };
    }
    return { kind: 'external', qualified };
  }

  /** A top-level name of a project module: a definition, an assignment, or an import (followed). */
  lookup(holder: ProjectModule, name: string, depth: number): Resolved {
    if (depth > 8) return { kind: 'unknown' };
    let found: Resolved | undefined;
    for (const statement of holder.module.topLevelStatements()) {
      const def = statement.type === 'decorated_definition' ? field(statement, 'definition') : statement;
      if ((def?.type === 'function_definition' || def?.type === 'class_definition') && holder.module.definitionName(def) === name) {
        found = def.type === 'function_definition' ? { kind: 'function', holder, def } : { kind: 'class', holder, cls: def };
        continue;
      }
      const assignment = statement.type === 'expression_statement' ? statement.children[0] : undefined;
      if (assignment?.type === 'assignment') {
        const left = field(assignment, 'left');
        const value = field(assignment, 'right');
        if (left?.type === 'identifier' && holder.module.text(left) === name && value) found = { kind: 'assigned', holder, assignment, value };
      }
    }
    if (found) return found;
    const bound = holder.module.binding(name, holder.module.root);
    if (bound) return this.resolveQualified(bound.qualified, depth + 1);
    // A submodule of a package: `from . import views` resolves `pkg.views` through the package.
    const ownName = holder.module.identity.moduleName;
    if (ownName && holder.module.identity.isPackage) {
      const sub = this.project.modules.get(`${ownName}.${name}`);
      if (sub) return { kind: 'module', holder: sub };
    }
    return { kind: 'unknown' };
  }

  /** The qualified name a class expression stands for (project classes by their dotted path). */
  describe(resolved: Resolved): string | undefined {
    if (resolved.kind === 'external') return resolved.qualified;
    if (resolved.kind === 'class') return `${resolved.holder.module.identity.moduleName ?? resolved.holder.path}.${resolved.holder.module.definitionName(resolved.cls) ?? '?'}`;
    return undefined;
  }

  private lineageCache = new Map<PyNode, Lineage>();

  /** A project class's lineage: its project classes (nearest first) and the external bases. */
  lineage(holder: ProjectModule, cls: PyNode): Lineage {
    const cached = this.lineageCache.get(cls);
    if (cached) return cached;
    const out: Lineage = { classes: [], external: [] };
    const visit = (h: ProjectModule, c: PyNode, depth: number): void => {
      if (depth > 8 || out.classes.some((entry) => entry.node === c)) return;
      out.classes.push({ holder: h, node: c });
      for (const base of baseClasses(c)) {
        const resolved = this.resolve(h, base);
        if (resolved.kind === 'class') visit(resolved.holder, resolved.cls, depth + 1);
        else if (resolved.kind === 'external') out.external.push(resolved.qualified);
      }
    };
    visit(holder, cls, 0);
    this.lineageCache.set(cls, out);
    return out;
  }

  /** The lineage of a class expression (project or external): its external names, and its project classes. */
  classExprLineage(holder: ProjectModule, node: PyNode): Lineage | undefined {
    const resolved = this.resolve(holder, node);
    if (resolved.kind === 'class') return this.lineage(resolved.holder, resolved.cls);
    if (resolved.kind === 'external') return { classes: [], external: [resolved.qualified] };
    return undefined;
  }
}

export interface Lineage {
  classes: CodeAt[];
  external: string[];
}

// ---------------------------------------------------------------------------------------------------------------
// URLconf walk.

interface RouteHit {
  holder: ProjectModule;
  /** The path()/re_path()/url() call, or router.register(). */
  call: PyNode;
  url: UrlPath | null;
  view: PyNode | null;
  reach: 'root' | 'other-urlconf';
  router?: true;
}

interface IncludeHit {
  holder: ProjectModule;
  call: PyNode;
  url: UrlPath | null;
  set: string;
  views: ReadonlyArray<KnownView & { path: string }>;
  reach: 'root' | 'other-urlconf';
}

/** Appends one route pattern to a URL prefix: `path()` patterns stop at the first converter, regexes at the first metacharacter. */
function joinUrl(base: UrlPath | null, pattern: string | null, regex: boolean): UrlPath | null {
  if (!base || pattern === null) return null;
  if (!base.complete) return base;
  let text = pattern;
  if (regex) {
    text = text.replace(/^\^/, '').replace(/\$$/, '').replace(/\\Z$/, '');
    const meta = text.search(/[\\.^$*+?()[\]{}|]/);
    if (meta >= 0) return { prefix: base.prefix + text.slice(0, meta), complete: false };
    return { prefix: base.prefix + text, complete: true };
  }
  const converter = text.indexOf('<');
  if (converter >= 0) return { prefix: base.prefix + text.slice(0, converter), complete: false };
  return { prefix: base.prefix + text, complete: true };
}

/** Is a node (an `urls` attribute) the admin site's URLs: `admin.site.urls`, or the `urls` of an AdminSite instance? */
function isAdminUrls(resolver: Resolver, holder: ProjectModule, node: PyNode): boolean {
  const target = unwrap(node);
  if (target.type !== 'attribute' || holder.module.text(field(target, 'attribute')!) !== 'urls') return false;
  const qualified = holder.module.qualifiedName(target);
  if (qualified === 'django.contrib.admin.site.urls' || qualified === 'django.contrib.admin.sites.site.urls') return true;
  const object = field(target, 'object');
  if (!object) return false;
  const resolved = resolver.resolve(holder, object);
  if (resolved.kind === 'external') return /(^|\.)(admin_site|site)$/.test(resolved.qualified) && resolved.qualified.includes('admin');
  if (resolved.kind !== 'assigned' || resolved.value.type !== 'call') return false;
  const callee = field(resolved.value, 'function');
  const lineage = callee ? resolver.classExprLineage(resolved.holder, callee) : undefined;
  return lineage?.external.some((name) => /AdminSite$/.test(name)) ?? false;
}

function walkUrlconfs(project: ProjectModel, resolver: Resolver, rootModule: string | undefined): { routes: RouteHit[]; includes: IncludeHit[] } {
  const routes: RouteHit[] = [];
  const includes: IncludeHit[] = [];
  const visitedModules = new Set<string>();
  const seenVisits = new Set<string>();
  let budget = 400;

  const visit = (holder: ProjectModule, base: UrlPath | null, reach: 'root' | 'other-urlconf'): void => {
    const visitKey = `${holder.path}\n${base ? `${base.prefix}${base.complete ? '' : '…'}` : '?'}`;
    if (seenVisits.has(visitKey) || --budget < 0) return;
    seenVisits.add(visitKey);
    visitedModules.add(holder.path);
    const module = holder.module;
    const scan = (container: PyNode, prefix: UrlPath | null): void => {
      walk(container, (node) => {
        if (node.type !== 'call') return undefined;
        const callee = module.qualifiedName(node);
        if (callee && PATH_FUNCTIONS.has(callee)) {
          const route = module.argument(node, 0, 'route');
          const literal = route ? module.literal(route) : undefined;
          const url = joinUrl(prefix, literal?.kind === 'str' ? literal.value : null, callee !== 'django.urls.path');
          const view = module.argument(node, 1, 'view') ?? null;
          const included = view ? includeTarget(view) : undefined;
          if (included === undefined) {
            if (view && isAdminUrls(resolver, holder, view)) includes.push({ holder, call: node, url, set: 'admin.site.urls', views: ADMIN_SETS, reach });
            else routes.push({ holder, call: node, url, view, reach });
          } else if (included === null) {
            return undefined;
          } else if (included.kind === 'project') visit(included.holder, url, reach);
          else if (included.kind === 'patterns') scan(included.node, url);
          else if (included.kind === 'admin') includes.push({ holder, call: node, url, set: 'admin.site.urls', views: ADMIN_SETS, reach });
          else {
            const views = INCLUDED_SETS[included.name];
            if (views) includes.push({ holder, call: node, url, set: included.name, views, reach });
          }
          return false;
        }
        // DRF routers: router.register(prefix, ViewSet)
        if (module.calleeName(node) === 'register' && field(node, 'function')?.type === 'attribute') {
          const viewset = module.argument(node, 1, 'viewset');
          if (viewset) routes.push({ holder, call: node, url: null, view: viewset, reach, router: true });
        }
        return undefined;
      });
    };
    scan(module.root, base);

    /** What include(x) includes: a project URLconf, a third-party set by name, the admin, or null (not modelled). */
    function includeTarget(
      view: PyNode,
    ): { kind: 'project'; holder: ProjectModule } | { kind: 'patterns'; node: PyNode } | { kind: 'external'; name: string } | { kind: 'admin' } | null | undefined {
      const call = unwrap(view);
      if (call.type !== 'call') return undefined;
      const name = module.qualifiedName(call);
      if (!name || !INCLUDE_FUNCTIONS.has(name)) return undefined;
      let target = module.argument(call, 0, 'arg');
      // include((urlconf, app_name)): the URLconf is the first item.
      if (target?.type === 'tuple') target = target.children.find((c) => c.type !== 'comment');
      if (!target) return null;
      // include([path(...), ...]): the patterns themselves.
      if (target.type === 'list') return { kind: 'patterns', node: target };
      const literal = module.literal(target);
      if (literal?.kind === 'str') {
        const included = project.modules.get(literal.value);
        return included ? { kind: 'project', holder: included } : { kind: 'external', name: literal.value };
      }
      if (isAdminUrls(resolver, holder, target)) return { kind: 'admin' };
      const resolved = resolver.resolve(holder, target);
      if (resolved.kind === 'module') return { kind: 'project', holder: resolved.holder };
      if (resolved.kind === 'external') return { kind: 'external', name: resolved.qualified };
      return null;
    }
  };

  const root = rootModule ? project.modules.get(rootModule) : undefined;
  if (root) visit(root, { prefix: '/', complete: true }, 'root');
  // URLconf modules the root does not reach (other hosts, tenants, or an unresolved ROOT_URLCONF).
  for (const [relPath, holder] of project.sources) {
    if (visitedModules.has(relPath) || TEST_PATH.test(relPath)) continue;
    if (!definesUrlpatterns(holder.module)) continue;
    visit(holder, root ? null : { prefix: '/', complete: true }, 'other-urlconf');
  }
  return { routes, includes };
}

function definesUrlpatterns(module: PythonModule): boolean {
  return module.topLevelStatements().some((statement) => {
    const assignment = statement.type === 'expression_statement' ? statement.children[0] : undefined;
    const left = assignment?.type === 'assignment' ? field(assignment, 'left') : undefined;
    return left?.type === 'identifier' && module.text(left) === 'urlpatterns';
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Views.

/** What a route's view expression leads to, with the wrappers applied on the way. */
interface ViewTarget {
  target:
    | { kind: 'function'; holder: ProjectModule; def: PyNode }
    | { kind: 'class'; holder: ProjectModule; cls: PyNode; asView: CodeAt | null }
    | { kind: 'external-class'; qualified: string; asView: CodeAt }
    | { kind: 'external-function'; qualified: string }
    | { kind: 'unknown' };
  guards: ViewGuard[];
  /** The module-level assignment that names the view (`obtain_token = ObtainAuthToken.as_view()`), if any. */
  assignment: CodeAt | null;
}

/** Password-related calls found in a view's code. */
interface Signals {
  authenticate: boolean;
  authenticateWithoutRequest: boolean;
  checkPassword: boolean;
  /** check_password() on request.user: a re-authentication of the signed-in user. */
  reauth: boolean;
  reset: boolean;
  change: boolean;
  checksLimited: boolean;
}

function noSignals(): Signals {
  return { authenticate: false, authenticateWithoutRequest: false, checkPassword: false, reauth: false, reset: false, change: false, checksLimited: false };
}

export class EntryPointFinder {
  private readonly resolver: Resolver;
  /** Functions and classes reached while analyzing routed views (helpers, bases): not entry points of their own. */
  private readonly reached = new Set<PyNode>();
  private readonly signalCache = new Map<PyNode, Signals>();

  constructor(readonly project: ProjectModel) {
    this.resolver = new Resolver(project);
  }

  find(rootUrlconf: string | undefined): AuthEntryPoint[] {
    const { routes, includes } = walkUrlconfs(this.project, this.resolver, rootUrlconf);
    const entries = new Map<string, AuthEntryPoint>();
    const add = (entry: AuthEntryPoint): void => {
      const existing = entries.get(entry.key);
      if (!existing) {
        entries.set(entry.key, entry);
        return;
      }
      for (const route of entry.routes) if (!existing.routes.some((r) => r.node === route.node)) existing.routes.push(route);
      if (existing.reach !== 'root' && entry.reach === 'root') existing.reach = 'root';
      for (const guard of entry.guards) if (!existing.guards.includes(guard)) existing.guards.push(guard);
    };

    for (const include of includes) {
      for (const view of include.views) {
        const url = include.url ? joinUrl(include.url, view.path, false) : null;
        const node = include.call;
        add({
          key: `${include.holder.path}:${node.start}:${view.label}`,
          kind: view.kind,
          label: view.label,
          via: view.via,
          ...(view.package ? { package: view.package } : {}),
          ...(view.admin ? { admin: true as const } : {}),
          ...(view.drf ? { drf: knownDrf(view) } : {}),
          guards: [],
          checksLimited: false,
          at: { holder: include.holder, node },
          inProject: false,
          includeSet: include.set,
          routes: [{ holder: include.holder, node, url }],
          reach: include.reach,
        });
      }
    }

    for (const route of routes) {
      if (!route.view) continue;
      const target = this.viewTarget(route.holder, route.view, []);
      const entry = this.entryFor(target, { holder: route.holder, node: route.call, url: route.url }, route.reach);
      if (entry) add(entry);
    }

    // Authentication views the project defines but no URLconf routes.
    for (const [relPath, holder] of this.project.sources) {
      if (TEST_PATH.test(relPath)) continue;
      for (const statement of holder.module.topLevelStatements()) {
        const def = statement.type === 'decorated_definition' ? field(statement, 'definition') : statement;
        if (!def || this.reached.has(def)) continue;
        if (def.type === 'class_definition') {
          const entry = this.unroutedClass(holder, def);
          if (entry && !this.isBaseOfRouted(def, entries)) add(entry);
        } else if (def.type === 'function_definition') {
          const entry = this.unroutedFunction(holder, def, relPath);
          if (entry) add(entry);
        }
      }
    }
    return [...entries.values()];
  }

  private readonly drfViewCache = new Map<string, RoutedDrfView[]>();

  /** The DRF views the URLconfs route (project classes, @api_view functions, known third-party views), with their throttles. */
  drfViews(rootUrlconf: string | undefined): RoutedDrfView[] {
    const cached = this.drfViewCache.get(rootUrlconf ?? '');
    if (cached) return cached;
    const { routes } = walkUrlconfs(this.project, this.resolver, rootUrlconf);
    const out: RoutedDrfView[] = [];
    this.drfViewCache.set(rootUrlconf ?? '', out);
    const seen = new Set<PyNode>();
    for (const route of routes) {
      if (!route.view) continue;
      const { target } = this.viewTarget(route.holder, route.view, []);
      if (target.kind === 'class') {
        if (seen.has(target.cls)) continue;
        seen.add(target.cls);
        const lineage = this.resolver.lineage(target.holder, target.cls);
        if (!isDrfLineage(lineage.external)) continue;
        const drf = this.classDrf(lineage, target.asView, undefined);
        out.push({ at: { holder: target.holder, node: field(target.cls, 'name') ?? target.cls }, throttles: drf.throttles, scope: drf.scope, label: target.holder.module.definitionName(target.cls) ?? '?' });
      } else if (target.kind === 'function') {
        if (seen.has(target.def)) continue;
        seen.add(target.def);
        const drf = this.functionDrf(target.holder, target.def);
        if (drf) out.push({ at: { holder: target.holder, node: field(target.def, 'name') ?? target.def }, throttles: drf.throttles, scope: drf.scope, label: target.holder.module.definitionName(target.def) ?? '?' });
      } else if (target.kind === 'external-class' || target.kind === 'external-function') {
        const known = target.kind === 'external-class' ? KNOWN_CLASSES[target.qualified] : KNOWN_FUNCTIONS[target.qualified];
        if (known?.drf) out.push({ at: { holder: route.holder, node: route.call }, throttles: knownDrf(known).throttles, scope: knownDrf(known).scope, label: known.label });
      }
    }
    return out;
  }

  private isBaseOfRouted(cls: PyNode, entries: Map<string, AuthEntryPoint>): boolean {
    for (const entry of entries.values()) {
      if (!entry.projectClass) continue;
      if (this.resolver.lineage(entry.projectClass.holder, entry.projectClass.node).classes.some((c) => c.node === cls)) return true;
    }
    return false;
  }

  /** Follows a view expression: as_view(), decorators applied as calls, names of project definitions and assignments. */
  private viewTarget(holder: ProjectModule, expr: PyNode, guards: ViewGuard[], assignment: CodeAt | null = null, depth = 0): ViewTarget {
    const node = unwrap(expr);
    const module = holder.module;
    if (depth > 6) return { target: { kind: 'unknown' }, guards, assignment };
    if (node.type === 'call') {
      const fn = field(node, 'function');
      if (fn?.type === 'attribute' && module.text(field(fn, 'attribute')!) === 'as_view') {
        const clsExpr = field(fn, 'object');
        const resolved = clsExpr ? this.resolver.resolve(holder, clsExpr) : ({ kind: 'unknown' } as Resolved);
        const asView = { holder, node };
        if (resolved.kind === 'class') return { target: { kind: 'class', holder: resolved.holder, cls: resolved.cls, asView }, guards, assignment };
        if (resolved.kind === 'external') return { target: { kind: 'external-class', qualified: resolved.qualified, asView }, guards, assignment };
        return { target: { kind: 'unknown' }, guards, assignment };
      }
      // A decorator applied in code: ratelimit(...)(view), csrf_exempt(view), watch_login()(view).
      const inner = module.positionalArgs(node)[0];
      if (!fn || !inner) return { target: { kind: 'unknown' }, guards, assignment };
      const guard = this.guard(holder, fn);
      return this.viewTarget(holder, inner, guard ? [...guards, guard] : guards, assignment, depth + 1);
    }
    const resolved = this.resolver.resolve(holder, node);
    switch (resolved.kind) {
      case 'function':
        return { target: { kind: 'function', holder: resolved.holder, def: resolved.def }, guards, assignment };
      case 'class':
        return { target: { kind: 'class', holder: resolved.holder, cls: resolved.cls, asView: null }, guards, assignment };
      case 'assigned': {
        const left = field(resolved.assignment, 'left') ?? resolved.assignment;
        return this.viewTarget(resolved.holder, resolved.value, guards, assignment ?? { holder: resolved.holder, node: left }, depth + 1);
      }
      case 'external':
        return { target: { kind: 'external-function', qualified: resolved.qualified }, guards, assignment };
      default:
        return { target: { kind: 'unknown' }, guards, assignment };
    }
  }

  private entryFor(view: ViewTarget, route: RouteRef, reach: 'root' | 'other-urlconf'): AuthEntryPoint | undefined {
    const { target, guards, assignment } = view;
    const base = { guards: [...guards], routes: [route], reach };
    switch (target.kind) {
      case 'function': {
        this.reached.add(target.def);
        const entry = this.functionEntry(target.holder, target.def, base);
        return entry;
      }
      case 'class': {
        this.reached.add(target.cls);
        for (const c of this.resolver.lineage(target.holder, target.cls).classes) this.reached.add(c.node);
        return this.classEntry(target.holder, target.cls, target.asView, base);
      }
      case 'external-class':
      case 'external-function': {
        const known = target.kind === 'external-class' ? KNOWN_CLASSES[target.qualified] : KNOWN_FUNCTIONS[target.qualified];
        if (!known) return undefined;
        let drf = known.drf ? knownDrf(known) : undefined;
        if (drf && target.kind === 'external-class') drf = this.asViewOverrides(target.asView, drf);
        const at = assignment ?? { holder: route.holder, node: route.node };
        const name = assignment ? assignment.holder.module.text(assignment.node) : undefined;
        return {
          key: `${at.holder.path}:${at.node.start}`,
          kind: known.kind,
          label: name ? `${name} (${known.label})` : known.label,
          via: known.via,
          ...(known.package ? { package: known.package } : {}),
          ...(known.admin ? { admin: true as const } : {}),
          ...(drf ? { drf } : {}),
          ...base,
          checksLimited: false,
          at,
          inProject: assignment !== null,
        };
      }
      default:
        return undefined;
    }
  }

  private functionEntry(holder: ProjectModule, def: PyNode, base: { guards: ViewGuard[]; routes: RouteRef[]; reach: AuthEntryPoint['reach'] }): AuthEntryPoint | undefined {
    const signals = this.signals(holder, def, 0);
    const classified = classify(signals);
    if (!classified) return undefined;
    const guards = [...base.guards, ...this.definitionGuards(holder, def)];
    const drf = this.functionDrf(holder, def);
    const name = holder.module.definitionName(def) ?? '?';
    const nameNode = field(def, 'name') ?? def;
    return {
      key: `${holder.path}:${nameNode.start}`,
      kind: classified.kind,
      label: name,
      via: classified.via,
      ...(drf ? { drf } : {}),
      guards,
      checksLimited: signals.checksLimited,
      at: { holder, node: nameNode },
      inProject: true,
      routes: base.routes,
      reach: base.reach,
    };
  }

  private classEntry(holder: ProjectModule, cls: PyNode, asView: CodeAt | null, base: { guards: ViewGuard[]; routes: RouteRef[]; reach: AuthEntryPoint['reach'] }): AuthEntryPoint | undefined {
    const lineage = this.resolver.lineage(holder, cls);
    const known = lineage.external.map((name) => KNOWN_CLASSES[name]).find((k): k is KnownView => k !== undefined);
    const signals = noSignals();
    for (const c of lineage.classes) {
      for (const method of classMethods(c.node)) mergeSignals(signals, this.signals(c.holder, method, 0));
      for (const attr of ['form_class', 'serializer_class', 'authentication_form']) {
        const value = classAttribute(c, attr);
        if (value) mergeSignals(signals, this.classSignals(c.holder, value, true));
      }
    }
    let kind: EntryKind;
    let via: CheckVia;
    let label: string;
    if (known) {
      kind = known.kind;
      via = known.via;
      // A LoginView whose code calls check_password() itself is not seen by axes.
      if (known.via === 'django-login-view' && signals.checkPassword && !signals.authenticate) via = 'check-password';
      label = `${holder.module.definitionName(cls) ?? '?'} (${known.label})`;
    } else {
      const classified = classify(signals);
      if (!classified) return undefined;
      kind = classified.kind;
      via = classified.via;
      label = holder.module.definitionName(cls) ?? '?';
    }
    const guards = [...base.guards];
    for (const c of lineage.classes) guards.push(...this.classGuards(c.holder, c.node));
    const drf = isDrfLineage(lineage.external) || known?.drf ? this.classDrf(lineage, asView, known) : undefined;
    const nameNode = field(cls, 'name') ?? cls;
    return {
      key: `${holder.path}:${nameNode.start}`,
      kind,
      label,
      via,
      ...(known?.package ? { package: known.package } : {}),
      ...(drf ? { drf } : {}),
      guards,
      checksLimited: signals.checksLimited,
      at: { holder, node: nameNode },
      inProject: true,
      routes: base.routes,
      reach: base.reach,
      projectClass: { holder, node: cls },
    };
  }

  private unroutedClass(holder: ProjectModule, cls: PyNode): AuthEntryPoint | undefined {
    const lineage = this.resolver.lineage(holder, cls);
    if (!lineage.external.some((name) => VIEW_BASE.test(name) || KNOWN_CLASSES[name] !== undefined)) return undefined;
    // Abstract helpers (mixins named …Mixin) are not views.
    if (/Mixin$/.test(holder.module.definitionName(cls) ?? '')) return undefined;
    return this.classEntry(holder, cls, null, { guards: [], routes: [], reach: 'unrouted' });
  }

  private unroutedFunction(holder: ProjectModule, def: PyNode, relPath: string): AuthEntryPoint | undefined {
    const params = parameterNames(def, holder.module);
    const apiView = holder.module.decoratorNames(def).includes('rest_framework.decorators.api_view');
    if (!apiView && (params[0] !== 'request' || !VIEWS_PATH.test(relPath))) return undefined;
    return this.functionEntry(holder, def, { guards: [], routes: [], reach: 'unrouted' });
  }

  // -------------------------------------------------------------------------------------------------------------
  // Signals: what a function's code does with passwords.

  private signals(holder: ProjectModule, fn: PyNode, depth: number): Signals {
    const cached = this.signalCache.get(fn);
    if (cached) return cached;
    const out = noSignals();
    this.signalCache.set(fn, out); // recursion guard
    const module = holder.module;
    walk(fn, (node) => {
      if (node.type === 'attribute' && module.text(field(node, 'attribute') ?? node) === 'limited') out.checksLimited = true;
      if (node.type === 'string' && /^[rbuRBU]?["']limited["']$/.test(module.text(node))) out.checksLimited = true;
      if (node.type !== 'call') return undefined;
      const callee = field(node, 'function');
      if (!callee) return undefined;
      const qualified = module.qualifiedName(node);
      if (qualified && AUTHENTICATE.has(qualified)) {
        const request = module.keywordArg(node, 'request') ?? module.positionalArgs(node)[0];
        if (request) out.authenticate = true;
        else out.authenticateWithoutRequest = true;
        return undefined;
      }
      if ((qualified && CHECK_PASSWORD.has(qualified)) || (callee.type === 'attribute' && /^a?check_password$/.test(module.calleeName(node) ?? ''))) {
        const object = callee.type === 'attribute' ? field(callee, 'object') : undefined;
        if (object && /^(self\.)?request\.user$/.test(module.text(object).replace(/\s+/g, ''))) out.reauth = true;
        else out.checkPassword = true;
        return undefined;
      }
      if (depth >= 2) return undefined;
      const resolved = this.resolver.resolve(holder, callee);
      if (resolved.kind === 'function') {
        this.reached.add(resolved.def);
        mergeSignals(out, this.signals(resolved.holder, resolved.def, depth + 1));
      } else if (resolved.kind === 'class' || resolved.kind === 'external') {
        const request = module.keywordArg(node, 'request') ?? module.positionalArgs(node)[0];
        const found = this.classSignals(holder, callee, request !== undefined && !/^(request\.(POST|data|GET)|data)$/.test(module.text(request)));
        mergeSignals(out, found);
      }
      return undefined;
    });
    return out;
  }

  /** Signals of a form or serializer class used by a view (`AuthenticationForm(request, …)`, `LoginSerializer`). */
  private classSignals(holder: ProjectModule, classExpr: PyNode, withRequest: boolean): Signals {
    const out = noSignals();
    const lineage = this.resolver.classExprLineage(holder, classExpr);
    if (!lineage) return out;
    if (lineage.external.some((name) => AUTH_FORMS.has(name))) {
      if (withRequest) out.authenticate = true;
      else out.authenticateWithoutRequest = true;
    }
    if (lineage.external.some((name) => AUTH_SERIALIZERS.has(name))) out.authenticate = true;
    if (lineage.external.some((name) => RESET_FORMS.has(name))) out.reset = true;
    if (lineage.external.some((name) => CHANGE_FORMS.has(name))) out.change = true;
    for (const c of lineage.classes) {
      this.reached.add(c.node);
      for (const method of classMethods(c.node)) mergeSignals(out, this.signals(c.holder, method, 1));
    }
    return out;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Guards: decorators that limit attempts.

  guard(holder: ProjectModule, expr: PyNode): ViewGuard | undefined {
    const module = holder.module;
    const node = unwrap(expr);
    const target = node.type === 'call' ? field(node, 'function') : node;
    if (!target) return undefined;
    const qualified = module.qualifiedName(target) ?? module.text(target);
    if (qualified === 'django.utils.decorators.method_decorator' && node.type === 'call') {
      const inner = module.argument(node, 0, 'decorator');
      const name = module.keywordArg(node, 'name');
      const method = name ? module.literal(name) : undefined;
      // method_decorator([ratelimit(...), csrf_protect], name=...): the first limiting decorator of the list.
      const candidates = inner && (inner.type === 'list' || inner.type === 'tuple') ? inner.children.filter((c) => c.type !== 'comment') : inner ? [inner] : [];
      const guard = candidates.map((candidate) => this.guard(holder, candidate)).find((g) => g !== undefined);
      if (guard?.kind === 'ratelimit' && method?.kind === 'str' && /^(get|head|options)$/i.test(method.value)) return { ...guard, safeMethodsOnly: true };
      return guard;
    }
    const at = { holder, node };
    const version = RATELIMIT_DECORATORS[qualified];
    if (version !== undefined) {
      if (node.type !== 'call') return { kind: 'ratelimit', at, version, block: version === 4, hasRate: false, safeMethodsOnly: false };
      const arg = (index: number, keyword: string): PyNode | undefined => module.argument(node, index, keyword);
      const blockNode = arg(4, 'block');
      const blockValue = blockNode ? module.literal(blockNode) : undefined;
      const block = blockNode ? (blockValue?.kind === 'bool' ? blockValue.value : undefined) : version === 4;
      const rateNode = arg(2, 'rate');
      const hasRate = rateNode !== undefined && module.literal(rateNode)?.kind !== 'none';
      const methodNode = arg(3, 'method');
      return { kind: 'ratelimit', at, version, block, hasRate, safeMethodsOnly: methodNode ? safeOnly(module, methodNode) : false };
    }
    if (qualified === 'defender.decorators.watch_login') return { kind: 'watch-login', at };
    if (qualified.startsWith('axes.decorators.')) return { kind: 'axes', at, name: qualified };
    // Another package's limiter, trusted by name (DRF's @throttle_classes is modelled as throttles, not here).
    if (/rate_?limit|throttl|brake|lockout|watch_login/i.test(qualified) && !/^(rest_framework|django)\./.test(qualified)) return { kind: 'other', at, name: qualified };
    return undefined;
  }

  private definitionGuards(holder: ProjectModule, def: PyNode): ViewGuard[] {
    return holder.module.decorators(def).flatMap((d) => {
      const guard = this.guard(holder, d);
      return guard ? [guard] : [];
    });
  }

  /** Guards on a class: class decorators (method_decorator(..., name=…)) and decorators of its request-handling methods. */
  private classGuards(holder: ProjectModule, cls: PyNode): ViewGuard[] {
    const out = this.definitionGuards(holder, cls);
    for (const method of classMethods(cls)) {
      const name = holder.module.definitionName(method) ?? '';
      if (!/^(dispatch|post|put|create|form_valid|get)$/.test(name)) continue;
      for (const guard of this.definitionGuards(holder, method)) out.push(guard.kind === 'ratelimit' && name === 'get' ? { ...guard, safeMethodsOnly: true } : guard);
    }
    return out;
  }

  // -------------------------------------------------------------------------------------------------------------
  // DRF throttles.

  private functionDrf(holder: ProjectModule, def: PyNode): DrfView | undefined {
    const module = holder.module;
    let api = false;
    let throttles: ViewThrottles = { kind: 'default' };
    for (const decorator of module.decorators(def)) {
      const target = decorator.type === 'call' ? field(decorator, 'function') : decorator;
      const name = target ? module.qualifiedName(target) : null;
      if (name === 'rest_framework.decorators.api_view') api = true;
      if (name === 'rest_framework.decorators.throttle_classes' && decorator.type === 'call') {
        const list = module.positionalArgs(decorator)[0];
        throttles = list ? this.throttleList(holder, list) : { kind: 'unknown' };
      }
    }
    return api ? { throttles, scope: null } : undefined;
  }

  private classDrf(lineage: Lineage, asView: CodeAt | null, known: KnownView | undefined): DrfView {
    let throttles: ViewThrottles | undefined;
    let scope: DrfView['scope'] = null;
    for (const c of lineage.classes) {
      if (!throttles) {
        if (classMethods(c.node).some((m) => c.holder.module.definitionName(m) === 'get_throttles')) throttles = { kind: 'unknown' };
        const value = classAttribute(c, 'throttle_classes');
        if (value) throttles = this.throttleList(c.holder, value);
      }
      if (!scope) {
        const value = classAttribute(c, 'throttle_scope');
        const literal = value ? c.holder.module.literal(value) : undefined;
        if (literal?.kind === 'str') scope = { value: literal.value, at: { holder: c.holder, node: value! } };
        else if (value) scope = null;
      }
    }
    if (!throttles) {
      const emptied = lineage.external.find((name) => KNOWN_CLASSES[name]?.drf === 'emptied');
      throttles = emptied ? { kind: 'emptied-by-base', base: emptied } : { kind: 'default' };
    }
    if (!scope) {
      const inherited = lineage.external.map((name) => KNOWN_CLASSES[name]?.scope).find((s) => s !== undefined) ?? known?.scope;
      if (inherited) scope = { value: inherited, at: null };
    }
    return this.asViewOverrides(asView, { throttles, scope });
  }

  private asViewOverrides(asView: CodeAt | null, drf: DrfView): DrfView {
    if (!asView) return drf;
    const value = asView.holder.module.keywordArg(asView.node, 'throttle_classes');
    const scope = asView.holder.module.keywordArg(asView.node, 'throttle_scope');
    const literal = scope ? asView.holder.module.literal(scope) : undefined;
    return {
      throttles: value ? this.throttleList(asView.holder, value) : drf.throttles,
      scope: literal?.kind === 'str' ? { value: literal.value, at: { holder: asView.holder, node: scope! } } : drf.scope,
    };
  }

  /** A literal list/tuple of throttle classes. */
  throttleList(holder: ProjectModule, node: PyNode): ViewThrottles {
    const list = unwrap(node);
    if (list.type !== 'list' && list.type !== 'tuple') return { kind: 'unknown' };
    const items: ThrottleRef[] = [];
    for (const item of list.children) {
      if (item.type === 'comment') continue;
      items.push(this.throttleRef(holder, item));
    }
    return { kind: 'own', items, at: { holder, node } };
  }

  throttleRef(holder: ProjectModule, node: PyNode): ThrottleRef {
    const resolved = this.resolver.resolve(holder, node);
    if (resolved.kind === 'external') return { kind: 'external', qualified: resolved.qualified };
    if (resolved.kind === 'class') return { kind: 'project', holder: resolved.holder, cls: resolved.cls, name: resolved.holder.module.definitionName(resolved.cls) ?? '?' };
    return { kind: 'unknown', text: holder.module.text(node) };
  }

  /** A throttle class named by a dotted path in the settings. */
  throttleByPath(dotted: string): ThrottleRef {
    const resolved = this.resolver.resolveQualified(dotted);
    if (resolved.kind === 'class') return { kind: 'project', holder: resolved.holder, cls: resolved.cls, name: resolved.holder.module.definitionName(resolved.cls) ?? '?' };
    if (resolved.kind === 'external') return { kind: 'external', qualified: dotted };
    return { kind: 'unknown', text: dotted };
  }

  lineageOf(holder: ProjectModule, cls: PyNode): Lineage {
    return this.resolver.lineage(holder, cls);
  }
}

/** The first use of django-ratelimit's decorator in the project's code (tests excluded), if any. */
export function ratelimitUse(project: ProjectModel): CodeAt | undefined {
  for (const [relPath, holder] of project.sources) {
    if (TEST_PATH.test(relPath)) continue;
    let found: PyNode | undefined;
    walk(holder.module.root, (node) => {
      if (found) return false;
      if (node.type === 'call' || node.type === 'decorator') {
        const target = node.type === 'call' ? field(node, 'function') : node.children.find((c) => c.type !== 'comment');
        const name = target && (target.type === 'identifier' || target.type === 'attribute') ? holder.module.qualifiedName(target) : null;
        if (name && RATELIMIT_DECORATORS[name] !== undefined) found = node;
      }
      return undefined;
    });
    if (found) return { holder, node: found };
  }
  return undefined;
}

/** The kind of entry point a view's signals make it, if any. */
function classify(signals: Signals): { kind: EntryKind; via: CheckVia } | undefined {
  if (signals.authenticate) return { kind: 'login', via: 'authenticate' };
  if (signals.checkPassword) return { kind: 'login', via: 'check-password' };
  if (signals.authenticateWithoutRequest) return { kind: 'login', via: 'authenticate-no-request' };
  if (signals.change || signals.reauth) return { kind: 'password-change', via: 'check-password' };
  if (signals.reset) return { kind: 'password-reset', via: 'none' };
  return undefined;
}

function mergeSignals(into: Signals, from: Signals): void {
  into.authenticate ||= from.authenticate;
  into.authenticateWithoutRequest ||= from.authenticateWithoutRequest;
  into.checkPassword ||= from.checkPassword;
  into.reauth ||= from.reauth;
  into.reset ||= from.reset;
  into.change ||= from.change;
  into.checksLimited ||= from.checksLimited;
}

/** The value of `name = value` directly in a class body (the last one). */
function classAttribute(c: CodeAt, name: string): PyNode | undefined {
  let found: PyNode | undefined;
  for (const statement of field(c.node, 'body')?.children ?? []) {
    const assignment = statement.type === 'expression_statement' ? statement.children[0] : undefined;
    if (assignment?.type !== 'assignment') continue;
    const left = field(assignment, 'left');
    if (left?.type === 'identifier' && c.holder.module.text(left) === name) found = field(assignment, 'right') ?? found;
  }
  return found;
}

function isDrfLineage(external: readonly string[]): boolean {
  return external.some((name) => DRF_PREFIXES.some((prefix) => name.startsWith(prefix)));
}

function knownDrf(known: KnownView): DrfView {
  return {
    throttles: known.drf === 'emptied' ? { kind: 'emptied-by-base', base: 'rest_framework.authtoken.views.ObtainAuthToken' } : { kind: 'default' },
    scope: known.scope ? { value: known.scope, at: null } : null,
  };
}

/** Does a ratelimit `method=` argument count only safe methods (GET/HEAD), never the POST of a login? */
function safeOnly(module: PythonModule, node: PyNode): boolean {
  const value = module.literal(node);
  const methods = value?.kind === 'str' ? [value.value] : value?.kind === 'list' || value?.kind === 'tuple' ? value.items.flatMap((i) => (i.kind === 'str' ? [i.value] : [])) : undefined;
  if (methods) return methods.length > 0 && methods.every((m) => /^(GET|HEAD|OPTIONS)$/i.test(m));
  const text = module.text(node);
  return /(^|\.)SAFE$/.test(text);
}
