/**
 * Whether each authentication entry point is protected against brute force under each judged settings module:
 * django-axes (wired and enabled, and the entry point authenticates through `authenticate(request, …)`),
 * django-defender (its middleware covers Django's LoginView, `@watch_login` the rest), django-ratelimit decorators
 * (with `block=True` or a view that reads `request.limited`), DRF throttle classes that actually apply to the view
 * (with a rate for their scope), django-allauth's own rate limits, and `limit_req` in an nginx configuration of the
 * repository. A protection that is present but switched off or miswired is not counted, and the entry point is
 * marked as deferred to the rule that reports the switch (so that one cause gives one finding).
 */
import type { ProjectModel, ProjectModule } from '../project/model.js';
import { field, type PyNode } from '../python/ast.js';
import type { SettingsSnapshot } from '../settings/snapshot.js';
import { EntryPointFinder, type AuthEntryPoint, type DrfView, type ThrottleRef, type UrlPath, type ViewThrottles } from './auth-entry-points.js';
import { authSettings, cacheBackend, type AuthSettings } from './auth-settings.js';

/** The rules a protection that is present but inert is reported by. */
export type DeferredTo = 'HRD003' | 'HRD004' | 'HRD005';

export interface Coverage {
  entry: AuthEntryPoint;
  /** The protections that apply, for messages ("django-axes", "DRF throttling (ScopedRateThrottle 'login': 5/minute)"). */
  protectedBy: string[];
  /** Whether DRF throttling is among them. */
  drfThrottled: boolean;
  /** Protections present that do not cover this entry point, and why (for messages). */
  gaps: string[];
  /** A protection that would cover it is switched off or miswired: the named rule reports that. */
  deferredTo?: DeferredTo;
  /** Not knowable from the settings (an unevaluable INSTALLED_APPS, REST_FRAMEWORK, …). */
  unknown: boolean;
}

export interface SnapshotCoverage {
  settings: AuthSettings;
  entries: Coverage[];
}

export interface AuthAnalysis {
  bySnapshot: SnapshotCoverage[];
  finderFor(snapshot: SettingsSnapshot): EntryPointFinder;
}

const cache = new WeakMap<ProjectModel, AuthAnalysis>();

/** The coverage of every entry point under every judged settings module (computed once per scan). */
export function authAnalysis(project: ProjectModel): AuthAnalysis {
  const cached = cache.get(project);
  if (cached) return cached;
  const finders = new Map<string, EntryPointFinder>();
  const entriesByUrlconf = new Map<string, AuthEntryPoint[]>();
  const limits = nginxLimits(project.textFiles);
  const finderFor = (snapshot: SettingsSnapshot): EntryPointFinder => {
    const key = rootUrlconf(snapshot) ?? '';
    let finder = finders.get(key);
    if (!finder) finders.set(key, (finder = new EntryPointFinder(project)));
    return finder;
  };
  const bySnapshot = project.settings.map((snapshot) => {
    const key = rootUrlconf(snapshot) ?? '';
    let entries = entriesByUrlconf.get(key);
    if (!entries) entriesByUrlconf.set(key, (entries = finderFor(snapshot).find(rootUrlconf(snapshot))));
    const settings = authSettings(snapshot);
    const finder = finderFor(snapshot);
    return { settings, entries: entries.map((entry) => cover(entry, settings, finder, limits)) };
  });
  const analysis: AuthAnalysis = { bySnapshot, finderFor };
  cache.set(project, analysis);
  return analysis;
}

export function rootUrlconf(snapshot: SettingsSnapshot): string | undefined {
  const value = snapshot.get('ROOT_URLCONF').value;
  return value.t === 'str' && /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(value.v) ? value.v : undefined;
}

