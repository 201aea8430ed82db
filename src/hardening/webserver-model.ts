/**
 * What the web-server configuration parsers (nginx, Apache, uWSGI, Caddy) extract for the source-protection rules:
 * the directories a server publishes (with a way to ask whether a given file under one is actually answered from
 * it, after the server's location matching, proxies and deny rules), and the deployment paths that tell where the
 * project itself runs (uWSGI `chdir`, `WSGIScriptAlias` targets, `python-path`, …).
 *
 * Parsers never throw: odd input yields fewer facts, and an unknown answer is `undefined`.
 */

export type ServerKind = 'nginx' | 'apache' | 'uwsgi' | 'caddy';

/** A directory or file path named by a configuration. */
export type ConfigPath =
  /** An absolute path on the deployment machine. */
  | { kind: 'absolute'; path: string }
  /** A path relative to the scan root (uWSGI `%d`, the directory of the configuration file): may start with `..`. */
  | { kind: 'repo'; rel: string };

/** A position in a configuration file (1-based line and column). */
export interface ConfigPosition {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface ServedDirectory {
  server: ServerKind;
  at: ConfigPosition;
  /** The directive as written, for messages: `root /srv/app;`, `DocumentRoot /srv/app`. */
  text: string;
  /** The directory files are answered from (for nginx `root` inside a prefix location: root + prefix). */
  dir: ConfigPath;
  /** The URL prefix that maps to `dir`. */
  url: string;
  /**
   * Is a request for the file at `rel` (relative to `dir`, `/`-separated) answered from this directory? true when
   * it is, false when another handler takes the URL (a proxy, another location) or a rule denies it, undefined
   * when the configuration does not tell (an include that cannot be read, a regex the scan cannot run).
   */
  serves(rel: string): boolean | undefined;
  /**
   * The directive only reaches this directory through a path-traversal quirk (nginx `alias` with a trailing slash
   * under a location without one: `/static../` reaches the alias' parent).
   */
  traversal?: boolean;
  /**
   * The block the directive belongs to (a `server {}`, a `<VirtualHost>`, a site, a uWSGI file): directives of
   * one block share their dotfile protection, so one finding per block and directory is enough.
   */
  block: string;
}

/** Where the project runs on the deployment machine, by the configuration's own account. */
export interface DeploymentAnchor {
  at: ConfigPosition;
  /** `chdir`, `python-path`, `wsgi-file`, `WSGIScriptAlias`, …, for messages. */
  directive: string;
  path: ConfigPath;
  /**
   * 'python-dir': a directory Python imports the project from or runs in (the directory of manage.py, or the one
   * `module` resolves from); 'file': a file of the project (a wsgi.py).
   */
  kind: 'python-dir' | 'file';
  /** The dotted module the server imports from that directory (uWSGI `module`), when given. */
  module?: string;
  /** The repository directory the path is, when the evidence says so (a Dockerfile copies its own directory). */
  rel?: string;
}

export interface ParsedConfig {
  server: ServerKind;
  file: string;
  served: ServedDirectory[];
  anchors: DeploymentAnchor[];
}

/** Converts a glob (`*`, `?`, `[...]`) to an anchored regular expression; `*` crosses `/` only when `deep`. */
export function globToRegExp(glob: string, deep = false, flags = ''): RegExp | undefined {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') out += deep ? '.*' : '[^/]*';
    else if (c === '?') out += deep ? '.' : '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end === -1) out += '\\[';
      else {
        out += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else out += c.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  try {
    return new RegExp(`^${out}$`, flags);
  } catch {
    return undefined;
  }
}

/** A PCRE pattern as a JavaScript regular expression, or undefined when it uses syntax JavaScript lacks. */
export function pcre(pattern: string, caseless = false): RegExp | undefined {
  let source = pattern;
  let flags = '';
  const inline = /^\(\?([imsx]+)\)/.exec(source);
  if (inline) {
    if (inline[1]!.includes('x')) return undefined;
    flags = inline[1]!.replace(/x/g, '');
    source = source.slice(inline[0].length);
  }
  if (caseless && !flags.includes('i')) flags += 'i';
  if (/\(\?[imsx-]+[:)]|\\[AZzQEG]|\(\?P[<=>]|\(\?[#|>]|\*\+|\+\+|\?\+|\}\+/.test(source)) return undefined;
  try {
    return new RegExp(source, flags);
  } catch {
    return undefined;
  }
}

/** Joins a directory and a relative URL path, normalizing `.`/`..`; absolute paths keep their leading slash. */
export function joinConfigPath(base: ConfigPath, rel: string): ConfigPath {
  if (base.kind === 'absolute') return { kind: 'absolute', path: normalizeAbsolute(`${base.path}/${rel}`) };
  return { kind: 'repo', rel: normalizeRelative(base.rel ? `${base.rel}/${rel}` : rel) };
}

export function normalizeAbsolute(p: string): string {
  const parts: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** Normalizes a relative path; leading `..` segments are kept (they climb above the scan root). */
export function normalizeRelative(p: string): string {
  const parts: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}
