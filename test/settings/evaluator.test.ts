import { describe, expect, it } from 'vitest';
import type { SourceModule } from '../../src/settings/evaluator.js';
import { SettingsEvaluator } from '../../src/settings/evaluator.js';
import { dictGet, display, truthy, type Value } from '../../src/settings/value.js';
import { parseModule } from '../helpers.js';

/** Evaluates `moduleName` among `files` (paths → source) under an environment. */
async function evaluate(files: Record<string, string>, moduleName: string, env: Record<string, string> = {}, configFiles: Record<string, string> = {}) {
  const modules = new Map<string, SourceModule>();
  for (const [rel, source] of Object.entries(files)) {
    const isPackage = rel.endsWith('/__init__.py');
    const name = rel.replace(/\/__init__\.py$|\.py$/, '').split('/').join('.');
    modules.set(name, { path: rel, module: await parseModule(source, name, isPackage) });
  }
  const evaluator = new SettingsEvaluator({
    environment: { vars: new Map(Object.entries(env)), given: Object.keys(env).length > 0 },
    modules,
    root: '/srv/app',
    configFiles: new Map(Object.entries(configFiles)),
  });
  const result = evaluator.evaluate(moduleName)!;
  const get = (name: string): Value => result.namespace.names.get(name)?.value ?? { t: 'unknown', why: 'unset' };
  const show = (name: string): string => display(get(name));
  const line = (name: string): string | undefined => {
    const at = result.namespace.names.get(name)?.at;
    return at ? `${at.path}:${at.module.lines.lineOf(at.node.start)}` : undefined;
  };
  return { result, get, show, line };
}