function cover(entry: AuthEntryPoint, settings: AuthSettings, finder: EntryPointFinder, limits: NginxLimit[]): Coverage {
  const out: Coverage = { entry, protectedBy: [], drfThrottled: false, gaps: [], unknown: false };
  const defer = (rule: DeferredTo): void => {
    out.deferredTo ??= rule;
  };
  const passwordCheck = entry.kind === 'login' || entry.kind === 'token';

  // Decorators on the view (or applied in the URLconf).
  for (const guard of entry.guards) {
    switch (guard.kind) {
      case 'ratelimit': {
        const name = guard.version === 4 ? 'django-ratelimit' : 'django-ratelimit 3 (`ratelimit` package)';
        if (guard.safeMethodsOnly) out.gaps.push(`@ratelimit counts only GET requests, not the POST that carries the password`);
        else if (!guard.hasRate) out.gaps.push('@ratelimit has no rate=, so it never limits');
        else if (guard.block === false && !entry.checksLimited) {
          out.gaps.push(`@ratelimit(block=False) only sets request.limited, which the view never reads${guard.version === 3 ? ' (block=False is the default of django-ratelimit 3)' : ''}`);
        } else if (settings.ratelimit.enabled === false) defer('HRD005');
        else if (settings.ratelimit.cacheAlias && isDummyCache(cacheBackend(settings.snapshot, settings.ratelimit.cacheAlias).backend)) defer('HRD004');
        else out.protectedBy.push(name);
        break;
      }
      case 'watch-login':
        out.protectedBy.push("django-defender's @watch_login");
        break;
      case 'axes':
        if (settings.axes.active !== false) out.protectedBy.push('django-axes');
        break;
      case 'other':
        out.protectedBy.push(`${guard.name.split('.').pop() ?? guard.name} (a rate-limiting decorator ponyguard does not model)`);
        break;
    }
  }

  // DRF throttling.
  if (entry.drf) {
    const verdict = drfVerdict(entry.drf, settings, finder);
    if (verdict.kind === 'limits') {
      out.protectedBy.push(`DRF throttling (${verdict.detail})`);
      out.drfThrottled = true;
    } else if (verdict.kind === 'unknown') out.unknown = true;
    else out.gaps.push(verdict.detail);
  }

  // django-axes and django-defender see password checks only.
  if (passwordCheck) {
    const axes = settings.axes;
    const axesSees = entry.via === 'django-login-view' || entry.via === 'authenticate';
    if (axes.installed === true || axes.installed === undefined) {
      if (!axesSees) {
        if (axes.installed === true) out.gaps.push(entry.via === 'check-password' ? 'django-axes only counts failures of authenticate(), and this view calls check_password() itself' : 'authenticate() is called without the request, so django-axes cannot count the failure (AxesBackend refuses it)');
      } else if (axes.onlyAdminSite && !entry.admin) out.gaps.push('AXES_ONLY_ADMIN_SITE = True: django-axes watches the admin login only');
      else if (axes.active === true) out.protectedBy.push('django-axes');
      else if (axes.installed === true && axes.enabled === false) defer('HRD005');
      else if (axes.miswired) defer('HRD003');
      else if (axes.installed === undefined || axes.active === undefined) out.unknown ||= out.protectedBy.length === 0;
    }
    const defender = settings.defender.middleware;
    if (defender === true) {
      if (entry.via === 'django-login-view') out.protectedBy.push("django-defender's FailedLoginMiddleware");
      else out.gaps.push("django-defender's middleware only watches Django's LoginView; this view needs @watch_login()");
    } else if (defender === undefined && entry.via === 'django-login-view') out.unknown ||= out.protectedBy.length === 0;
  }

  // django-allauth's own limits.
  if (entry.package === 'allauth') {
    const disabled = entry.kind === 'password-reset' ? settings.allauth.resetLimitDisabled : settings.allauth.loginLimitDisabled;
    if (disabled) defer('HRD005');
    else out.protectedBy.push("django-allauth's rate limits");
  }

  // A web server limit in front of the route.
  const limit = limits.find((l) => entry.routes.some((route) => route.url && l.covers(route.url)));
  if (limit) out.protectedBy.push(`nginx limit_req (${limit.path}:${limit.line})`);

  if (out.protectedBy.length > 0) {
    out.unknown = false;
    delete out.deferredTo;
  }
  return out;
}

export function isProtected(coverage: Coverage): boolean {
  return coverage.protectedBy.length > 0;
}

/** Unprotected, judged, and not the consequence of a switch another rule reports. */
export function isReportable(coverage: Coverage): boolean {
  return coverage.protectedBy.length === 0 && !coverage.unknown && coverage.deferredTo === undefined;
}

function isDummyCache(backend: string | null | undefined): boolean {
  return backend === 'django.core.cache.backends.dummy.DummyCache';
}

// ---------------------------------------------------------------------------------------------------------------
// DRF throttles.

export type ThrottleVerdict =
  /** The class limits requests: `detail` says how. */
  | { kind: 'limits'; detail: string }
  /** The class never throttles (no rate, no scope). */
  | { kind: 'none'; detail: string }
  /** DRF raises ImproperlyConfigured at request time (no rate for the scope, a malformed rate). */
  | { kind: 'broken'; detail: string }
  | { kind: 'unknown' };

const RATE = /^\s*\d+\s*\/\s*[smhd]/;
const BUILTIN_SCOPES: Readonly<Record<string, string>> = {
  'rest_framework.throttling.AnonRateThrottle': 'anon',
  'rest_framework.throttling.UserRateThrottle': 'user',
};
const SCOPED = 'rest_framework.throttling.ScopedRateThrottle';

