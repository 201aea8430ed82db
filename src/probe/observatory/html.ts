/**
 * What the checks read from an HTML page: `<meta http-equiv>` and `<meta name=referrer>` values, `<script src>` tags
 * with their `integrity`, and every URL the page loads or submits to (for mixed content). A tolerant tag scanner, not
 * a DOM: comments are skipped, and the text inside `<script>`, `<style>` and `<textarea>` is never read as markup.
 */
import { firstHeader, type CapturedResponse } from '../model.js';

export interface HtmlTag {
  name: string;
  /** Attribute names lower-cased; entity-decoded values; a bare attribute has the value `''`. */
  attributes: ReadonlyMap<string, string>;
  /** 1-based line of the tag in the body. */
  line: number;
}

const RAW_TEXT = /<(script|style|textarea)\b([^>]*)>[\s\S]*?<\/\1\s*>/gi;
const TAG = /<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|quot|apos|lt|gt|#39);/gi, (whole, entity: string) => {
    const lower = entity.toLowerCase();
    if (lower === 'amp') return '&';
    if (lower === 'quot') return '"';
    if (lower === 'apos' || lower === '#39') return "'";
    if (lower === 'lt') return '<';
    if (lower === 'gt') return '>';
    const code = lower.startsWith('#x') ? Number.parseInt(lower.slice(2), 16) : Number.parseInt(lower.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
  });
}

/** Blanks a span but keeps its newlines, so that line numbers stay right. */
function blank(text: string): string {
  return text.replace(/[^\n]/g, ' ');
}

/** Every start tag of an HTML text, in order. */
export function htmlTags(html: string): HtmlTag[] {
  const cleaned = html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, blank)
    .replace(RAW_TEXT, (whole: string, name: string, attrs: string) => {
      const open = `<${name}${attrs}>`;
      return open + blank(whole.slice(open.length));
    });
  const out: HtmlTag[] = [];
  let line = 1;
  let lineFrom = 0;
  for (const match of cleaned.matchAll(TAG)) {
    const index = match.index;
    for (let i = lineFrom; i < index; i++) if (cleaned.charCodeAt(i) === 10) line++;
    lineFrom = index;
    const attributes = new Map<string, string>();
    for (const attr of (match[2] ?? '').matchAll(ATTRIBUTE)) {
      const name = attr[1]!.toLowerCase();
      if (!attributes.has(name)) attributes.set(name, decodeEntities(attr[2] ?? attr[3] ?? attr[4] ?? ''));
    }
    out.push({ name: match[1]!.toLowerCase(), attributes, line });
  }
  return out;
}