const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('settings evaluator', () => {
  it('follows star-import chains three deep, with list mutations and provenance', async () => {
    const { show, line } = await evaluate(
      {
        'cfg/__init__.py': '',
        'cfg/settings/__init__.py': '',
        'cfg/settings/base.py': lines(
          'DEBUG = True',
          'MIDDLEWARE = ["django.middleware.common.CommonMiddleware", "django.middleware.csrf.CsrfViewMiddleware"]',
          'INSTALLED_APPS = ("django.contrib.admin",)',
        ),
        'cfg/settings/common.py': lines(
          'from .base import *',
          'MIDDLEWARE.insert(0, "django.middleware.security.SecurityMiddleware")',
          'INSTALLED_APPS += ("django.contrib.sessions",)',
          'SESSION_COOKIE_AGE = 60 * 60 * 24',
        ),
        'cfg/settings/production.py': lines(
          'from cfg.settings.common import *',
          'DEBUG = False',
          'MIDDLEWARE.append("django.middleware.clickjacking.XFrameOptionsMiddleware")',
          'MIDDLEWARE.remove("django.middleware.common.CommonMiddleware")',
          'MIDDLEWARE += ["whitenoise.middleware.WhiteNoiseMiddleware"]',
          'MIDDLEWARE.extend(["a.B"])',
        ),
      },
      'cfg.settings.production',
    );
    expect(show('DEBUG')).toBe('False');
    expect(line('DEBUG')).toBe('cfg/settings/production.py:2');
    expect(show('MIDDLEWARE')).toBe(
      "['django.middleware.security.SecurityMiddleware', 'django.middleware.csrf.CsrfViewMiddleware', 'django.middleware.clickjacking.XFrameOptionsMiddleware', 'whitenoise.middleware.WhiteNoiseMiddleware', 'a.B']",
    );
    expect(show('INSTALLED_APPS')).toBe("('django.contrib.admin', 'django.contrib.sessions')");
    expect(show('SESSION_COOKIE_AGE')).toBe('86400');
    expect(line('SESSION_COOKIE_AGE')).toBe('cfg/settings/common.py:4');
  });

  it('runs try/except ImportError local settings only when the module exists', async () => {
    const files = {
      'cfg/__init__.py': '',
      'cfg/settings.py': lines('DEBUG = False', 'try:', '    from .local_settings import *', 'except ImportError:', '    LOCAL = False'),
    };
    const without = await evaluate(files, 'cfg.settings');
    expect(without.show('DEBUG')).toBe('False');
    expect(without.show('LOCAL')).toBe('False');
    expect(without.result.problems).toEqual([]);
    const withLocal = await evaluate({ ...files, 'cfg/local_settings.py': 'DEBUG = True\n' }, 'cfg.settings');
    expect(withLocal.show('DEBUG')).toBe('True');
    expect(withLocal.line('DEBUG')).toBe('cfg/local_settings.py:1');
    expect(withLocal.get('LOCAL').t).toBe('unknown');
  });

  it('reads os.environ with defaults, the usual comparisons and casts', async () => {
    const source = lines(
      'import os',
      'from os import environ, getenv',
      'DEBUG = os.environ.get("DJANGO_DEBUG", "True") == "True"',
      'DEBUG2 = getenv("DEBUG2", "false").lower() in ("1", "true", "yes")',
      'DEBUG3 = bool(int(os.getenv("DEBUG3", "0")))',
      'HOSTS = environ.get("HOSTS", "a.example,b.example").split(",")',
      'SECRET_KEY = os.environ["SECRET_KEY"]',
      'PORT = int(environ.setdefault("PORT", "8000"))',
      'NAME = os.environ.get("NAME")',
      'HAS_SENTRY = "SENTRY_DSN" in os.environ',
    );
    const unset = await evaluate({ 'settings.py': source }, 'settings');
    expect(unset.show('DEBUG')).toBe('True');
    expect(unset.get('DEBUG').env).toMatchObject([{ variable: 'DJANGO_DEBUG', unset: true }]);
    expect(unset.get('DEBUG').env?.[0]?.defaultAt?.module.text(unset.get('DEBUG').env![0]!.defaultAt!.node)).toBe('"True"');
    expect(unset.show('DEBUG2')).toBe('False');
    expect(unset.show('DEBUG3')).toBe('False');
    expect(unset.show('HOSTS')).toBe("['a.example', 'b.example']");
    expect(unset.get('SECRET_KEY')).toMatchObject({ t: 'unknown', why: 'environment variable SECRET_KEY is required and not set' });
    expect(unset.show('PORT')).toBe('8000');
    expect(unset.show('NAME')).toBe('None');
    expect(unset.show('HAS_SENTRY')).toBe('False');
    const set = await evaluate({ 'settings.py': source }, 'settings', { DJANGO_DEBUG: 'False', DEBUG2: 'Yes', DEBUG3: '1', SECRET_KEY: 'k', SENTRY_DSN: 'x' });
    expect(set.show('DEBUG')).toBe('False');
    expect(set.get('DEBUG').env).toMatchObject([{ variable: 'DJANGO_DEBUG', unset: false }]);
    expect(set.show('DEBUG2')).toBe('True');
    expect(set.show('DEBUG3')).toBe('True');
    expect(set.show('SECRET_KEY')).toBe("'k'");
    expect(set.show('HAS_SENTRY')).toBe('True');
  });

  it('reads django-environ, including its scheme and its uncast defaults', async () => {
    const source = lines(
      'import environ',
      'env = environ.Env(DEBUG=(bool, True), ALLOWED_HOSTS=(list, ["*"]))',
      'environ.Env.read_env()',
      'DEBUG = env("DEBUG")',
      'ALLOWED_HOSTS = env("ALLOWED_HOSTS")',
      'SECURE = env.bool("SECURE", default=False)',
      'QUOTED = env.bool("QUOTED", default="False")',
      'RATE = env.int("RATE", 5)',
      'DATABASES = {"default": env.db("DATABASE_URL", default="postgres://shop:hunter2@db:5432/shop")}',
      'KEY = env.str("SECRET_KEY")',
    );
    const unset = await evaluate({ 'settings.py': source }, 'settings');
    expect(unset.show('DEBUG')).toBe('True');
    expect(unset.show('ALLOWED_HOSTS')).toBe("['*']");
    expect(unset.show('SECURE')).toBe('False');
    // django-environ returns a default as it is: the string 'False', which is truthy.
    expect(unset.show('QUOTED')).toBe("'False'");
    expect(truthy(unset.get('QUOTED'))).toBe(true);
    expect(unset.show('RATE')).toBe('5');
    expect(unset.show('DATABASES')).toContain("'PASSWORD': 'hunter2'");
    expect(unset.get('KEY')).toMatchObject({ t: 'unknown' });
    const set = await evaluate({ 'settings.py': source }, 'settings', { DEBUG: 'off', ALLOWED_HOSTS: 'shop.example,www.shop.example', SECURE: 'yes', RATE: '7' });
    expect(set.show('DEBUG')).toBe('False');
    expect(set.show('ALLOWED_HOSTS')).toBe("['shop.example', 'www.shop.example']");
    expect(set.show('SECURE')).toBe('True');
    expect(set.show('RATE')).toBe('7');
  });

  it('reads python-decouple, from the environment, a .env file or the default', async () => {
    const source = lines(
      'from decouple import config, Csv',
      'DEBUG = config("DEBUG", default=True, cast=bool)',
      'SSL = config("SSL", default="off", cast=bool)',
      'HOSTS = config("ALLOWED_HOSTS", default="localhost, 127.0.0.1", cast=Csv())',
      'TIMEOUT = config("TIMEOUT", default="30", cast=int)',
      'FROM_FILE = config("FROM_FILE", default="no", cast=bool)',
    );
    const result = await evaluate({ 'proj/settings.py': source }, 'proj.settings', {}, { 'proj/.env': 'FROM_FILE=yes\n' });
    expect(result.show('DEBUG')).toBe('True');
    expect(result.show('SSL')).toBe('False');
    expect(result.show('HOSTS')).toBe("['localhost', '127.0.0.1']");
    expect(result.show('TIMEOUT')).toBe('30');
    expect(result.show('FROM_FILE')).toBe('True');
    const set = await evaluate({ 'proj/settings.py': source }, 'proj.settings', { DEBUG: 'False', SSL: 'true' });
    expect(set.show('DEBUG')).toBe('False');
    expect(set.show('SSL')).toBe('True');
  });

  it('takes if/else branches on environment values and marks undecidable ones', async () => {
    const source = lines(
      'import os, socket, sys',
      'ENVIRONMENT = os.environ.get("DJANGO_ENV", "development")',
      'if ENVIRONMENT == "production":',
      '    DEBUG = False',
      'elif ENVIRONMENT == "staging":',
      '    DEBUG = False',
      'else:',
      '    DEBUG = True',
      'if socket.gethostname() == "web-1":',
      '    CACHE = "redis"',
      'else:',
      '    CACHE = "local"',
      'if "test" in sys.argv:',
      '    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]',
      'X = "on" if os.environ.get("X") else "off"',
    );
    const unset = await evaluate({ 'settings.py': source }, 'settings');
    expect(unset.show('DEBUG')).toBe('True');
    expect(unset.line('DEBUG')).toBe('settings.py:8');
    expect(unset.get('DEBUG').env?.map((u) => u.variable)).toEqual(['DJANGO_ENV']);
    expect(unset.get('CACHE')).toMatchObject({ t: 'unknown' });
    expect(unset.show('CACHE')).toContain("if socket.gethostname() == \"web-1\": 'redis'; otherwise: 'local'");
    expect(unset.result.namespace.names.has('PASSWORD_HASHERS')).toBe(false);
    expect(unset.show('X')).toBe("'off'");
    const production = await evaluate({ 'settings.py': source }, 'settings', { DJANGO_ENV: 'production', X: '1' });
    expect(production.show('DEBUG')).toBe('False');
    expect(production.line('DEBUG')).toBe('settings.py:4');
    expect(production.show('X')).toBe("'on'");
  });

  it('computes paths, f-strings, %-formatting and dj-database-url', async () => {
    const source = lines(
      'import os',
      'from pathlib import Path',
      'import dj_database_url',
      'BASE_DIR = Path(__file__).resolve().parent.parent',
      'OLD_BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))',
      'MEDIA_ROOT = BASE_DIR / "media"',
      'STATIC_ROOT = os.path.join(OLD_BASE, "static")',
      'NAME = "shop"',
      'URL = f"https://{NAME}.example.com/{1 + 1}"',
      'LABEL = "%s-%d" % (NAME, 3)',
      'DATABASES = {"default": dj_database_url.config(default="mysql://root:toor@localhost/shop")}',
      'DATABASES["default"]["CONN_MAX_AGE"] = 60',
    );
    const { show, get } = await evaluate({ 'proj/settings.py': source }, 'proj.settings');
    expect(show('BASE_DIR')).toBe("Path('/srv/app')");
    expect(show('OLD_BASE')).toBe("'/srv/app'");
    expect(show('MEDIA_ROOT')).toBe("Path('/srv/app/media')");
    expect(show('STATIC_ROOT')).toBe("'/srv/app/static'");
    expect(show('URL')).toBe("'https://shop.example.com/2'");
    expect(show('LABEL')).toBe("'shop-3'");
    expect(show('DATABASES')).toContain("'PASSWORD': 'toor'");
    expect(display(dictGet(dictGet(get('DATABASES'), 'default')!, 'CONN_MAX_AGE')!)).toBe('60');
  });

  it('reports a missing star-import target and keeps evaluating', async () => {
    const { result, show } = await evaluate(
      { 'cfg/__init__.py': '', 'cfg/production.py': lines('from .missing import *', 'DEBUG = False') },
      'cfg.production',
    );
    expect(result.problems).toEqual([{ path: 'cfg/production.py', line: 1, message: 'cannot resolve "from .missing import *": module cfg.missing is not in the project' }]);
    expect(result.opaqueStarImports).toEqual(['cfg.missing']);
    expect(show('DEBUG')).toBe('False');
  });
});