/** What one throttle class does for a view with the given throttle_scope. */
export function throttleVerdict(ref: ThrottleRef, viewScope: string | null, rates: Map<string, string | null> | undefined, finder: EntryPointFinder): ThrottleVerdict {
  let rate: string | null | undefined;
  let scope: string | undefined;
  let scoped = false;
  let name: string;
  if (ref.kind === 'unknown') return { kind: 'unknown' };
  if (ref.kind === 'external') {
    name = ref.qualified.split('.').pop() ?? ref.qualified;
    if (ref.qualified === SCOPED) scoped = true;
    else if (BUILTIN_SCOPES[ref.qualified]) scope = BUILTIN_SCOPES[ref.qualified];
    else return { kind: 'unknown' };
  } else {
    name = ref.name;
    const lineage = finder.lineageOf(ref.holder, ref.cls);
    for (const c of lineage.classes) {
      const module = c.holder.module;
      for (const statement of field(c.node, 'body')?.children ?? []) {
        const def = statement.type === 'decorated_definition' ? field(statement, 'definition') : statement;
        if (def?.type === 'function_definition' && /^(allow_request|get_rate|get_cache_key|__init__)$/.test(module.definitionName(def) ?? '')) {
          if (module.definitionName(def) !== 'get_cache_key') return { kind: 'unknown' };
        }
        const assignment = statement.type === 'expression_statement' ? statement.children[0] : undefined;
        if (assignment?.type !== 'assignment') continue;
        const left = field(assignment, 'left');
        const right = field(assignment, 'right');
        if (!left || !right || left.type !== 'identifier') continue;
        const key = module.text(left);
        const literal = module.literal(right);
        if (key === 'rate' && rate === undefined) rate = literal?.kind === 'str' ? literal.value : literal?.kind === 'none' ? null : undefined;
        if (key === 'scope' && scope === undefined && literal?.kind === 'str') scope = literal.value;
      }
    }
    const external = lineage.external;
    if (external.includes(SCOPED)) scoped = scope === undefined;
    if (scope === undefined && !scoped) scope = external.map((q) => BUILTIN_SCOPES[q]).find((s) => s !== undefined);
    if (rate === undefined && scope === undefined && !scoped) return { kind: 'unknown' };
  }
  if (rate === null) return { kind: 'none', detail: `${name}'s rate is None, so it never throttles` };
  if (typeof rate === 'string') return RATE.test(rate) ? { kind: 'limits', detail: `${name} ${rate}` } : { kind: 'broken', detail: `${name}'s rate ${JSON.stringify(rate)} is not "<n>/<s|m|h|d>"` };
  if (scoped) {
    if (!viewScope) return { kind: 'none', detail: `${name} needs a throttle_scope on the view, which it lacks` };
    scope = viewScope;
  }
  if (scope === undefined) return { kind: 'unknown' };
  if (!rates) return { kind: 'unknown' };
  if (!rates.has(scope)) return { kind: 'broken', detail: `no DEFAULT_THROTTLE_RATES entry for ${name}'s scope '${scope}' (DRF raises ImproperlyConfigured)` };
  const value = rates.get(scope);
  if (value === null || value === undefined) return { kind: 'none', detail: `the rate of ${name}'s scope '${scope}' is None, so it never throttles` };
  if (!RATE.test(value)) return { kind: 'broken', detail: `the rate ${JSON.stringify(value)} of scope '${scope}' is not "<n>/<s|m|h|d>"` };
  return { kind: 'limits', detail: `${name} '${scope}': ${value}` };
}

/** The throttle classes that apply to a view: its own, none (ObtainAuthToken), or DEFAULT_THROTTLE_CLASSES. */
export function effectiveThrottles(throttles: ViewThrottles, settings: AuthSettings, finder: EntryPointFinder): { refs: ThrottleRef[] | undefined; source: 'view' | 'emptied' | 'default' } {
  switch (throttles.kind) {
    case 'own':
      return { refs: throttles.items, source: 'view' };
    case 'emptied-by-base':
      return { refs: [], source: 'emptied' };
    case 'unknown':
      return { refs: undefined, source: 'view' };
    case 'default': {
      const classes = settings.drf.defaultClasses;
      return { refs: classes?.map((dotted) => finder.throttleByPath(dotted)), source: 'default' };
    }
  }
}

