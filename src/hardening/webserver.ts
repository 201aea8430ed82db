/**
 * The web-server configurations of the repository, read once per scan: which parser reads which file, the deployment
 * evidence other files add (gunicorn `--chdir`, supervisor `directory=`, systemd `WorkingDirectory=`), and the two
 * questions the source-protection rules ask of every published directory: does it publish the project's code, and
 * does it publish `.git` or `.env`?
 */
import type { ProjectModel } from '../project/model.js';
import { dockerfileAnchors, processSource } from './source-processes.js';
import { isWithin, sourceTree, type SourceTree } from './source-tree.js';
import { readApache } from './webserver-apache.js';
import { readCaddy } from './webserver-caddy.js';
import { DeployMap, servedPath, type Located } from './webserver-map.js';
import { normalizeAbsolute, type DeploymentAnchor, type ParsedConfig, type ServedDirectory } from './webserver-model.js';
import { readNginx } from './webserver-nginx.js';
import { readUwsgi } from './webserver-uwsgi.js';

export interface WebServerAnalysis {
  configs: ParsedConfig[];
  map: DeployMap;
  tree: SourceTree;
}

const cache = new WeakMap<ProjectModel, WebServerAnalysis>();

/** Parses the project's web-server configurations (once per project model). */
export function webServerAnalysis(project: ProjectModel): WebServerAnalysis {
  const cached = cache.get(project);
  if (cached) return cached;
  const tree = sourceTree(project);
  const configs: ParsedConfig[] = [];
  const extra: DeploymentAnchor[] = [];
  const texts = project.textFiles;
  const included = new Set<string>();
  const resolveInclude = (target: string, from: string): { file: string; text: string } | null => {
    const found = findInclude(texts, target, from);
    if (found) included.add(found);
    return found ? { file: found, text: texts.get(found)! } : null;
  };
  for (const [file, text] of [...texts.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    try {
      const kind = configKind(file, text);
      if (kind === 'nginx') configs.push(readNginx(file, text, resolveInclude));
      else if (kind === 'apache') configs.push(readApache(file, text));
      else if (kind === 'uwsgi') configs.push(readUwsgi(file, text));
      else if (kind === 'caddy') configs.push(readCaddy(file, text));
      extra.push(...processAnchors(file, text), ...dockerfileAnchors(file, text));
    } catch {
      // A parser bug must not cost the other files: this one is simply not judged.
    }
  }
  // A snippet another configuration includes is judged in that server's context, not on its own.
  for (const config of configs) {
    if (config.server === 'nginx' && included.has(config.file)) config.served = config.served.filter((served) => !served.block.endsWith('#snippet'));
  }
  const analysis = { configs, map: new DeployMap(project, tree, configs, extra), tree };
  cache.set(project, analysis);
  return analysis;
}

/** Which parser reads a file, by name first, then by content. */
export function configKind(file: string, text: string): 'nginx' | 'apache' | 'uwsgi' | 'caddy' | undefined {
  const base = file.slice(file.lastIndexOf('/') + 1);
  if (/^(\.gitignore|\.dockerignore)$/.test(base) || processSource(file, text) !== undefined) return undefined;
  if (/^Caddyfile(\.[\w.-]+)?$/i.test(base) || /(^|\/)caddy\//i.test(file) || /\.caddy(file)?$/i.test(base)) return 'caddy';
  if (/^uwsgi[^/]*\.(ini|ya?ml|xml|json)$/i.test(base) || /\.uwsgi\.ini$/i.test(base)) return 'uwsgi';
  if (base === '.htaccess' || /(^|\/)(apache2?|httpd)\//i.test(file) || /^(apache2?|httpd)[^/]*\.conf$/i.test(base)) return 'apache';
  if (/^\s*\[uwsgi\]\s*$/m.test(text)) return 'uwsgi';
  if (/^\s*\[[\w:.-]+\]\s*$/m.test(text) && !/[{}]/.test(text)) return undefined; // other ini files (supervisor, …)
  if (/^\s*<\/?(VirtualHost|Directory|DirectoryMatch|Location|LocationMatch|Files|FilesMatch|IfModule)\b/im.test(text) || /^\s*(DocumentRoot|ServerName|WSGIScriptAlias|WSGIDaemonProcess)\s/im.test(text)) return 'apache';
  if (/(^|[\s;}])(server|http|location|upstream|events)\b[^;{}]*\{/.test(text) || /^\s*(root|alias)\s+\S+\s*;/m.test(text)) return 'nginx';
  return undefined;
}

/** The repository file an nginx `include` names (its path tail), when exactly one matches. */
function findInclude(texts: ReadonlyMap<string, string>, target: string, from: string): string | undefined {
  if (/[*?[]/.test(target)) return undefined;
  const parts = normalizeAbsolute(`/${target}`).split('/').filter(Boolean);
  const base = parts[parts.length - 1];
  if (!base) return undefined;
  let best: { file: string; k: number } | undefined;
  let ambiguous = false;
  for (const file of texts.keys()) {
    if (file === from) continue;
    const fparts = file.split('/');
    let k = 0;
    while (k < fparts.length && k < parts.length && fparts[fparts.length - 1 - k] === parts[parts.length - 1 - k]) k++;
    if (k === 0) continue;
    if (!best || k > best.k) {
      best = { file, k };
      ambiguous = false;
    } else if (k === best.k) ambiguous = true;
  }
  return best && !ambiguous ? best.file : undefined;
}

/** Working directories in process-manager files: gunicorn `--chdir`, supervisor `directory=`, systemd `WorkingDirectory=`. */
function processAnchors(file: string, text: string): DeploymentAnchor[] {
  const out: DeploymentAnchor[] = [];
  const lines = text.split(/\r?\n/);
  const supervisor = /^\s*\[program:[^\]]+\]/m.test(text) && /^\s*command\s*=.*\b(gunicorn|uwsgi|daphne|uvicorn|hypercorn|manage\.py|waitress-serve)\b/m.test(text);
  lines.forEach((line, index) => {
    const add = (directive: string, value: string | undefined, column: number): void => {
      if (!value || !value.startsWith('/') || /[$%{]/.test(value)) return;
      out.push({
        at: { file, line: index + 1, column, endLine: index + 1, endColumn: line.length + 1 },
        directive,
        path: { kind: 'absolute', path: normalizeAbsolute(value) },
        kind: 'python-dir',
      });
    };
    for (const m of line.matchAll(/--chdir(?:=|\s+)(["']?)([^\s"']+)\1/g)) add('--chdir', m[2], m.index + 1);
    const working = /^\s*WorkingDirectory\s*=\s*(\S+)/.exec(line);
    if (working) add('WorkingDirectory', working[1], 1);
    const directory = supervisor ? /^\s*directory\s*=\s*(\S+)/.exec(line) : null;
    if (directory) add('directory', directory[1], 1);
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The questions the rules ask.

export type ServingState =
  /** A request for the file is answered from the directory. */
  | 'served'
  /** The configuration cannot tell (an unreadable include, a regex the scan cannot run, internal routing). */
  | 'unknown'
  /** Configured, but every such request goes elsewhere (a proxy, another location) or is denied. */
  | 'unreached';

export interface SourceServing {
  served: ServedDirectory;
  located: Located;
  /** "is the project root, the directory of manage.py", "contains the settings module …". */
  exposure: string;
  state: ServingState;
  /** A URL that returns a Python file of the project, for messages. */
  url?: string;
  file?: string;
}

/** Published directories that hold the project's Python code. */
export function sourceServing(project: ProjectModel): SourceServing[] {
  const { configs, map, tree } = webServerAnalysis(project);
  const out: SourceServing[] = [];
  for (const config of configs) {
    for (const served of config.served) {
      const located = map.locate(served.dir);
      if (!located) continue;
      const exposure = tree.sourceExposure(located.placement);
      if (!exposure) continue;
      const samples = pythonSamples(project, located);
      if (samples.length === 0) continue;
      let state: ServingState = 'unreached';
      let hit: { url: string; file: string } | undefined;
      for (const sample of samples) {
        const answer = safely(() => served.serves(sample.rel));
        if (answer === true) {
          state = 'served';
          hit = { url: `${served.url}${sample.rel}`, file: sample.file };
          break;
        }
        if (answer === undefined) state = 'unknown';
      }
      out.push({ served, located, exposure: exposure.text, state, ...(hit ?? {}) });
    }
  }
  return out;
}

export interface DotfileServing {
  served: ServedDirectory;
  located: Located;
  state: Exclude<ServingState, 'unreached'>;
  /** The dotfiles a request reaches: `.git/config`, `.env` (repository paths). */
  files: string[];
  urls: string[];
}

/** Published directories that hold (or, deployed, will hold) `.git` or `.env`, with no rule keeping them out. */
export function dotfileServing(project: ProjectModel): DotfileServing[] {
  const { configs, map, tree } = webServerAnalysis(project);
  const holders = dotfileHolders(project, tree);
  const out: DotfileServing[] = [];
  for (const config of configs) {
    for (const served of config.served) {
      const located = map.locate(served.dir);
      if (!located) continue;
      const files: string[] = [];
      const urls: string[] = [];
      let unknown = false;
      for (const holder of holders) {
        const rel = servedPath(located, holder);
        if (rel === undefined) continue;
        const answer = safely(() => served.serves(rel));
        if (answer === true) {
          files.push(holder);
          urls.push(`${served.url}${rel}`);
        } else if (answer === undefined) unknown = true;
      }
      if (files.length > 0) out.push({ served, located, state: 'served', files, urls });
      else if (unknown) out.push({ served, located, state: 'unknown', files: [], urls: [] });
    }
  }
  return out;
}

/**
 * Repository paths of the dotfiles that matter: `.git/config` at the top of the work tree (assumed at the scan root
 * when the scan is not in a git work tree: deployments are usually clones) and `.env` wherever the project keeps
 * environment files (next to manage.py, at the root, and beside any `.env*` file the repository has).
 */
function dotfileHolders(project: ProjectModel, tree: SourceTree): string[] {
  const out = new Set<string>();
  const gitRoot = project.discovery.gitRoot;
  if (gitRoot === null) out.add('.git/config');
  else {
    const place = tree.place(gitRoot.split('\\').join('/'));
    if (place.where === 'inside') out.add(place.rel ? `${place.rel}/.git/config` : '.git/config');
  }
  const envDirs = new Set<string>(['']);
  if (tree.projectDir !== null) envDirs.add(tree.projectDir);
  for (const file of project.files) {
    const base = file.slice(file.lastIndexOf('/') + 1);
    if (/^\.env(\.|$)/.test(base)) envDirs.add(file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '');
  }
  for (const dir of envDirs) out.add(dir ? `${dir}/.env` : '.env');
  return [...out];
}

/** Python files under a located directory to probe with: manage.py, settings modules, wsgi.py first. */
function pythonSamples(project: ProjectModel, located: Located): Array<{ file: string; rel: string }> {
  const settings = new Set(project.discovery.settingsModules.map((s) => s.path));
  const rank = (file: string): number => {
    if (/(^|\/)manage\.py$/.test(file)) return 0;
    const init = file.endsWith('__init__.py') ? 4 : 0;
    if (settings.has(file)) return 1 + init;
    return (/(^|\/)(wsgi|asgi|urls|models|views)\.py$/.test(file) ? 2 : 3) + init;
  };
  const files = project.files.filter((f) => /\.py$/.test(f) && (located.placement.where === 'above' || (located.placement.where === 'inside' && isWithin(f, located.placement.rel))));
  files.sort((a, b) => rank(a) - rank(b) || a.split('/').length - b.split('/').length || a.localeCompare(b));
  const out: Array<{ file: string; rel: string }> = [];
  for (const file of files.slice(0, 60)) {
    const rel = servedPath(located, file);
    if (rel !== undefined) out.push({ file, rel });
  }
  return out;
}

function safely<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}
