/**
 * What a settings module says about brute-force protection of authentication: django-axes (app, middleware, backend,
 * flags, cool-off, cache handler), django-defender (middleware, cool-off, mock Redis), django-ratelimit (enable flag,
 * cache), Django REST framework throttling (default classes and rates, NUM_PROXIES), django-allauth rate limits and
 * the signs that the site runs behind a reverse proxy. Every answer may be `undefined`: the settings do not say
 * (a value ponyguard cannot evaluate), and callers then do not judge.
 */
import { hasMiddleware } from '../settings/django-checks.js';
import type { SettingsSnapshot } from '../settings/snapshot.js';
import { dictGet, stringItems, truthy, type Origin, type Value } from '../settings/value.js';

export const AXES_APP = 'axes';
export const AXES_MIDDLEWARE = 'axes.middleware.AxesMiddleware';
export const AXES_BACKEND = 'axes.backends.AxesStandaloneBackend';
/** `AxesStandaloneBackend`, the legacy `AxesBackend`, `AxesModelBackend`, or a project subclass named like them. */
const AXES_BACKEND_NAME = /^axes\.backends\.Axes\w*Backend$/;
export const DEFENDER_MIDDLEWARE = 'defender.middleware.FailedLoginMiddleware';
const MODEL_BACKEND = 'django.contrib.auth.backends.ModelBackend';
const LOCMEM_CACHE = 'django.core.cache.backends.locmem.LocMemCache';

/** django-axes as configured: each part undefined when the settings cannot be evaluated. */
export interface AxesState {
  /** `'axes'` in INSTALLED_APPS. */
  installed: boolean | undefined;
  /** AxesMiddleware in MIDDLEWARE. */
  middleware: boolean | undefined;
  /** Where an axes backend sits in AUTHENTICATION_BACKENDS. */
  backend: 'first' | 'not-first' | 'missing' | undefined;
  /** The final AUTHENTICATION_BACKENDS, for messages and fixes (Django's default when not set). */
  backends: string[] | undefined;
  /** AXES_ENABLED (default True). */
  enabled: boolean | undefined;
  /** AXES_ONLY_ADMIN_SITE (default False): only the admin login is watched. */
  onlyAdminSite: boolean;
  /**
   * Installed, enabled, and its backend first in AUTHENTICATION_BACKENDS: axes counts failures and refuses locked-out
   * logins. (AxesMiddleware only renders the lockout response; without it a locked-out login still fails.)
   */
  active: boolean | undefined;
  /** Installed but its backend is missing or not first, so a correct guess gets in despite a lockout (HRD003). */
  miswired: boolean;
}

export interface DefenderState {
  /** FailedLoginMiddleware in MIDDLEWARE: Django's LoginView (and so the admin login) is watched. */
  middleware: boolean | undefined;
  /** `'defender'` in INSTALLED_APPS. */
  installed: boolean | undefined;
}

export interface RatelimitState {
  /** RATELIMIT_ENABLE (default True). */
  enabled: boolean | undefined;
  /** The cache alias counters are kept in (RATELIMIT_USE_CACHE, default 'default'). */
  cacheAlias: string | undefined;
}

export interface CacheBackend {
  alias: string;
  /** The BACKEND dotted path, or undefined when not known; null when the alias is not configured. */
  backend: string | null | undefined;
  /** Whether CACHES is Django's default (a local-memory cache). */
  isDefault: boolean;
}

export interface DrfState {
  /** 'rest_framework' in INSTALLED_APPS, or REST_FRAMEWORK assigned. */
  installed: boolean | undefined;
  /** REST_FRAMEWORK as evaluated (undefined when not assigned: DRF's defaults apply). */
  config: Value | undefined;
  /** DEFAULT_THROTTLE_CLASSES: the dotted paths (empty when not set); undefined when not knowable. */
  defaultClasses: string[] | undefined;
  /** DEFAULT_THROTTLE_RATES as scope → rate (null for None); undefined when not knowable. */
  rates: Map<string, string | null> | undefined;
  /** Whether DEFAULT_THROTTLE_RATES is set by the project (otherwise DRF's {'user': None, 'anon': None}). */
  ratesAssigned: boolean;
  /** NUM_PROXIES: a number, null when None (DRF's default), undefined when not knowable. */
  numProxies: number | null | undefined;
}

export interface AllauthState {
  installed: boolean | undefined;
  /** allauth's login-failure limit turned off (ACCOUNT_RATE_LIMITS = False, a falsy "login_failed", or ACCOUNT_LOGIN_ATTEMPTS_LIMIT = None). */
  loginLimitDisabled: { setting: string } | undefined;
  /** allauth's password-reset limit turned off. */
  resetLimitDisabled: { setting: string } | undefined;
}

export interface ProxyEvidence {
  /** The setting that shows a reverse proxy in front of Django, for messages. */
  setting: string;
}

