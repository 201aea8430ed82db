/**
 * Caddyfiles: tokens (quotes, backticks, comments, placeholders), directive lines with `{ }` blocks, snippets and
 * `import`, site blocks (with the brace-less single-site form). The model answers "is this file answered from this
 * root?" the way Caddy orders handlers: `redir`, the first matching `handle` / `handle_path` block (most specific
 * path first), `abort` / `error` / `respond`, `reverse_proxy`, `php_fastcgi`, then `file_server` with its `hide`
 * list, each behind its matcher (inline paths, `@named` path / path_regexp / not path matchers).
 */
import {
  globToRegExp,
  normalizeAbsolute,
  pcre,
  type ConfigPath,
  type ConfigPosition,
  type ParsedConfig,
  type ServedDirectory,
} from './webserver-model.js';

interface Token {
  value: string;
  line: number;
  column: number;
  endColumn: number;
  quoted: boolean;
}

export interface CaddyDirective {
  name: string;
  args: Token[];
  head: Token;
  block?: CaddyDirective[];
}

/** Tokenizes a Caddyfile into lines of tokens. */
function tokenize(text: string): Token[][] {
  const lines: Token[][] = [];
  let current: Token[] = [];
  let line = 1;
  let column = 1;
  let i = 0;
  const flush = (): void => {
    if (current.length > 0) lines.push(current);
    current = [];
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n') {
      flush();
      i++;
      line++;
      column = 1;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      column++;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    const start = column;
    const startLine = line;
    let value = '';
    let quoted = false;
    if (c === '"' || c === '`') {
      quoted = true;
      i++;
      column++;
      while (i < text.length && text[i] !== c) {
        if (c === '"' && text[i] === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) {
          i++;
          column++;
        }
        if (text[i] === '\n') {
          line++;
          column = 0;
        }
        value += text[i++];
        column++;
      }
      i++;
      column++;
    } else {
      while (i < text.length && !/\s/.test(text[i]!)) {
        value += text[i++];
        column++;
      }
      // A line ending with a backslash continues on the next line.
      if (value === '\\' && text[i] === '\n') {
        i++;
        line++;
        column = 1;
        continue;
      }
    }
    current.push({ value, line: startLine, column: start, endColumn: column, quoted });
  }
  flush();
  return lines;
}

/** Parses a Caddyfile into top-level entries (global options, snippets, site blocks) with nested directives. */
export function parseCaddy(text: string): CaddyDirective[] {
  const lines = tokenize(text);
  let index = 0;
  const parse = (depth: number): CaddyDirective[] => {
    const out: CaddyDirective[] = [];
    while (index < lines.length) {
      const tokens = lines[index++]!;
      const first = tokens[0]!;
      if (!first.quoted && first.value === '}') {
        if (depth > 0) return out;
        continue;
      }
      const last = tokens[tokens.length - 1]!;
      const opens = !last.quoted && last.value === '{';
      // `}` and `{` on one line (`} else {` style) is not Caddyfile syntax: treat the line as a plain directive.
      const words = opens ? tokens.slice(0, -1) : tokens;
      const head = words[0] ?? first;
      const directive: CaddyDirective = { name: words.length > 0 ? head.value : '', args: words.slice(1), head };
      if (opens) directive.block = depth < 32 ? parse(depth + 1) : [];
      out.push(directive);
    }
    return out;
  };
  return parse(0);
}

interface Matcher {
  test(uri: string): boolean | undefined;
  /** The literal path prefix the matcher selects (`/static/` for `/static/*`), when it is a plain prefix. */
  prefix?: string;
  specificity: number;
}

const ALL: Matcher = { test: () => true, specificity: 0 };

/** A Caddy path pattern: exact, or with `*` wildcards (at either end they also cross `/`); case-insensitive. */
function pathPattern(pattern: string): Matcher {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') source += i === 0 || i === pattern.length - 1 ? '.*' : '[^/]*';
    else source += c.replace(/[.+?^${}()|[\]\\/]/g, '\\$&');
  }
  let regex: RegExp | undefined;
  try {
    regex = new RegExp(`^${source}$`, 'i');
  } catch {
    regex = undefined;
  }
  const prefix = /^\/[^*]*\*$/.test(pattern) ? pattern.slice(0, -1) : undefined;
  return {
    test: (uri) => (regex ? regex.test(uri) : undefined),
    ...(prefix !== undefined ? { prefix: prefix.endsWith('/') ? prefix : prefix.replace(/[^/]*$/, '') } : {}),
    specificity: pattern.replace(/\*/g, '').length,
  };
}

