/**
 * The settings variants of the differential oracle test: a deterministic generator of production settings modules
 * (`settings/prod_0001.py` …) plus the shared modules they import, written so that real Django 3.2 can import every
 * one of them (`run_checks.py`) and ponyguard can judge every one of them (its name marks it as production).
 *
 * Families, in order:
 *   - `sweep`: a hardened module (Django reports nothing) with exactly one thing changed — the minimal variants.
 *   - `layout`: every presence/absence of SecurityMiddleware, SessionMiddleware, CsrfViewMiddleware and
 *     XFrameOptionsMiddleware × sessions app installed or not, other middleware and order drawn at random.
 *   - `random`: every setting drawn at random from its value pool (including "not assigned").
 *   - `split`: real-project shapes over six shared modules (`settings/base_common.py` startproject-like,
 *     `base_secure` → `base_common`, `base_chain` → `base_secure` → `base_common`, twelve-factor `base_env`, a tuple
 *     MIDDLEWARE and `DJANGO_APPS + LOCAL_APPS` in `base_minimal`, an `__all__` in `base_exports`): first each base
 *     inherited as is and the same inherited finding silenced in one module only, then generated modules with
 *     MIDDLEWARE/INSTALLED_APPS mutations (append/insert/remove/pop/del/+=/comprehensions/slices/splats), values read
 *     from `os.environ` with defaults, f-strings, Path joins, `if` blocks, `try/except`, `from .local import *`.
 *
 * Randomness comes from one seeded PRNG consumed in a fixed order, so the output is identical on every run; change
 * the generator and the numbering may shift (variant ids are positions, not names).
 *
 * Environment variables read by the variants all start with `PGORACLE_`: the Django driver removes every such
 * variable, and ponyguard runs with no `--env`, so defaults apply on both sides.
 */

export interface Variant {
  /** `prod_0001` */
  id: string;
  /** `settings.prod_0001` */
  module: string;
  /** `settings/prod_0001.py` */
  path: string;
  family: 'sweep' | 'layout' | 'random' | 'split';
  description: string;
  source: string;
  /** Shared project modules the variant imports (directly or through a chain), root-relative. */
  imports: string[];
}

export interface OracleProject {
  /** Every file of the throw-away project, by root-relative path (variants included). */
  files: Record<string, string>;
  variants: Variant[];
}

// ---------------------------------------------------------------------------------------------------------------
// Building blocks

export const SEED = 0x5eed_d1a6;

/** mulberry32: small, fast, good enough, and the same everywhere. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = prng(seed);
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  bool(p = 0.5): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)]!;
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
  /** Random string over a charset free of quotes and backslashes (safe in a Python string literal). */
  key(length: number): string {
    const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!@#$%^&*(-_=+)';
    let out = '';
    for (let i = 0; i < length; i++) out += chars[this.int(chars.length)]!;
    return out;
  }
}

/** A Python string literal. */
export function pyStr(text: string): string {
  return JSON.stringify(text);
}

function pyList(items: readonly string[], tuple = false): string {
  if (items.length === 0) return tuple ? '()' : '[]';
  const body = items.map((item) => `    ${pyStr(item)},`).join('\n');
  return tuple ? `(\n${body}\n)` : `[\n${body}\n]`;
}

export const MW = {
  security: 'django.middleware.security.SecurityMiddleware',
  session: 'django.contrib.sessions.middleware.SessionMiddleware',
  common: 'django.middleware.common.CommonMiddleware',
  csrf: 'django.middleware.csrf.CsrfViewMiddleware',
  auth: 'django.contrib.auth.middleware.AuthenticationMiddleware',
  messages: 'django.contrib.messages.middleware.MessageMiddleware',
  xframe: 'django.middleware.clickjacking.XFrameOptionsMiddleware',
} as const;

const STANDARD_MIDDLEWARE: string[] = [MW.security, MW.session, MW.common, MW.csrf, MW.auth, MW.messages, MW.xframe];
const SESSIONS_APP = 'django.contrib.sessions';
const STANDARD_APPS: string[] = ['django.contrib.contenttypes', 'django.contrib.auth', SESSIONS_APP, 'django.contrib.messages', 'django.contrib.staticfiles'];
const APPS_WITHOUT_SESSIONS = STANDARD_APPS.filter((app) => app !== SESSIONS_APP);

const rng = () => new Rng(SEED);

// ---------------------------------------------------------------------------------------------------------------
// Shared modules of the project

const CSRF_VIEWS = `"""CSRF failure views used by the oracle variants (CSRF_FAILURE_VIEW)."""
import functools

from django.http import HttpResponseForbidden


def good_failure(request, reason=""):
    return HttpResponseForbidden("CSRF verification failed")


def good_failure_with_template(request, reason="", template_name="403_csrf.html"):
    return HttpResponseForbidden(template_name)


def good_failure_varargs(*args, **kwargs):
    return HttpResponseForbidden("CSRF verification failed")


def _logged(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        return view(*args, **kwargs)

    return wrapper


@_logged
def good_failure_decorated(request, reason=""):
    return HttpResponseForbidden("CSRF verification failed")


def bad_failure(request):
    return HttpResponseForbidden("CSRF verification failed")


def bad_failure_wrong_name(request, why=""):
    return HttpResponseForbidden(why)


def bad_failure_extra_argument(request, reason, details):
    return HttpResponseForbidden(reason)
`;

export const CSRF_VIEW = {
  default: 'django.views.csrf.csrf_failure',
  good: 'oracle_views.csrf.good_failure',
  goodTemplate: 'oracle_views.csrf.good_failure_with_template',
  goodVarargs: 'oracle_views.csrf.good_failure_varargs',
  goodDecorated: 'oracle_views.csrf.good_failure_decorated',
  bad: 'oracle_views.csrf.bad_failure',
  badName: 'oracle_views.csrf.bad_failure_wrong_name',
  badExtra: 'oracle_views.csrf.bad_failure_extra_argument',
  /** The top-level package does not exist: ImportError, E102. */
  missingModule: 'oracle_missing.views.csrf_failure',
  /** No dot: Django raises ImportError ("The path must be fully qualified"), E102. */
  notQualified: 'csrf_failure',
  /** The module exists but raises ImportError when imported (a dependency is missing): E102. */
  brokenModule: 'oracle_views.broken.csrf_failure',
} as const;
// Not variants: a missing attribute of an existing module ('oracle_views.csrf.no_such_view'), a missing submodule of
// an existing package ('oracle_views.no_such_module.view') or a non-callable attribute. Django 3.2's get_callable()
// raises ViewDoesNotExist for those, which is not an ImportError: the E101/E102 check crashes and `check` aborts.

const BROKEN_VIEWS = `"""A view module whose dependency is not installed: importing it raises ImportError."""
import oracle_not_installed  # noqa: F401


def csrf_failure(request, reason=""):
    return None
`;

interface BaseModule {
  name: string;
  path: string;
  source: string;
  /** Modules it imports (transitively), root-relative. */
  imports: string[];
  /** Names it defines that variants may reference (settings and helpers). */
  defines: string[];
  middleware: string[];
  middlewareTuple: boolean;
  apps: string[];
}