describe('settings evaluator: library constants, namespaces and provenance', () => {
  it('models CSP constants of Django 6.0 and django-csp 4', async () => {
    const { show, get } = await evaluate(
      {
        'settings.py': lines(
          'from django.utils.csp import CSP',
          'from csp import constants',
          'from csp.constants import SELF, NONCE',
          'SECURE_CSP = {"default-src": [CSP.SELF], "script-src": [CSP.SELF, CSP.NONCE, CSP.UNSAFE_INLINE]}',
          'OTHER = [constants.UNSAFE_EVAL, SELF, NONCE]',
        ),
      },
      'settings',
    );
    expect(show('SECURE_CSP')).toBe(`{'default-src': ["'self'"], 'script-src': ["'self'", <csp-nonce>, "'unsafe-inline'"]}`);
    expect(get('OTHER')).toMatchObject({ t: 'list', items: [{ v: "'unsafe-eval'" }, { v: "'self'" }, { t: 'object', cls: 'csp-nonce' }] });
  });

  it('reads e-mail and cache URLs, and vars().update()', async () => {
    const source = lines(
      'import environ',
      'env = environ.Env()',
      'vars().update(env.email_url("EMAIL_URL", default="smtp+tls://mailer:s3cret@smtp.example.com:587"))',
      'CACHES = {"default": env.cache_url("CACHE_URL", default="redis://cache:6379/1")}',
    );
    const { show, line } = await evaluate({ 'settings.py': source }, 'settings');
    expect(show('EMAIL_HOST')).toBe("'smtp.example.com'");
    expect(show('EMAIL_HOST_PASSWORD')).toBe("'s3cret'");
    expect(show('EMAIL_USE_TLS')).toBe('True');
    expect(show('EMAIL_PORT')).toBe('587');
    expect(line('EMAIL_HOST')).toBe('settings.py:3');
    expect(show('CACHES')).toContain("'BACKEND': 'django.core.cache.backends.redis.RedisCache'");
  });

  it('does not treat names from unreadable modules as true', async () => {
    const { get, show } = await evaluate({ 'settings.py': lines('from local_settings import DEBUG_FLAG', 'DEBUG = DEBUG_FLAG', 'if DEBUG_FLAG:', '    X = 1') }, 'settings');
    expect(get('DEBUG').t).toBe('unknown');
    expect(show('X')).toContain('unknown');
  });

  it('keeps the assignment and records in-place changes; += rebinds', async () => {
    const { result } = await evaluate(
      {
        'cfg/__init__.py': '',
        'cfg/base.py': lines('MIDDLEWARE = ["a"]', 'DATABASES = {"default": {"NAME": "x"}}'),
        'cfg/prod.py': lines('from .base import *', 'MIDDLEWARE.append("b")', 'DATABASES["default"]["PASSWORD"] = "pw"', 'INSTALLED = []', 'INSTALLED += ["c"]'),
      },
      'cfg.prod',
    );
    const where = (o: { path: string; module: { lines: { lineOf(n: number): number } }; node: { start: number } } | undefined) => (o ? `${o.path}:${o.module.lines.lineOf(o.node.start)}` : undefined);
    const middleware = result.namespace.names.get('MIDDLEWARE')!;
    expect(where(middleware.at)).toBe('cfg/base.py:1');
    expect(middleware.mutatedAt?.map(where)).toEqual(['cfg/prod.py:2']);
    expect(result.namespace.names.get('DATABASES')!.mutatedAt?.map(where)).toEqual(['cfg/prod.py:3']);
    expect(where(result.namespace.names.get('INSTALLED')!.at)).toBe('cfg/prod.py:5');
  });

  it('marks what an untaken environment branch would have changed', async () => {
    const { get } = await evaluate(
      { 'settings.py': lines('import os', 'MIDDLEWARE = ["a"]', 'if os.environ.get("EXTRA", "off") == "on":', '    MIDDLEWARE.append("b")') },
      'settings',
    );
    expect(get('MIDDLEWARE').env?.map((u) => u.variable)).toEqual(['EXTRA']);
  });

  it('repeats and concatenates bytes, and remembers where literals were written', async () => {
    const { get, show } = await evaluate({ 'settings.py': lines('SECRET_KEY = b"x" * 60', 'NAME = "shop"') }, 'settings');
    expect(show('SECRET_KEY')).toBe(`b'${'x'.repeat(60)}'`);
    const src = get('NAME').src;
    expect(src && `${src.path}:${src.module.lines.lineOf(src.node.start)}:${src.module.text(src.node)}`).toBe('settings.py:2:"shop"');
  });
});

