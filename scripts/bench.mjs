#!/usr/bin/env node
/**
 * npm run bench -- DIR [--runs N] [--jobs N] [--select CODES]
 *
 * Scans DIR several times, each run in a fresh process, and reports files/s, MB/s and peak RSS (the whole
 * process: main thread and workers). Reference corpus: Debian's python3-django,
 * /usr/lib/python3/dist-packages/django.
 *
 * `--select SET` measures the parse-only scan (every file parsed, no code rule run); the default runs every rule.
 *
 * npm run bench -- --history [--commits N]
 *
 * Generates a git repository of N commits (default 10,000; with `git fast-import`: files of a Django-like project,
 * each commit changing a few lines, a secret added now and then) and times streaming its whole history through the
 * secrets engine, reporting commits/s, added lines/s and peak RSS.
 *
 * npm run bench -- --deps [LOCKFILE] [--worst] [--runs N]
 *
 * Measures the dependency audit alone (start-up excluded: the time of the audit call in a process that has loaded
 * the code): LOCKFILE's project, or by default a generated poetry.lock of 300 packages that all have advisories, one
 * in ten locked at an affected version (`--worst`: all of them), with a dependency graph and 30 direct dependencies
 * in its pyproject.toml.
 *
 * npm run bench -- --probe [--sites N] [--concurrency N] [--delay MS]
 *
 * Starts N (default 50) local Django-like sites on 127.0.0.1, one port each, in a child process, and probes them all
 * at once with `ponyguard probe`'s engine (default concurrency: 4 sites, 6 connections per origin). Reports wall
 * time, requests/s, the peak of simultaneous connections the servers saw (all sites together, and the busiest
 * site), and the prober's peak RSS. Each response is delayed by `--delay` ms (default 5) to stand for a real app.
 */
import { Buffer } from 'node:buffer';
import { fork, spawnSync } from 'node:child_process';
import http from 'node:http';
import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const dist = path.resolve(path.dirname(self), '..', 'dist');