function sharedModules(r: Rng): BaseModule[] {
  const commonKey = `django-insecure-${r.key(50)}`;
  const secureKey = r.key(64);
  const minimalKey = r.key(56);
  const common: BaseModule = {
    name: 'base_common',
    path: 'settings/base_common.py',
    imports: [],
    defines: ['os', 'Path', 'BASE_DIR', 'SECRET_KEY', 'DEBUG', 'ALLOWED_HOSTS', 'INSTALLED_APPS', 'MIDDLEWARE', 'DATABASES', 'STATIC_URL', 'STATIC_ROOT'],
    middleware: [...STANDARD_MIDDLEWARE],
    middlewareTuple: false,
    apps: [...STANDARD_APPS],
    source: `"""Settings shared by every environment (the startproject layout)."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# SECURITY WARNING: keep the secret key used in production secret!
SECRET_KEY = ${pyStr(commonKey)}

# SECURITY WARNING: don't run with debug turned on in production!
DEBUG = True

ALLOWED_HOSTS = []

INSTALLED_APPS = ${pyList(STANDARD_APPS)}

MIDDLEWARE = ${pyList(STANDARD_MIDDLEWARE)}

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
    }
}

STATIC_URL = "/static/"
STATIC_ROOT = os.path.join(BASE_DIR, "staticfiles")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
`,
  };
  const secure: BaseModule = {
    name: 'base_secure',
    path: 'settings/base_secure.py',
    imports: ['settings/base_common.py'],
    defines: [
      ...common.defines,
      'SECURE_HSTS_SECONDS',
      'SECURE_HSTS_INCLUDE_SUBDOMAINS',
      'SECURE_HSTS_PRELOAD',
      'SECURE_SSL_REDIRECT',
      'SESSION_COOKIE_SECURE',
      'CSRF_COOKIE_SECURE',
      'SECURE_PROXY_SSL_HEADER',
    ],
    middleware: [...STANDARD_MIDDLEWARE],
    middlewareTuple: false,
    apps: [...STANDARD_APPS],
    source: `"""Hardened settings for deployed environments; the environment can override most values."""
from .base_common import *  # noqa: F401,F403

DEBUG = os.environ.get("PGORACLE_DEBUG", "0") == "1"
SECRET_KEY = os.environ.get("PGORACLE_SECRET_KEY", ${pyStr(secureKey)})
ALLOWED_HOSTS = os.environ.get("PGORACLE_ALLOWED_HOSTS", "shop.example").split(",")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("PGORACLE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
`,
  };
  const envDefined = [
    'os',
    'Path',
    'BASE_DIR',
    'ENVIRONMENT',
    'SITE_DOMAIN',
    'IS_PRODUCTION',
    'DEBUG',
    'SECRET_KEY',
    'ALLOWED_HOSTS',
    'INSTALLED_APPS',
    'MIDDLEWARE',
    'SECURE_HSTS_SECONDS',
    'SECURE_HSTS_INCLUDE_SUBDOMAINS',
    'SECURE_HSTS_PRELOAD',
    'SECURE_SSL_REDIRECT',
    'SESSION_COOKIE_SECURE',
    'CSRF_COOKIE_SECURE',
    'SECURE_REFERRER_POLICY',
    'DATABASES',
    'MEDIA_ROOT',
  ];
  const env: BaseModule = {
    name: 'base_env',
    path: 'settings/base_env.py',
    imports: [],
    defines: envDefined,
    middleware: [...STANDARD_MIDDLEWARE],
    middlewareTuple: false,
    apps: STANDARD_APPS.slice(0, 4),
    source: `"""Twelve-factor settings: everything comes from the environment, with defaults for production."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
ENVIRONMENT = os.environ.get("PGORACLE_ENVIRONMENT", "production")
SITE_DOMAIN = os.getenv("PGORACLE_SITE_DOMAIN", "shop.example")
IS_PRODUCTION = ENVIRONMENT == "production"

DEBUG = not IS_PRODUCTION
SECRET_KEY = os.environ.get("PGORACLE_SECRET_KEY", f"{ENVIRONMENT}-{SITE_DOMAIN}-not-a-real-secret-but-long-enough-0123456789")
ALLOWED_HOSTS = [SITE_DOMAIN, f"www.{SITE_DOMAIN}"]

INSTALLED_APPS = ${pyList(STANDARD_APPS.slice(0, 4))}

MIDDLEWARE = ${pyList(STANDARD_MIDDLEWARE)}

SECURE_HSTS_SECONDS = int(os.environ.get("PGORACLE_HSTS_SECONDS", 3600 if IS_PRODUCTION else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = IS_PRODUCTION
SECURE_HSTS_PRELOAD = os.environ.get("PGORACLE_HSTS_PRELOAD", "false").lower() == "true"
SECURE_SSL_REDIRECT = IS_PRODUCTION
SESSION_COOKIE_SECURE = IS_PRODUCTION
CSRF_COOKIE_SECURE = os.environ.get("PGORACLE_CSRF_COOKIE_SECURE", "True")
SECURE_REFERRER_POLICY = f"{os.environ.get('PGORACLE_REFERRER_POLICY', 'same-origin')}, strict-origin-when-cross-origin"

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.path.join(BASE_DIR, "db.sqlite3")}}
MEDIA_ROOT = BASE_DIR / "media"
`,
  };
  const minimalMiddleware = [MW.security, MW.common, MW.csrf];
  const minimal: BaseModule = {
    name: 'base_minimal',
    path: 'settings/base_minimal.py',
    imports: [],
    defines: ['Path', 'BASE_DIR', 'SECRET_KEY', 'DEBUG', 'ALLOWED_HOSTS', 'DJANGO_APPS', 'LOCAL_APPS', 'INSTALLED_APPS', 'MIDDLEWARE', 'SECURE_HSTS_SECONDS', 'SECURE_SSL_REDIRECT', 'CSRF_COOKIE_SECURE'],
    middleware: minimalMiddleware,
    middlewareTuple: true,
    apps: [...STANDARD_APPS.slice(0, 2), 'oracle_views'],
    source: `"""An API service: no sessions, no templates, a tuple of middleware."""
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = ${pyStr(minimalKey)}
DEBUG = False
ALLOWED_HOSTS = ["api.shop.example"]

DJANGO_APPS = ${pyList(STANDARD_APPS.slice(0, 2))}
LOCAL_APPS = ["oracle_views"]
INSTALLED_APPS = DJANGO_APPS + LOCAL_APPS

MIDDLEWARE = ${pyList(minimalMiddleware, true)}

SECURE_HSTS_SECONDS = 3600
SECURE_SSL_REDIRECT = True
CSRF_COOKIE_SECURE = True
`,
  };
  const chainMiddleware = [MW.security, 'django.middleware.gzip.GZipMiddleware', ...STANDARD_MIDDLEWARE.slice(1)];
  const chain: BaseModule = {
    name: 'base_chain',
    path: 'settings/base_chain.py',
    imports: ['settings/base_secure.py', 'settings/base_common.py'],
    defines: [...secure.defines, 'X_FRAME_OPTIONS', 'SESSION_COOKIE_HTTPONLY'],
    middleware: chainMiddleware,
    middlewareTuple: false,
    apps: [...STANDARD_APPS],
    source: `"""Second level of the chain: the hardened settings plus site-wide choices."""
from .base_secure import *  # noqa: F401,F403

MIDDLEWARE.insert(1, "django.middleware.gzip.GZipMiddleware")

# The CMS previews pages in a frame.
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_HTTPONLY = os.environ.get("PGORACLE_SESSION_HTTPONLY", "1") == "1"
`,
  };
  const exportsModule: BaseModule = {
    name: 'base_exports',
    path: 'settings/base_exports.py',
    imports: [],
    defines: ['SECRET_KEY', 'INSTALLED_APPS', 'MIDDLEWARE', 'CSRF_COOKIE_SECURE'],
    middleware: [...STANDARD_MIDDLEWARE],
    middlewareTuple: false,
    apps: [...STANDARD_APPS],
    source: `"""Shared settings with an explicit __all__: a star import only brings the names it lists."""
__all__ = ["SECRET_KEY", "INSTALLED_APPS", "MIDDLEWARE", "CSRF_COOKIE_SECURE"]

SECRET_KEY = ${pyStr(r.key(58))}
CSRF_COOKIE_SECURE = True

# Not exported: a module star-importing this one keeps Django's defaults for these.
DEBUG = True
ALLOWED_HOSTS = ["shop.example"]
SECURE_HSTS_SECONDS = 31536000
SESSION_COOKIE_SECURE = True

INSTALLED_APPS = ${pyList(STANDARD_APPS)}

MIDDLEWARE = ${pyList(STANDARD_MIDDLEWARE)}
`,
  };
  return [common, secure, env, minimal, chain, exportsModule];
}

