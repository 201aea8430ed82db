/**
 * nginx configurations: a tokenizer (quotes, escapes, comments) and block parser that never throws, and a model of
 * each `server {}` good enough to answer "is this file answered from this directory?": location selection
 * (exact, longest prefix, `^~`, regex in order, nested locations), content handlers (`proxy_pass`, `uwsgi_pass`,
 * `return`, `try_files` without `$uri`, …), `deny all`, and `root` / `alias` inheritance.
 */
import {
  joinConfigPath,
  normalizeAbsolute,
  pcre,
  type ConfigPath,
  type ConfigPosition,
  type ParsedConfig,
  type ServedDirectory,
} from './webserver-model.js';

export interface NginxToken {
  value: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  quoted: boolean;
}

export interface NginxDirective {
  name: string;
  args: NginxToken[];
  head: NginxToken;
  /** The last token of the directive (its `;` or `{`). */
  end: NginxToken;
  block?: NginxDirective[];
  /** The file the directive was read from (differs from the main file for inlined includes). */
  file: string;
}

/** Splits an nginx configuration into tokens; `;`, `{` and `}` are tokens of their own. */
export function tokenizeNginx(text: string): NginxToken[] {
  const tokens: NginxToken[] = [];
  let line = 1;
  let column = 1;
  let i = 0;
  const advance = (): string => {
    const c = text[i++]!;
    if (c === '\n') {
      line++;
      column = 1;
    } else column++;
    return c;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      advance();
      continue;
    }
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') advance();
      continue;
    }
    const startLine = line;
    const startColumn = column;
    if (c === ';' || c === '{' || c === '}') {
      advance();
      tokens.push({ value: c, line: startLine, column: startColumn, endLine: line, endColumn: column, quoted: false });
      continue;
    }
    if (c === '"' || c === "'") {
      advance();
      let value = '';
      while (i < text.length && text[i] !== c) {
        if (text[i] === '\\' && i + 1 < text.length) {
          advance();
          value += unescape(advance());
          continue;
        }
        value += advance();
      }
      if (i < text.length) advance();
      tokens.push({ value, line: startLine, column: startColumn, endLine: line, endColumn: column, quoted: true });
      continue;
    }
    let value = '';
    let braces = 0;
    while (i < text.length) {
      const d = text[i]!;
      if (d === ' ' || d === '\t' || d === '\r' || d === '\n' || d === ';') break;
      // `${var}` keeps its braces; a bare brace ends the word.
      if (d === '{') {
        if (value.endsWith('$')) braces++;
        else break;
      } else if (d === '}') {
        if (braces > 0) braces--;
        else break;
      }
      if (d === '\\' && i + 1 < text.length) {
        advance();
        value += unescape(advance());
        continue;
      }
      value += advance();
    }
    if (value === '') {
      advance();
      continue;
    }
    tokens.push({ value, line: startLine, column: startColumn, endLine: line, endColumn: column, quoted: false });
  }
  return tokens;
}

/** nginx keeps a backslash unless it escapes a quote, a backslash, or stands for a tab, carriage return or newline. */
function unescape(next: string): string {
  if (next === '"' || next === "'" || next === '\\') return next;
  if (next === 't') return '\t';
  if (next === 'r') return '\r';
  if (next === 'n') return '\n';
  return `\\${next}`;
}

/** Parses tokens into directives with blocks; unbalanced braces and missing semicolons are tolerated. */
export function parseNginx(text: string, file: string): NginxDirective[] {
  const tokens = tokenizeNginx(text);
  let index = 0;
  const parseBlock = (depth: number): NginxDirective[] => {
    const out: NginxDirective[] = [];
    while (index < tokens.length) {
      const head = tokens[index]!;
      if (head.value === '}' && !head.quoted) {
        index++;
        if (depth > 0) return out;
        continue;
      }
      if ((head.value === ';' || head.value === '{') && !head.quoted) {
        index++;
        if (head.value === '{' && depth < 64) parseBlock(depth + 1);
        continue;
      }
      index++;
      const args: NginxToken[] = [];
      let end = head;
      let block: NginxDirective[] | undefined;
      while (index < tokens.length) {
        const token = tokens[index]!;
        if (!token.quoted && token.value === ';') {
          end = token;
          index++;
          break;
        }
        if (!token.quoted && token.value === '{') {
          end = token;
          index++;
          block = depth < 64 ? parseBlock(depth + 1) : [];
          break;
        }
        if (!token.quoted && token.value === '}') break;
        args.push(token);
        end = token;
        index++;
      }
      out.push({ name: head.value, args, head, end, file, ...(block ? { block } : {}) });
    }
    return out;
  };
  return parseBlock(0);
}

