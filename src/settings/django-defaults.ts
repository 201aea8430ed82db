/**
 * Django's own defaults for the settings ponyguard judges (`django/conf/global_settings.py`), by version: what a
 * setting is when no settings module assigns it. Facts from Django's release history; a test compares them with
 * the reference data in ../shared/data for every version listed there.
 */
import { FALSE, NONE, TRUE, str, type Value } from './value.js';

export interface DjangoVersion {
  major: number;
  minor: number;
  patch: number;
}

/** The newest Django release series ponyguard knows; used when the project pins no exact version. */
export const NEWEST_DJANGO = '6.0.5';

export function parseDjangoVersion(text: string): DjangoVersion | undefined {
  const match = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(text.trim());
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3] ?? 0) };
}

export function compareVersions(a: DjangoVersion, b: DjangoVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/** `atLeast(v, '4.1')`: is the version 4.1.0 or later? */
export function atLeast(version: DjangoVersion, floor: string): boolean {
  return compareVersions(version, parseDjangoVersion(floor)!) >= 0;
}

export function formatVersion(version: DjangoVersion): string {
  return `${version.major}.${version.minor}.${version.patch}`;
}

export const ABSENT = Symbol('absent');
type Default = Value | typeof ABSENT;

const list = (...items: string[]): Value => ({ t: 'list', items: items.map((i) => str(i)) });
const int = (v: number): Value => ({ t: 'int', v });
const emptyDict = (): Value => ({ t: 'dict', entries: [] });

const HASHERS = 'django.contrib.auth.hashers.';
const LEGACY_HASHERS = [
  'PBKDF2PasswordHasher',
  'PBKDF2SHA1PasswordHasher',
  'BCryptSHA256PasswordHasher',
  'BCryptPasswordHasher',
  'SHA1PasswordHasher',
  'MD5PasswordHasher',
  'UnsaltedSHA1PasswordHasher',
  'UnsaltedMD5PasswordHasher',
  'CryptPasswordHasher',
];

/**
 * Each setting: `[since, value]` pairs in ascending version order; the value in force is the last pair whose
 * version is not above the project's. Before the first pair the setting does not exist.
 */
const TABLE: Record<string, Array<[string, () => Default]>> = {
  DEBUG: [['1.8', () => FALSE]],
  DEBUG_PROPAGATE_EXCEPTIONS: [['1.8', () => FALSE]],
  ALLOWED_HOSTS: [['1.8', () => list()]],
  SECRET_KEY: [['1.8', () => str('')]],
  SECRET_KEY_FALLBACKS: [['4.1', () => list()]],
  INSTALLED_APPS: [['1.8', () => list()]],
  MIDDLEWARE: [
    ['1.10', () => NONE],
    ['2.0', () => list()],
  ],
  MIDDLEWARE_CLASSES: [
    ['1.8', () => ({ t: 'tuple', items: [str('django.middleware.common.CommonMiddleware'), str('django.middleware.csrf.CsrfViewMiddleware')] })],
    ['1.9', () => list('django.middleware.common.CommonMiddleware', 'django.middleware.csrf.CsrfViewMiddleware')],
    ['2.0', () => ABSENT],
  ],
  SECURE_HSTS_SECONDS: [['1.8', () => int(0)]],
  SECURE_HSTS_INCLUDE_SUBDOMAINS: [['1.8', () => FALSE]],
  SECURE_HSTS_PRELOAD: [['1.11', () => FALSE]],
  SECURE_SSL_REDIRECT: [['1.8', () => FALSE]],
  SECURE_SSL_HOST: [['1.8', () => NONE]],
  SECURE_REDIRECT_EXEMPT: [['1.8', () => list()]],
  SECURE_PROXY_SSL_HEADER: [['1.8', () => NONE]],
  SECURE_CONTENT_TYPE_NOSNIFF: [
    ['1.8', () => FALSE],
    ['3.0', () => TRUE],
  ],
  SECURE_BROWSER_XSS_FILTER: [
    ['1.8', () => FALSE],
    ['4.0', () => ABSENT],
  ],
  SECURE_REFERRER_POLICY: [
    ['3.0', () => NONE],
    ['3.1', () => str('same-origin')],
  ],
  SECURE_CROSS_ORIGIN_OPENER_POLICY: [['4.0', () => str('same-origin')]],
  SECURE_CSP: [['6.0', emptyDict]],
  SECURE_CSP_REPORT_ONLY: [['6.0', emptyDict]],
  USE_X_FORWARDED_HOST: [['1.8', () => FALSE]],
  USE_X_FORWARDED_PORT: [['1.9', () => FALSE]],
  X_FRAME_OPTIONS: [
    ['1.8', () => str('SAMEORIGIN')],
    ['3.0', () => str('DENY')],
  ],
  SESSION_COOKIE_SECURE: [['1.8', () => FALSE]],
  SESSION_COOKIE_HTTPONLY: [['1.8', () => TRUE]],
  SESSION_COOKIE_SAMESITE: [['2.1', () => str('Lax')]],
  SESSION_COOKIE_NAME: [['1.8', () => str('sessionid')]],
  SESSION_COOKIE_AGE: [['1.8', () => int(1209600)]],
  SESSION_EXPIRE_AT_BROWSER_CLOSE: [['1.8', () => FALSE]],
  SESSION_ENGINE: [['1.8', () => str('django.contrib.sessions.backends.db')]],
  SESSION_SERIALIZER: [['1.8', () => str('django.contrib.sessions.serializers.JSONSerializer')]],
  CSRF_COOKIE_SECURE: [['1.8', () => FALSE]],
  CSRF_COOKIE_HTTPONLY: [['1.8', () => FALSE]],
  CSRF_COOKIE_SAMESITE: [['2.1', () => str('Lax')]],
  CSRF_COOKIE_NAME: [['1.8', () => str('csrftoken')]],
  CSRF_USE_SESSIONS: [['1.11', () => FALSE]],
  CSRF_TRUSTED_ORIGINS: [['1.9', () => list()]],
  CSRF_FAILURE_VIEW: [['1.8', () => str('django.views.csrf.csrf_failure')]],
  LANGUAGE_COOKIE_SECURE: [['3.0', () => FALSE]],
  LANGUAGE_COOKIE_HTTPONLY: [['3.0', () => FALSE]],
  LANGUAGE_COOKIE_SAMESITE: [['3.0', () => NONE]],
  PASSWORD_HASHERS: [
    ['1.8', () => ({ t: 'tuple', items: LEGACY_HASHERS.map((h) => str(`${HASHERS}${h}`)) })],
    ['1.9', () => list(...LEGACY_HASHERS.map((h) => `${HASHERS}${h}`))],
    ['1.10', () => list(`${HASHERS}PBKDF2PasswordHasher`, `${HASHERS}PBKDF2SHA1PasswordHasher`, `${HASHERS}Argon2PasswordHasher`, `${HASHERS}BCryptSHA256PasswordHasher`, `${HASHERS}BCryptPasswordHasher`)],
    ['2.1', () => list(`${HASHERS}PBKDF2PasswordHasher`, `${HASHERS}PBKDF2SHA1PasswordHasher`, `${HASHERS}Argon2PasswordHasher`, `${HASHERS}BCryptSHA256PasswordHasher`)],
    ['4.0', () => list(`${HASHERS}PBKDF2PasswordHasher`, `${HASHERS}PBKDF2SHA1PasswordHasher`, `${HASHERS}Argon2PasswordHasher`, `${HASHERS}BCryptSHA256PasswordHasher`, `${HASHERS}ScryptPasswordHasher`)],
  ],
  AUTH_PASSWORD_VALIDATORS: [['1.9', () => list()]],
  FILE_UPLOAD_PERMISSIONS: [
    ['1.8', () => NONE],
    ['3.0', () => int(0o644)],
  ],
  FILE_UPLOAD_DIRECTORY_PERMISSIONS: [['1.8', () => NONE]],
  FILE_UPLOAD_MAX_MEMORY_SIZE: [['1.8', () => int(2621440)]],
  DATA_UPLOAD_MAX_MEMORY_SIZE: [['1.10', () => int(2621440)]],
  DATA_UPLOAD_MAX_NUMBER_FIELDS: [['1.10', () => int(1000)]],
  DATA_UPLOAD_MAX_NUMBER_FILES: [
    ['3.2.18', () => int(100)],
    ['4.0', () => ABSENT],
    ['4.0.10', () => int(100)],
    ['4.1', () => ABSENT],
    ['4.1.7', () => int(100)],
  ],
  DEFAULT_HASHING_ALGORITHM: [
    ['3.1', () => str('sha256')],
    ['4.0', () => ABSENT],
  ],
  EMAIL_USE_TLS: [['1.8', () => FALSE]],
  EMAIL_USE_SSL: [['1.8', () => FALSE]],
  EMAIL_HOST: [['1.8', () => str('localhost')]],
  EMAIL_HOST_PASSWORD: [['1.8', () => str('')]],
  SILENCED_SYSTEM_CHECKS: [['1.8', () => list()]],
  TEMPLATES: [['1.8', () => list()]],
  LOGGING: [['1.8', emptyDict]],
  ADMINS: [['1.8', () => list()]],
};

/** Settings whose default is listed here. */
export const KNOWN_DEFAULTS: readonly string[] = Object.keys(TABLE);

/** Django's default of a setting at a version, a fresh value each call; ABSENT when the version lacks it. */
export function djangoDefault(name: string, version: DjangoVersion): Value | typeof ABSENT | undefined {
  const entries = TABLE[name];
  if (!entries) return undefined;
  let current: Default = ABSENT;
  for (const [since, make] of entries) {
    if (compareVersions(parseDjangoVersion(since)!, version) <= 0) current = make();
  }
  return current;
}