export interface AuthSettings {
  snapshot: SettingsSnapshot;
  axes: AxesState;
  defender: DefenderState;
  ratelimit: RatelimitState;
  drf: DrfState;
  allauth: AllauthState;
  /** Is a login lockout package (axes or defender) installed? undefined when INSTALLED_APPS/MIDDLEWARE are unknown. */
  lockoutInstalled: boolean | undefined;
}

const cache = new WeakMap<SettingsSnapshot, AuthSettings>();

/** The brute-force-relevant settings of one settings module. */
export function authSettings(snapshot: SettingsSnapshot): AuthSettings {
  const cached = cache.get(snapshot);
  if (cached) return cached;
  const axes = axesState(snapshot);
  const defender: DefenderState = { middleware: hasMiddleware(snapshot, DEFENDER_MIDDLEWARE), installed: appInstalled(snapshot, 'defender') };
  const parts = [axes.installed, defender.installed, defender.middleware];
  const lockoutInstalled = parts.includes(true) ? true : parts.includes(undefined) ? undefined : false;
  const result: AuthSettings = {
    snapshot,
    axes,
    defender,
    ratelimit: ratelimitState(snapshot),
    drf: drfState(snapshot),
    allauth: allauthState(snapshot),
    lockoutInstalled,
  };
  cache.set(snapshot, result);
  return result;
}

/**
 * Is an app in INSTALLED_APPS, by its package or one of its AppConfig classes (`axes.apps.AppConfig`)? undefined
 * when the list cannot be evaluated.
 */
export function appInstalled(snapshot: SettingsSnapshot, app: string): boolean | undefined {
  const value = snapshot.get('INSTALLED_APPS').value;
  if (value.t !== 'list' && value.t !== 'tuple') return undefined;
  let unsure = false;
  for (const item of value.items) {
    if (item.t === 'str' && (item.v === app || item.v.startsWith(`${app}.apps.`))) return true;
    if (item.t !== 'str') unsure = true;
  }
  return unsure ? undefined : false;
}

function boolSetting(snapshot: SettingsSnapshot, name: string, fallback: boolean): boolean | undefined {
  const resolved = snapshot.get(name);
  if (resolved.source === 'opaque') return undefined;
  if (resolved.source !== 'assigned') return fallback;
  return truthy(resolved.value);
}

/** The final AUTHENTICATION_BACKENDS, Django's default when not assigned. */
export function authenticationBackends(snapshot: SettingsSnapshot): string[] | undefined {
  const resolved = snapshot.get('AUTHENTICATION_BACKENDS');
  if (resolved.source === 'opaque') return undefined;
  if (resolved.source !== 'assigned') return [MODEL_BACKEND];
  return stringItems(resolved.value);
}

export function isAxesBackend(dotted: string): boolean {
  return AXES_BACKEND_NAME.test(dotted);
}

function axesState(snapshot: SettingsSnapshot): AxesState {
  const installed = appInstalled(snapshot, AXES_APP);
  const middleware = hasMiddleware(snapshot, AXES_MIDDLEWARE);
  const backends = authenticationBackends(snapshot);
  let backend: AxesState['backend'];
  if (backends) {
    const index = backends.findIndex(isAxesBackend);
    backend = index === 0 ? 'first' : index > 0 ? 'not-first' : 'missing';
  }
  const enabled = boolSetting(snapshot, 'AXES_ENABLED', true);
  const onlyAdminSite = boolSetting(snapshot, 'AXES_ONLY_ADMIN_SITE', false) === true;
  let active: boolean | undefined;
  if (installed === false || enabled === false || backend === 'missing' || backend === 'not-first') active = false;
  else if (installed === true && enabled === true && backend === 'first') active = true;
  const miswired = installed === true && (backend === 'missing' || backend === 'not-first');
  return { installed, middleware, backend, backends, enabled, onlyAdminSite, active, miswired };
}

function ratelimitState(snapshot: SettingsSnapshot): RatelimitState {
  const alias = snapshot.get('RATELIMIT_USE_CACHE');
  let cacheAlias: string | undefined;
  if (alias.source === 'assigned') cacheAlias = alias.value.t === 'str' ? alias.value.v : undefined;
  else if (alias.source !== 'opaque') cacheAlias = 'default';
  return { enabled: boolSetting(snapshot, 'RATELIMIT_ENABLE', true), cacheAlias };
}

/** The backend of a cache alias: Django's default CACHES is one local-memory cache under 'default'. */
export function cacheBackend(snapshot: SettingsSnapshot, alias: string): CacheBackend {
  const resolved = snapshot.get('CACHES');
  if (resolved.source === 'opaque') return { alias, backend: undefined, isDefault: false };
  if (resolved.source !== 'assigned') return { alias, backend: alias === 'default' ? LOCMEM_CACHE : null, isDefault: true };
  if (resolved.value.t !== 'dict') return { alias, backend: undefined, isDefault: false };
  const entry = dictGet(resolved.value, alias);
  if (!entry) {
    const knownKeys = resolved.value.entries.every(([k]) => k.t === 'str');
    return { alias, backend: knownKeys ? null : undefined, isDefault: false };
  }
  const backend = dictGet(entry, 'BACKEND');
  return { alias, backend: backend?.t === 'str' ? backend.v : undefined, isDefault: false };
}