// ---------------------------------------------------------------------------------------------------------------
// Flat variants: one self-contained module, written from a map of settings

/** `null` = the setting is not assigned (Django's default applies). */
type Overrides = Record<string, string | null>;

interface FlatSpec {
  family: Variant['family'];
  description: string;
  apps?: string[];
  /** null: MIDDLEWARE not assigned. */
  middleware?: string[] | null;
  middlewareTuple?: boolean;
  set?: Overrides;
}

function hardenedSettings(goodKey: string): Map<string, string> {
  return new Map<string, string>([
    ['SECRET_KEY', pyStr(goodKey)],
    ['DEBUG', 'False'],
    ['ALLOWED_HOSTS', '["shop.example"]'],
    ['SECURE_HSTS_SECONDS', '31536000'],
    ['SECURE_HSTS_INCLUDE_SUBDOMAINS', 'True'],
    ['SECURE_HSTS_PRELOAD', 'True'],
    ['SECURE_SSL_REDIRECT', 'True'],
    ['SESSION_COOKIE_SECURE', 'True'],
    ['CSRF_COOKIE_SECURE', 'True'],
  ]);
}

function renderFlat(spec: FlatSpec, goodKey: string): string {
  const settings = hardenedSettings(goodKey);
  for (const [name, value] of Object.entries(spec.set ?? {})) {
    if (value === null) settings.delete(name);
    else settings.set(name, value);
  }
  const lines: string[] = [`# ${spec.description}`];
  const emit = (name: string) => {
    const value = settings.get(name);
    if (value !== undefined) lines.push(`${name} = ${value}`);
    settings.delete(name);
  };
  emit('SECRET_KEY');
  emit('DEBUG');
  emit('ALLOWED_HOSTS');
  lines.push('', `INSTALLED_APPS = ${pyList(spec.apps ?? STANDARD_APPS)}`);
  const middleware = spec.middleware === undefined ? STANDARD_MIDDLEWARE : spec.middleware;
  if (middleware !== null) lines.push('', `MIDDLEWARE = ${pyList(middleware, spec.middlewareTuple ?? false)}`);
  lines.push('');
  for (const name of [...settings.keys()]) emit(name);
  return `${lines.join('\n')}\n`;
}

