/** Small OSV archives and a local HTTP server for the `db update` tests: nothing here reaches the internet. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import type { OsvRecord } from '../../src/deps/advisories/build.js';
import { loadAdvisoryDb } from '../../src/deps/advisories/db.js';
import type { AdvisoryDbFile } from '../../src/deps/advisories/types.js';

/** Today, `YYYY-MM-DD`: records modified today make data newer than any bundled database. */
export const TODAY = new Date().toISOString().slice(0, 10);

/** An OSV record (schema 1.x) for a PyPI package, affected from 0 to `fixed`. */
export function osvRecord(id: string, name: string, fixed: string, extra: Record<string, unknown> = {}): OsvRecord & Record<string, unknown> {
  return {
    schema_version: '1.6.0',
    id,
    modified: `${TODAY}T00:00:00Z`,
    published: '2025-01-01T00:00:00Z',
    aliases: [],
    summary: `Problem ${id} in ${name}`,
    affected: [{ package: { ecosystem: 'PyPI', name }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }], versions: [] }],
    references: [{ type: 'ADVISORY', url: `https://example.org/${id}` }],
    ...extra,
  };
}

/** A zip archive with one `<id>.json` entry per record (strings are written as they are, for broken entries). */
export function zipRecords(entries: Record<string, unknown>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(entries).map(([name, value]) => [name, strToU8(typeof value === 'string' ? value : JSON.stringify(value))])));
}

/** The usual archive: two records for two packages. */
export function sampleArchive(): Uint8Array {
  return zipRecords({ 'PYSEC-2099-1.json': osvRecord('PYSEC-2099-1', 'Demo_Pkg', '1.2.0'), 'GHSA-aaaa-bbbb-cccc.json': osvRecord('GHSA-aaaa-bbbb-cccc', 'other', '2.0') });
}

export interface TestServer {
  url: string;
  /** The requests received, in order. */
  requests: IncomingMessage[];
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 (a free port) answering every request with `handler`. */
export async function startServer(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<TestServer> {
  const requests: IncomingMessage[] = [];
  const server = createServer((request, response) => {
    requests.push(request);
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/PyPI/all.zip`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Serves `body` with an ETag, and 304 when the request carries that ETag in If-None-Match. */
export function zipHandler(body: Uint8Array, etag = '"v1"') {
  return (request: IncomingMessage, response: ServerResponse): void => {
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, { etag });
      response.end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/zip', etag, 'last-modified': 'Sat, 21 Nov 2026 10:00:00 GMT' });
    response.end(Buffer.from(body));
  };
}

export async function tempDir(prefix = 'ponyguard-cache-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

/** A database file as a whole object, whatever its layout on disk (see `serializeAdvisoryDb`). */
export async function readDbFile(file: string): Promise<AdvisoryDbFile> {
  const loaded = await loadAdvisoryDb(file);
  if (!loaded.ok) throw new Error(loaded.error.message);
  const { meta, djangoReleases, advisories } = loaded.db;
  return { meta, djangoReleases, advisories: [...advisories] };
}