// ---------------------------------------------------------------------------------------------------------------
// The server model.

type Modifier = '' | '=' | '^~' | '~' | '~*' | '@';

interface Location {
  modifier: Modifier;
  pattern: string;
  regex?: RegExp | null;
  directives: NginxDirective[];
  children: Location[];
  parent: Location | null;
  directive: NginxDirective;
}

interface Server {
  id: string;
  /** Directives of the server block (and inherited http-level ones first). */
  directives: NginxDirective[];
  locations: Location[];
  /** The server (or a location) includes a file the scan cannot read: its effect is unknown. */
  opaque: boolean;
  inheritedRoot?: NginxDirective;
}

const CONTENT_HANDLERS = new Set([
  'proxy_pass',
  'uwsgi_pass',
  'fastcgi_pass',
  'scgi_pass',
  'grpc_pass',
  'memcached_pass',
  'return',
  'empty_gif',
  'stub_status',
  'internal',
  'rewrite_by_lua_block',
  'content_by_lua_block',
  'content_by_lua_file',
  'content_by_lua',
  'passenger_enabled',
  'js_content',
  'perl',
]);

/** Reads an nginx configuration; `resolveInclude` gives the text of an included file when the repository has it. */
export function readNginx(file: string, text: string, resolveInclude: (target: string, from: string) => { file: string; text: string } | null | undefined): ParsedConfig {
  const top = inlineIncludes(parseNginx(text, file), resolveInclude, 0);
  const servers: Server[] = [];
  const collect = (directives: NginxDirective[], inherited: NginxDirective | undefined, path: string): void => {
    let root = inherited;
    for (const d of directives) if (d.name === 'root' && !d.block) root = d;
    let count = 0;
    for (const d of directives) {
      if (d.name === 'http' && d.block) collect(d.block, root, `${path}http/`);
      else if (d.name === 'server' && d.block && d.args.length === 0) {
        count++;
        servers.push(makeServer(`${file}#${path}server${count}@${d.head.line}`, d.block, root));
      }
    }
  };
  collect(top, undefined, '');
  // A file of bare `location` / `root` directives is a snippet included in some server: judge it as one.
  if (servers.length === 0 && top.some((d) => (d.name === 'location' && d.block) || d.name === 'root' || d.name === 'alias')) {
    servers.push(makeServer(`${file}#snippet`, top, undefined));
  }
  const served: ServedDirectory[] = [];
  for (const server of servers) served.push(...servedDirectories(server));
  return { server: 'nginx', file, served, anchors: [] };
}

/** Replaces `include` directives by the directives of the repository file they name; the others stay (and make the server opaque). */
function inlineIncludes(directives: NginxDirective[], resolve: (target: string, from: string) => { file: string; text: string } | null | undefined, depth: number): NginxDirective[] {
  const out: NginxDirective[] = [];
  for (const d of directives) {
    if (d.name === 'include' && !d.block && d.args.length === 1) {
      const target = d.args[0]!.value;
      // Stock include files (mime types, proxy and fastcgi parameters) change nothing here.
      if (/(^|\/)(mime\.types|(fastcgi|uwsgi|scgi|proxy)_params|fastcgi\.conf|snippets\/fastcgi-php\.conf)$/.test(target)) continue;
      const found = depth < 8 ? resolve(target, d.file) : undefined;
      if (found) out.push(...inlineIncludes(parseNginx(found.text, found.file), resolve, depth + 1));
      else out.push(d);
      continue;
    }
    out.push(d.block ? { ...d, block: inlineIncludes(d.block, resolve, depth) } : d);
  }
  return out;
}

