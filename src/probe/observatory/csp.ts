/**
 * Content-Security-Policy parsing and evaluation. A response can carry several policies (repeated headers, values
 * joined by `,`, and `<meta http-equiv>` tags); a resource loads only if every policy allows it, so the effective
 * sources of a directive are the intersection over the policies that govern it (each policy falling back to its own
 * `default-src`). This is the model of the MDN HTTP Observatory's `cspParser.js`, with the fallback applied per policy.
 */
import { headerValues, type CapturedResponse } from '../model.js';
import { httpEquiv, responseTags, type HtmlTag } from './html.js';

export interface CspPolicy {
  /** Where it came from: the `Content-Security-Policy` header or a `<meta http-equiv>` tag. */
  origin: 'header' | 'meta';
  text: string;
  /** Directive → sources, lower-cased except nonce and hash values. An empty directive is `'none'`. */
  directives: Map<string, string[]>;
  /** Directives repeated in the policy (browsers obey the first and ignore the rest). */
  duplicates: string[];
  /** Directives a `<meta>` policy cannot carry and browsers ignore there. */
  ignoredInMeta: string[];
}

export class CspSyntaxError extends Error {}

/** Directives `<meta http-equiv=content-security-policy>` cannot set (CSP3 §3.3). */
export const META_IGNORED = ['frame-ancestors', 'report-uri', 'sandbox'];

/** Sources that allow (nearly) any origin. */
export const DANGEROUSLY_BROAD = ['ftp:', 'http:', 'https:', '*', 'http://*', 'http://*.*', 'https://*', 'https://*.*'];
export const UNSAFE_INLINE = ["'unsafe-inline'", 'data:'];

const DIRECTIVE_NAME = /^[a-z][a-z0-9-]*$/;