function sweepSpecs(r: Rng): FlatSpec[] {
  const specs: FlatSpec[] = [];
  const sweep = (description: string, set: Overrides, extra: Partial<FlatSpec> = {}) => specs.push({ family: 'sweep', description, set, ...extra });

  sweep('hardened: Django reports nothing', {});

  for (const value of ['True', '1', '0', '"False"', '"0"', 'None', '""', '0.0', '[]']) sweep(`DEBUG = ${value}`, { DEBUG: value });
  sweep('DEBUG not assigned', { DEBUG: null });

  for (const value of ['[]', '["*"]', '("shop.example",)', '[""]', '()', '"shop.example"', '""', 'None']) sweep(`ALLOWED_HOSTS = ${value}`, { ALLOWED_HOSTS: value });
  sweep('ALLOWED_HOSTS not assigned', { ALLOWED_HOSTS: null });

  const keys: Array<[string, string]> = [
    ['a short key', pyStr('short-secret-key-123')],
    ['a 64-character random key', pyStr(r.key(64))],
    ['a django-insecure- key', pyStr(`django-insecure-${r.key(50)}`)],
    ['60 × "a"', pyStr('a'.repeat(60))],
    ['"a" * 60', '"a" * 60'],
    ['an empty key', '""'],
    ['a 49-character random key', pyStr(r.key(49))],
    ['a 50-character random key', pyStr(r.key(50))],
    ['60 characters, 4 distinct', pyStr('abcd'.repeat(15))],
    ['60 characters, 5 distinct', pyStr('abcde'.repeat(12))],
    ['None', 'None'],
    ['50 characters, 5 distinct', pyStr('abcde'.repeat(10))],
    ['"django-insecure-" inside, not a prefix', pyStr(`${r.key(20)}django-insecure-${r.key(20)}`)],
    ['45 characters, 5 of them outside the BMP (Python counts 45)', pyStr(`${r.key(40)}\u{1F511}\u{1F512}\u{1F513}\u{1F510}\u{1F50F}`)],
    ['52 characters, accented', pyStr(`${r.key(40)}éèêëàâäôöûüç`)],
  ];
  for (const [label, value] of keys) sweep(`SECRET_KEY: ${label}`, { SECRET_KEY: value });
  sweep('SECRET_KEY not assigned', { SECRET_KEY: null });

  for (const value of ['"DENY"', '"SAMEORIGIN"', '"deny"', '"ALLOW-FROM x"', 'None', '"DENY "', 'b"DENY"', '""']) sweep(`X_FRAME_OPTIONS = ${value}`, { X_FRAME_OPTIONS: value });
  sweep('X_FRAME_OPTIONS = "SAMEORIGIN" without XFrameOptionsMiddleware', { X_FRAME_OPTIONS: '"SAMEORIGIN"' }, { middleware: STANDARD_MIDDLEWARE.filter((m) => m !== MW.xframe) });

  const flagValues = ['True', 'False', '1', '0', '"yes"', '""', 'None', '"False"'];
  for (const flag of ['SESSION_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', 'CSRF_COOKIE_SECURE']) {
    for (const value of flagValues) sweep(`${flag} = ${value}`, { [flag]: value });
    sweep(`${flag} not assigned`, { [flag]: null });
  }

  for (const value of ['True', '1', '"yes"', 'False', '""']) sweep(`CSRF_USE_SESSIONS = ${value}, CSRF_COOKIE_SECURE = False`, { CSRF_USE_SESSIONS: value, CSRF_COOKIE_SECURE: 'False' });
  sweep('CSRF_USE_SESSIONS = True, CSRF_COOKIE_SECURE not assigned', { CSRF_USE_SESSIONS: 'True', CSRF_COOKIE_SECURE: null });
  sweep('CSRF_COOKIE_SECURE = False without CsrfViewMiddleware', { CSRF_COOKIE_SECURE: 'False' }, { middleware: STANDARD_MIDDLEWARE.filter((m) => m !== MW.csrf) });

  for (const seconds of ['0', 'None', '3600', '"0"', '31536000', null]) {
    for (const sub of ['True', 'False', '1']) {
      for (const preload of ['True', 'False', '"yes"']) {
        sweep(`SECURE_HSTS_SECONDS = ${seconds ?? '(not assigned)'}, SECURE_HSTS_INCLUDE_SUBDOMAINS = ${sub}, SECURE_HSTS_PRELOAD = ${preload}`, {
          SECURE_HSTS_SECONDS: seconds,
          SECURE_HSTS_INCLUDE_SUBDOMAINS: sub,
          SECURE_HSTS_PRELOAD: preload,
        });
      }
    }
  }
  sweep('SECURE_HSTS_SECONDS = 3600, include-subdomains and preload not assigned', { SECURE_HSTS_SECONDS: '3600', SECURE_HSTS_INCLUDE_SUBDOMAINS: null, SECURE_HSTS_PRELOAD: null });
  for (const seconds of ['3600.0', '0.0', '-1', 'True', 'False', '""', '"3600"']) sweep(`SECURE_HSTS_SECONDS = ${seconds}`, { SECURE_HSTS_SECONDS: seconds, SECURE_HSTS_INCLUDE_SUBDOMAINS: 'False', SECURE_HSTS_PRELOAD: 'False' });
  sweep('SECURE_HSTS_SECONDS = 0 without SecurityMiddleware', { SECURE_HSTS_SECONDS: '0' }, { middleware: STANDARD_MIDDLEWARE.filter((m) => m !== MW.security) });

  for (const value of ['False', '1', '"True"', '"False"', 'None']) sweep(`SECURE_SSL_REDIRECT = ${value}`, { SECURE_SSL_REDIRECT: value });
  sweep('SECURE_SSL_REDIRECT not assigned', { SECURE_SSL_REDIRECT: null });

  for (const value of ['True', 'False', '1', 'None']) sweep(`SECURE_CONTENT_TYPE_NOSNIFF = ${value}`, { SECURE_CONTENT_TYPE_NOSNIFF: value });

  const policies = [
    '"no-referrer"',
    '"same-origin"',
    '"strict-origin-when-cross-origin"',
    '"unsafe-url"',
    '"no-referrer, strict-origin-when-cross-origin"',
    '"same-origin,origin"',
    '"  origin ,   same-origin  "',
    '"no-referrer, bogus"',
    '"bogus"',
    '"Same-Origin"',
    '""',
    '"same-origin,"',
    '"same-origin, "',
    '"\\tsame-origin\\n"',
    '["origin", "same-origin"]',
    '("no-referrer",)',
    '[]',
    '["same-origin, origin"]',
    '{"origin"}',
    'None',
  ];
  for (const value of policies) sweep(`SECURE_REFERRER_POLICY = ${value}`, { SECURE_REFERRER_POLICY: value });
  sweep('SECURE_REFERRER_POLICY = None without SecurityMiddleware', { SECURE_REFERRER_POLICY: 'None' }, { middleware: STANDARD_MIDDLEWARE.filter((m) => m !== MW.security) });

  for (const value of ['"sha1"', '"sha256"', '"md5"', '"SHA256"', 'None']) sweep(`DEFAULT_HASHING_ALGORITHM = ${value}`, { DEFAULT_HASHING_ALGORITHM: value });

  for (const view of Object.values(CSRF_VIEW)) sweep(`CSRF_FAILURE_VIEW = ${pyStr(view)}`, { CSRF_FAILURE_VIEW: pyStr(view) });

  for (const value of ['"same-origin"', '"same-origin-allow-popups"', '"unsafe-none"', '"bogus"', 'None', '""']) {
    sweep(`SECURE_CROSS_ORIGIN_OPENER_POLICY = ${value} (no check in 3.2)`, { SECURE_CROSS_ORIGIN_OPENER_POLICY: value });
  }

  sweep('DEBUG = True, silenced', { DEBUG: 'True', SILENCED_SYSTEM_CHECKS: '["security.W018"]' });
  sweep('SECURE_HSTS_SECONDS not assigned, silenced (tuple)', { SECURE_HSTS_SECONDS: null, SILENCED_SYSTEM_CHECKS: '("security.W004",)' });
  sweep('SESSION_COOKIE_SECURE = False, W012 silenced but W010 listed', { SESSION_COOKIE_SECURE: 'False', SILENCED_SYSTEM_CHECKS: '["security.W010", "security.W011"]' });
  sweep('E023 silenced', { SECURE_REFERRER_POLICY: '"bogus"', SILENCED_SYSTEM_CHECKS: '["security.E023"]' });

  sweep('MIDDLEWARE not assigned (Django default: [])', {}, { middleware: null });
  sweep('MIDDLEWARE = []', {}, { middleware: [] });
  sweep('MIDDLEWARE as a tuple', {}, { middleware: STANDARD_MIDDLEWARE, middlewareTuple: true });
  sweep('a subclass of SecurityMiddleware does not count', {}, { middleware: STANDARD_MIDDLEWARE.map((m) => (m === MW.security ? 'oracle_views.middleware.SecurityMiddleware' : m)) });
  sweep('SecurityMiddleware listed twice, at the end', {}, { middleware: [...STANDARD_MIDDLEWARE.slice(1), MW.security, MW.security] });
  sweep('middleware path with a typo', {}, { middleware: STANDARD_MIDDLEWARE.map((m) => (m === MW.csrf ? 'django.middleware.csrf.CSRFViewMiddleware' : m)) });
  sweep('INSTALLED_APPS without django.contrib.sessions', {}, { apps: APPS_WITHOUT_SESSIONS });
  sweep(
    'the sessions app listed by its AppConfig path (Django tests the exact string "django.contrib.sessions")',
    { SESSION_COOKIE_SECURE: 'False', SESSION_COOKIE_HTTPONLY: 'False' },
    { apps: STANDARD_APPS.map((a) => (a === SESSIONS_APP ? 'django.contrib.sessions.apps.SessionsConfig' : a)) },
  );
  sweep('legacy MIDDLEWARE_CLASSES only (ignored since Django 2.0)', { MIDDLEWARE_CLASSES: pyList(STANDARD_MIDDLEWARE) }, { middleware: null });

  // Checks that do not exist in Django 3.2: the variants must stay quiet on both sides.
  for (const value of ['False', 'True']) sweep(`SECURE_BROWSER_XSS_FILTER = ${value} (W007 was removed in 3.0)`, { SECURE_BROWSER_XSS_FILTER: value });
  for (const value of ['False', 'True']) sweep(`CSRF_COOKIE_HTTPONLY = ${value} (W017 was removed in 1.11)`, { CSRF_COOKIE_HTTPONLY: value });
  for (const value of ['["shop.example"]', '["https://shop.example"]']) sweep(`CSRF_TRUSTED_ORIGINS = ${value} (4_0.E001 is 4.0+)`, { CSRF_TRUSTED_ORIGINS: value });
  return specs;
}

function layoutSpecs(r: Rng): FlatSpec[] {
  const specs: FlatSpec[] = [];
  for (let mask = 0; mask < 32; mask++) {
    const security = (mask & 1) !== 0;
    const session = (mask & 2) !== 0;
    const csrf = (mask & 4) !== 0;
    const xframe = (mask & 8) !== 0;
    const sessionsApp = (mask & 16) !== 0;
    for (const insecure of [true, false]) {
      const chosen: string[] = [
        ...(security ? [MW.security] : []),
        ...(session ? [MW.session] : []),
        ...(csrf ? [MW.csrf] : []),
        ...(xframe ? [MW.xframe] : []),
        ...[MW.common, MW.auth, MW.messages].filter(() => r.bool()),
      ];
      const ordered = r.bool(0.3) ? STANDARD_MIDDLEWARE.filter((m) => chosen.includes(m)) : r.shuffle(chosen);
      const names = [security && 'Security', session && 'Session', csrf && 'Csrf', xframe && 'XFrame'].filter(Boolean).join('+') || 'none of the four';
      const set: Overrides = insecure
        ? {
            SESSION_COOKIE_SECURE: 'False',
            SESSION_COOKIE_HTTPONLY: 'False',
            CSRF_COOKIE_SECURE: 'False',
            SECURE_HSTS_SECONDS: null,
            SECURE_SSL_REDIRECT: 'False',
            SECURE_CONTENT_TYPE_NOSNIFF: 'False',
            SECURE_REFERRER_POLICY: 'None',
            X_FRAME_OPTIONS: '"SAMEORIGIN"',
          }
        : {};
      specs.push({
        family: 'layout',
        description: `middleware ${names}; sessions app ${sessionsApp ? 'installed' : 'absent'}; ${insecure ? 'every flag insecure' : 'hardened flags'}`,
        apps: sessionsApp ? STANDARD_APPS : APPS_WITHOUT_SESSIONS,
        middleware: ordered,
        set,
      });
    }
  }
  return specs;
}