function makeServer(id: string, directives: NginxDirective[], inheritedRoot: NginxDirective | undefined): Server {
  const server: Server = { id, directives, locations: [], opaque: false, ...(inheritedRoot ? { inheritedRoot } : {}) };
  const build = (list: NginxDirective[], parent: Location | null): Location[] => {
    const out: Location[] = [];
    for (const d of list) {
      if (d.name === 'include' && !d.block) server.opaque = true;
      if (d.name !== 'location' || !d.block || d.args.length === 0) continue;
      let modifier: Modifier = '';
      let pattern: string;
      const first = d.args[0]!.value;
      if (d.args.length >= 2 && ['=', '^~', '~', '~*'].includes(first)) {
        modifier = first as Modifier;
        pattern = d.args[1]!.value;
      } else if (first.startsWith('@')) {
        modifier = '@';
        pattern = first;
      } else if (/^(=|\^~|~\*|~)\S/.test(first) && !d.args[0]!.quoted) {
        const m = /^(=|\^~|~\*|~)(.*)$/.exec(first)!;
        modifier = m[1] as Modifier;
        pattern = m[2]!;
      } else pattern = first;
      const location: Location = { modifier, pattern, directives: d.block, children: [], parent, directive: d };
      if (modifier === '~' || modifier === '~*') location.regex = pcre(pattern, modifier === '~*') ?? null;
      location.children = build(d.block, location);
      out.push(location);
    }
    return out;
  };
  server.locations = build(directives, null);
  return server;
}

/** nginx's location selection for a URI, or null when no location matches; undefined when a regex cannot be run. */
function findLocation(locations: Location[], uri: string): Location | null | undefined {
  const exact = locations.find((l) => l.modifier === '=' && l.pattern === uri);
  if (exact) return exact;
  let longest: Location | null = null;
  for (const l of locations) {
    if ((l.modifier === '' || l.modifier === '^~') && uri.startsWith(l.pattern) && (!longest || l.pattern.length > longest.pattern.length)) longest = l;
  }
  if (longest && longest.children.length > 0) {
    const nested = findLocation(longest.children, uri);
    if (nested === undefined) return undefined;
    if (nested && (nested.modifier === '~' || nested.modifier === '~*' || nested.modifier === '=')) return nested;
    if (nested && longest.modifier !== '^~') {
      const regex = firstRegex(locations, uri);
      if (regex === undefined) return undefined;
      return regex ?? nested;
    }
    if (nested) return nested;
  }
  if (longest?.modifier === '^~') return longest;
  const regex = firstRegex(locations, uri);
  if (regex === undefined) return undefined;
  return regex ?? longest;
}

function firstRegex(locations: Location[], uri: string): Location | null | undefined {
  for (const l of locations) {
    if (l.modifier !== '~' && l.modifier !== '~*') continue;
    if (!l.regex) return undefined;
    if (l.regex.test(uri)) return l;
  }
  return null;
}

function own(directives: NginxDirective[], name: string): NginxDirective | undefined {
  let found: NginxDirective | undefined;
  for (const d of directives) if (d.name === name && !d.block) found = d;
  return found;
}

/** What a location does with a request: serve a file (from which root/alias directive), or something else. */
function behaviour(server: Server, location: Location | null): { kind: 'file'; from: NginxDirective | undefined } | { kind: 'other' } | { kind: 'denied' } {
  const directives = location ? location.directives : server.directives;
  if (directives.some((d) => CONTENT_HANDLERS.has(d.name))) {
    // `return` with a 4xx status is a denial; other handlers answer the request themselves.
    const ret = own(directives, 'return');
    if (ret && /^4\d\d$/.test(ret.args[0]?.value ?? '')) return { kind: 'denied' };
    return { kind: 'other' };
  }
  // `deny all` applies when no nearer access rule exists (access rules are inherited by nested locations).
  for (let scope: Location | null = location; ; scope = scope.parent) {
    const list = scope ? scope.directives : server.directives;
    const access = list.filter((d) => (d.name === 'deny' || d.name === 'allow') && !d.block);
    if (access.length > 0) {
      if (access[0]!.name === 'deny' && access[0]!.args[0]?.value === 'all') return { kind: 'denied' };
      break;
    }
    if (!scope) break;
  }
  const tryFiles = own(directives, 'try_files');
  if (tryFiles && !tryFiles.args.some((a) => /\$(uri|request_filename|request_uri)\b/.test(a.value))) return { kind: 'other' };
  const alias = location ? own(location.directives, 'alias') : undefined;
  if (alias) return { kind: 'file', from: alias };
  for (let scope: Location | null = location; scope; scope = scope.parent) {
    const root = own(scope.directives, 'root');
    if (root) return { kind: 'file', from: root };
  }
  return { kind: 'file', from: own(server.directives, 'root') ?? server.inheritedRoot };
}

