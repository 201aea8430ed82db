/**
 * What Django's security checks (`django/core/checks/security/`) need to know about settings, with each Django
 * version's exact semantics: which middleware setting applies, how the session apps/middleware layout picks
 * W010/W011/W012, and when a "secure" flag passes (truthy before 4.1, `is True` from 4.1).
 */
import { atLeast, compareVersions, parseDjangoVersion } from './django-defaults.js';
import type { SettingsSnapshot } from './snapshot.js';
import { isTrue, stringItems, truthy, type Value } from './value.js';

export const SECURITY_MIDDLEWARE = 'django.middleware.security.SecurityMiddleware';
export const CLICKJACKING_MIDDLEWARE = 'django.middleware.clickjacking.XFrameOptionsMiddleware';
export const CSRF_MIDDLEWARE = 'django.middleware.csrf.CsrfViewMiddleware';
export const SESSION_MIDDLEWARE = 'django.contrib.sessions.middleware.SessionMiddleware';
export const SESSIONS_APP = 'django.contrib.sessions';

/** Does the check exist in the project's Django version? `[from, until)` as release strings. */
export function checkExists(settings: SettingsSnapshot, from: string, until?: string): boolean {
  const version = settings.django.version;
  if (compareVersions(version, parseDjangoVersion(from)!) < 0) return false;
  return until === undefined || compareVersions(version, parseDjangoVersion(until)!) < 0;
}

/** The middleware setting Django's checks read: MIDDLEWARE_CLASSES before 1.10, either in 1.10–1.11, MIDDLEWARE since 2.0. */
export function middlewareSetting(settings: SettingsSnapshot): 'MIDDLEWARE' | 'MIDDLEWARE_CLASSES' {
  const version = settings.django.version;
  if (!atLeast(version, '1.10')) return 'MIDDLEWARE_CLASSES';
  if (!atLeast(version, '2.0') && settings.get('MIDDLEWARE').value.t === 'none') return 'MIDDLEWARE_CLASSES';
  return 'MIDDLEWARE';
}

/**
 * Is the dotted middleware listed (exact string match, as Django tests it)? undefined when not knowable. In 1.10 and
 * 1.11 Django's checks accept either setting: `X in MIDDLEWARE_CLASSES or (MIDDLEWARE and X in MIDDLEWARE)`.
 */
export function hasMiddleware(settings: SettingsSnapshot, dotted: string): boolean | undefined {
  const version = settings.django.version;
  if (atLeast(version, '1.10') && !atLeast(version, '2.0')) {
    const inClasses = settings.includes('MIDDLEWARE_CLASSES', dotted);
    if (inClasses === true) return true;
    const middleware = settings.get('MIDDLEWARE').value;
    const set = truthy(middleware);
    if (set === false) return inClasses;
    const inMiddleware = settings.includes('MIDDLEWARE', dotted);
    if (inMiddleware === true) return true;
    return inClasses === undefined || inMiddleware === undefined || set === undefined ? undefined : false;
  }
  return settings.includes(middlewareSetting(settings), dotted);
}

/** Is the app in INSTALLED_APPS? undefined when not knowable. */
export function hasApp(settings: SettingsSnapshot, app: string): boolean | undefined {
  return settings.includes('INSTALLED_APPS', app);
}

/**
 * Django's test for the cookie flags (SESSION_COOKIE_SECURE, SESSION_COOKIE_HTTPONLY, CSRF_COOKIE_SECURE): before
 * 4.1 any truthy value passes (`not value`); from 4.1 only `True` does (`value is not True`). Returns whether the
 * check fails, or undefined when the value is unknown.
 */
export function cookieFlagFails(settings: SettingsSnapshot, value: Value): boolean | undefined {
  if (atLeast(settings.django.version, '4.1')) {
    const verdict = isTrue(value);
    return verdict === undefined ? undefined : !verdict;
  }
  const verdict = truthy(value);
  return verdict === undefined ? undefined : !verdict;
}

/** `value is not True` for checks that have always used identity (W005, W006, W008, W021, …). */
export function notTrue(value: Value): boolean | undefined {
  const verdict = isTrue(value);
  return verdict === undefined ? undefined : !verdict;
}

export type SessionLayout = 'app-only' | 'middleware-only' | 'both' | 'neither';

/** Which of W010/W011/W012 (and W013/W014/W015) can apply: the sessions app, the session middleware, or both. */
export function sessionLayout(settings: SettingsSnapshot): SessionLayout | undefined {
  const app = hasApp(settings, SESSIONS_APP);
  const middleware = hasMiddleware(settings, SESSION_MIDDLEWARE);
  if (app === undefined || middleware === undefined) return undefined;
  if (app && middleware) return 'both';
  if (app) return 'app-only';
  if (middleware) return 'middleware-only';
  return 'neither';
}

/** W009's test of a secret key (length, distinct characters, the startproject prefix). Returns the reason it fails. */
export function weakSecretKeyReason(key: string, version = parseDjangoVersion('6.0')!): string | undefined {
  // Python counts code points, not UTF-16 units.
  const length = [...key].length;
  if (length < 50) return `it is ${length} characters long (Django wants at least 50)`;
  if (new Set(key).size < 5) return `it has only ${new Set(key).size} distinct characters (Django wants at least 5)`;
  if (atLeast(version, '3.2') && key.startsWith('django-insecure-')) return "it starts with 'django-insecure-', the prefix of keys generated by startproject for development";
  return undefined;
}

/** The referrer policy values Django accepts (E023). */
export const REFERRER_POLICIES = [
  'no-referrer',
  'no-referrer-when-downgrade',
  'origin',
  'origin-when-cross-origin',
  'same-origin',
  'strict-origin',
  'strict-origin-when-cross-origin',
  'unsafe-url',
];

/** The referrer policy as Django splits it: a string is comma-separated, any other iterable is a set of values. */
export function referrerPolicyValues(value: Value): string[] | undefined {
  if (value.t === 'str') return value.v.split(',').map((v) => v.trim());
  return stringItems(value);
}