/** Builds a named matcher from `@name path …` or `@name { path … not path … }`; unknown matcher types → undefined answers. */
function namedMatcher(definition: CaddyDirective): Matcher {
  const parts: Array<{ negate: boolean; name: string; args: string[] }> = [];
  if (definition.block) {
    for (const d of definition.block) {
      if (d.name === 'not') {
        if (d.block) for (const inner of d.block) parts.push({ negate: true, name: inner.name, args: inner.args.map((a) => a.value) });
        else if (d.args[0]) parts.push({ negate: true, name: d.args[0].value, args: d.args.slice(1).map((a) => a.value) });
      } else parts.push({ negate: false, name: d.name, args: d.args.map((a) => a.value) });
    }
  } else if (definition.args.length > 0) {
    const [type, ...rest] = definition.args.map((a) => a.value);
    if (type === 'not' && rest[0]) parts.push({ negate: true, name: rest[0], args: rest.slice(1) });
    else if (type?.startsWith('/')) parts.push({ negate: false, name: 'path', args: [type, ...rest] });
    else if (type) parts.push({ negate: false, name: type, args: rest });
  }
  const tests = parts.map((part) => {
    let test: (uri: string) => boolean | undefined;
    if (part.name === 'path') {
      const patterns = part.args.map(pathPattern);
      test = (uri) => {
        const answers = patterns.map((p) => p.test(uri));
        if (answers.some((a) => a === true)) return true;
        return answers.some((a) => a === undefined) ? undefined : false;
      };
    } else if (part.name === 'path_regexp') {
      const regex = pcre(part.args[part.args.length - 1] ?? '');
      test = (uri) => (regex ? regex.test(uri) : undefined);
    } else test = () => undefined;
    return (uri: string): boolean | undefined => {
      const answer = test(uri);
      return answer === undefined ? undefined : answer !== part.negate;
    };
  });
  const single = parts.length === 1 && parts[0]!.name === 'path' && !parts[0]!.negate && parts[0]!.args.length === 1 ? pathPattern(parts[0]!.args[0]!) : undefined;
  return {
    test: (uri) => {
      let unknown = false;
      for (const test of tests) {
        const answer = test(uri);
        if (answer === false) return false;
        if (answer === undefined) unknown = true;
      }
      return unknown ? undefined : tests.length > 0 ? true : undefined;
    },
    ...(single?.prefix !== undefined ? { prefix: single.prefix } : {}),
    specificity: single?.specificity ?? 1,
  };
}

interface Site {
  id: string;
  directives: CaddyDirective[];
  matchers: Map<string, Matcher>;
}

/** Reads a Caddyfile. */
export function readCaddy(file: string, text: string): ParsedConfig {
  const top = parseCaddy(text);
  const snippets = new Map<string, CaddyDirective[]>();
  const entries: CaddyDirective[] = [];
  for (const d of top) {
    const snippet = /^\((.+)\)$/.exec(d.name);
    if (snippet && d.block) snippets.set(snippet[1]!, d.block);
    else entries.push(d);
  }
  const expand = (list: CaddyDirective[], depth: number): CaddyDirective[] =>
    list.flatMap((d) => {
      if (d.name === 'import' && d.args[0] && snippets.has(d.args[0].value) && depth < 8) return expand(snippets.get(d.args[0].value)!, depth + 1);
      return [d.block ? { ...d, block: expand(d.block, depth) } : d];
    });

  const sites: Site[] = [];
  let rest = entries;
  // A leading block without a name is the global options block.
  if (rest[0] && rest[0].name === '' && rest[0].block) rest = rest.slice(1);
  if (rest.length > 0 && !rest[0]!.block && looksLikeAddress(rest[0]!.name)) {
    // The single-site form: an address line, then the site's directives without braces.
    sites.push(site(`${file}#site1@${rest[0]!.head.line}`, expand(rest.slice(1), 0)));
  } else {
    let count = 0;
    for (const entry of rest) {
      if (!entry.block || entry.name.startsWith('&(')) continue;
      count++;
      sites.push(site(`${file}#site${count}@${entry.head.line}`, expand(entry.block, 0)));
    }
  }
  const served: ServedDirectory[] = [];
  for (const s of sites) served.push(...siteServed(file, s));
  return { server: 'caddy', file, served, anchors: [] };
}

function looksLikeAddress(word: string): boolean {
  return /^(https?:\/\/|:\d+|localhost|\*\.|[\w-]+(\.[\w-]+)+|\[[0-9a-f:]+\])/i.test(word) && !/^(root|file_server|reverse_proxy|import|encode|handle|route)$/.test(word);
}