function drfVerdict(drf: DrfView, settings: AuthSettings, finder: EntryPointFinder): ThrottleVerdict {
  const { refs, source } = effectiveThrottles(drf.throttles, settings, finder);
  if (!refs) return { kind: 'unknown' };
  if (refs.length === 0) {
    if (source === 'emptied') return { kind: 'none', detail: 'ObtainAuthToken sets throttle_classes = (), so the DEFAULT_THROTTLE_CLASSES do not apply to it' };
    if (source === 'view') return { kind: 'none', detail: 'the view sets throttle_classes to an empty list' };
    return { kind: 'none', detail: 'no DRF throttle applies (REST_FRAMEWORK has no DEFAULT_THROTTLE_CLASSES)' };
  }
  const verdicts = refs.map((ref) => throttleVerdict(ref, drf.scope?.value ?? null, settings.drf.rates, finder));
  const limiting = verdicts.filter((v): v is Extract<ThrottleVerdict, { kind: 'limits' }> => v.kind === 'limits');
  if (limiting.length > 0) return { kind: 'limits', detail: limiting.map((v) => v.detail).join(', ') };
  if (verdicts.some((v) => v.kind === 'unknown')) return { kind: 'unknown' };
  // A misconfigured throttle makes DRF fail every request of the view: HRD007 reports it; the view is not open.
  const broken = verdicts.find((v) => v.kind === 'broken');
  if (broken) return { kind: 'limits', detail: `misconfigured: ${broken.detail}` };
  return { kind: 'none', detail: verdicts.map((v) => (v.kind === 'none' ? v.detail : '')).filter(Boolean).join('; ') };
}

// ---------------------------------------------------------------------------------------------------------------
// nginx limit_req.

export interface NginxLimit {
  path: string;
  line: number;
  covers(url: UrlPath): boolean;
}

/** `limit_req` directives of the repository's nginx configurations, each with the location block it sits in. */
export function nginxLimits(textFiles: ReadonlyMap<string, string>): NginxLimit[] {
  const out: NginxLimit[] = [];
  for (const [path, text] of textFiles) {
    if (!/\blimit_req\s/.test(text)) continue;
    const stack: string[][] = [];
    let words: string[] = [];
    let word = '';
    let line = 1;
    let wordLine = 1;
    const flush = (): void => {
      if (word) words.push(word);
      word = '';
    };
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (ch === '\n') line++;
      if (ch === '#') {
        flush();
        while (i < text.length && text[i] !== '\n') i++;
        line++;
        continue;
      }
      if (ch === '"' || ch === "'") {
        const end = text.indexOf(ch, i + 1);
        if (end < 0) break;
        word += text.slice(i + 1, end);
        i = end;
        continue;
      }
      if (/\s/.test(ch)) {
        flush();
        continue;
      }
      if (ch === '{') {
        flush();
        stack.push(words);
        words = [];
        continue;
      }
      if (ch === '}') {
        flush();
        stack.pop();
        words = [];
        continue;
      }
      if (ch === ';') {
        flush();
        if (words[0] === 'limit_req') {
          const location = [...stack].reverse().find((header) => header[0] === 'location');
          out.push({ path, line: wordLine, covers: locationMatcher(location) });
        }
        words = [];
        continue;
      }
      if (!word && words.length === 0) wordLine = line;
      word += ch;
    }
  }
  return out;
}

function locationMatcher(header: string[] | undefined): (url: UrlPath) => boolean {
  if (!header) return () => true;
  const [, first, second] = header;
  if (first === undefined) return () => false;
  const modifier = second !== undefined ? first : '';
  const pattern = second ?? first;
  if (modifier === '=') return (url) => url.complete && url.prefix === pattern;
  if (modifier === '~' || modifier === '~*') {
    let regex: RegExp;
    try {
      regex = new RegExp(pattern, modifier === '~*' ? 'i' : '');
    } catch {
      return () => false;
    }
    return (url) => url.complete && regex.test(url.prefix);
  }
  return (url) => url.prefix.startsWith(pattern);
}

/** The location to report a finding about an entry point at. */
export function entryLocation(entry: AuthEntryPoint): { module: ProjectModule['module']; path: string; node: PyNode } {
  return { module: entry.at.holder.module, path: entry.at.holder.path, node: entry.at.node };
}

/** `path:line` of an entry point, for messages. */
export function whereIs(entry: AuthEntryPoint): string {
  return `${entry.at.holder.path}:${entry.at.holder.module.lines.lineOf(entry.at.node.start)}`;
}

/** The URL of an entry point for messages (`/accounts/login/`), when known. */
export function urlOf(entry: AuthEntryPoint): string | undefined {
  for (const route of entry.routes) {
    if (route.url?.complete) return route.url.prefix;
  }
  const partial = entry.routes.find((route) => route.url)?.url;
  return partial ? `${partial.prefix}…` : undefined;
}
