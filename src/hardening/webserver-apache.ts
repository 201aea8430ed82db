/**
 * Apache httpd configurations: directives with quoted arguments and `\` line continuations, `<Section>` nesting,
 * never throwing. The model answers "is this file answered from this directory?" the way httpd maps a URL:
 * `ProxyPass` (with `!` exclusions) first, then `Redirect*`, then `Alias` / `AliasMatch` in order, then
 * `WSGIScriptAlias`, else `DocumentRoot`; then access control from `<Directory[Match]>`, `<Files[Match]>` and
 * `<Location[Match]>` sections (`Require all denied`, `Deny from all`), `RedirectMatch 404` and
 * `RewriteRule … [F]` rules.
 */
import {
  globToRegExp,
  normalizeAbsolute,
  pcre,
  type ConfigPosition,
  type DeploymentAnchor,
  type ParsedConfig,
  type ServedDirectory,
} from './webserver-model.js';

export interface ApacheArg {
  value: string;
  quoted: boolean;
}

export interface ApacheNode {
  name: string;
  args: ApacheArg[];
  line: number;
  column: number;
  endColumn: number;
  /** Sections (`<Directory …>`) have children. */
  children?: ApacheNode[];
}

/** Splits a directive's argument text into arguments (double or single quotes, backslash escapes). */
function splitArgs(text: string): ApacheArg[] {
  const out: ApacheArg[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    const quote = text[i];
    if (quote === '"' || quote === "'") {
      i++;
      let value = '';
      while (i < text.length && text[i] !== quote) {
        if (text[i] === '\\' && i + 1 < text.length && (text[i + 1] === quote || text[i + 1] === '\\')) i++;
        value += text[i++];
      }
      i++;
      out.push({ value, quoted: true });
      continue;
    }
    let value = '';
    while (i < text.length && !/\s/.test(text[i]!)) value += text[i++];
    out.push({ value, quoted: false });
  }
  return out;
}

/** Parses an Apache configuration (or `.htaccess`) into a tree of directives and sections. */
export function parseApache(text: string): ApacheNode[] {
  const root: ApacheNode[] = [];
  const stack: Array<{ name: string; children: ApacheNode[] }> = [{ name: '', children: root }];
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const startLine = index + 1;
    let raw = lines[index]!;
    while (/\\\s*$/.test(raw) && index + 1 < lines.length) raw = raw.replace(/\\\s*$/, ' ') + lines[++index]!;
    const indent = raw.length - raw.trimStart().length;
    let body = raw.trim();
    if (body === '' || body.startsWith('#')) continue;
    // Apache has no trailing comments, but hand-written files often do: a `#` after whitespace ends the line here.
    body = stripTrailingComment(body);
    const current = stack[stack.length - 1]!;
    const close = /^<\/\s*([\w.:-]+)\s*>$/.exec(body);
    if (close) {
      const name = close[1]!.toLowerCase();
      const at = stack.map((s) => s.name).lastIndexOf(name);
      if (at > 0) stack.length = at;
      continue;
    }
    const open = /^<\s*([\w.:-]+)(.*?)>$/.exec(body);
    if (open) {
      const node: ApacheNode = { name: open[1]!, args: splitArgs(open[2]!.trim()), line: startLine, column: indent + 1, endColumn: indent + body.length + 1, children: [] };
      current.children.push(node);
      stack.push({ name: open[1]!.toLowerCase(), children: node.children! });
      continue;
    }
    const match = /^([\w.:-]+)(?:\s+(.*))?$/.exec(body);
    if (!match) continue;
    current.children.push({ name: match[1]!, args: splitArgs(match[2] ?? ''), line: startLine, column: indent + 1, endColumn: indent + body.length + 1 });
  }
  return root;
}

function stripTrailingComment(body: string): string {
  let quote: string | null = null;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && i > 0 && /\s/.test(body[i - 1]!)) return body.slice(0, i).trimEnd();
  }
  return body;
}

const is = (node: ApacheNode, name: string): boolean => node.name.toLowerCase() === name.toLowerCase();

interface Host {
  id: string;
  /** Directives in scope: the global ones, then the virtual host's (later wins). */
  directives: ApacheNode[];
  opaque: boolean;
}

interface AccessSection {
  kind: 'directory' | 'files' | 'location';
  test: (file: string, uri: string) => boolean | undefined;
  /** 'denied', 'granted', or undefined when the section holds no access rule. */
  access: 'denied' | 'granted' | undefined;
  /** Merge order: Directory (by path length) < DirectoryMatch < Files < Location. */
  rank: number;
  order: number;
}

