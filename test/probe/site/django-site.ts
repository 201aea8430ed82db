/**
 * A throwaway Django site on 127.0.0.1 for the probe's integration tests (`../shared/reference/http-probe.md` Part C):
 * a project generated in a temp dir from Debian's packages (Django 3.2, django-axes 5.39, DRF), served by gunicorn
 * with or without TLS (a self-signed certificate made with the openssl CLI).
 *
 * One project, its behaviour chosen by environment variables at start, so that the settings a static scan reads
 * (the defaults of those variables: DEBUG off, HSTS one year, Secure cookies) can differ from what the deployment
 * runs with — what `scan --url` correlation is about:
 * - `DJANGO_DEBUG=1` turns DEBUG on; `DJANGO_HSTS_SECONDS=0` turns HSTS off; `DJANGO_SECURE_COOKIES=0` drops Secure;
 * - `DJANGO_HARDENED=1` adds django-axes (lockout on the 3rd failure, 403), a CSP middleware of the project's own
 *   and the admin at `/admin/`;
 * - otherwise the admin lives at the renamed `/ops-admin/`, and the project root's `.env`, the settings package (as
 *   `/static/`) and MEDIA_ROOT (with directory indexes, as `/media/`) are served by `django.views.static.serve`.
 *
 * Servers run in their own process group and `stop()` kills that group (by its id), also from `afterAll` after a
 * failure; a process `exit` hook is the last resort.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { selfSignedCertificate } from '../helpers/servers.js';

const run = promisify(execFile);

export const PYTHON = '/usr/bin/python3';
const GUNICORN = '/usr/bin/gunicorn';

/** Why the integration tests cannot run here (null when they can): the Debian packages or gunicorn are missing. */
export async function djangoUnavailable(): Promise<string | null> {
  try {
    await run(PYTHON, ['-c', 'import django, axes, rest_framework, gunicorn'], { timeout: 20_000 });
  } catch (error) {
    return `skipped: ${PYTHON} cannot import django, axes, rest_framework and gunicorn (install python3-django python3-django-axes python3-djangorestframework gunicorn): ${(error as Error).message.split('\n')[0]}`;
  }
  if (!existsSync(GUNICORN)) return `skipped: ${GUNICORN} is missing (install gunicorn)`;
  return null;
}

const SETTINGS = `import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "throwaway-key-for-a-loopback-test-site-0123456789")
DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"
HARDENED = os.environ.get("DJANGO_HARDENED", "0") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
if HARDENED:
    INSTALLED_APPS += ["axes"]
    MIDDLEWARE = ["demo.middleware.ContentSecurityPolicyMiddleware"] + MIDDLEWARE + ["axes.middleware.AxesMiddleware"]
    AUTHENTICATION_BACKENDS = ["axes.backends.AxesBackend", "django.contrib.auth.backends.ModelBackend"]

ROOT_URLCONF = "demo.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
WSGI_APPLICATION = "demo.wsgi.application"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}
USE_TZ = True
STATIC_URL = "/assets/"
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SESSION_COOKIE_SECURE = os.environ.get("DJANGO_SECURE_COOKIES", "1") == "1"
CSRF_COOKIE_SECURE = os.environ.get("DJANGO_SECURE_COOKIES", "1") == "1"
SECURE_REFERRER_POLICY = "same-origin"
`;

const URLS = `from django.conf import settings
from django.contrib import admin
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path, re_path
from django.views.static import serve
from rest_framework.decorators import api_view
from rest_framework.response import Response


def home(request):
    # A session for every visitor and a form's CSRF token: the page sets both cookies.
    request.session["seen"] = True
    token = get_token(request)
    return HttpResponse(
        "<!doctype html><html><head><title>home</title></head><body>"
        f'<form method="post" action="/"><input type="hidden" name="csrfmiddlewaretoken" value="{token}"></form>'
        "</body></html>"
    )


def boom(request):
    raise RuntimeError("deliberate test error")


@api_view(["GET"])
def api_ping(request):
    return Response({"pong": True})


urlpatterns = [
    path("", home),
    path("boom/", boom),
    path("api/ping/", api_ping),
]
if settings.HARDENED:
    urlpatterns += [path("admin/", admin.site.urls)]
else:
    urlpatterns += [
        path("ops-admin/", admin.site.urls),
        re_path(r"^(?P<path>\\.env)$", serve, {"document_root": settings.BASE_DIR}),
        re_path(r"^static/(?P<path>.*)$", serve, {"document_root": settings.BASE_DIR / "demo"}),
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT, "show_indexes": True}),
    ]
`;

const MIDDLEWARE = `class ContentSecurityPolicyMiddleware:
    """The project's own CSP: Django 3.2 has none."""

    POLICY = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", self.POLICY)
        return response
`;

