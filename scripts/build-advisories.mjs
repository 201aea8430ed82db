#!/usr/bin/env node
/**
 * node scripts/build-advisories.mjs [--shared DIR] [--out FILE]
 *
 * Builds the compact advisory database the dependency audit reads (default `data/advisories.json`, git-ignored,
 * shipped in the npm package) from the reference pack's data (default `../shared`, files under `DIR/data/`):
 * the PyPA advisory database export, Django's security archive and Django's release support table. The logic is
 * `src/deps/advisories/build.ts`, imported from `dist/`: run it after `tsc`. Without the input files it says so and
 * exits 0, writing nothing (an installed package keeps the database it shipped with).
 */
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The inputs, with the provenance their documentation gives (`../shared/data/README.md`). */
const INPUTS = {
  pypa: {
    file: 'pypa-advisories-2024-10-10.jsonl',
    name: 'PyPA advisory database (pypa/advisory-database), OSV records',
    date: '2024-10-10',
    commit: '3ccb612573e2511ab5cad7dafecd838605c80cda',
  },
  archive: {
    file: 'django-security-archive.json',
    name: "Django's archive of security issues (django/django docs/releases/security.txt)",
    date: '2026-05-14',
    commit: '25cf1cbb1cb92c6c57b76cc43d697cfdc61f568f',
  },
  releases: {
    file: 'django-release-support.json',
    name: 'Django release series support (django/django release notes and tags; endoflife.date products/django.md)',
    date: '2026-05-14',
    commit: '25cf1cbb1cb92c6c57b76cc43d697cfdc61f568f; endoflife.date 0118c3037fa9f22d86a72e0f4d8f492e45b77234',
  },
};

function usage(message) {
  console.error(`build-advisories: ${message}\nusage: node scripts/build-advisories.mjs [--shared DIR] [--out FILE]`);
  process.exit(2);
}

function parseArgs(argv) {
  const options = { shared: path.resolve(root, '..', 'shared'), out: path.join(root, 'data', 'advisories.json') };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.split(/=(.*)/s, 2);
    if (flag !== '--shared' && flag !== '--out') usage(`unknown argument ${arg}`);
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') usage(`${flag} needs a value`);
    options[flag.slice(2)] = path.resolve(value);
  }
  return options;
}

const options = parseArgs(process.argv.slice(2));
const dataDir = path.join(options.shared, 'data');
const missing = Object.values(INPUTS)
  .map((input) => path.join(dataDir, input.file))
  .filter((file) => !existsSync(file));
if (missing.length > 0) {
  const names = missing.map((f) => path.relative(root, f)).join(', ');
  console.log(`build-advisories: input data not found (${names}); ${path.relative(root, options.out)} not written`);
  process.exit(0);
}

const builder = path.join(root, 'dist', 'deps', 'advisories', 'build.js');
if (!existsSync(builder)) {
  console.error(`build-advisories: ${path.relative(root, builder)} is missing; compile first (tsc -p tsconfig.build.json)`);
  process.exit(1);
}
const { buildAdvisoryDb, parseJsonLines } = await import(pathToFileURL(builder).href);
const { serializeAdvisoryDb } = await import(pathToFileURL(path.join(root, 'dist', 'deps', 'advisories', 'db.js')).href);

/** Reads one input: its text and its provenance record. */
async function readInput(input) {
  const file = path.join(dataDir, input.file);
  const bytes = await readFile(file);
  const source = { file: input.file, name: input.name, date: input.date, commit: input.commit, sha256: createHash('sha256').update(bytes).digest('hex') };
  return { text: bytes.toString('utf8'), source };
}

const pypa = await readInput(INPUTS.pypa);
const archive = await readInput(INPUTS.archive);
const releases = await readInput(INPUTS.releases);
const epoch = process.env.SOURCE_DATE_EPOCH;
const builtAt = (epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date()).toISOString();

const db = buildAdvisoryDb({
  osv: parseJsonLines(pypa.text, INPUTS.pypa.file),
  djangoArchive: JSON.parse(archive.text),
  djangoReleases: JSON.parse(releases.text),
  sources: [pypa.source, archive.source, releases.source],
  builtAt,
});
const json = serializeAdvisoryDb(db);
await mkdir(path.dirname(options.out), { recursive: true });
await writeFile(options.out, json);
const { counts } = db.meta;
console.log(
  `${path.relative(root, options.out)}: ${counts.written} advisories for ${Object.keys(counts.byPackage).length} packages ` +
    `(${counts.recordsRead} OSV records, ${counts.withdrawn} withdrawn; ${counts.djangoArchive.standalone} Django archive entries of their own), ` +
    `${Math.round(Buffer.byteLength(json) / 1024)} KiB`,
);
