/** Small helpers the probe rules share: the page they judge and the evidence lines they show. */
import type { CapturedResponse, Exchange, SiteCapture } from '../model.js';
import { pageFacts, type PageFacts } from './tests.js';

/** The main page (the Observatory's `auto` response), parsed once per capture; null when the site did not answer. */
const cache = new WeakMap<CapturedResponse, PageFacts>();
export function mainPage(site: SiteCapture): PageFacts | null {
  const response = site.main.response;
  if (!response) return null;
  let facts = cache.get(response);
  if (!facts) {
    facts = pageFacts(response);
    cache.set(response, facts);
  }
  return facts;
}

/** `Strict-Transport-Security` from `strict-transport-security`. */
export function displayHeaderName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}

/** `GET https://example.com/ → 200`, with the redirect hops when there were some. */
export function requestLine(exchange: Exchange): string {
  const hops = exchange.redirects.map((hop) => `${hop.url} (${hop.status})`);
  const end = exchange.response ? `${exchange.response.url} → ${exchange.response.status}` : `failed: ${exchange.error?.message ?? 'no response'}`;
  return `${exchange.request.method} ${[...hops, end].join(' → ')}`;
}

/** Every header of the given names, as `Name: value` lines. */
export function headerLines(response: CapturedResponse, names: readonly string[]): string[] {
  return response.headers.filter(([n]) => names.includes(n)).map(([n, v]) => `${displayHeaderName(n)}: ${v}`);
}

/** The response's request line plus the named headers (or a note that they are absent). */
export function responseEvidence(site: SiteCapture, response: CapturedResponse, names: readonly string[]): string[] {
  const exchange = [site.main, site.https, site.http].find((e) => e?.response === response);
  const first = exchange ? requestLine(exchange) : `GET ${response.url} → ${response.status}`;
  const lines = headerLines(response, names);
  return [first, ...(lines.length > 0 ? lines : [`(no ${names.map(displayHeaderName).join(' / ')} header)`])];
}
