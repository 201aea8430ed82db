/**
 * The retriever against local servers on 127.0.0.1 (never the internet): what it captures from a Django-looking site,
 * and that a hanging server, a redirect loop, a 50 MB body, a reset connection and an invalid certificate each give
 * a clear error or fact while the rest of the probe completes.
 */
import { Buffer } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify } from '../../src/probe/retrieve/errors.js';
import { decodeBody } from '../../src/probe/retrieve/fetch.js';
import { captureErrors, EXPOSURE_PATHS, parseTarget, probeSites, retrieveSite } from '../../src/probe/retrieve/site.js';
import { closedPort, djangoLikeSite, selfSignedCertificate, startHttpServer, startHttpsServer, startRawServer, type Certificate, type TestServer } from './helpers/servers.js';

const FAST = { timeouts: { connectMs: 1000, totalMs: 1500 } };
const MiB = 1024 * 1024;

async function withServers<T>(servers: Array<Promise<TestServer>>, body: (servers: TestServer[]) => Promise<T>): Promise<T> {
  const started = await Promise.allSettled(servers);
  const up = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  try {
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    return await body(up);
  } finally {
    await Promise.all(up.map((s) => s.close()));
  }
}

describe('parseTarget', () => {
  it('accepts http(s) URLs and bare hosts (as https), and says why it refuses the rest', () => {
    expect('url' in parseTarget('http://127.0.0.1:8000/shop/') && (parseTarget('http://127.0.0.1:8000/shop/') as { url: URL }).url.href).toBe('http://127.0.0.1:8000/shop/');
    expect((parseTarget('example.com:8443/x') as { url: URL }).url.href).toBe('https://example.com:8443/x');
    expect(parseTarget('ftp://example.com/')).toEqual({ error: 'only http:// and https:// URLs can be probed: "ftp://example.com/"' });
    expect(parseTarget('http://exa mple.com/')).toEqual({ error: 'not a valid URL: "http://exa mple.com/"' });
    expect(parseTarget('  ')).toEqual({ error: 'empty URL' });
  });
});

describe('decodeBody', () => {
  it('decodes with the charset of the Content-Type, UTF-8 by default, and drops binary bodies', () => {
    expect(decodeBody(Buffer.from([0x63, 0x61, 0x66, 0xe9]), 'text/html; charset=ISO-8859-1')).toBe('café');
    expect(decodeBody(Buffer.from('café', 'utf8'), 'text/html')).toBe('café');
    expect(decodeBody(Buffer.from('café', 'utf8'), 'text/html; charset=no-such-charset')).toBe('café');
    expect(decodeBody(Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'image/png')).toBe('');
    expect(decodeBody(Buffer.from([0x41, 0x00, 0x42]), undefined)).toBe('');
    // Servers send .env and settings.py as octet-stream: text without NUL bytes is read.
    expect(decodeBody(Buffer.from('DEBUG=1\n', 'utf8'), 'application/octet-stream')).toBe('DEBUG=1\n');
    expect(decodeBody(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00]), 'application/octet-stream')).toBe('');
  });

  it('classifies Node network errors', () => {
    const error = (code: string, message = code) => Object.assign(new Error(message), { code });
    expect(classify(error('ECONNREFUSED'))).toBe('connection-refused');
    expect(classify(error('ECONNRESET'))).toBe('connection-reset');
    expect(classify(error('ENOTFOUND'))).toBe('dns');
    expect(classify(error('DEPTH_ZERO_SELF_SIGNED_CERT'))).toBe('tls');
    expect(classify(error('ERR_SSL_WRONG_VERSION_NUMBER'))).toBe('tls');
    expect(classify(error('HPE_INVALID_CONSTANT'))).toBe('protocol');
  });
});

