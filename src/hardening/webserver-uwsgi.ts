/**
 * uWSGI configurations (ini, YAML, XML and JSON): the options that publish directories (`static-map`,
 * `static-map2`, `check-static`) and the ones that say where the project runs (`chdir`, `pythonpath`,
 * `wsgi-file`, `module`, `mount`), with uWSGI's magic variables (`%d` the configuration's directory, `%(option)`)
 * expanded. Never throws: an unreadable file yields nothing.
 */
import { parseDocument, LineCounter, isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import {
  normalizeAbsolute,
  normalizeRelative,
  type ConfigPath,
  type ConfigPosition,
  type DeploymentAnchor,
  type ParsedConfig,
  type ServedDirectory,
} from './webserver-model.js';

export interface UwsgiOption {
  key: string;
  value: string;
  line: number;
  column: number;
  endColumn: number;
}

/** The options of the `[uwsgi]` section (or of the whole file when it has no sections). */
export function parseUwsgi(file: string, text: string): UwsgiOption[] {
  try {
    if (/\.ya?ml$/i.test(file)) return parseYaml(text);
    if (/\.xml$/i.test(file)) return parseXml(text);
    if (/\.json$/i.test(file)) return parseJson(text);
    return parseIni(text);
  } catch {
    return [];
  }
}

function parseIni(text: string): UwsgiOption[] {
  const out: UwsgiOption[] = [];
  let section: string | null = null;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      section = header[1]!.trim().toLowerCase();
      return;
    }
    if (section !== null && section !== 'uwsgi') return;
    const match = /^([A-Za-z0-9_.-]+)\s*=\s*(.*)$/.exec(line);
    if (!match) return;
    const indent = raw.length - raw.trimStart().length;
    // A `#` or `;` after whitespace starts a comment in hand-written files.
    const value = match[2]!.replace(/\s+[#;].*$/, '').trim();
    out.push({ key: match[1]!.toLowerCase(), value, line: index + 1, column: indent + 1, endColumn: indent + line.length + 1 });
  });
  return out;
}

function parseYaml(text: string): UwsgiOption[] {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: false });
  const top = doc.contents;
  if (!isMap(top)) return [];
  const section = top.items.find((pair) => isScalar(pair.key) && String(pair.key.value).toLowerCase() === 'uwsgi')?.value;
  if (!isMap(section)) return [];
  const out: UwsgiOption[] = [];
  const push = (key: string, node: YamlNode | null | undefined): void => {
    if (!node || !isScalar(node)) return;
    const raw = node.value;
    if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') return;
    const range = node.range ?? [0, 0, 0];
    const start = counter.linePos(range[0]);
    const end = counter.linePos(range[1]);
    out.push({ key, value: String(raw), line: start.line, column: start.col, endColumn: end.line === start.line ? end.col : start.col + 1 });
  };
  for (const pair of section.items) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value).toLowerCase();
    const value = pair.value as YamlNode | null;
    if (isSeq(value)) for (const item of value.items) push(key, item as YamlNode);
    else push(key, value);
  }
  return out;
}

function parseXml(text: string): UwsgiOption[] {
  const out: UwsgiOption[] = [];
  const body = /<uwsgi[^>]*>([\s\S]*?)<\/uwsgi>/i.exec(text);
  if (!body) return out;
  const offset = body.index + body[0].indexOf('>') + 1;
  for (const m of body[1]!.matchAll(/<([A-Za-z0-9_.-]+)(?:\s[^>]*)?>([^<]*)<\/\1>/g)) {
    const at = offset + m.index;
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    out.push({ key: m[1]!.toLowerCase(), value: decodeXml(m[2]!.trim()), line, column, endColumn: column + m[0].length });
  }
  return out;
}

function decodeXml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

function parseJson(text: string): UwsgiOption[] {
  const data = JSON.parse(text) as unknown;
  const section = data && typeof data === 'object' ? (data as Record<string, unknown>)['uwsgi'] : undefined;
  if (!section || typeof section !== 'object' || Array.isArray(section)) return [];
  const lines = text.split(/\r?\n/);
  const out: UwsgiOption[] = [];
  for (const [key, raw] of Object.entries(section as Record<string, unknown>)) {
    const values = Array.isArray(raw) ? raw : [raw];
    for (const value of values) {
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') continue;
      const text = String(value);
      let line = lines.findIndex((l) => l.includes(`"${key}"`) && l.includes(JSON.stringify(text).slice(1, -1)));
      if (line === -1) line = lines.findIndex((l) => l.includes(`"${key}"`));
      const column = line === -1 ? 1 : lines[line]!.indexOf(`"${key}"`) + 1;
      out.push({ key: key.toLowerCase(), value: text, line: line + 1 || 1, column, endColumn: column + key.length + 2 });
    }
  }
  return out;
}