/** A path argument usable as a directory, or undefined when it holds variables. */
function pathArg(token: NginxToken | undefined): ConfigPath | undefined {
  if (!token) return undefined;
  const value = token.value.trim();
  if (value === '' || value.includes('$') || !value.startsWith('/')) return undefined;
  return { kind: 'absolute', path: normalizeAbsolute(value) };
}

function position(d: NginxDirective): ConfigPosition {
  return { file: d.file, line: d.head.line, column: d.head.column, endLine: d.end.endLine, endColumn: d.end.endColumn };
}

function directiveText(d: NginxDirective): string {
  return `${d.name} ${d.args.map((a) => (a.quoted ? JSON.stringify(a.value) : a.value)).join(' ')};`;
}

function servedDirectories(server: Server): ServedDirectory[] {
  const out: ServedDirectory[] = [];
  const servesFrom = (from: NginxDirective, uri: string): boolean | undefined => {
    const location = findLocation(server.locations, uri);
    if (location === undefined) return undefined;
    if (location?.modifier === '@') return false;
    const serverReturn = !location && server.directives.some((d) => d.name === 'return' && !d.block);
    if (serverReturn) return false;
    const what = behaviour(server, location);
    if (what.kind !== 'file') return false;
    if (what.from !== from) return false;
    return server.opaque ? undefined : true;
  };
  const add = (from: NginxDirective, dir: ConfigPath, url: string, traversal = false): void => {
    out.push({
      server: 'nginx',
      at: position(from),
      text: directiveText(from),
      dir,
      url,
      block: server.id,
      ...(traversal ? { traversal } : {}),
      serves: (rel) => servesFrom(from, `${url}${rel}`),
    });
  };
  // The server's root (its own or the http block's).
  const serverRoot = own(server.directives, 'root') ?? server.inheritedRoot;
  const rootPath = pathArg(serverRoot?.args[0]);
  if (serverRoot && rootPath) add(serverRoot, rootPath, '/');
  const visit = (locations: Location[]): void => {
    for (const location of locations) {
      const root = own(location.directives, 'root');
      const alias = own(location.directives, 'alias');
      const prefix = location.modifier === '' || location.modifier === '^~' || location.modifier === '=' ? location.pattern : undefined;
      const rootDir = pathArg(root?.args[0]);
      if (root && rootDir) {
        // root + URI: under a prefix location only that subtree is reachable.
        if (prefix !== undefined && prefix.startsWith('/')) {
          const sub = prefix.endsWith('/') ? prefix : prefix.slice(0, prefix.lastIndexOf('/') + 1);
          add(root, joinConfigPath(rootDir, sub), sub);
        } else add(root, rootDir, '/');
      }
      const aliasDir = pathArg(alias?.args[0]);
      if (alias && aliasDir && prefix !== undefined && prefix.startsWith('/')) {
        const url = prefix.endsWith('/') ? prefix : `${prefix}/`;
        add(alias, aliasDir, url);
        if (!prefix.endsWith('/') && alias.args[0]!.value.endsWith('/') && location.modifier !== '=') {
          // `location /static { alias /srv/app/static/; }`: `/static../x` is `/srv/app/static/../x`.
          add(alias, joinConfigPath(aliasDir, '..'), `${prefix}../`, true);
        }
      }
      visit(location.children);
    }
  };
  visit(server.locations);
  return out;
}