describe('retrieveSite on a Django-looking site', () => {
  let server: TestServer;
  const seen: Array<Record<string, string | string[] | undefined>> = [];
  beforeAll(async () => {
    const site = djangoLikeSite({
      '/gzip/': (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Encoding': 'gzip' });
        res.end(zlib.gzipSync('<p>compressed</p>'));
      },
      '/old/': (_req, res) => {
        res.writeHead(301, { Location: '/new/' });
        res.end();
      },
      '/new/': (_req, res) => {
        res.writeHead(302, { Location: '/' });
        res.end();
      },
    });
    server = await startHttpServer((req, res) => {
      seen.push(req.headers);
      site(req, res);
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('fetches both schemes, the 404 page, the CSRF failure, the admin login, robots.txt, CORS and the exposure paths', async () => {
    const site = await retrieveSite(`${server.origin}/`, { ...FAST, now: () => new Date('2026-01-01T00:00:00Z') });
    expect(site.origin).toBe(server.origin);
    expect(site.main).toBe(site.http);
    expect(site.http?.response?.status).toBe(200);
    // The target speaks plain HTTP: the https attempt fails at once, with the URL in the message.
    expect(site.https?.error).toEqual({ code: 'tls', message: `GET https://127.0.0.1:${server.port}/: TLS handshake failed (the port does not speak TLS)` });
    expect(site.tls).toBeNull();
    expect(site.notFound?.response?.status).toBe(404);
    expect(site.notFound?.response?.body).toContain('DEBUG = True');
    expect(site.notFound?.request.url).toMatch(new RegExp(`^${server.origin}/ponyguard-[0-9a-f]{12}/$`));
    expect(site.csrfFailure?.request.method).toBe('POST');
    expect(site.csrfFailure?.response?.status).toBe(403);
    expect(site.admin?.redirects).toEqual([{ url: `${server.origin}/admin/`, status: 302, location: `${server.origin}/admin/login/?next=/admin/` }]);
    expect(site.admin?.response?.url).toBe(`${server.origin}/admin/login/?next=/admin/`);
    expect(site.admin?.response?.body).toContain('id="login-form"');
    expect(site.robots?.response?.body).toContain('Disallow: /admin/');
    expect(site.cors?.request).toMatchObject({ method: 'OPTIONS', headers: { Origin: 'https://ponyguard.invalid', 'Access-Control-Request-Method': 'GET' } });
    expect(site.corsNull?.request.headers['Origin']).toBe('null');
    expect(Object.keys(site.exposures)).toEqual([...EXPOSURE_PATHS]);
    for (const path of EXPOSURE_PATHS) expect(site.exposures[path]?.response?.status, path).toBe(404);
    expect(site.active).toBeNull();
    expect(site.options).toEqual({ insecure: false, active: false, sentHeaders: [], sentCookies: false, startedAt: '2026-01-01T00:00:00.000Z' });
    expect(captureErrors(site)).toEqual([{ path: `https://127.0.0.1:${server.port}/`, line: null, message: site.https!.error!.message }]);
  });

  it('records every hop of a redirect chain, and decodes compressed bodies', async () => {
    const site = await retrieveSite(`${server.origin}/old/`, FAST);
    expect(site.http?.redirects).toEqual([
      { url: `${server.origin}/old/`, status: 301, location: `${server.origin}/new/` },
      { url: `${server.origin}/new/`, status: 302, location: `${server.origin}/` },
    ]);
    expect(site.main.response?.url).toBe(`${server.origin}/`);
    const gzip = await retrieveSite(`${server.origin}/gzip/`, FAST);
    expect(gzip.main.response?.body).toBe('<p>compressed</p>');
  });

  it('sends custom headers and the cookie with every request, over http too, and keeps their values out of the capture', async () => {
    seen.length = 0;
    const site = await retrieveSite(`${server.origin}/`, { ...FAST, headers: { Authorization: 'Bearer s3cret', 'X-Probe': 'yes' }, cookie: 'sessionid=abc; other=1' });
    expect(seen.length).toBeGreaterThanOrEqual(11);
    for (const headers of seen) {
      expect(headers['authorization']).toBe('Bearer s3cret');
      expect(headers['x-probe']).toBe('yes');
      expect(headers['cookie']).toBe('sessionid=abc; other=1');
    }
    expect(site.main.request.headers).toMatchObject({ Authorization: '[redacted]', 'X-Probe': '[redacted]', Cookie: '[redacted]' });
    expect(JSON.stringify(site)).not.toContain('s3cret');
    expect(site.options).toMatchObject({ sentHeaders: ['Authorization', 'X-Probe'], sentCookies: true });
  });
});

describe('robustness: each failure gives a clear error and the rest of the probe completes', () => {
  it('a server that never answers: timeouts naming the URL; the other site is captured', async () => {
    await withServers([startRawServer(() => {}), startHttpServer(djangoLikeSite())], async ([silent, good]) => {
      const started = Date.now();
      const [hung, ok] = await probeSites([`${silent!.origin}/`, `${good!.origin}/`], { timeouts: { connectMs: 500, totalMs: 700 } });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(hung!.site?.http?.error).toEqual({ code: 'timeout', message: `GET ${silent!.origin}/: no complete answer within 0.7 s (timeout)` });
      expect(hung!.site?.https?.error?.code).toBe('timeout');
      expect(hung!.site?.tls).toBeNull();
      expect(hung!.site?.main.response).toBeNull();
      expect(captureErrors(hung!.site!).map((e) => e.message)).toContain(`${silent!.origin}/: the site answered neither over http nor over https; nothing else was requested`);
      expect(ok!.site?.main.response?.status).toBe(200);
      expect(ok!.site?.admin?.response?.status).toBe(200);
    });
  });

  it('one path that hangs times out alone', async () => {
    await withServers([startHttpServer(djangoLikeSite({ '/.env': () => {} }))], async ([server]) => {
      const site = await retrieveSite(`${server!.origin}/`, { timeouts: { connectMs: 500, totalMs: 700 } });
      expect(site.exposures['/.env']?.error).toEqual({ code: 'timeout', message: `GET ${server!.origin}/.env: no complete answer within 0.7 s (timeout)` });
      expect(site.exposures['/.git/HEAD']?.response?.status).toBe(404);
      expect(site.admin?.response?.status).toBe(200);
    });
  });

  it('a refused connection is named as such', async () => {
    const port = await closedPort();
    const site = await retrieveSite(`http://127.0.0.1:${port}/`, FAST);
    expect(site.http?.error).toEqual({ code: 'connection-refused', message: `GET http://127.0.0.1:${port}/: connection refused (nothing listens on that port)` });
    expect(site.notFound).toBeNull();
  });

  it('a redirect loop and a chain of more than 10 redirects stop with the chain recorded', async () => {
    const handler = djangoLikeSite({
      '/': (_req, res) => {
        res.writeHead(302, { Location: '/a/' });
        res.end();
      },
      '/a/': (_req, res) => {
        res.writeHead(302, { Location: '/b/' });
        res.end();
      },
      '/b/': (_req, res) => {
        res.writeHead(301, { Location: '/a/' });
        res.end();
      },
      ...Object.fromEntries(
        Array.from({ length: 12 }, (_, i) => [
          `/hop${i}/`,
          (_req: unknown, res: ServerResponse) => {
            res.writeHead(302, { Location: `/hop${i + 1}/` });
            res.end();
          },
        ]),
      ),
    });
    await withServers([startHttpServer(handler)], async ([server]) => {
      const o = server!.origin;
      const loop = await retrieveSite(`${o}/`, FAST);
      expect(loop.http?.error).toEqual({ code: 'too-many-redirects', message: `GET ${o}/: redirect loop (${o}/ → ${o}/a/ → ${o}/b/ → ${o}/a/)` });
      expect(loop.http?.redirects.map((hop) => hop.status)).toEqual([302, 302, 301]);
      expect(loop.main.response).toBeNull();
      const long = await retrieveSite(`${o}/hop0/`, FAST);
      expect(long.http?.error).toEqual({ code: 'too-many-redirects', message: `GET ${o}/hop0/: more than 10 redirects (last to ${o}/hop11/)` });
      expect(long.http?.redirects).toHaveLength(11);
      // The site answers elsewhere: a loop on one path leaves the others alone.
      const admin = await retrieveSite(`${o}/admin/`, FAST);
      expect(admin.main.response?.status).toBe(200);
      expect(admin.exposures['/.env']?.response?.status).toBe(404);
    });
  });

  it('a 50 MB body is cut at the limit, the connection dropped, and the probe goes on', async () => {
    const fifty = (_req: unknown, res: ServerResponse): void => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(50 * MiB) });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const pump = (): void => {
        while (sent < 50 * MiB && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      pump();
    };
    await withServers([startHttpServer(djangoLikeSite({ '/': fifty }))], async ([server]) => {
      const started = Date.now();
      const site = await retrieveSite(`${server!.origin}/`, FAST);
      expect(Date.now() - started).toBeLessThan(10_000);
      const response = site.main.response!;
      expect(response.status).toBe(200);
      expect(response.bodyTruncated).toBe(true);
      expect(response.bodyBytes).toBe(2 * MiB);
      expect(response.body.length).toBe(2 * MiB);
      expect(site.admin?.response?.status).toBe(200);
      expect(site.notFound?.response?.status).toBe(404);
      const small = await retrieveSite(`${server!.origin}/`, { ...FAST, bodyLimit: 1000 });
      expect(small.main.response).toMatchObject({ bodyTruncated: true, bodyBytes: 1000 });
    });
  });

  it('a connection reset mid-response: an error for that request; the rest of the site and the other site complete', async () => {
    const reset = (req: IncomingMessage, res: ServerResponse): void => {
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': '100000' });
      res.write('API_KEY=');
      setTimeout(() => req.socket.destroy(), 20);
    };
    await withServers([startHttpServer(djangoLikeSite({ '/.env': reset })), startHttpServer(djangoLikeSite({ '/': reset })), startRawServer((socket) => socket.destroy())], async ([partial, broken, slammed]) => {
      const [a, b, c] = await probeSites([`${partial!.origin}/`, `${broken!.origin}/`, `${slammed!.origin}/`], FAST);
      expect(a!.site?.exposures['/.env']?.error).toEqual({ code: 'connection-reset', message: `GET ${partial!.origin}/.env: the server closed or reset the connection before the response was complete` });
      expect(a!.site?.exposures['/.env']?.response).toBeNull();
      expect(a!.site?.admin?.response?.status).toBe(200);
      expect(b!.site?.http?.error?.code).toBe('connection-reset');
      expect(b!.site?.main.response).toBeNull();
      expect(c!.site?.http?.error).toEqual({ code: 'connection-reset', message: `GET ${slammed!.origin}/: the server closed or reset the connection before the response was complete` });
    });
  });

  it('probes many sites with a bounded number of connections', async () => {
    let open = 0;
    let peak = 0;
    const slow = djangoLikeSite();
    const handler = (req: IncomingMessage, res: ServerResponse): void => {
      setTimeout(() => slow(req, res), 15);
    };
    const servers = Array.from({ length: 8 }, () =>
      startHttpServer(handler).then((server) => server),
    );
    await withServers(servers, async (list) => {
      // Count connections across every server at once.
      const timer = setInterval(() => {
        open = list.reduce((n, s) => n + s.openSockets, 0);
        peak = Math.max(peak, open);
      }, 1);
      try {
        const results = await probeSites(
          list.map((s) => `${s.origin}/`),
          { ...FAST, concurrency: 2, maxSockets: 3 },
        );
        expect(results.every((r) => r.site?.admin?.response?.status === 200)).toBe(true);
      } finally {
        clearInterval(timer);
      }
      // 2 sites at a time × (3 per origin + 1 TLS handshake).
      expect(peak).toBeGreaterThan(1);
      expect(peak).toBeLessThanOrEqual(8);
      for (const server of list) expect(server.peakSockets).toBeLessThanOrEqual(4);
    });
  });
});

describe('TLS', () => {
  let certificate: Certificate | null = null;
  let wrongHost: Certificate | null = null;
  let skip = '';
  beforeAll(async () => {
    const made = await selfSignedCertificate(30);
    if ('skip' in made) skip = made.skip;
    else certificate = made;
    const other = await selfSignedCertificate(30, 'DNS:example.invalid');
    if (!('skip' in other)) wrongHost = other;
  });

  it('a self-signed certificate: rejected without --insecure (a clear error), accepted with it, and never trusted', async (context) => {
    if (!certificate) return context.skip(skip);
    await withServers([startHttpsServer(certificate, djangoLikeSite({}, { headers: { 'Strict-Transport-Security': 'max-age=60' } }))], async ([server]) => {
      const now = () => new Date();
      const strict = await retrieveSite(`${server!.origin}/`, { ...FAST, now });
      expect(strict.https?.error?.code).toBe('tls');
      expect(strict.https?.error?.message).toBe(
        `GET ${server!.origin}/: the certificate was rejected (DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate); use --insecure to probe it anyway`,
      );
      // The plain-http attempt on the TLS port fails too; nothing answered, but the TLS facts are there.
      expect(strict.main.response).toBeNull();
      expect(strict.tls).toMatchObject({ protocol: 'TLSv1.3', trusted: false, trustError: 'DEPTH_ZERO_SELF_SIGNED_CERT', hostnameMatches: true, acceptsTls10: false, acceptsTls11: false });
      expect(strict.tls?.daysToExpiry).toBeGreaterThanOrEqual(29);
      expect(strict.tls?.daysToExpiry).toBeLessThanOrEqual(30);
      expect(strict.tls?.subject).toBe('CN=ponyguard test');

      const insecure = await retrieveSite(`${server!.origin}/`, { ...FAST, insecure: true, now });
      expect(insecure.https?.error).toBeUndefined();
      expect(insecure.main).toBe(insecure.https);
      expect(insecure.main.response?.headers).toContainEqual(['strict-transport-security', 'max-age=60']);
      expect(insecure.admin?.response?.status).toBe(200);
      expect(insecure.options.insecure).toBe(true);
      expect(insecure.tls?.trusted).toBe(false);
    });
  });

  it('records a certificate for another host, and a server that still accepts TLS 1.0 and 1.1', async (context) => {
    if (!wrongHost) return context.skip(skip || 'no certificate');
    await withServers([startHttpsServer(wrongHost, djangoLikeSite(), { legacy: true })], async ([server]) => {
      const site = await retrieveSite(`${server!.origin}/`, { ...FAST, insecure: true, now: () => new Date(Date.now() + 40 * 86_400_000) });
      expect(site.tls).toMatchObject({ trusted: false, hostnameMatches: false, acceptsTls10: true, acceptsTls11: true });
      // Seen from 40 days on, the 30-day certificate has expired.
      expect(site.tls?.daysToExpiry).toBeLessThan(0);
    });
  });
});
