/**
 * Local servers for probe tests, on 127.0.0.1 only: plain HTTP, HTTPS with a self-signed certificate made here, and
 * raw TCP servers that misbehave (never answer, reset mid-response). Each server counts its open connections (the
 * peak is what the concurrency bound is checked against) and `close()` ends every connection, so tests can always
 * stop it in `afterAll`/`finally`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface TestServer {
  /** `http://127.0.0.1:PORT` or `https://…`, no trailing slash. */
  origin: string;
  port: number;
  /** Connections open right now, and the most seen at once. */
  readonly openSockets: number;
  readonly peakSockets: number;
  /** Requests received (method and path). */
  readonly requests: string[];
  close(): Promise<void>;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

function track(server: net.Server, origin: string, requests: string[]): TestServer {
  const sockets = new Set<net.Socket>();
  let peak = 0;
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    peak = Math.max(peak, sockets.size);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    origin,
    port,
    get openSockets() {
      return sockets.size;
    },
    get peakSockets() {
      return peak;
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function listen(server: net.Server, port = 0): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return (server.address() as net.AddressInfo).port;
}

/** A plain HTTP server on 127.0.0.1 with this handler. */
export async function startHttpServer(handler: Handler): Promise<TestServer> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.on('error', () => {});
    handler(req, res);
  });
  server.keepAliveTimeout = 2000;
  const port = await listen(server);
  // Connections are counted from the moment the server listens: attach after listen is fine (no client yet).
  return track(server, `http://127.0.0.1:${port}`, requests);
}

export interface Certificate {
  key: string;
  cert: string;
}

/**
 * A self-signed certificate (by default for 127.0.0.1 and localhost), made with the `openssl` CLI; `{ skip }` with the reason when
 * openssl is missing or fails (tests then skip with that message).
 */
export async function selfSignedCertificate(days = 30, altNames = 'IP:127.0.0.1,DNS:localhost'): Promise<Certificate | { skip: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ponyguard-cert-'));
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem', '-days', String(days), '-subj', '/CN=ponyguard test', '-addext', `subjectAltName=${altNames}`],
      { cwd: dir, stdio: 'pipe' },
    );
    return { key: await readFile(path.join(dir, 'key.pem'), 'utf8'), cert: await readFile(path.join(dir, 'cert.pem'), 'utf8') };
  } catch (error) {
    // node:crypto makes keys but not X.509 certificates: without openssl there is no certificate to serve.
    return { skip: `no self-signed certificate: the openssl CLI is missing or failed (${(error as Error).message.split('\n')[0]})` };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** An HTTPS server on 127.0.0.1 with this certificate; `legacy` also accepts TLS 1.0 and 1.1. */
export async function startHttpsServer(certificate: Certificate, handler: Handler, options: { legacy?: boolean } = {}): Promise<TestServer> {
  const requests: string[] = [];
  const server = https.createServer(
    { key: certificate.key, cert: certificate.cert, ...(options.legacy ? { minVersion: 'TLSv1' as const, ciphers: 'DEFAULT:@SECLEVEL=0' } : {}) },
    (req, res) => {
      requests.push(`${req.method} ${req.url}`);
      res.on('error', () => {});
      handler(req, res);
    },
  );
  server.on('tlsClientError', () => {});
  const port = await listen(server);
  return track(server, `https://127.0.0.1:${port}`, requests);
}

/** A TCP server that accepts connections and hands each socket to `onSocket` (to misbehave). */
export async function startRawServer(onSocket: (socket: net.Socket) => void): Promise<TestServer> {
  const server = net.createServer((socket) => {
    socket.on('error', () => {});
    onSocket(socket);
  });
  const port = await listen(server);
  return track(server, `http://127.0.0.1:${port}`, []);
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A small Django-looking site: DEBUG's technical 404, the admin redirect to its login form with a `csrftoken`
 * cookie (failed logins answered with the form again, never a lockout), a CSRF failure page for other POSTs,
 * `/robots.txt`, and whatever `extra` adds or overrides (by path).
 */
export function djangoLikeSite(extra: Record<string, Handler> = {}, options: { debug?: boolean; headers?: Record<string, string> } = {}): Handler {
  const debug = options.debug ?? true;
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const own = extra[url.pathname];
    if (own) return own(req, res);
    for (const [name, value] of Object.entries(options.headers ?? {})) res.setHeader(name, value);
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Vary', 'Cookie');
    const loginForm =
      '<title>Log in | Django site admin</title><form action="/admin/login/?next=/admin/" method="post" id="login-form"><input type="hidden" name="csrfmiddlewaretoken" value="t0k3n"><input type="text" name="username" id="id_username"><input type="password" name="password" id="id_password"></form>';
    if (req.method === 'POST' && url.pathname === '/admin/login/') {
      // A failed login, never locked out: the form again with Django's error note.
      req.resume();
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(`<p class="errornote">Please enter the correct username and password for a staff account. Note that both fields may be case-sensitive.</p>${loginForm}`);
      return;
    }
    if (req.method === 'POST') {
      req.resume();
      res.writeHead(403, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(debug ? '<h1>Forbidden <span>(403)</span></h1><p>CSRF verification failed. Request aborted.</p><h2>Help</h2><p>Reason given for failure:</p><pre>CSRF cookie not set.</pre>' : '<h1>Forbidden (403)</h1><p>CSRF verification failed. Request aborted.</p>');
      return;
    }
    if (url.pathname === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Set-Cookie': 'csrftoken=abc123; Path=/; SameSite=Lax' });
      res.end('<!doctype html><html><head><title>Shop</title></head><body><h1>Shop</h1></body></html>');
      return;
    }
    if (url.pathname === '/admin/') {
      res.writeHead(302, { Location: '/admin/login/?next=/admin/' });
      res.end();
      return;
    }
    if (url.pathname === '/admin/login/') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Set-Cookie': 'csrftoken=abc123; Path=/; SameSite=Lax' });
      res.end(loginForm);
      return;
    }
    if (url.pathname === '/robots.txt') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('User-agent: *\nDisallow: /admin/\n');
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(
      debug
        ? `<title>Page not found at ${url.pathname}</title><p>Using the URLconf defined in <code>shop.urls</code>, Django tried these URL patterns, in this order:</p><ol><li>admin/</li></ol><p>You're seeing this error because you have <code>DEBUG = True</code> in your Django settings file.</p>`
        : '<h1>Not Found</h1><p>The requested resource was not found on this server.</p>',
    );
  };
}
