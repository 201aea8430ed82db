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