function normaliseSource(source: string): string {
  const lower = source.toLowerCase();
  if (/^'(nonce|sha256|sha384|sha512)-/.test(lower)) return lower.slice(0, lower.indexOf('-') + 1) + source.slice(lower.indexOf('-') + 1);
  return lower;
}

/** Parses one serialised policy. Throws `CspSyntaxError` on characters or directive names CSP does not allow. */
export function parsePolicy(text: string, origin: 'header' | 'meta'): CspPolicy {
  if (/[^\x20-\x7e\t]/.test(text)) throw new CspSyntaxError('the policy contains characters a policy cannot hold');
  const directives = new Map<string, string[]>();
  const duplicates: string[] = [];
  const ignoredInMeta: string[] = [];
  for (const part of text.split(';')) {
    const tokens = part.trim().split(/[\s]+/).filter((t) => t !== '');
    if (tokens.length === 0) continue;
    const name = tokens[0]!.toLowerCase();
    if (!DIRECTIVE_NAME.test(name)) throw new CspSyntaxError(`"${tokens[0]}" is not a directive name`);
    if (directives.has(name)) {
      duplicates.push(name);
      continue;
    }
    if (origin === 'meta' && META_IGNORED.includes(name)) {
      ignoredInMeta.push(name);
      continue;
    }
    const sources = tokens.slice(1).map(normaliseSource);
    directives.set(name, sources.length > 0 ? sources : ["'none'"]);
  }
  return { origin, text, directives, duplicates, ignoredInMeta };
}

export interface CspAnalysis {
  /** Enforced policies (headers first, then meta tags). Empty when none. */
  policies: CspPolicy[];
  /** `Content-Security-Policy-Report-Only` values (reporting, not enforcing). */
  reportOnly: string[];
  /** The first syntax error, with the policy text; the policies list is then empty. */
  invalid: { text: string; reason: string } | null;
  /** Directives of `<meta>` policies that browsers ignore there (`frame-ancestors`, `report-uri`, `sandbox`). */
  ignoredInMeta: string[];
  /** Raw header values and meta values, for evidence. */
  headerValues: string[];
  metaValues: string[];
}

/** Splits header values on `,` (each part is one policy) and parses header and meta policies of a response. */
export function analyzeCsp(response: CapturedResponse, tags: readonly HtmlTag[] = responseTags(response)): CspAnalysis {
  const headers = headerValues(response.headers, 'content-security-policy');
  const metas = httpEquiv(tags, 'content-security-policy');
  const reportOnly = headerValues(response.headers, 'content-security-policy-report-only').filter((v) => v.trim() !== '');
  const policies: CspPolicy[] = [];
  const texts: Array<[string, 'header' | 'meta']> = [
    ...headers.flatMap((v) => v.split(',').map((p) => [p, 'header'] as [string, 'header'])),
    ...metas.flatMap((v) => v.split(',').map((p) => [p, 'meta'] as [string, 'meta'])),
  ];
  for (const [text, origin] of texts) {
    if (text.trim() === '') continue;
    try {
      const policy = parsePolicy(text.trim(), origin);
      if (policy.directives.size > 0 || policy.ignoredInMeta.length > 0) policies.push(policy);
    } catch (error) {
      if (error instanceof CspSyntaxError) return { policies: [], reportOnly, invalid: { text: text.trim(), reason: error.message }, ignoredInMeta: [], headerValues: headers, metaValues: metas };
      throw error;
    }
  }
  const ignoredInMeta = [...new Set(policies.flatMap((p) => p.ignoredInMeta))];
  return { policies: policies.filter((p) => p.directives.size > 0), reportOnly, invalid: null, ignoredInMeta, headerValues: headers, metaValues: metas };
}

/** Fetch directives fall back to `default-src` (`script-src-elem` to `script-src` first, and so on). */
const FALLBACK: Readonly<Record<string, readonly string[]>> = {
  'script-src-elem': ['script-src', 'default-src'],
  'script-src-attr': ['script-src', 'default-src'],
  'style-src-elem': ['style-src', 'default-src'],
  'style-src-attr': ['style-src', 'default-src'],
  'worker-src': ['child-src', 'script-src', 'default-src'],
  'frame-src': ['child-src', 'default-src'],
};
const FETCH_DIRECTIVES = new Set(['child-src', 'connect-src', 'default-src', 'font-src', 'frame-src', 'img-src', 'manifest-src', 'media-src', 'object-src', 'script-src', 'script-src-elem', 'script-src-attr', 'style-src', 'style-src-elem', 'style-src-attr', 'worker-src']);

/** The sources one policy applies to a directive, after fallback; undefined when the policy does not restrict it. */
export function policySources(policy: CspPolicy, directive: string): string[] | undefined {
  const own = policy.directives.get(directive);
  if (own) return own;
  if (!FETCH_DIRECTIVES.has(directive)) return undefined;
  for (const fallback of FALLBACK[directive] ?? ['default-src']) {
    const sources = policy.directives.get(fallback);
    if (sources) return sources;
  }
  return undefined;
}

/**
 * The effective sources of a directive over all policies: undefined when no policy restricts it (anything goes), else
 * the sources every restricting policy allows (`'none'` when they share none).
 */
export function effectiveSources(policies: readonly CspPolicy[], directive: string): string[] | undefined {
  let result: string[] | undefined;
  for (const policy of policies) {
    const sources = policySources(policy, directive);
    if (!sources) continue;
    result = result === undefined ? [...sources] : result.filter((s) => sources.includes(s));
  }
  if (result === undefined) return undefined;
  const real = result.filter((s) => s !== "'none'");
  return real.length > 0 ? real : ["'none'"];
}

export function isNonceOrHash(source: string): boolean {
  return /^'(nonce|sha256|sha384|sha512)-/.test(source);
}

/** A source that allows a whole scheme or any host (`*`, `https:`, `http://*`). */
export function isBroadSource(source: string): boolean {
  return DANGEROUSLY_BROAD.includes(source);
}

export interface ScriptPolicy {
  /** The sources that are in force for scripts, after the nonce/hash and strict-dynamic rules. Undefined: no restriction. */
  sources: string[] | undefined;
  nonceOrHash: boolean;
  strictDynamic: boolean;
  /** `'strict-dynamic'` without a nonce or hash: browsers then run no script at all and the Observatory calls the policy invalid. */
  strictDynamicWithoutNonce: boolean;
}

/**
 * How a policy set governs scripts: with a nonce or hash, `'unsafe-inline'` is ignored (CSP2+); with
 * `'strict-dynamic'` and a nonce or hash, host and scheme sources, `'self'` and `'unsafe-inline'` are ignored too (CSP3).
 */
export function scriptPolicy(policies: readonly CspPolicy[], directive = 'script-src'): ScriptPolicy {
  const raw = effectiveSources(policies, directive);
  if (!raw) return { sources: undefined, nonceOrHash: false, strictDynamic: false, strictDynamicWithoutNonce: false };
  const nonceOrHash = raw.some(isNonceOrHash);
  const strictDynamic = raw.includes("'strict-dynamic'");
  let sources = raw;
  if (nonceOrHash) sources = sources.filter((s) => s !== "'unsafe-inline'");
  if (nonceOrHash && strictDynamic) sources = sources.filter((s) => s !== "'self'" && !DANGEROUSLY_BROAD.some((b) => s.startsWith(b)) && !/^[a-z][a-z0-9+.-]*:/.test(s) && !/^[*a-z0-9-]+(\.[*a-z0-9-]+)+/.test(s));
  return { sources, nonceOrHash, strictDynamic, strictDynamicWithoutNonce: strictDynamic && !nonceOrHash };
}

/** The header text of the policies, for evidence lines. */
export function cspEvidence(analysis: CspAnalysis): string[] {
  return [
    ...analysis.headerValues.map((v) => `Content-Security-Policy: ${v}`),
    ...analysis.metaValues.map((v) => `<meta http-equiv="Content-Security-Policy" content="${v}">`),
  ];
}