function site(id: string, directives: CaddyDirective[]): Site {
  const matchers = new Map<string, Matcher>();
  const collect = (list: CaddyDirective[]): void => {
    for (const d of list) {
      if (d.name.startsWith('@') && d.name.length > 1) matchers.set(d.name, namedMatcher(d));
      if (d.block) collect(d.block);
    }
  };
  collect(directives);
  return { id, directives, matchers };
}

/** A directive's matcher token (its first argument when it is `*`, a path, or `@name`) and the arguments after it. */
function splitMatcher(s: Site, d: CaddyDirective): { matcher: Matcher; args: Token[] } {
  const first = d.args[0];
  if (first && !first.quoted) {
    if (first.value === '*') return { matcher: ALL, args: d.args.slice(1) };
    if (first.value.startsWith('/')) {
      // `root /srv/app` is a path argument, not a matcher: a matcher needs a second argument (or a block).
      if (d.name === 'root' && d.args.length === 1) return { matcher: ALL, args: d.args };
      return { matcher: pathPattern(first.value), args: d.args.slice(1) };
    }
    if (first.value.startsWith('@')) return { matcher: s.matchers.get(first.value) ?? { test: () => undefined, specificity: 1 }, args: d.args.slice(1) };
  }
  return { matcher: ALL, args: d.args };
}

const TERMINAL = ['abort', 'error', 'respond', 'static_response', 'reverse_proxy', 'php_fastcgi', 'file_server'];
const HANDLE_BLOCKS = new Set(['handle', 'handle_path', 'route']);

interface Scope {
  directives: CaddyDirective[];
  /** The URL prefix a `handle_path` block strips. */
  strip?: string;
}