const RANDOM_POOLS: Record<string, Array<string | null>> = {
  DEBUG: ['True', 'False', '1', '0', '"False"', null],
  ALLOWED_HOSTS: ['[]', '["*"]', '["shop.example"]', null],
  X_FRAME_OPTIONS: ['"DENY"', '"SAMEORIGIN"', '"deny"', '"ALLOW-FROM x"', null],
  SESSION_COOKIE_SECURE: ['True', 'False', '1', '0', '"yes"', '""', 'None', null],
  SESSION_COOKIE_HTTPONLY: ['True', 'False', '1', '0', '"yes"', '""', 'None', null],
  CSRF_COOKIE_SECURE: ['True', 'False', '1', '0', '"yes"', '""', 'None', null],
  CSRF_USE_SESSIONS: ['True', 'False', null, null],
  SECURE_HSTS_SECONDS: ['0', 'None', '3600', '"0"', '31536000', null],
  SECURE_HSTS_INCLUDE_SUBDOMAINS: ['True', 'False', '1', null],
  SECURE_HSTS_PRELOAD: ['True', 'False', '"yes"', null],
  SECURE_SSL_REDIRECT: ['True', 'False', '1', null],
  SECURE_CONTENT_TYPE_NOSNIFF: ['True', 'False', '1', null],
  SECURE_REFERRER_POLICY: ['"same-origin"', '"no-referrer, strict-origin"', '["origin", "unsafe-url"]', '"bogus"', '("origin", "bogus")', 'None', null],
  DEFAULT_HASHING_ALGORITHM: ['"sha1"', '"sha256"', '"md5"', null, null, null],
  CSRF_FAILURE_VIEW: [pyStr(CSRF_VIEW.good), pyStr(CSRF_VIEW.bad), pyStr(CSRF_VIEW.missingModule), null, null, null],
  SECURE_CROSS_ORIGIN_OPENER_POLICY: ['"same-origin"', '"bogus"', null, null],
};

function randomSpecs(r: Rng, count: number): FlatSpec[] {
  const specs: FlatSpec[] = [];
  for (let i = 0; i < count; i++) {
    const set: Overrides = {};
    for (const [name, pool] of Object.entries(RANDOM_POOLS)) set[name] = r.pick(pool);
    set['SECRET_KEY'] = r.pick([pyStr(r.key(64)), pyStr('short'), pyStr(`django-insecure-${r.key(50)}`), pyStr('a'.repeat(60)), '""']);
    const middleware = STANDARD_MIDDLEWARE.filter(() => r.bool(0.75));
    specs.push({
      family: 'random',
      description: `random combination #${i + 1}`,
      apps: r.bool(0.7) ? STANDARD_APPS : APPS_WITHOUT_SESSIONS,
      middleware: r.bool(0.5) ? middleware : r.shuffle(middleware),
      middlewareTuple: r.bool(0.2),
      set,
    });
  }
  return specs;
}

// ---------------------------------------------------------------------------------------------------------------
// Split variants: a shared base, star-imported, then changed the way real projects do

interface Snippet {
  /** Settings (and helper names) it assigns. */
  assigns: string[];
  /** Names that must already be defined (by the base or an earlier snippet). */
  needs?: string[];
  lines: string[];
}