function parseArgs(argv) {
  const args = { dir: undefined, runs: 3, jobs: 0, child: false, select: undefined, deps: false, worst: false, history: false, commits: 10_000, probe: false, probeServers: false, sites: 50, concurrency: undefined, delay: 5 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--runs') args.runs = Number(argv[++i]);
    else if (a === '--jobs') args.jobs = Number(argv[++i]);
    else if (a === '--child') args.child = true;
    else if (a === '--select') args.select = argv[++i];
    else if (a === '--deps') args.deps = true;
    else if (a === '--worst') args.worst = true;
    else if (a === '--history') args.history = true;
    else if (a === '--commits') args.commits = Number(argv[++i]);
    else if (a === '--probe') args.probe = true;
    else if (a === '--probe-servers') args.probeServers = true;
    else if (a === '--sites') args.sites = Number(argv[++i]);
    else if (a === '--concurrency') args.concurrency = Number(argv[++i]);
    else if (a === '--delay') args.delay = Number(argv[++i]);
    else if (!args.dir) args.dir = a;
    else throw new Error(`unexpected argument ${a}`);
  }
  if (!args.dir && !args.deps && !args.history && !args.probe && !args.probeServers) {
    throw new Error('usage: npm run bench -- DIR [--runs N] [--jobs N] [--select CODES] | --deps [LOCKFILE] [--runs N] | --history [--commits N] | --probe [--sites N] [--concurrency N] [--delay MS]');
  }
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

/**
 * A poetry.lock of `count` packages that all have known advisories, chained into a graph. Every `vulnerableEvery`-th
 * package is locked at an affected version, the others at their advisories' highest fixed version (as in a lock
 * file kept up to date); `--worst` locks every package at an affected version.
 */
async function generatedLockProject(count, vulnerableEvery) {
  const { loadAdvisoryDb } = await import(path.join(dist, 'deps', 'advisories', 'db.js'));
  const loaded = await loadAdvisoryDb();
  if (!loaded.ok) throw new Error(loaded.error.message);
  const db = loaded.db;
  const plain = (v) => /^\d+(\.\d+)*$/.test(v);
  const byPackage = new Map();
  for (const advisory of db.advisories) {
    for (const affected of advisory.affected) {
      const info = byPackage.get(affected.package) ?? { affected: null, fixes: [] };
      info.affected ??= affected.versions.find(plain) ?? null;
      for (const range of affected.ranges) for (const event of range) if (event.fixed && plain(event.fixed)) info.fixes.push(event.fixed);
      byPackage.set(affected.package, info);
    }
  }
  const newest = (versions) => versions.reduce((a, b) => (b.split('.').map(Number).reduce((c, n, i) => c || n - (Number(a.split('.')[i]) || 0), 0) > 0 ? b : a));
  const picks = [];
  for (const [name, info] of byPackage) {
    if (!info.affected || info.fixes.length === 0 || name === 'python') continue;
    const vulnerable = picks.length % vulnerableEvery === 0;
    picks.push({ name, version: vulnerable ? info.affected : newest(info.fixes) });
    if (picks.length >= count) break;
  }
  if (picks.length < count) throw new Error(`the advisory database has only ${picks.length} packages with listed versions`);
  const lock = picks
    .map((p, i) => {
      const deps = [picks[i * 3 + 1], picks[i * 3 + 2], picks[i * 3 + 3]].filter((d) => d && i * 3 + 3 < count);
      const table = deps.length > 0 ? `\n[package.dependencies]\n${deps.map((d) => `${d.name} = ">=0"`).join('\n')}\n` : '';
      return `[[package]]\nname = "${p.name}"\nversion = "${p.version}"\ndescription = ""\noptional = false\npython-versions = "*"\n${table}`;
    })
    .join('\n');
  const direct = picks.slice(0, 30).map((p) => `${p.name} = "${p.version}"`).join('\n');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ponyguard-bench-deps-'));
  await writeFile(path.join(dir, 'poetry.lock'), `${lock}\n[metadata]\nlock-version = "2.0"\npython-versions = "^3.10"\ncontent-hash = "0"\n`);
  await writeFile(path.join(dir, 'pyproject.toml'), `[tool.poetry]\nname = "bench"\nversion = "1.0"\n\n[tool.poetry.dependencies]\npython = "^3.10"\n${direct}\n`);
  return dir;
}

async function depsChild(args) {
  const { audit } = await import(path.join(dist, 'index.js'));
  const started = performance.now();
  const { report } = await audit({ path: args.dir, jobs: 1, select: ['DEP'], failOn: 'none' });
  const durationMs = performance.now() - started;
  process.stdout.write(JSON.stringify({ durationMs, maxRssKb: process.resourceUsage().maxRSS, packages: report.dependencies?.length ?? 0, findings: report.findings.length, errors: report.errors.length }));
}

async function benchDeps(args) {
  const dir = args.dir ? path.dirname(path.resolve(args.dir)) : await generatedLockProject(300, args.worst ? 1 : 10);
  const runs = [];
  for (let i = 0; i < args.runs; i++) {
    const result = spawnSync(process.execPath, [self, '--deps', dir, '--child'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (result.status !== 0) throw new Error(`bench run failed:\n${result.stderr}`);
    const run = JSON.parse(result.stdout);
    runs.push(run);
    console.log(`run ${i + 1}: ${run.durationMs.toFixed(0)} ms, peak RSS ${(run.maxRssKb / 1024).toFixed(0)} MB`);
  }
  const median = [...runs].sort((a, b) => a.durationMs - b.durationMs)[Math.floor(runs.length / 2)];
  console.log('');
  console.log(`project:  ${dir}${args.dir ? '' : args.worst ? ' (generated, every package vulnerable)' : ' (generated, one package in ten vulnerable)'}`);
  console.log(`audit:    ${median.packages} package entries, ${median.findings} findings, ${median.errors} errors`);
  console.log(`machine:  ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, Node ${process.version}`);
  console.log(`median:   ${median.durationMs.toFixed(0)} ms of ${runs.length} runs (start-up excluded)`);
  console.log(`peak RSS: ${(Math.max(...runs.map((r) => r.maxRssKb)) / 1024).toFixed(0)} MB`);
}

/** A made-up AWS access key id (the shape, from a seeded generator; not a real key). */
function fakeAwsKeyId(seed) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let state = seed >>> 0;
  let id = 'AKIA';
  for (let i = 0; i < 16; i++) {
    // xorshift32
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    id += alphabet[state % alphabet.length];
  }
  return id;
}

/** A repository of `count` commits built with `git fast-import`: small edits to a few files, a secret every 500. */
async function generatedHistoryRepo(count) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ponyguard-bench-history-'));
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  const init = spawnSync('git', ['init', '-q', dir], { env });
  if (init.status !== 0) throw new Error(`git init failed: ${init.stderr}`);
  const files = ['shop/settings.py', 'shop/views.py', 'shop/models.py', 'shop/urls.py', 'README.md'];
  const contents = files.map((name) => Array.from({ length: 60 }, (_, i) => `# ${name} line ${i}`));
  const chunks = [];
  for (let c = 1; c <= count; c++) {
    const f = c % files.length;
    const lines = contents[f];
    lines[c % lines.length] = c % 500 === 0 ? `AWS_ACCESS_KEY_ID = "${fakeAwsKeyId(c)}"` : `value_${c} = compute(${c}, "${'x'.repeat(c % 40)}")`;
    const data = `${lines.join('\n')}\n`;
    const message = `commit ${c}`;
    chunks.push(
      `commit refs/heads/main\nmark :${c}\nauthor Bench <b@example.com> ${1_600_000_000 + c * 60} +0000\ncommitter Bench <b@example.com> ${1_600_000_000 + c * 60} +0000\n` +
        `data ${Buffer.byteLength(message)}\n${message}\n${c > 1 ? `from :${c - 1}\n` : ''}M 100644 inline ${files[f]}\ndata ${Buffer.byteLength(data)}\n${data}\n`,
    );
  }
  const imported = spawnSync('git', ['-C', dir, 'fast-import', '--quiet'], { input: chunks.join(''), env, maxBuffer: 1 << 30 });
  if (imported.status !== 0) throw new Error(`git fast-import failed: ${imported.stderr}`);
  return dir;
}

async function benchHistory(args) {
  const started = performance.now();
  const dir = await generatedHistoryRepo(args.commits);
  console.log(`generated ${args.commits} commits in ${((performance.now() - started) / 1000).toFixed(1)} s: ${dir}`);
  const { scanHistory } = await import(path.join(dist, 'secrets', 'history.js'));
  const { scanSecrets } = await import(path.join(dist, 'secrets', 'engine.js'));
  let secrets = 0;
  const t = performance.now();
  const result = await scanHistory(dir, (added) => {
    secrets += scanSecrets(added.text, added.path).length;
  });
  const seconds = (performance.now() - t) / 1000;
  console.log('');
  console.log(`history:  ${result.commits} commits, ${result.lines} added lines, ${secrets} secrets found`);
  console.log(`machine:  ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, Node ${process.version}`);
  console.log(`time:     ${seconds.toFixed(2)} s (git log -p and the secrets engine)`);
  console.log(`speed:    ${(result.commits / seconds).toFixed(0)} commits/s, ${(result.lines / seconds).toFixed(0)} added lines/s`);
  console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (this process; git runs beside it)`);
}

/** A Django-looking site: home page with cookies, admin redirect and login form, DEBUG 404 page, robots.txt. */
function djangoLikeHandler(delay) {
  const notFound = `<title>Page not found</title><p>Django tried these URL patterns, in this order:</p><ol>${'<li>shop/ [name=&#x27;shop&#x27;]</li>'.repeat(60)}</ol><p>You're seeing this error because you have <code>DEBUG = True</code> in your Django settings file.</p>`;
  const home = `<!doctype html><html><head><title>Shop</title><script src="https://cdn.example/app.js"></script></head><body>${'<p>Product</p>'.repeat(400)}</body></html>`;
  const login = '<form action="/admin/login/?next=/admin/" method="post" id="login-form"><input type="hidden" name="csrfmiddlewaretoken" value="t"><input type="text" name="username"><input type="password" name="password"></form>';
  return (req, res) => {
    req.resume();
    setTimeout(() => {
      const path = (req.url ?? '/').split('?')[0];
      const base = { 'Content-Type': 'text/html; charset=utf-8', 'X-Frame-Options': 'DENY', 'X-Content-Type-Options': 'nosniff', Vary: 'Cookie' };
      if (req.method === 'POST') return res.writeHead(403, base).end('<h1>Forbidden (403)</h1><p>CSRF verification failed. Request aborted.</p>');
      if (path === '/') return res.writeHead(200, { ...base, 'Set-Cookie': 'csrftoken=abc; Path=/; SameSite=Lax' }).end(home);
      if (path === '/admin/') return res.writeHead(302, { Location: '/admin/login/?next=/admin/' }).end();
      if (path === '/admin/login/') return res.writeHead(200, { ...base, 'Set-Cookie': 'csrftoken=abc; Path=/; SameSite=Lax' }).end(login);
      if (path === '/robots.txt') return res.writeHead(200, { 'Content-Type': 'text/plain' }).end('User-agent: *\nDisallow: /admin/\n');
      res.writeHead(404, base).end(notFound);
    }, delay);
  };
}

/** Child process: N servers on 127.0.0.1; reports ports, then (on request) requests served and peak connections. */
async function probeServers(args) {
  let open = 0;
  let peak = 0;
  let requests = 0;
  const perSite = [];
  const servers = [];
  const handler = djangoLikeHandler(args.delay);
  for (let i = 0; i < args.sites; i++) {
    const site = { open: 0, peak: 0 };
    perSite.push(site);
    const server = http.createServer((req, res) => {
      requests++;
      handler(req, res);
    });
    server.on('connection', (socket) => {
      open++;
      site.open++;
      peak = Math.max(peak, open);
      site.peak = Math.max(site.peak, site.open);
      socket.on('error', () => {});
      socket.on('close', () => {
        open--;
        site.open--;
      });
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
  }
  process.send({ ports: servers.map((s) => s.address().port) });
  process.on('message', () => {
    process.send({ requests, peak, peakPerSite: Math.max(...perSite.map((s) => s.peak)) });
    for (const server of servers) server.close();
    process.disconnect();
  });
}

async function benchProbe(args) {
  const child = fork(self, ['--probe-servers', '--sites', String(args.sites), '--delay', String(args.delay)]);
  const next = () => new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`the server process exited (${code})`)));
  });
  try {
    const { ports } = await next();
    const { probe } = await import(path.join(dist, 'engine', 'probe.js'));
    const targets = ports.map((port) => `http://127.0.0.1:${port}/`);
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const { report } = await probe({ targets, failOn: 'none', retrieve: args.concurrency ? { concurrency: args.concurrency } : {} });
    const seconds = (performance.now() - started) / 1000;
    child.send('report');
    const served = await next();
    const concurrency = args.concurrency ?? 4;
    const answered = report.sites.filter((s) => s.finalUrl !== null).length;
    console.log(`sites:       ${targets.length} local Django-like sites (one port each, ${args.delay} ms per response), ${answered} answered`);
    console.log(`results:     ${report.findings.length} findings, ${report.errors.length} errors (the https attempt on each plain-http port)`);
    console.log(`machine:     ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, Node ${process.version}`);
    console.log(`bound:       ${concurrency} sites at a time, 6 connections per origin, 1 TLS handshake per site`);
    console.log(`wall time:   ${seconds.toFixed(2)} s`);
    console.log(`requests:    ${served.requests} served, ${(served.requests / seconds).toFixed(0)} requests/s`);
    console.log(`connections: peak ${served.peak} open at once on the servers (all sites), ${served.peakPerSite} on the busiest site`);
    console.log(`peak RSS:    ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (the prober; ${(rssBefore / 1024 / 1024).toFixed(0)} MB before probing)`);
  } finally {
    if (child.connected) child.kill();
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.probeServers) return probeServers(args);
  if (args.probe) return benchProbe(args);
  if (args.history) return benchHistory(args);
  if (args.deps && args.child) return depsChild(args);
  if (args.deps) return benchDeps(args);
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
