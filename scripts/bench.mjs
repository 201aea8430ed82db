#!/usr/bin/env node
/**
 * npm run bench -- DIR [--runs N] [--jobs N] [--select CODES]
 *
 * Scans DIR several times, each run in a fresh process, and reports files/s, MB/s and peak RSS (the whole
 * process: main thread and workers). Reference corpus: Debian's python3-django,
 * /usr/lib/python3/dist-packages/django.
 *
 * `--select SET` measures the parse-only scan (every file parsed, no code rule run); the default runs every rule.
 */
import { spawnSync } from 'node:child_process';
import { stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const dist = path.resolve(path.dirname(self), '..', 'dist');

function parseArgs(argv) {
  const args = { dir: undefined, runs: 3, jobs: 0, child: false, select: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--runs') args.runs = Number(argv[++i]);
    else if (a === '--jobs') args.jobs = Number(argv[++i]);
    else if (a === '--child') args.child = true;
    else if (a === '--select') args.select = argv[++i];
    else if (!args.dir) args.dir = a;
    else throw new Error(`unexpected argument ${a}`);
  }
  if (!args.dir) throw new Error('usage: npm run bench -- DIR [--runs N] [--jobs N] [--select CODES]');
  return args;
}

async function child(args) {
  const { audit } = await import(path.join(dist, 'index.js'));
  const started = performance.now();
  const { report } = await audit({ path: args.dir, jobs: args.jobs, ...(args.select ? { select: args.select.split(',') } : {}) });
  const durationMs = performance.now() - started;
  process.stdout.write(
    JSON.stringify({
      durationMs,
      maxRssKb: process.resourceUsage().maxRSS,
      files: report.stats.files,
      pythonFiles: report.stats.pythonFiles,
      findings: report.findings.length,
      errors: report.errors.length,
    }),
  );
}

async function pythonBytes(dir) {
  const { walkProject } = await import(path.join(dist, 'project', 'walk.js'));
  const walked = await walkProject(dir, { exclude: [] });
  let bytes = 0;
  for (const file of walked.files) if (/\.pyw?$/.test(file.relPath)) bytes += (await stat(file.absPath)).size;
  return bytes;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.child) return child(args);
  const dir = path.resolve(args.dir);
  const bytes = await pythonBytes(dir);
  const runs = [];
  for (let i = 0; i < args.runs; i++) {
    const result = spawnSync(process.execPath, [self, dir, '--child', '--jobs', String(args.jobs), ...(args.select ? ['--select', args.select] : [])], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (result.status !== 0) throw new Error(`bench run failed:\n${result.stderr}`);
    const run = JSON.parse(result.stdout);
    runs.push(run);
    console.log(`run ${i + 1}: ${(run.durationMs / 1000).toFixed(2)} s, peak RSS ${(run.maxRssKb / 1024).toFixed(0)} MB`);
  }
  const sorted = [...runs].sort((a, b) => a.durationMs - b.durationMs);
  const median = sorted[Math.floor(sorted.length / 2)];
  const seconds = median.durationMs / 1000;
  const peak = Math.max(...runs.map((r) => r.maxRssKb)) / 1024;
  const workers = args.jobs > 0 ? args.jobs : os.availableParallelism();
  console.log('');
  console.log(`corpus:   ${dir}`);
  console.log(`files:    ${median.files} walked, ${median.pythonFiles} Python (${(bytes / 1024 / 1024).toFixed(1)} MB of Python)`);
  console.log(`results:  ${median.findings} findings, ${median.errors} errors`);
  console.log(`machine:  ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, Node ${process.version}, ${workers} worker(s)`);
  console.log(`rules:    ${args.select ? `--select ${args.select}` : 'all'}`);
  console.log(`median:   ${seconds.toFixed(2)} s of ${runs.length} runs`);
  console.log(`speed:    ${(median.pythonFiles / seconds).toFixed(0)} Python files/s, ${(bytes / 1024 / 1024 / seconds).toFixed(2)} MB/s`);
  console.log(`peak RSS: ${peak.toFixed(0)} MB`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