/** Reads an Apache configuration file. */
export function readApache(file: string, text: string): ParsedConfig {
  const nodes = parseApache(text);
  const global = nodes.filter((n) => !is(n, 'VirtualHost'));
  const hosts: Host[] = [];
  const opaqueGlobal = nodes.some((n) => /^include(optional)?$/i.test(n.name));
  let count = 0;
  for (const node of nodes) {
    if (!is(node, 'VirtualHost')) continue;
    count++;
    const own = node.children ?? [];
    hosts.push({ id: `${file}#vhost${count}@${node.line}`, directives: [...global, ...own], opaque: opaqueGlobal || own.some((n) => /^include(optional)?$/i.test(n.name)) });
  }
  if (hosts.length === 0) hosts.push({ id: `${file}#global`, directives: global, opaque: opaqueGlobal });
  const served: ServedDirectory[] = [];
  for (const host of hosts) served.push(...hostServed(file, host));
  // The global DocumentRoot is reported once (with the first host's view of it).
  const seen = new Set<string>();
  const unique = served.filter((s) => {
    const key = `${s.at.line}:${s.url}:${s.traversal ? 1 : 0}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { server: 'apache', file, served: unique, anchors: anchors(file, nodes) };
}

function position(file: string, node: ApacheNode): ConfigPosition {
  return { file, line: node.line, column: node.column, endLine: node.line, endColumn: node.endColumn };
}

function absolute(value: string | undefined): string | undefined {
  if (!value || !value.startsWith('/') || /[$%]\{|\$\{/.test(value)) return undefined;
  return normalizeAbsolute(value);
}

/** mod_alias' URL matching: `Alias /static /x` matches `/static` and `/static/…`, not `/staticfoo`. */
function aliasMatches(prefix: string, uri: string): boolean {
  if (prefix.endsWith('/')) return uri.startsWith(prefix);
  return uri === prefix || uri.startsWith(`${prefix}/`);
}

function hostServed(file: string, host: Host): ServedDirectory[] {
  const flat = flatten(host.directives);
  const sections = accessSections(host.directives);
  const out: ServedDirectory[] = [];
  // The mappings in httpd's order of precedence.
  const proxies = flat.filter((n) => is(n, 'ProxyPass') && n.args.length >= 2);
  const redirects = flat.filter((n) => /^redirect(match|permanent|temp)?$/i.test(n.name));
  const aliases = flat.filter((n) => /^(alias|aliasmatch|scriptalias|scriptaliasmatch)$/i.test(n.name) && n.args.length >= 2);
  const wsgi = flat.filter((n) => /^wsgiscriptalias(match)?$/i.test(n.name) && n.args.length >= 2);
  const rewrites = rewriteDenials(flat);
  let documentRoot: ApacheNode | undefined;
  for (const n of flat) if (is(n, 'DocumentRoot') && n.args.length >= 1) documentRoot = n;

  /** Which mapping answers a URI: a node (an Alias, the DocumentRoot), 'other', 'denied', or undefined. */
  const route = (uri: string): ApacheNode | 'other' | 'denied' | undefined => {
    // The first matching ProxyPass wins; `ProxyPass /static/ !` exempts a path from proxying.
    const proxy = proxies.find((p) => aliasMatches(p.args[0]!.value, uri) || p.args[0]!.value === '/');
    if (proxy && proxy.args[1]!.value !== '!') return 'other';
    for (const redirect of redirects) {
      const match = /match$/i.test(redirect.name);
      const args = redirect.args.map((a) => a.value);
      const status = /^(\d{3}|permanent|temp|seeother|gone)$/i.test(args[0] ?? '') ? args.shift()! : 'temp';
      const pattern = args[0];
      if (!pattern) continue;
      let hit: boolean | undefined;
      if (match) {
        const regex = pcre(pattern);
        hit = regex ? regex.test(uri) : undefined;
      } else hit = aliasMatches(pattern, uri);
      if (hit === undefined) return undefined;
      if (hit) return /^(4\d\d|gone)$/i.test(status) ? 'denied' : 'other';
    }
    for (const rule of rewrites) {
      const hit = rule.test(uri);
      if (hit === undefined) return undefined;
      if (hit) return 'denied';
    }
    for (const alias of aliases) {
      const match = /match$/i.test(alias.name);
      const pattern = alias.args[0]!.value;
      let hit: boolean | undefined;
      if (match) {
        const regex = pcre(pattern);
        hit = regex ? regex.test(uri) : undefined;
      } else hit = aliasMatches(pattern, uri);
      if (hit === undefined) return undefined;
      if (hit) return /^script/i.test(alias.name) ? 'other' : alias;
    }
    for (const script of wsgi) {
      const pattern = script.args[0]!.value;
      const regex = /match$/i.test(script.name) ? pcre(pattern) : undefined;
      const hit = /match$/i.test(script.name) ? (regex ? regex.test(uri) : undefined) : aliasMatches(pattern, uri) || pattern === '/';
      if (hit === undefined) return undefined;
      if (hit) return 'other';
    }
    return documentRoot;
  };

  const access = (filePath: string, uri: string): 'denied' | 'granted' | undefined | 'unknown' => {
    let decision: 'denied' | 'granted' | undefined;
    const applicable = sections.filter((s) => s.access !== undefined).sort((a, b) => a.rank - b.rank || a.order - b.order);
    for (const section of applicable) {
      const hit = section.test(filePath, uri);
      if (hit === undefined) return 'unknown';
      if (hit) decision = section.access;
    }
    return decision;
  };

  const servesVia = (node: ApacheNode, dir: string, url: string) => (rel: string): boolean | undefined => {
    const uri = `${url}${rel}`;
    const target = route(uri);
    if (target === undefined) return undefined;
    if (target === 'other' || target === 'denied' || target !== node) return false;
    const decision = access(`${dir}/${rel}`, uri);
    if (decision === 'unknown') return undefined;
    if (decision === 'denied') return false;
    return host.opaque ? undefined : true;
  };

  if (documentRoot) {
    const dir = absolute(documentRoot.args[0]!.value);
    if (dir) out.push(entry(file, host, documentRoot, dir, '/', servesVia(documentRoot, dir, '/')));
  }
  for (const alias of aliases) {
    if (!is(alias, 'Alias')) continue;
    const dir = absolute(alias.args[1]!.value);
    const prefix = alias.args[0]!.value;
    if (!dir || !prefix.startsWith('/')) continue;
    const url = prefix.endsWith('/') ? prefix : `${prefix}/`;
    out.push(entry(file, host, alias, dir, url, servesVia(alias, dir, url)));
  }
  return out;
}

function entry(file: string, host: Host, node: ApacheNode, dir: string, url: string, serves: (rel: string) => boolean | undefined): ServedDirectory {
  return {
    server: 'apache',
    at: position(file, node),
    text: `${node.name} ${node.args.map((a) => (a.quoted ? `"${a.value}"` : a.value)).join(' ')}`,
    dir: { kind: 'absolute', path: dir },
    url,
    serves,
    block: host.id,
  };
}

/** Directives in scope, sections' contents included except access sections (those are read separately). */
function flatten(nodes: ApacheNode[]): ApacheNode[] {
  const out: ApacheNode[] = [];
  for (const n of nodes) {
    if (n.children) {
      if (/^(ifmodule|ifdefine|ifversion|if|else|elseif|ifdirective|iffile|ifsection)$/i.test(n.name)) out.push(...flatten(n.children));
      continue;
    }
    out.push(n);
  }
  return out;
}

/** `RewriteRule PATTERN - [F]` (or `[R=403|404|410]`, `[G]`) without a `RewriteCond` in front: a denial. */
function rewriteDenials(flat: ApacheNode[]): Array<{ test: (uri: string) => boolean | undefined }> {
  if (!flat.some((n) => is(n, 'RewriteEngine') && /^on$/i.test(n.args[0]?.value ?? ''))) return [];
  const out: Array<{ test: (uri: string) => boolean | undefined }> = [];
  for (let i = 0; i < flat.length; i++) {
    const n = flat[i]!;
    if (!is(n, 'RewriteRule') || n.args.length < 2) continue;
    const flags = n.args[2]?.value ?? '';
    if (!/\[(?:[^\]]*,)?\s*(F|G|forbidden|gone|R=4\d\d)\s*(?:,[^\]]*)?\]/i.test(flags)) continue;
    if (i > 0 && is(flat[i - 1]!, 'RewriteCond')) continue;
    const pattern = n.args[0]!.value;
    if (pattern.startsWith('!')) continue;
    const regex = pcre(pattern, /\bNC\b|nocase/i.test(flags));
    out.push({ test: (uri) => (regex ? regex.test(uri) : undefined) });
  }
  return out;
}

/** Access-control sections (nested in VirtualHost or global), with a matcher for a file path and a URI. */
function accessSections(nodes: ApacheNode[]): AccessSection[] {
  const out: AccessSection[] = [];
  let order = 0;
  /** `within`: the enclosing section's matcher, for `<Files>` nested in `<Directory>`. */
  const walk = (list: ApacheNode[], within?: (file: string, uri: string) => boolean | undefined): void => {
    for (const n of list) {
      if (!n.children) continue;
      const name = n.name.toLowerCase();
      if (/^(ifmodule|ifdefine|ifversion|if|else|elseif|ifdirective|iffile|ifsection)$/.test(name)) {
        walk(n.children, within);
        continue;
      }
      const arg = n.args.map((a) => a.value);
      const access = accessOf(n.children);
      let section: Omit<AccessSection, 'access' | 'order'> | undefined;
      const regexArg = (values: string[]): RegExp | undefined => {
        const tilde = values[0] === '~';
        return pcre(tilde ? (values[1] ?? '') : (values[0] ?? ''));
      };
      if (name === 'directory' || name === 'directorymatch') {
        const isRegex = name === 'directorymatch' || arg[0] === '~';
        const regex = isRegex ? regexArg(arg) : undefined;
        const glob = !isRegex ? (arg[0] ?? '') : '';
        const prefix = glob.replace(/\/+$/, '');
        const globRegex = !isRegex && /[*?[]/.test(prefix) ? globToRegExp(prefix) : undefined;
        section = {
          kind: 'directory',
          rank: isRegex ? 10000 : prefix.split('/').length,
          test: (file) => {
            const dirs = ancestors(file);
            if (isRegex) return regex ? dirs.some((d) => regex.test(d) || regex.test(`${d}/`)) : undefined;
            if (globRegex) return dirs.some((d) => globRegex.test(d));
            return dirs.some((d) => d === prefix || (prefix === '' && d === '/'));
          },
        };
      } else if (name === 'files' || name === 'filesmatch') {
        const isRegex = name === 'filesmatch' || arg[0] === '~';
        const regex = isRegex ? regexArg(arg) : globToRegExp(arg[0] ?? '');
        section = { kind: 'files', rank: 20000, test: (file) => (regex ? regex.test(file.slice(file.lastIndexOf('/') + 1)) : undefined) };
      } else if (name === 'location' || name === 'locationmatch') {
        const isRegex = name === 'locationmatch' || arg[0] === '~';
        const regex = isRegex ? regexArg(arg) : undefined;
        const prefix = arg[0] ?? '';
        section = { kind: 'location', rank: 30000, test: (_file, uri) => (isRegex ? (regex ? regex.test(uri) : undefined) : aliasMatches(prefix, uri)) };
      } else if (name === 'virtualhost') {
        walk(n.children);
        continue;
      }
      if (!section) continue;
      const own = section.test;
      const test = within ? (file: string, uri: string) => both(within(file, uri), own(file, uri)) : own;
      out.push({ ...section, test, access, order: order++ });
      if (section.kind === 'directory') walk(n.children, test);
    }
  };
  walk(nodes);
  return out;
}

/** Both conditions hold: false if either is false, undefined if either is unknown. */
function both(a: boolean | undefined, b: boolean | undefined): boolean | undefined {
  if (a === false || b === false) return false;
  return a === undefined || b === undefined ? undefined : true;
}

function accessOf(children: ApacheNode[]): 'denied' | 'granted' | undefined {
  let decision: 'denied' | 'granted' | undefined;
  for (const n of flatten(children)) {
    const args = n.args.map((a) => a.value.toLowerCase());
    if (is(n, 'Require')) {
      if (args[0] === 'all' && args[1] === 'denied') decision = 'denied';
      else if (args[0] === 'all' && args[1] === 'granted') decision = 'granted';
    } else if (is(n, 'Deny') && args[0] === 'from' && args[1] === 'all') decision = 'denied';
  }
  return decision;
}

/** `/a/b/c` → ['/a/b/c', '/a/b', '/a', '/'] (a file's directory chain, the file itself first). */
function ancestors(file: string): string[] {
  const out: string[] = [];
  let current = file;
  while (current.length > 1) {
    out.push(current);
    current = current.slice(0, current.lastIndexOf('/')) || '/';
  }
  out.push('/');
  return out;
}

/** Deployment facts: WSGIScriptAlias targets, WSGIDaemonProcess python-path, WSGIPythonPath. */
function anchors(file: string, nodes: ApacheNode[]): DeploymentAnchor[] {
  const out: DeploymentAnchor[] = [];
  const visit = (list: ApacheNode[]): void => {
    for (const n of list) {
      if (n.children) {
        visit(n.children);
        continue;
      }
      if (/^wsgiscriptalias$/i.test(n.name)) {
        const target = absolute(n.args[1]?.value);
        if (target) out.push({ at: position(file, n), directive: n.name, path: { kind: 'absolute', path: target }, kind: 'file' });
      } else if (/^wsgipythonpath$/i.test(n.name)) {
        for (const part of (n.args[0]?.value ?? '').split(':')) {
          const dir = absolute(part);
          if (dir) out.push({ at: position(file, n), directive: n.name, path: { kind: 'absolute', path: dir }, kind: 'python-dir' });
        }
      } else if (/^wsgidaemonprocess$/i.test(n.name)) {
        for (const arg of n.args) {
          const m = /^python-path=(.*)$/i.exec(arg.value);
          if (!m) continue;
          for (const part of m[1]!.split(':')) {
            const dir = absolute(part);
            if (dir) out.push({ at: position(file, n), directive: `${n.name} python-path`, path: { kind: 'absolute', path: dir }, kind: 'python-dir' });
          }
        }
      }
    }
  };
  visit(nodes);
  return out;
}
