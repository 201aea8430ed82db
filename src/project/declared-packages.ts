/**
 * Which top-level Python modules a deployed project can import: its own packages, the standard library, and what
 * its declared dependencies provide. Used where a check must know whether an import would fail (Django's E102).
 * The full dependency graph is the dependency audit's business; this reads names only.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseTomlCached as parseToml } from './toml-cache.js';
import { normalizePackageName } from './django-version.js';

/** Top-level modules of CPython 3.8–3.13's standard library (`sys.stdlib_module_names`, public names). */
export const STDLIB_MODULES: ReadonlySet<string> = new Set(
  (
    'abc aifc argparse array ast asynchat asyncio asyncore atexit audioop base64 bdb binascii bisect builtins bz2 ' +
    'calendar cgi cgitb chunk cmath cmd code codecs codeop collections colorsys compileall concurrent configparser ' +
    'contextlib contextvars copy copyreg cProfile crypt csv ctypes curses dataclasses datetime dbm decimal difflib dis ' +
    'distutils doctest email encodings ensurepip enum errno faulthandler fcntl filecmp fileinput fnmatch fractions ' +
    'ftplib functools gc getopt getpass gettext glob graphlib grp gzip hashlib heapq hmac html http idlelib imaplib ' +
    'imghdr imp importlib inspect io ipaddress itertools json keyword lib2to3 linecache locale logging lzma mailbox ' +
    'mailcap marshal math mimetypes mmap modulefinder msvcrt multiprocessing netrc nis nntplib numbers operator ' +
    'optparse os ossaudiodev pathlib pdb pickle pickletools pipes pkgutil platform plistlib poplib posix posixpath ' +
    'pprint profile pstats pty pwd py_compile pyclbr pydoc queue quopri random re readline reprlib resource ' +
    'rlcompleter runpy sched secrets select selectors shelve shlex shutil signal site smtpd smtplib sndhdr socket ' +
    'socketserver spwd sqlite3 ssl stat statistics string stringprep struct subprocess sunau symtable sys sysconfig ' +
    'syslog tabnanny tarfile telnetlib tempfile termios textwrap threading time timeit tkinter token tokenize tomllib ' +
    'trace traceback tracemalloc tty turtle types typing unicodedata unittest urllib uu uuid venv warnings wave ' +
    'weakref webbrowser winreg winsound wsgiref xdrlib xml xmlrpc zipapp zipfile zipimport zlib zoneinfo'
  ).split(' '),
);

/** Distributions whose import name is not their project name. */
const IMPORT_NAMES: Record<string, string[]> = {
  djangorestframework: ['rest_framework'],
  'django-cors-headers': ['corsheaders'],
  'django-environ': ['environ'],
  'python-decouple': ['decouple'],
  'django-debug-toolbar': ['debug_toolbar'],
  'django-extensions': ['django_extensions'],
  'django-silk': ['silk'],
  'django-csp': ['csp'],
  'django-axes': ['axes'],
  'django-filter': ['django_filters'],
  'django-storages': ['storages'],
  'django-redis': ['django_redis'],
  'django-celery-beat': ['django_celery_beat'],
  'django-ratelimit': ['django_ratelimit', 'ratelimit'],
  'django-allauth': ['allauth'],
  'djangorestframework-simplejwt': ['rest_framework_simplejwt'],
  'drf-spectacular': ['drf_spectacular'],
  pillow: ['PIL'],
  pyyaml: ['yaml'],
  'beautifulsoup4': ['bs4'],
  'psycopg2-binary': ['psycopg2'],
  'psycopg-binary': ['psycopg'],
  'python-dateutil': ['dateutil'],
  'python-dotenv': ['dotenv'],
  'scikit-learn': ['sklearn'],
  'sentry-sdk': ['sentry_sdk'],
  'dj-database-url': ['dj_database_url'],
  'mysqlclient': ['MySQLdb'],
  'pyjwt': ['jwt'],
  'pycryptodome': ['Crypto'],
  'opencv-python': ['cv2'],
  'whitenoise': ['whitenoise'],
};

/** Names of the distributions a project declares (requirements, pyproject, Pipfile, lock files), normalized. */
export async function collectDeclaredPackages(absRoot: string, requirementFiles: readonly string[], lockFiles: readonly string[]): Promise<Set<string> | null> {
  if (requirementFiles.length === 0 && lockFiles.length === 0) return null;
  const names = new Set<string>();
  const add = (name: unknown): void => {
    if (typeof name === 'string' && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) names.add(normalizePackageName(name));
  };
  const read = async (rel: string): Promise<string | undefined> => {
    try {
      return await readFile(path.join(absRoot, rel), 'utf8');
    } catch {
      return undefined;
    }
  };
  for (const rel of [...requirementFiles, ...lockFiles]) {
    const base = rel.split('/').pop()!;
    const text = await read(rel);
    if (text === undefined) continue;
    try {
      if (/\.(txt|in)$/.test(base)) {
        for (const line of text.split(/\r?\n/)) {
          const match = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[|[<>=!~;@\s]|$)/.exec(line.replace(/#.*$/, ''));
          if (match && !line.trimStart().startsWith('-')) add(match[1]);
        }
      } else if (base === 'Pipfile.lock') {
        const data = JSON.parse(text) as Record<string, Record<string, unknown> | undefined>;
        for (const section of ['default', 'develop']) for (const name of Object.keys(data[section] ?? {})) add(name);
      } else if (base.endsWith('.toml') || base === 'Pipfile' || base.endsWith('.lock')) {
        const data = parseToml(text) as Record<string, unknown>;
        const requirementName = (spec: unknown): void => {
          if (typeof spec === 'string') add(/^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(spec)?.[1]);
        };
        const project = data['project'] as { dependencies?: unknown[]; 'optional-dependencies'?: Record<string, unknown[]> } | undefined;
        project?.dependencies?.forEach(requirementName);
        Object.values(project?.['optional-dependencies'] ?? {}).forEach((list) => list.forEach(requirementName));
        const poetry = (data['tool'] as { poetry?: { dependencies?: Record<string, unknown>; group?: Record<string, { dependencies?: Record<string, unknown> }> } } | undefined)?.poetry;
        Object.keys(poetry?.dependencies ?? {}).forEach(add);
        Object.values(poetry?.group ?? {}).forEach((group) => Object.keys(group.dependencies ?? {}).forEach(add));
        for (const section of ['packages', 'dev-packages']) Object.keys((data[section] as Record<string, unknown> | undefined) ?? {}).forEach(add);
        const packages = (data['package'] ?? data['packages']) as Array<{ name?: unknown }> | undefined;
        if (Array.isArray(packages)) packages.forEach((p) => add(p.name));
      }
    } catch {
      // Unreadable files are reported by the dependency audit; here they simply declare nothing.
    }
  }
  names.delete('python');
  return names;
}

/** Could a declared distribution provide this top-level module? */
export function declaredProvides(topLevel: string, declared: ReadonlySet<string>): boolean {
  const normalized = normalizePackageName(topLevel);
  for (const name of declared) {
    if (name === normalized || name === `django-${normalized}` || name === `python-${normalized}` || name === `py${normalized}`) return true;
    if ((IMPORT_NAMES[name] ?? []).includes(topLevel)) return true;
  }
  return false;
}