/** Realistic ways of setting each value; `os` is imported by every split variant. */
function snippetCatalog(r: Rng): Snippet[] {
  const good = r.key(60);
  const s = (assigns: string | string[], lines: string | string[], needs: string[] = []): Snippet => ({
    assigns: Array.isArray(assigns) ? assigns : [assigns],
    lines: Array.isArray(lines) ? lines : [lines],
    needs,
  });
  return [
    // DEBUG
    s('DEBUG', 'DEBUG = os.environ.get("PGORACLE_DEBUG", "False") == "True"'),
    s('DEBUG', 'DEBUG = os.environ.get("PGORACLE_DEBUG", "False")  # a non-empty string: truthy'),
    s('DEBUG', 'DEBUG = bool(int(os.environ.get("PGORACLE_DEBUG", "0")))'),
    s('DEBUG', 'DEBUG = os.getenv("PGORACLE_DEBUG", "0") in ("1", "true", "yes")'),
    s('DEBUG', 'DEBUG = os.environ.get("PGORACLE_DEBUG", "") != ""'),
    s('DEBUG', 'DEBUG = os.environ.get("PGORACLE_DEBUG")'),
    s('DEBUG', 'DEBUG = int(os.environ.get("PGORACLE_DEBUG", 1))'),
    s('DEBUG', 'DEBUG = os.environ.get("PGORACLE_DEBUG", "false").lower() in ("true", "1")'),
    s('DEBUG', 'DEBUG = "PGORACLE_DEBUG" in os.environ'),
    s('DEBUG', 'DEBUG = False'),
    s('DEBUG', 'DEBUG = bool(os.environ.get("PGORACLE_DEBUG", "False"))  # bool("False") is True'),
    s('DEBUG', 'DEBUG = os.environ.get("PGORACLE_DEBUG", False)'),
    s(['DEBUG'], ['os.environ.setdefault("PGORACLE_MODE", "production")', 'DEBUG = os.environ["PGORACLE_MODE"] != "production"']),
    s(['DEBUG'], ['os.environ.setdefault("PGORACLE_STAGE", "staging")  # for the libraries that read it', 'DEBUG = os.environ.get("PGORACLE_STAGE", "production") != "production"']),
    // SECRET_KEY
    s('SECRET_KEY', 'SECRET_KEY = os.environ.get("PGORACLE_SECRET_KEY", "change-me")'),
    s('SECRET_KEY', `SECRET_KEY = os.environ.get("PGORACLE_SECRET_KEY", ${pyStr(good)})`),
    s(['KEY_SUFFIX', 'SECRET_KEY'], [`KEY_SUFFIX = ${pyStr(r.key(50))}`, 'SECRET_KEY = f"django-insecure-{KEY_SUFFIX}"']),
    s('SECRET_KEY', 'SECRET_KEY = "a" * 60'),
    s('SECRET_KEY', 'SECRET_KEY = os.getenv("PGORACLE_SECRET_KEY") or "fallback-secret"'),
    s('SECRET_KEY', 'SECRET_KEY = os.environ.get("PGORACLE_SECRET_KEY", "")'),
    s('SECRET_KEY', ['try:', '    SECRET_KEY = os.environ["PGORACLE_SECRET_KEY"]', 'except KeyError:', '    SECRET_KEY = "dev-only-secret"']),
    s('SECRET_KEY', ['try:', '    from .secrets import SECRET_KEY  # noqa: F401', 'except ImportError:', `    SECRET_KEY = ${pyStr(r.pick(['insecure-fallback', `django-insecure-${r.key(50)}`]))}`]),
    s('SECRET_KEY', ['from django.core.management.utils import get_random_secret_key', '', 'SECRET_KEY = os.environ.get("PGORACLE_SECRET_KEY") or get_random_secret_key()']),
    s('SECRET_KEY', `SECRET_KEY = f"{BASE_DIR.name}-${r.key(56)}"`, ['BASE_DIR']),
    // ALLOWED_HOSTS
    s('ALLOWED_HOSTS', 'ALLOWED_HOSTS = os.environ.get("PGORACLE_ALLOWED_HOSTS", "").split(",")  # [""]: not empty'),
    s('ALLOWED_HOSTS', 'ALLOWED_HOSTS = [h for h in os.environ.get("PGORACLE_ALLOWED_HOSTS", "").split(",") if h]'),
    s('ALLOWED_HOSTS', 'ALLOWED_HOSTS = os.environ.get("PGORACLE_ALLOWED_HOSTS", "shop.example,www.shop.example").split(",")'),
    s(['SITE', 'ALLOWED_HOSTS'], ['SITE = os.getenv("PGORACLE_SITE", "shop.example")', 'ALLOWED_HOSTS = [SITE, f"www.{SITE}"]']),
    s('ALLOWED_HOSTS', 'ALLOWED_HOSTS = ["*"]'),
    s('ALLOWED_HOSTS', 'ALLOWED_HOSTS = []'),
    s(['json', 'ALLOWED_HOSTS'], ['import json', '', `ALLOWED_HOSTS = json.loads(os.environ.get("PGORACLE_ALLOWED_HOSTS", '["shop.example"]'))`]),
    s('ALLOWED_HOSTS', 'ALLOWED_HOSTS += ["shop.example"]', ['ALLOWED_HOSTS']),
    // HSTS
    s('SECURE_HSTS_SECONDS', 'SECURE_HSTS_SECONDS = int(os.environ.get("PGORACLE_HSTS_SECONDS", "0"))'),
    s('SECURE_HSTS_SECONDS', 'SECURE_HSTS_SECONDS = os.environ.get("PGORACLE_HSTS_SECONDS", "0")  # "0" is truthy'),
    s('SECURE_HSTS_SECONDS', 'SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365'),
    s('SECURE_HSTS_SECONDS', 'SECURE_HSTS_SECONDS = int(os.getenv("PGORACLE_HSTS_SECONDS", 3600))'),
    s('SECURE_HSTS_SECONDS', 'SECURE_HSTS_SECONDS = None'),
    s('SECURE_HSTS_SECONDS', 'SECURE_HSTS_SECONDS = os.environ.get("PGORACLE_HSTS_SECONDS") or 0'),
    s('SECURE_HSTS_SECONDS', 'SECURE_HSTS_SECONDS = 3600 * 24 * int(os.environ.get("PGORACLE_HSTS_DAYS", "0"))'),
    s('SECURE_HSTS_SECONDS', 'SECURE_HSTS_SECONDS *= 2', ['SECURE_HSTS_SECONDS']),
    s('SECURE_HSTS_SECONDS', 'SECURE_HSTS_SECONDS = 0 if DEBUG else 31536000', ['DEBUG']),
    s('SECURE_HSTS_SECONDS', 'SECURE_HSTS_SECONDS = int(os.environ.get("PGORACLE_HSTS_SECONDS", 60 * 60 * 24 * 365)) if not DEBUG else 0', ['DEBUG']),
    s(['SECURITY', 'SECURE_HSTS_SECONDS', 'SECURE_SSL_REDIRECT'], [
      `SECURITY = {"hsts_seconds": ${r.pick(['0', '3600'])}, "ssl_redirect": ${r.pick(['True', '1'])}}`,
      'SECURE_HSTS_SECONDS = SECURITY["hsts_seconds"]',
      'SECURE_SSL_REDIRECT = SECURITY.get("ssl_redirect", False)',
    ]),
    s('SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS = True'),
    s('SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("PGORACLE_HSTS_SUBDOMAINS", "true") == "true"'),
    s('SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS = bool(SECURE_HSTS_SECONDS)', ['SECURE_HSTS_SECONDS']),
    s('SECURE_HSTS_PRELOAD', 'SECURE_HSTS_PRELOAD = os.environ.get("PGORACLE_HSTS_PRELOAD", "1")  # a string, not True'),
    s('SECURE_HSTS_PRELOAD', 'SECURE_HSTS_PRELOAD = True'),
    s('SECURE_HSTS_PRELOAD', 'SECURE_HSTS_PRELOAD = False'),
    // SSL redirect
    s('SECURE_SSL_REDIRECT', 'SECURE_SSL_REDIRECT = not DEBUG', ['DEBUG']),
    s('SECURE_SSL_REDIRECT', 'SECURE_SSL_REDIRECT = os.environ.get("PGORACLE_SSL_REDIRECT", "True") == "True"'),
    s('SECURE_SSL_REDIRECT', 'SECURE_SSL_REDIRECT = os.environ.get("PGORACLE_SSL_REDIRECT", "True")'),
    s('SECURE_SSL_REDIRECT', 'SECURE_SSL_REDIRECT = int(os.getenv("PGORACLE_SSL_REDIRECT", "1"))'),
    s('SECURE_SSL_REDIRECT', 'SECURE_SSL_REDIRECT = os.environ.get("PGORACLE_SSL_REDIRECT", "1") == 1  # str == int: False'),
    s(['SECURE_SSL_REDIRECT', 'SECURE_PROXY_SSL_HEADER'], [
      'if os.environ.get("PGORACLE_BEHIND_PROXY", "1") == "1":',
      '    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")',
      '    SECURE_SSL_REDIRECT = True',
    ]),
    s('SECURE_SSL_REDIRECT', ['if not DEBUG:', '    SECURE_SSL_REDIRECT = True'], ['DEBUG']),
    // Cookies
    s('SESSION_COOKIE_SECURE', 'SESSION_COOKIE_SECURE = not DEBUG', ['DEBUG']),
    s('SESSION_COOKIE_SECURE', 'SESSION_COOKIE_SECURE = os.environ.get("PGORACLE_COOKIE_SECURE", "yes")'),
    s('SESSION_COOKIE_SECURE', 'SESSION_COOKIE_SECURE = os.environ.get("PGORACLE_COOKIE_SECURE", "") == "1"'),
    s(['SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE'], 'SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True'),
    s('CSRF_COOKIE_SECURE', 'CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE', ['SESSION_COOKIE_SECURE']),
    s('CSRF_COOKIE_SECURE', 'CSRF_COOKIE_SECURE = bool(os.environ.get("PGORACLE_CSRF_SECURE", ""))'),
    s('CSRF_COOKIE_SECURE', 'CSRF_COOKIE_SECURE = False'),
    s('CSRF_COOKIE_SECURE', 'CSRF_COOKIE_SECURE = not os.environ.get("PGORACLE_INSECURE_COOKIES")'),
    s(['SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE'], 'SESSION_COOKIE_SECURE, CSRF_COOKIE_SECURE = True, False'),
    s(['CSRF_COOKIE_SECURE', 'SESSION_COOKIE_SECURE'], 'CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE = os.environ.get("PGORACLE_HTTPS", "off") == "on"'),
    s('SESSION_COOKIE_HTTPONLY', 'SESSION_COOKIE_HTTPONLY = os.environ.get("PGORACLE_HTTPONLY", "True") == "False"'),
    s('SESSION_COOKIE_HTTPONLY', 'SESSION_COOKIE_HTTPONLY = 1'),
    s('CSRF_USE_SESSIONS', 'CSRF_USE_SESSIONS = os.environ.get("PGORACLE_CSRF_IN_SESSION", "1") == "1"'),
    // Referrer policy
    s(['REFERRER_PRIMARY', 'REFERRER_FALLBACK', 'SECURE_REFERRER_POLICY'], [
      `REFERRER_PRIMARY = ${pyStr(r.pick(['no-referrer', 'same-origin', 'strict-origin']))}`,
      `REFERRER_FALLBACK = ${pyStr(r.pick(['strict-origin-when-cross-origin', 'origin', 'no-referrer-when-downgrade']))}`,
      'SECURE_REFERRER_POLICY = f"{REFERRER_PRIMARY}, {REFERRER_FALLBACK}"',
    ]),
    s(['REFERRER_BAD', 'SECURE_REFERRER_POLICY'], ['REFERRER_BAD = "strict-origin-when-crossorigin"', 'SECURE_REFERRER_POLICY = f"no-referrer, {REFERRER_BAD}"']),
    s('SECURE_REFERRER_POLICY', 'SECURE_REFERRER_POLICY = ", ".join(["no-referrer", "strict-origin-when-cross-origin"])'),
    s('SECURE_REFERRER_POLICY', 'SECURE_REFERRER_POLICY = os.environ.get("PGORACLE_REFERRER_POLICY", "same-origin")'),
    s('SECURE_REFERRER_POLICY', 'SECURE_REFERRER_POLICY = os.environ.get("PGORACLE_REFERRER_POLICY", "same-origin,bogus").split(",")'),
    s('SECURE_REFERRER_POLICY', 'SECURE_REFERRER_POLICY = None'),
    // Clickjacking, nosniff
    s('X_FRAME_OPTIONS', 'X_FRAME_OPTIONS = os.environ.get("PGORACLE_X_FRAME_OPTIONS", "SAMEORIGIN")'),
    s('X_FRAME_OPTIONS', 'X_FRAME_OPTIONS = "deny".upper()'),
    s('X_FRAME_OPTIONS', 'X_FRAME_OPTIONS = "deny"'),
    s('X_FRAME_OPTIONS', 'X_FRAME_OPTIONS = "SAMEORIGIN" if DEBUG else "DENY"', ['DEBUG']),
    s('X_FRAME_OPTIONS', 'X_FRAME_OPTIONS = "DENY" if os.environ.get("PGORACLE_FRAMES") is None else "SAMEORIGIN"'),
    s('X_FRAME_OPTIONS', [
      'if ENVIRONMENT == "staging":',
      '    X_FRAME_OPTIONS = "SAMEORIGIN"',
      'elif ENVIRONMENT == "production":',
      `    X_FRAME_OPTIONS = ${r.pick(['"DENY"', '"deny"'])}`,
      'else:',
      '    X_FRAME_OPTIONS = "ALLOW-FROM x"',
    ], ['ENVIRONMENT']),
    s(['FRAME_PARENT', 'X_FRAME_OPTIONS'], ['FRAME_PARENT = os.getenv("PGORACLE_FRAME_PARENT", "https://cms.shop.example")', 'X_FRAME_OPTIONS = f"ALLOW-FROM {FRAME_PARENT}"']),
    s('SECURE_CONTENT_TYPE_NOSNIFF', 'SECURE_CONTENT_TYPE_NOSNIFF = os.environ.get("PGORACLE_NOSNIFF", "True") == "True"'),
    s('SECURE_CONTENT_TYPE_NOSNIFF', 'SECURE_CONTENT_TYPE_NOSNIFF = not DEBUG', ['DEBUG']),
    s('SECURE_CONTENT_TYPE_NOSNIFF', 'SECURE_CONTENT_TYPE_NOSNIFF = 1'),
    // CSRF failure view, hashing, COOP
    s(['VIEWS_PACKAGE', 'CSRF_FAILURE_VIEW'], ['VIEWS_PACKAGE = "oracle_views"', 'CSRF_FAILURE_VIEW = f"{VIEWS_PACKAGE}.csrf.good_failure"']),
    s('CSRF_FAILURE_VIEW', `CSRF_FAILURE_VIEW = ${pyStr(CSRF_VIEW.bad)}`),
    s('CSRF_FAILURE_VIEW', `CSRF_FAILURE_VIEW = os.environ.get("PGORACLE_CSRF_VIEW", ${pyStr(CSRF_VIEW.missingModule)})`),
    s('CSRF_FAILURE_VIEW', 'CSRF_FAILURE_VIEW = ".".join(["oracle_views", "csrf", "bad_failure_wrong_name"])'),
    s('DEFAULT_HASHING_ALGORITHM', 'DEFAULT_HASHING_ALGORITHM = os.environ.get("PGORACLE_HASHING", "sha1")'),
    s('DEFAULT_HASHING_ALGORITHM', 'DEFAULT_HASHING_ALGORITHM = "md5"'),
    s('SECURE_CROSS_ORIGIN_OPENER_POLICY', 'SECURE_CROSS_ORIGIN_OPENER_POLICY = "bogus"'),
    // Paths: no check reads them, but they must not derail the evaluation of what follows.
    s('MEDIA_ROOT', 'MEDIA_ROOT = BASE_DIR / "media"', ['BASE_DIR']),
    s('LOG_DIR', 'LOG_DIR = os.path.join(BASE_DIR, "logs")', ['BASE_DIR']),
    s('STATIC_ROOT', 'STATIC_ROOT = BASE_DIR.parent / "public" / "static"', ['BASE_DIR']),
    s(['PROJECT_ROOT', 'TEMPLATES'], [
      'PROJECT_ROOT = Path(__file__).resolve().parent.parent',
      'TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [PROJECT_ROOT / "templates"], "APP_DIRS": True}]',
    ], ['Path']),
    s('SILENCED_SYSTEM_CHECKS', 'SILENCED_SYSTEM_CHECKS = ["security.W008"]  # TLS ends at the load balancer'),
    s('SILENCED_SYSTEM_CHECKS', 'SILENCED_SYSTEM_CHECKS = ["security.W019", "security.W021"]'),
    s([], ['if "debug_toolbar" in INSTALLED_APPS:', '    MIDDLEWARE.insert(0, "debug_toolbar.middleware.DebugToolbarMiddleware")']),
  ];
}