/** The MIME type of a response (`text/html`), lower-cased, without parameters. */
export function mimeType(response: CapturedResponse): string {
  return (firstHeader(response.headers, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

export function isHtml(response: CapturedResponse): boolean {
  const mime = mimeType(response);
  return mime === 'text/html' || mime === 'application/xhtml+xml';
}

/** The tags of an HTML response (none for other types). */
export function responseTags(response: CapturedResponse): HtmlTag[] {
  return isHtml(response) ? htmlTags(response.body) : [];
}

/** Values of `<meta http-equiv="NAME" content="…">`, in document order (NAME compared case-insensitively). */
export function httpEquiv(tags: readonly HtmlTag[], name: string): string[] {
  const wanted = name.toLowerCase();
  return tags.filter((t) => t.name === 'meta' && t.attributes.get('http-equiv')?.trim().toLowerCase() === wanted && t.attributes.has('content')).map((t) => t.attributes.get('content')!);
}

/** Values of `<meta name="NAME" content="…">`. */
export function metaNamed(tags: readonly HtmlTag[], name: string): string[] {
  const wanted = name.toLowerCase();
  return tags.filter((t) => t.name === 'meta' && t.attributes.get('name')?.trim().toLowerCase() === wanted && t.attributes.has('content')).map((t) => t.attributes.get('content')!);
}

export interface ScriptTag {
  src: string;
  integrity: string | null;
  line: number;
}

/** `<script src>` tags (inline scripts have no source to check). */
export function scriptTags(tags: readonly HtmlTag[]): ScriptTag[] {
  return tags
    .filter((t) => t.name === 'script' && (t.attributes.get('src') ?? '').trim() !== '')
    .map((t) => ({ src: t.attributes.get('src')!.trim(), integrity: t.attributes.get('integrity')?.trim() || null, line: t.line }));
}

export interface PageResource {
  /** The URL as written in the page. */
  url: string;
  /** What uses it: `script`, `stylesheet`, `iframe`, `img`, `form`… */
  kind: string;
  /** Active content (scripts, styles, frames, objects, form targets) can change the page; passive content cannot. */
  active: boolean;
  line: number;
}

/** Everything a page loads or submits to, with whether it is active content (the Mixed Content spec's "blockable"). */
export function pageResources(tags: readonly HtmlTag[]): PageResource[] {
  const out: PageResource[] = [];
  const add = (tag: HtmlTag, attribute: string, kind: string, active: boolean): void => {
    const value = tag.attributes.get(attribute)?.trim();
    if (value) out.push({ url: value, kind, active, line: tag.line });
  };
  for (const tag of tags) {
    switch (tag.name) {
      case 'script':
        add(tag, 'src', 'script', true);
        break;
      case 'link': {
        const rel = (tag.attributes.get('rel') ?? '').toLowerCase().split(/\s+/);
        if (rel.includes('stylesheet')) add(tag, 'href', 'stylesheet', true);
        else if (rel.includes('modulepreload') || (rel.includes('preload') && tag.attributes.get('as')?.toLowerCase() === 'script')) add(tag, 'href', 'script', true);
        else if (rel.includes('icon')) add(tag, 'href', 'icon', false);
        break;
      }
      case 'iframe':
      case 'frame':
        add(tag, 'src', tag.name, true);
        break;
      case 'object':
        add(tag, 'data', 'object', true);
        break;
      case 'embed':
        add(tag, 'src', 'embed', true);
        break;
      case 'form':
        add(tag, 'action', 'form', true);
        break;
      case 'img':
        add(tag, 'src', 'img', false);
        break;
      case 'audio':
      case 'video':
      case 'source':
      case 'track':
        add(tag, 'src', tag.name, false);
        break;
      default:
        break;
    }
  }
  return out;
}

/** Resolves a URL written in a page against the page's URL; null when it cannot be parsed. */
export function resolveUrl(reference: string, base: string): URL | null {
  try {
    return new URL(reference, base);
  } catch {
    return null;
  }
}

/** Second-level public suffixes common enough to matter when telling a site's own scripts from third-party ones. */
const TWO_LABEL_SUFFIXES = new Set([
  'co.uk', 'org.uk', 'ac.uk', 'gov.uk', 'me.uk', 'ltd.uk', 'plc.uk', 'net.uk', 'com.au', 'net.au', 'org.au', 'edu.au', 'gov.au', 'co.nz', 'org.nz', 'co.jp', 'ne.jp', 'or.jp', 'ac.jp',
  'com.br', 'net.br', 'org.br', 'com.cn', 'net.cn', 'org.cn', 'co.in', 'net.in', 'org.in', 'co.za', 'org.za', 'com.mx', 'com.ar', 'com.tr', 'co.kr', 'or.kr', 'com.sg', 'com.hk', 'com.tw',
  'co.il', 'com.pl', 'com.es', 'co.id', 'com.my', 'com.ph', 'com.vn', 'com.ua', 'co.th', 'github.io', 'herokuapp.com', 'appspot.com', 'cloudfront.net', 'azurewebsites.net', 'pages.dev', 'netlify.app', 'vercel.app',
]);

/**
 * The registrable domain of a host (`static.example.co.uk` → `example.co.uk`), approximated without the Public Suffix
 * List: the last two labels, or three under a known two-label suffix. IP addresses and single labels are themselves.
 */
export function registrableDomain(host: string): string {
  const lower = host.toLowerCase().replace(/\.$/, '');
  if (/^\d+(\.\d+){3}$/.test(lower) || lower.includes(':') || lower.startsWith('[')) return lower;
  const labels = lower.split('.');
  if (labels.length <= 2) return lower;
  const lastTwo = labels.slice(-2).join('.');
  return TWO_LABEL_SUFFIXES.has(lastTwo) ? labels.slice(-3).join('.') : lastTwo;
}
