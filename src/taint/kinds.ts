/**
 * What an attacker-influenced value is, and what reading from it gives. A source binds a parameter to a kind (a
 * view's `request` is a `request`, a `<str:slug>` URL argument is `data`); the solver replays a flow's access path
 * through `step` to learn whether what reaches a sink is attacker data. Modelled on Django's and DRF's request API.
 */
import type { PathStep } from './flow.js';

export type TaintKind =
  /** django.http.HttpRequest. */
  | 'request'
  /** rest_framework.request.Request: adds `data` and `query_params`. */
  | 'drf-request'
  /** `self` in a class-based view: `self.request`, `self.args`, `self.kwargs`. */
  | 'view'
  | 'drf-view'
  /** `self` in a Form or a DRF serializer: `cleaned_data`, `validated_data`, `initial_data`, `data`. */
  | 'bound'
  /** request.FILES: a MultiValueDict of uploads. */
  | 'files'
  /** An UploadedFile: its name, content type and content. */
  | 'upload'
  /** Something built from attacker data by code the analysis does not know (a form, a serializer, an object). */
  | 'wrapper'
  /** Attacker-controlled text or structure: query parameters, headers, bodies, URL arguments. */
  | 'data'
  /** A class-based view's `self.kwargs` or a view's `**kwargs`: URL arguments by name (see `UrlKeys`). */
  | 'url-kwargs'
  /** request.META: headers and the client's request line, beside entries the server and Django set themselves. */
  | 'meta';

/** Request attributes (and methods, with `()`) whose values the client chooses. */
const REQUEST_DATA = new Set([
  'GET',
  'POST',
  'COOKIES',
  'META',
  'headers',
  'body',
  'path',
  'path_info',
  'content_type',
  'content_params',
  'encoding',
  'resolver_match',
  'get_full_path()',
  'get_full_path_info()',
  'build_absolute_uri()',
  'read()',
  'readline()',
  'readlines()',
  '[]',
]);
const DRF_REQUEST_DATA = new Set([...REQUEST_DATA, 'data', 'query_params', 'stream']);

/** Methods of text whose result carries no attacker text (numbers, booleans). */
const NON_TEXT_RESULTS = new Set([
  'count()',
  'index()',
  'rindex()',
  'find()',
  'rfind()',
  'isdigit()',
  'isnumeric()',
  'isdecimal()',
  'isalnum()',
  'isalpha()',
  'isidentifier()',
  'islower()',
  'isupper()',
  'isspace()',
  'startswith()',
  'endswith()',
  '__len__()',
  'exists()',
  'is_valid()',
  'has_key()',
]);

/**
 * request.META entries the client cannot choose: set by Django's CSRF middleware, or by the server (the port, the
 * protocol). Headers (`HTTP_*`), the query string, the path and the content headers can, and so can REMOTE_ADDR
 * where a middleware copies X-Forwarded-For into it.
 */
const SERVER_META = new Set([
  'CSRF_COOKIE',
  'CSRF_COOKIE_USED',
  'CSRF_COOKIE_NEEDS_UPDATE',
  'CSRF_COOKIE_NEEDS_RESET',
  'SERVER_PORT',
  'SERVER_PROTOCOL',
  'wsgi.url_scheme',
  'wsgi.version',
  'wsgi.multithread',
  'wsgi.multiprocess',
  'wsgi.run_once',
]);

const UPLOAD_DATA = new Set(['name', 'content_type', 'charset', 'content_type_extra', 'read()', 'chunks()', 'readline()', 'readlines()', 'file', '[]', '~', 'open()', 'multiple_chunks()']);
const BOUND_DATA = new Set(['cleaned_data', 'validated_data', 'initial_data', 'data', 'get_cleaned_data()']);

/** What the route says about URL arguments by name (from `summary.ts`'s `UrlKeys`): the names captured as digits. */
export interface ReplayContext {
  digitKeys?: ReadonlySet<string>;
}

/** `[name]` (an item read with a literal key) is an item step like `[]`, for every kind but URL arguments. */
export function itemKey(s: PathStep): string | undefined {
  return s.length > 2 && s.startsWith('[') && s.endsWith(']') ? s.slice(1, -1) : undefined;
}

/** The kind of `value.<step>`, or null when the result is not attacker-influenced. */
export function step(kind: TaintKind, s: PathStep, context: ReplayContext = {}): TaintKind | null {
  if (kind === 'meta') {
    const key = itemKey(s);
    if (key !== undefined && SERVER_META.has(key)) return null;
    return step('data', s, context);
  }
  if (kind === 'url-kwargs') {
    const key = itemKey(s);
    if (key !== undefined && context.digitKeys?.has(key)) return null;
    return NON_TEXT_RESULTS.has(s) ? null : 'data';
  }
  if (itemKey(s) !== undefined) s = '[]';
  switch (kind) {
    case 'request':
    case 'drf-request':
      if (s === 'FILES') return 'files';
      if (s === 'META') return 'meta';
      if (s === 'data' && kind === 'drf-request') return 'data';
      if (s === '()') return 'wrapper';
      return (kind === 'request' ? REQUEST_DATA : DRF_REQUEST_DATA).has(s) ? 'data' : null;
    case 'view':
    case 'drf-view':
      if (s === 'request') return kind === 'view' ? 'request' : 'drf-request';
      if (s === 'kwargs') return 'url-kwargs';
      if (s === 'args') return 'data';
      return null;
    case 'bound':
      return BOUND_DATA.has(s) ? 'data' : null;
    case 'files':
      if (s === '~' || s === '()') return null;
      return s === 'keys()' ? 'data' : 'upload';
    case 'upload':
      if (s === '()') return 'wrapper';
      return UPLOAD_DATA.has(s) ? 'data' : null;
    case 'wrapper':
      return BOUND_DATA.has(s) ? 'data' : null;
    case 'data':
      if (NON_TEXT_RESULTS.has(s)) return null;
      return s === '()' ? 'wrapper' : 'data';
  }
}

/** Replays a path from a kind; null when some step leaves attacker data behind. */
export function replay(kind: TaintKind, path: readonly PathStep[], context: ReplayContext = {}): TaintKind | null {
  let current: TaintKind | null = kind;
  for (const s of path) {
    if (current === null) return null;
    current = step(current, s, context);
  }
  return current;
}

/** Does a value of this kind put attacker-chosen content into a sink? */
export function isAttackerData(kind: TaintKind | null, accepts: readonly TaintKind[] = DEFAULT_ACCEPTS): boolean {
  return kind !== null && accepts.includes(kind === 'meta' ? 'data' : kind);
}

export const DEFAULT_ACCEPTS: readonly TaintKind[] = ['data', 'upload'];

/** How a source of this kind is described at the start of a trace. */
export function describeKind(kind: TaintKind): string {
  switch (kind) {
    case 'request':
    case 'drf-request':
      return 'the request';
    case 'view':
    case 'drf-view':
      return 'the view';
    case 'bound':
      return 'submitted form or serializer data';
    case 'files':
    case 'upload':
      return 'an uploaded file';
    case 'wrapper':
      return 'an object built from request data';
    case 'data':
      return 'request data';
    case 'meta':
      return 'request headers and environment';
    case 'url-kwargs':
      return 'URL arguments';
  }
}