interface SplitState {
  middleware: string[];
  tuple: boolean;
  apps: string[];
  defined: Set<string>;
}

/** A MIDDLEWARE change valid in the current state (Python would raise on `remove` of an absent entry). */
function middlewareOp(r: Rng, state: SplitState): string {
  const candidates = [MW.security, MW.session, MW.csrf, MW.xframe, MW.common];
  const present = candidates.filter((m) => state.middleware.includes(m));
  const absent = candidates.filter((m) => !state.middleware.includes(m));
  const add = (m: string, at: 'start' | 'end') => {
    if (at === 'start') state.middleware.unshift(m);
    else state.middleware.push(m);
  };
  const drop = (m: string) => {
    state.middleware = state.middleware.filter((x) => x !== m);
  };
  if (state.tuple) {
    const choice = r.int(4);
    if (choice === 0 && absent.length > 0) {
      const m = r.pick(absent);
      add(m, 'end');
      return `MIDDLEWARE += (${pyStr(m)},)`;
    }
    if (choice === 1 && absent.length > 0) {
      const m = r.pick(absent);
      add(m, 'start');
      return `MIDDLEWARE = (${pyStr(m)},) + MIDDLEWARE`;
    }
    if (choice === 2 && present.length > 0) {
      const m = r.pick(present);
      drop(m);
      return `MIDDLEWARE = tuple(m for m in MIDDLEWARE if m != ${pyStr(m)})`;
    }
    state.tuple = false;
    const m = r.pick(candidates);
    add(m, 'end');
    return `MIDDLEWARE = list(MIDDLEWARE) + [${pyStr(m)}]`;
  }
  const choice = r.int(13);
  if (choice === 12 && state.middleware.length > 0) {
    state.middleware.shift();
    return 'MIDDLEWARE.pop(0)';
  }
  if (choice === 11 && present.length > 0) {
    const m = r.pick(present);
    drop(m);
    return `del MIDDLEWARE[MIDDLEWARE.index(${pyStr(m)})]`;
  }
  if (choice === 4 && absent.length > 0) {
    const m = r.pick(absent);
    add(m, 'end');
    return `MIDDLEWARE = [*MIDDLEWARE, ${pyStr(m)}]`;
  }
  if (choice === 5 && absent.length > 0 && state.middleware.length > 0) {
    const m = r.pick(absent);
    state.middleware.splice(1, 0, m);
    return `MIDDLEWARE = MIDDLEWARE[:1] + [${pyStr(m)}] + MIDDLEWARE[1:]`;
  }
  if (choice === 6 && absent.length > 0 && present.length > 0) {
    const m = r.pick(absent);
    const after = r.pick(present);
    state.middleware.splice(state.middleware.indexOf(after) + 1, 0, m);
    return `MIDDLEWARE.insert(MIDDLEWARE.index(${pyStr(after)}) + 1, ${pyStr(m)})`;
  }
  if (choice <= 1 && present.length > 0) {
    const m = r.pick(present);
    drop(m);
    return `MIDDLEWARE.remove(${pyStr(m)})`;
  }
  if (choice === 2 && present.length > 0) {
    const m = r.pick(present);
    drop(m);
    return `MIDDLEWARE = [m for m in MIDDLEWARE if m != ${pyStr(m)}]`;
  }
  if (choice === 3 && present.length > 0) {
    const m = r.pick(present);
    const replacement = `oracle_views.middleware.${m.split('.').pop()!}`;
    state.middleware = state.middleware.map((x) => (x === m ? replacement : x));
    return `MIDDLEWARE[MIDDLEWARE.index(${pyStr(m)})] = ${pyStr(replacement)}  # a project subclass`;
  }
  if (absent.length > 0) {
    const m = r.pick(absent);
    const form = r.int(4);
    if (form === 0) {
      add(m, 'start');
      return `MIDDLEWARE.insert(0, ${pyStr(m)})`;
    }
    add(m, 'end');
    if (form === 1) return `MIDDLEWARE.append(${pyStr(m)})`;
    if (form === 2) return `MIDDLEWARE += [${pyStr(m)}]`;
    return `MIDDLEWARE = MIDDLEWARE + [${pyStr(m)}]`;
  }
  add('django.middleware.locale.LocaleMiddleware', 'end');
  return 'MIDDLEWARE.extend(["django.middleware.locale.LocaleMiddleware"])';
}