function siteServed(file: string, s: Site): ServedDirectory[] {
  const out: ServedDirectory[] = [];

  /** The chain of scopes a URI goes through: the site, then the first matching handle block, recursively. */
  const chain = (uri: string): Scope[] | undefined => {
    const scopes: Scope[] = [{ directives: s.directives }];
    let current = s.directives;
    let path = uri;
    for (let depth = 0; depth < 8; depth++) {
      const blocks = current
        .filter((d) => HANDLE_BLOCKS.has(d.name) && d.block && d.name !== 'route')
        .map((d) => ({ d, ...splitMatcher(s, d) }))
        .sort((a, b) => b.matcher.specificity - a.matcher.specificity);
      let chosen: (typeof blocks)[number] | undefined;
      for (const block of blocks) {
        const hit = block.matcher.test(path);
        if (hit === undefined) return undefined;
        if (hit) {
          chosen = block;
          break;
        }
      }
      if (!chosen) break;
      const strip = chosen.d.name === 'handle_path' ? chosen.matcher.prefix : undefined;
      if (chosen.d.name === 'handle_path' && strip === undefined) return undefined;
      if (strip) path = `/${path.slice(strip.length)}`;
      scopes.push({ directives: chosen.d.block!, ...(strip ? { strip } : {}) });
      current = chosen.d.block!;
    }
    return scopes;
  };

  /** Is the URI answered by file_server, with which root directive, and does `hide` spare the file? */
  const answer = (uri: string, root: CaddyDirective): boolean | undefined => {
    const scopes = chain(uri);
    if (!scopes) return undefined;
    let path = uri;
    let effectiveRoot: CaddyDirective | undefined;
    let unknown = false;
    const handlers: Array<{ d: CaddyDirective; path: string }> = [];
    for (const scope of scopes) {
      if (scope.strip) path = `/${path.slice(scope.strip.length)}`;
      for (const d of scope.directives) {
        if (d.name === 'root') {
          const hit = splitMatcher(s, d).matcher.test(path);
          if (hit === undefined) unknown = true;
          else if (hit) effectiveRoot = d;
        }
        if (d.name === 'redir') {
          const hit = splitMatcher(s, d).matcher.test(path);
          if (hit === undefined) return undefined;
          if (hit && splitMatcher(s, d).args.length > 0) return false;
        }
      }
      // Route blocks run their handlers in written order at the `route` position: treat their contents as handlers.
      for (const d of scope.directives) {
        if (d.name === 'route' && d.block) {
          const hit = splitMatcher(s, d).matcher.test(path);
          if (hit === undefined) return undefined;
          if (hit) for (const inner of d.block) if (TERMINAL.includes(inner.name)) handlers.push({ d: inner, path });
        }
      }
    }
    // Handlers: innermost scope first (a matching handle block's own handlers), in Caddy's directive order.
    const ordered: Array<{ d: CaddyDirective; path: string }> = [...handlers];
    path = uri;
    const paths: string[] = [];
    for (const scope of scopes) {
      if (scope.strip) path = `/${path.slice(scope.strip.length)}`;
      paths.push(path);
    }
    for (let i = scopes.length - 1; i >= 0; i--) {
      const list = scopes[i]!.directives.filter((d) => TERMINAL.includes(d.name));
      list.sort((a, b) => TERMINAL.indexOf(a.name) - TERMINAL.indexOf(b.name));
      for (const d of list) ordered.push({ d, path: paths[i]! });
    }
    for (const { d, path: p } of ordered) {
      const { matcher } = splitMatcher(s, d);
      const hit = matcher.test(p);
      if (hit === undefined) return undefined;
      if (!hit) continue;
      if (d.name !== 'file_server') return false;
      // file_server's own `root` subdirective wins over the root directive.
      const ownRoot = d.block?.find((b) => b.name === 'root');
      const used = ownRoot ?? effectiveRoot;
      if (used !== root) return false;
      const rootDir = absolutePath((ownRoot ? ownRoot.args[0] : splitMatcher(s, used).args[0])?.value);
      const hidden = hides(d, p, rootDir);
      if (hidden === undefined) return undefined;
      if (hidden) return false;
      return unknown ? undefined : true;
    }
    return false;
  };

  const visit = (list: CaddyDirective[], prefix: string, strip: boolean): void => {
    for (const d of list) {
      if (d.name === 'root') {
        const { matcher, args } = splitMatcher(s, d);
        const dir = absolutePath(args[0]?.value);
        if (!dir) continue;
        // root + URI: a handle block (not handle_path) or a path matcher narrows the reachable subtree.
        const sub = strip ? '/' : (matcher.prefix ?? prefix);
        const url = strip ? prefix : sub;
        add(d, { kind: 'absolute', path: normalizeAbsolute(`${dir}/${sub}`) }, url, d);
      }
      if (d.name === 'file_server' && d.block) {
        const own = d.block.find((b) => b.name === 'root');
        const dir = absolutePath(own?.args[0]?.value);
        if (own && dir) add(own, { kind: 'absolute', path: strip ? dir : normalizeAbsolute(`${dir}/${prefix}`) }, prefix, own);
      }
      if (HANDLE_BLOCKS.has(d.name) && d.block && d.name !== 'route') {
        const { matcher } = splitMatcher(s, d);
        const inner = matcher.prefix ?? (matcher === ALL ? prefix : undefined);
        if (inner !== undefined) visit(d.block, inner, d.name === 'handle_path');
      }
    }
  };
  const add = (d: CaddyDirective, dir: ConfigPath, url: string, root: CaddyDirective): void => {
    out.push({
      server: 'caddy',
      at: position(file, d),
      text: [d.name, ...d.args.map((a) => (a.quoted ? JSON.stringify(a.value) : a.value))].join(' '),
      dir,
      url,
      block: s.id,
      serves: (rel) => answer(`${url}${rel}`, root),
    });
  };
  visit(s.directives, '/', false);
  return out;
}

/** Does file_server's `hide` list hide the file at this path? */
function hides(fileServer: CaddyDirective, path: string, rootDir: string | undefined): boolean | undefined {
  const patterns = (fileServer.block ?? []).filter((b) => b.name === 'hide').flatMap((b) => b.args.map((a) => a.value));
  const components = path.split('/').filter(Boolean);
  for (const pattern of patterns) {
    if (pattern.includes('{')) return undefined;
    if (!pattern.includes('/')) {
      const regex = globToRegExp(pattern);
      if (!regex) return undefined;
      if (components.some((c) => regex.test(c))) return true;
    } else {
      // A pattern with a slash is a file-system path: compare it with the file the request maps to.
      if (!rootDir || !pattern.startsWith('/')) return undefined;
      const file = normalizeAbsolute(`${rootDir}/${path}`);
      const regex = globToRegExp(normalizeAbsolute(pattern));
      if (!regex) return undefined;
      if (regex.test(file) || file.startsWith(`${normalizeAbsolute(pattern)}/`)) return true;
    }
  }
  return false;
}

function absolutePath(value: string | undefined): string | undefined {
  if (!value || !value.startsWith('/') || value.includes('{')) return undefined;
  return normalizeAbsolute(value);
}

function position(file: string, d: CaddyDirective): ConfigPosition {
  const last = d.args[d.args.length - 1] ?? d.head;
  return { file, line: d.head.line, column: d.head.column, endLine: last.line, endColumn: last.endColumn };
}