function drfState(snapshot: SettingsSnapshot): DrfState {
  const resolved = snapshot.get('REST_FRAMEWORK');
  const app = appInstalled(snapshot, 'rest_framework');
  const assigned = resolved.source === 'assigned';
  const installed = app === true || assigned ? true : app === false ? false : undefined;
  if (resolved.source === 'opaque' || (assigned && resolved.value.t !== 'dict')) {
    return { installed, config: assigned ? resolved.value : undefined, defaultClasses: undefined, rates: undefined, ratesAssigned: false, numProxies: undefined };
  }
  const config = assigned ? resolved.value : undefined;
  const classesValue = config ? dictGet(config, 'DEFAULT_THROTTLE_CLASSES') : undefined;
  const defaultClasses = classesValue === undefined ? [] : stringItems(classesValue);
  const ratesValue = config ? dictGet(config, 'DEFAULT_THROTTLE_RATES') : undefined;
  let rates: Map<string, string | null> | undefined;
  if (ratesValue === undefined) {
    rates = new Map([
      ['user', null],
      ['anon', null],
    ]);
  } else if (ratesValue.t === 'dict') {
    rates = new Map();
    for (const [key, value] of ratesValue.entries) {
      if (key.t !== 'str') {
        rates = undefined;
        break;
      }
      if (value.t === 'str') rates.set(key.v, value.v);
      else if (value.t === 'none') rates.set(key.v, null);
      else {
        rates = undefined;
        break;
      }
    }
  }
  const proxiesValue = config ? dictGet(config, 'NUM_PROXIES') : undefined;
  const numProxies = proxiesValue === undefined || proxiesValue.t === 'none' ? null : proxiesValue.t === 'int' ? proxiesValue.v : undefined;
  return { installed, config, defaultClasses, rates, ratesAssigned: ratesValue !== undefined, numProxies };
}

function allauthState(snapshot: SettingsSnapshot): AllauthState {
  const installed = appInstalled(snapshot, 'allauth.account');
  const limits = snapshot.get('ACCOUNT_RATE_LIMITS');
  let loginLimitDisabled: AllauthState['loginLimitDisabled'];
  let resetLimitDisabled: AllauthState['resetLimitDisabled'];
  if (limits.source === 'assigned') {
    if (limits.value.t === 'bool' && !limits.value.v) {
      loginLimitDisabled = { setting: 'ACCOUNT_RATE_LIMITS' };
      resetLimitDisabled = { setting: 'ACCOUNT_RATE_LIMITS' };
    } else if (limits.value.t === 'dict') {
      const off = (key: string): boolean => {
        const value = dictGet(limits.value, key);
        return value !== undefined && truthy(value) === false;
      };
      if (off('login_failed')) loginLimitDisabled = { setting: 'ACCOUNT_RATE_LIMITS' };
      if (off('reset_password')) resetLimitDisabled = { setting: 'ACCOUNT_RATE_LIMITS' };
    }
  }
  const attempts = snapshot.get('ACCOUNT_LOGIN_ATTEMPTS_LIMIT');
  if (!loginLimitDisabled && attempts.source === 'assigned' && truthy(attempts.value) === false) loginLimitDisabled = { setting: 'ACCOUNT_LOGIN_ATTEMPTS_LIMIT' };
  return { installed, loginLimitDisabled, resetLimitDisabled };
}

/**
 * Settings that show Django runs behind a reverse proxy (which adds X-Forwarded-For): SECURE_PROXY_SSL_HEADER,
 * USE_X_FORWARDED_HOST or USE_X_FORWARDED_PORT.
 */
export function proxyEvidence(snapshot: SettingsSnapshot): ProxyEvidence | undefined {
  const header = snapshot.get('SECURE_PROXY_SSL_HEADER');
  if (header.source === 'assigned' && header.value.t !== 'none' && header.value.t !== 'unknown') return { setting: 'SECURE_PROXY_SSL_HEADER' };
  for (const name of ['USE_X_FORWARDED_HOST', 'USE_X_FORWARDED_PORT']) {
    const value = snapshot.get(name);
    if (value.source === 'assigned' && truthy(value.value) === true) return { setting: name };
  }
  return undefined;
}

/** Where a setting is assigned, if it is. */
export function assignedAt(snapshot: SettingsSnapshot, name: string): Origin | undefined {
  const resolved = snapshot.get(name);
  return resolved.source === 'assigned' ? resolved.at : undefined;
}