/** Reads a uWSGI configuration file (root-relative path `file`). */
export function readUwsgi(file: string, text: string): ParsedConfig {
  const options = parseUwsgi(file, text);
  const configDir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  const values = new Map<string, string>();
  for (const option of options) if (!values.has(option.key)) values.set(option.key, option.value);

  /** Expands `%d`, `%(option)` and friends; undefined when a variable cannot be known. */
  const expand = (value: string, depth = 0): { text: string; inRepo: boolean } | undefined => {
    let inRepo = false;
    let failed = false;
    const text = value.replace(/%\(([^)]+)\)|%([a-zA-Z%])/g, (whole, option: string | undefined, magic: string | undefined) => {
      if (option !== undefined) {
        const referenced = values.get(option.toLowerCase());
        const inner = referenced !== undefined && depth < 8 ? expand(referenced, depth + 1) : undefined;
        if (!inner) failed = true;
        else inRepo ||= inner.inRepo;
        return inner?.text ?? whole;
      }
      if (magic === 'd') {
        inRepo = true;
        return `@repo/${configDir ? `${configDir}/` : ''}`;
      }
      if (magic === '%') return '%';
      failed = true;
      return whole;
    });
    if (failed || /\$\(|@\(|\$\{/.test(text)) return undefined;
    return { text, inRepo };
  };

  /** A directory or file path option as a ConfigPath; relative paths are taken from `chdir`. */
  const chdirRaw = values.get('chdir');
  const chdir = chdirRaw !== undefined ? expand(chdirRaw) : undefined;
  const toPath = (raw: string): ConfigPath | undefined => {
    const expanded = expand(raw.trim());
    if (!expanded || expanded.text === '') return undefined;
    let text = expanded.text;
    if (!text.startsWith('/') && !text.startsWith('@repo/')) {
      if (!chdir || (!chdir.text.startsWith('/') && !chdir.text.startsWith('@repo/'))) return undefined;
      text = `${chdir.text}/${text}`;
    }
    if (text.startsWith('@repo/')) return { kind: 'repo', rel: normalizeRelative(text.slice('@repo/'.length)) };
    return { kind: 'absolute', path: normalizeAbsolute(text) };
  };

  const position = (option: UwsgiOption): ConfigPosition => ({ file, line: option.line, column: option.column, endLine: option.line, endColumn: option.endColumn });
  const skipExtensions = options.filter((o) => o.key === 'static-skip-ext').map((o) => o.value.trim().toLowerCase());
  const routed = options.some((o) => /^(route|route-uri|route-if|route-run|final-route|response-route)$/.test(o.key));
  const block = `${file}#uwsgi`;

  const served: ServedDirectory[] = [];
  for (const option of options) {
    let url: string;
    let target: string;
    if (option.key === 'static-map' || option.key === 'static-map2') {
      const eq = option.value.indexOf('=');
      if (eq <= 0) continue;
      url = option.value.slice(0, eq).trim();
      target = option.value.slice(eq + 1).trim();
      if (!url.startsWith('/')) continue;
    } else if (option.key === 'check-static' || option.key === 'static-check') {
      url = '/';
      target = option.value;
    } else continue;
    let dir = toPath(target);
    if (!dir) continue;
    // static-map2 appends the whole URI to the directory: /static=/srv/app serves /srv/app/static/….
    const mount = url.endsWith('/') ? url : `${url}/`;
    if (option.key === 'static-map2' && mount !== '/') {
      dir = dir.kind === 'absolute' ? { kind: 'absolute', path: normalizeAbsolute(`${dir.path}/${mount}`) } : { kind: 'repo', rel: normalizeRelative(`${dir.rel}/${mount}`) };
    }
    served.push({
      server: 'uwsgi',
      at: position(option),
      text: `${option.key} = ${option.value}`,
      dir,
      url: mount,
      block,
      serves: (rel) => {
        const name = rel.slice(rel.lastIndexOf('/') + 1).toLowerCase();
        if (skipExtensions.some((ext) => ext !== '' && name.endsWith(ext))) return false;
        // Internal routing may deny some paths before files are served: the answer is then unknown.
        return routed ? undefined : true;
      },
    });
  }

  const anchors: DeploymentAnchor[] = [];
  const module = values.get('module') ?? values.get('wsgi') ?? values.get('wsgi-module');
  const dotted = module ? /^([A-Za-z_][\w.]*)(?::[\w.]+)?$/.exec(module.trim())?.[1] : undefined;
  for (const option of options) {
    if (option.key === 'chdir' || option.key === 'pythonpath' || option.key === 'python-path' || option.key === 'pp') {
      const dir = toPath(option.value);
      if (dir) anchors.push({ at: position(option), directive: option.key, path: dir, kind: 'python-dir', ...(dotted ? { module: dotted } : {}) });
    } else if (option.key === 'wsgi-file' || option.key === 'file') {
      const path = toPath(option.value);
      if (path) anchors.push({ at: position(option), directive: option.key, path, kind: 'file' });
    } else if (option.key === 'mount') {
      const target = option.value.slice(option.value.indexOf('=') + 1).trim();
      if (target.endsWith('.py')) {
        const path = toPath(target);
        if (path) anchors.push({ at: position(option), directive: option.key, path, kind: 'file' });
      }
    }
  }
  return { server: 'uwsgi', file, served, anchors };
}