describe('settings evaluator: functions, lambdas and list operations', () => {
  it('calls helper functions and lambdas defined in the settings code', async () => {
    const source = lines(
      'import os',
      'def env_bool(name, default=False):',
      '    value = os.environ.get(name, str(default))',
      '    return value.lower() in ("1", "true", "yes")',
      'def get_env(name):',
      '    try:',
      '        return os.environ[name]',
      '    except KeyError:',
      '        return "fallback"',
      'DEBUG = env_bool("DJANGO_DEBUG", True)',
      'SSL = env_bool("SSL")',
      'NAME = get_env("NAME")',
      'HOSTS = list(filter(None, os.environ.get("HOSTS", "a.example,,b.example").split(",")))',
      'PORTS = sorted(map(lambda p: int(p), ["8002", "8001"]))',
      'BIG = max(1, 5, 3)',
      'if (level := os.environ.get("LEVEL", "info")) == "debug":',
      '    X = 1',
    );
    const { show, get } = await evaluate({ 'settings.py': source }, 'settings');
    expect(show('DEBUG')).toBe('True');
    // The insecure default is the literal at the call site, found through the function's parameter.
    const defaultAt = get('DEBUG').env?.[0]?.defaultAt;
    expect(defaultAt && `${defaultAt.module.lines.lineOf(defaultAt.node.start)}:${defaultAt.module.text(defaultAt.node)}`).toBe('10:True');
    expect(show('SSL')).toBe('False');
    expect(show('NAME')).toBe("'fallback'");
    expect(show('HOSTS')).toBe("['a.example', 'b.example']");
    expect(show('PORTS')).toBe('[8001, 8002]');
    expect(show('BIG')).toBe('5');
    expect(show('level')).toBe("'info'");
  });

  it('pops by index, clears, slices with steps and assigns slices', async () => {
    const source = lines(
      'A = ["a", "b", "c", "d"]',
      'FIRST = A.pop(0)',
      'B = ["x", "y", "z"][::-1]',
      'C = "abcdef"[1:5:2]',
      'D = [1, 2, 3, 4]',
      'del D[1:3]',
      'E = [1, 2]',
      'E[0:0] = [0]',
      'F = ["h"]',
      'F.clear()',
    );
    const { show } = await evaluate({ 'settings.py': source }, 'settings');
    expect(show('A')).toBe("['b', 'c', 'd']");
    expect(show('FIRST')).toBe("'a'");
    expect(show('B')).toBe("['z', 'y', 'x']");
    expect(show('C')).toBe("'bd'");
    expect(show('D')).toBe('[1, 4]');
    expect(show('E')).toBe('[0, 1, 2]');
    expect(show('F')).toBe('[]');
  });

  it('remembers variables the settings code sets itself', async () => {
    const source = lines(
      'import os',
      'os.environ.setdefault("STAGE", "staging")',
      'DEBUG = os.environ.get("STAGE", "production") != "production"',
      'os.environ["MODE"] = "strict"',
      'MODE = os.environ.get("MODE", "lax")',
      'globals()["EXTRA"] = 1',
    );
    const { show } = await evaluate({ 'settings.py': source }, 'settings');
    expect(show('DEBUG')).toBe('True');
    expect(show('MODE')).toBe("'strict'");
    expect(show('EXTRA')).toBe('1');
    const given = await evaluate({ 'settings.py': source }, 'settings', { STAGE: 'production' });
    expect(given.show('DEBUG')).toBe('False');
  });
});