function appsOp(r: Rng, state: SplitState): string {
  if (state.apps.includes(SESSIONS_APP)) {
    state.apps = state.apps.filter((a) => a !== SESSIONS_APP);
    return r.bool()
      ? `INSTALLED_APPS.remove(${pyStr(SESSIONS_APP)})`
      : `INSTALLED_APPS = [app for app in INSTALLED_APPS if app != ${pyStr(SESSIONS_APP)}]`;
  }
  state.apps.push(SESSIONS_APP);
  return r.bool() ? `INSTALLED_APPS += [${pyStr(SESSIONS_APP)}]` : `INSTALLED_APPS.append(${pyStr(SESSIONS_APP)})`;
}

/**
 * Hand-written split variants, first of their family: each base inherited as is, and the same inherited finding
 * silenced in one module but not in the others (the silenced one first, then after an unsilenced one), which is
 * where merging identical findings of several modules must keep them apart.
 */
function explicitSplits(bases: BaseModule[]): Array<{ description: string; source: string; imports: string[] }> {
  const out: Array<{ description: string; source: string; imports: string[] }> = [];
  const add = (description: string, baseName: string, body: string[]) => {
    const base = bases.find((b) => b.name === baseName)!;
    const lines = [`"""${description}."""`, `from .${base.name} import *  # noqa: F401,F403`, ...(body.length > 0 ? ['', ...body] : [])];
    out.push({ description, imports: [base.path, ...base.imports], source: `${lines.join('\n')}\n` });
  };
  add('base_chain inherited, W019 silenced here only', 'base_chain', ['SILENCED_SYSTEM_CHECKS = ["security.W019"]']);
  for (const base of bases) add(`${base.name} inherited as is`, base.name, []);
  add('base_env inherited, W021 silenced here only', 'base_env', ['SILENCED_SYSTEM_CHECKS = ["security.W021"]']);
  add('base_common inherited, W018 and W009 silenced here only', 'base_common', ['SILENCED_SYSTEM_CHECKS = ["security.W018", "security.W009"]']);
  add('base_common inherited, nothing silenced', 'base_common', ['STATIC_URL = "/assets/"']);
  return out;
}

function splitSources(r: Rng, bases: BaseModule[], count: number): Array<{ description: string; source: string; imports: string[] }> {
  const catalog = snippetCatalog(r);
  const deck: number[] = [];
  const out = explicitSplits(bases);
  for (let i = 0; i < count; i++) {
    const base = bases[i % bases.length]!;
    const state: SplitState = { middleware: [...base.middleware], tuple: base.middlewareTuple, apps: [...base.apps], defined: new Set(base.defines) };
    const lines: string[] = [];
    const notes: string[] = [];
    const absolute = r.bool(0.25);
    lines.push(`"""Production settings (split settings, variant ${i + 1} of the ${base.name} family)."""`);
    lines.push('import os', '');
    lines.push(absolute ? `from settings.${base.name} import *  # noqa: F401,F403` : `from .${base.name} import *  # noqa: F401,F403`);
    const imports = [base.path, ...base.imports];
    if (r.bool(0.12) && base.name !== 'base_env') {
      // Layered bases: a second star import overrides the first one's values.
      lines.push('from .base_env import *  # noqa: F401,F403');
      imports.push('settings/base_env.py');
      const env = bases.find((b) => b.name === 'base_env')!;
      state.middleware = [...env.middleware];
      state.tuple = env.middlewareTuple;
      state.apps = [...env.apps];
      for (const name of env.defines) state.defined.add(name);
      notes.push('base_env layered on top');
    }
    lines.push('');

    const mwOps = r.int(4);
    for (let k = 0; k < mwOps; k++) lines.push(middlewareOp(r, state));
    if (mwOps > 0) notes.push(`${mwOps} MIDDLEWARE change(s)`);
    if (r.bool(0.3)) {
      lines.push(appsOp(r, state));
      notes.push('INSTALLED_APPS changed');
    }
    if (mwOps > 0 || lines[lines.length - 1] !== '') lines.push('');

    // Snippets are dealt from a shuffled deck, so every one of them appears in some variant.
    const wanted = 2 + r.int(5);
    const usedSettings = new Set<string>();
    let added = 0;
    for (let tries = 0; added < wanted && tries < catalog.length; tries++) {
      if (deck.length === 0) deck.push(...r.shuffle(catalog.map((_, index) => index)));
      const index = deck.shift()!;
      const snippet = catalog[index]!;
      if ((snippet.needs ?? []).some((n) => !state.defined.has(n)) || snippet.assigns.some((a) => usedSettings.has(a))) {
        deck.push(index); // dealt to a later variant
        continue;
      }
      for (const a of snippet.assigns) {
        usedSettings.add(a);
        state.defined.add(a);
      }
      lines.push(...snippet.lines);
      added++;
    }
    notes.push(`${added} value(s) overridden`);

    if (r.bool(0.15)) {
      lines.push('', 'try:', '    from .local_overrides import *  # noqa: F401,F403', 'except ImportError:', '    pass');
      notes.push('optional local overrides');
    }
    out.push({ description: `from ${base.name}; ${notes.join(', ')}`, source: `${lines.join('\n')}\n`, imports });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

/** Counts of each family; the total is the number of variants (at least 300). */
export const RANDOM_COUNT = 40;
export const SPLIT_COUNT = 80;

/** The whole throw-away project. Pure and deterministic: calling it twice gives identical output. */
export function generateProject(): OracleProject {
  const r = rng();
  const bases = sharedModules(r);
  const goodKey = r.key(64);
  const files: Record<string, string> = {
    'requirements.txt': 'Django==3.2.25\n',
    'settings/__init__.py': '',
    'oracle_views/__init__.py': '',
    'oracle_views/csrf.py': CSRF_VIEWS,
    'oracle_views/broken.py': BROKEN_VIEWS,
  };
  for (const base of bases) files[base.path] = base.source;

  const variants: Variant[] = [];
  const push = (family: Variant['family'], description: string, source: string, imports: string[]) => {
    const id = `prod_${String(variants.length + 1).padStart(4, '0')}`;
    const path = `settings/${id}.py`;
    variants.push({ id, module: `settings.${id}`, path, family, description, source, imports });
    files[path] = source;
  };
  for (const spec of [...sweepSpecs(r), ...layoutSpecs(r), ...randomSpecs(r, RANDOM_COUNT)]) push(spec.family, spec.description, renderFlat(spec, goodKey), []);
  for (const split of splitSources(r, bases, SPLIT_COUNT)) push('split', split.description, split.source, split.imports);
  return { files, variants };
}