const WSGI = `import os
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "demo.settings")
application = get_wsgi_application()
`;

const MANAGE = `#!/usr/bin/env python3
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "demo.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
`;

/** The files of the project (relative path → content), as a static scan sees them. */
export const PROJECT_FILES: Readonly<Record<string, string>> = {
  'manage.py': MANAGE,
  'demo/__init__.py': '',
  'demo/settings.py': SETTINGS,
  'demo/urls.py': URLS,
  'demo/wsgi.py': WSGI,
  'demo/middleware.py': MIDDLEWARE,
  'requirements.txt': 'Django==3.2.25\ndjango-axes==5.39.0\ndjangorestframework==3.14.0\ngunicorn==20.1.0\n',
  '.env': 'DJANGO_SECRET_KEY=not-a-real-secret-but-served-anyway\nDATABASE_URL=postgres://shop:hunter2@db.internal/shop\n',
  'media/invoice-0001.pdf': '%PDF-1.4 (a test file)\n',
  'media/avatar.png': 'not really a png\n',
};

/** Writes the project into a new temp dir and creates its database (`migrate`, axes included). */
export async function createDjangoProject(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ponyguard-django-'));
  for (const [rel, content] of Object.entries(PROJECT_FILES)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), content);
  }
  // axes's tables are needed by the hardened configuration; migrate with it installed.
  await run(PYTHON, ['manage.py', 'migrate', '-v', '0'], { cwd: dir, env: { ...cleanEnv(), DJANGO_HARDENED: '1' }, timeout: 60_000 });
  return dir;
}

export async function removeProject(dir: string | undefined): Promise<void> {
  if (dir) await rm(dir, { recursive: true, force: true });
}

function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? os.tmpdir(), LANG: 'C.UTF-8', PYTHONDONTWRITEBYTECODE: '1' };
  return env;
}

export interface RunningSite {
  /** `http://127.0.0.1:PORT` or `https://…` (no trailing slash). */
  origin: string;
  port: number;
  /** gunicorn's output so far (for failure messages). */
  log(): string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function answers(origin: string): Promise<boolean> {
  return new Promise((resolve) => {
    const client = origin.startsWith('https:') ? https : http;
    const request = client.get(`${origin}/api/ping/`, { rejectUnauthorized: false, timeout: 1000, headers: { Accept: 'application/json' } }, (response) => {
      response.resume();
      resolve(response.statusCode !== undefined);
    });
    request.on('error', () => resolve(false));
    request.on('timeout', () => request.destroy());
  });
}

/**
 * Starts gunicorn on 127.0.0.1 (a free port) for the project, with the given environment; with `tls`, behind a
 * self-signed certificate for 127.0.0.1. Resolves when the site answers; rejects (after stopping it) if it never does.
 */
export async function startSite(dir: string, options: { tls: boolean; env: Record<string, string> }): Promise<RunningSite> {
  const port = await freePort();
  const args = ['--bind', `127.0.0.1:${port}`, '--workers', '1', '--threads', '4', '--timeout', '30', '--chdir', dir];
  if (options.tls) {
    const certificate = await selfSignedCertificate();
    if ('skip' in certificate) throw new Error(certificate.skip);
    // One pair per server: gunicorn's threaded workers read them on every connection, and two servers of the same
    // project (started at once) must not overwrite each other's.
    const certFile = path.join(dir, `cert-${port}.pem`);
    const keyFile = path.join(dir, `key-${port}.pem`);
    await writeFile(certFile, certificate.cert);
    await writeFile(keyFile, certificate.key);
    args.push('--certfile', certFile, '--keyfile', keyFile);
  }
  args.push('demo.wsgi:application');
  const child = spawn(GUNICORN, args, { cwd: dir, env: { ...cleanEnv(), ...options.env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const origin = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    clearTimeout(timer);
    running.delete(child);
  };
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    if (await answers(origin)) return { origin, port, log: () => output, stop };
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  await stop();
  throw new Error(`gunicorn did not answer on ${origin} within 20 s:\n${output}`);
}

/** Starts several sites at once; if one fails to start, stops those that did and rejects with its error. */
export async function startSites(dir: string, configs: ReadonlyArray<{ tls: boolean; env: Record<string, string> }>): Promise<RunningSite[]> {
  const started = await Promise.allSettled(configs.map((config) => startSite(dir, config)));
  const failure = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (!failure) return started.map((result) => (result as PromiseFulfilledResult<RunningSite>).value);
  await Promise.all(started.filter((result) => result.status === 'fulfilled').map((result) => result.value.stop()));
  throw failure.reason;
}
