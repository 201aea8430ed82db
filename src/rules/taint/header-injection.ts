import type { Confidence } from '../../core/finding.js';
import { defineTaintRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field } from '../../python/ast.js';
import { unwrap } from '../../python/expressions.js';
import type { PythonModule } from '../../python/module.js';
import { knownValues } from '../../python/scope.js';
import type { SinkMatch, StoreView } from '../../taint/spec.js';

/**
 * Headers whose value decides something for the browser, a proxy or a cache: what the body is (`Content-Type`), how a
 * download is named, which cookies are set, where the page goes, who may read it, which file the front server sends.
 * An attacker-chosen value in any other header (`X-Request-Id`) rarely matters.
 */
const SENSITIVE_HEADERS = new Set([
  'content-type',
  'content-disposition',
  'set-cookie',
  'refresh',
  'link',
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'content-security-policy',
  'strict-transport-security',
  'x-frame-options',
  'cache-control',
  'x-accel-redirect',
  'x-sendfile',
  'x-lighttpd-send-file',
]);

/** Responses that take `headers={...}` (Django 3.2+, DRF). */
const RESPONSE_CLASSES = [
  'HttpResponse',
  'HttpResponseRedirect',
  'HttpResponsePermanentRedirect',
  'HttpResponseNotModified',
  'HttpResponseBadRequest',
  'HttpResponseNotFound',
  'HttpResponseForbidden',
  'HttpResponseNotAllowed',
  'HttpResponseGone',
  'HttpResponseServerError',
  'StreamingHttpResponse',
  'FileResponse',
  'JsonResponse',
];
const RESPONSE_CALLEES = [...RESPONSE_CLASSES.flatMap((name) => [`django.http.${name}`, `django.http.response.${name}`]), 'rest_framework.response.Response', 'django.template.response.TemplateResponse'];

/** Names that say a value is an HTTP response, for receivers the analysis has no type for. */
const RESPONSE_NAME = /^(response|resp|res|http_response|\w+_response)$/i;

/** `response[...]`, `response.headers[...]` (headers) or `response.cookies[...]` (cookies), and how sure that is. */
function responseTarget(store: StoreView): { what: 'header' | 'cookie'; confidence: Confidence } | undefined {
  const target = unwrap(store.target);
  let object = target;
  let what: 'header' | 'cookie' = 'header';
  if (target.type === 'attribute') {
    const attribute = store.module.text(field(target, 'attribute')!);
    if (attribute !== 'headers' && attribute !== 'cookies') {
      return RESPONSE_NAME.test(attribute) ? { what, confidence: 'medium' } : undefined;
    }
    what = attribute === 'cookies' ? 'cookie' : 'header';
    object = field(target, 'object')!;
  }
  if (store.targetTypes.some((type) => /^(django\.(http|shortcuts|template\.response)|rest_framework\.response)\./.test(type))) return { what, confidence: 'high' };
  const name = object.type === 'identifier' ? store.module.text(object) : object.type === 'attribute' ? store.module.text(field(object, 'attribute')!) : '';
  return RESPONSE_NAME.test(name) ? { what, confidence: 'medium' } : undefined;
}

function literalText(module: PythonModule, node: PyNode | undefined): string | undefined {
  const value = node ? module.literal(unwrap(node)) : undefined;
  return value?.kind === 'str' ? value.value : undefined;
}

/** A name written as a constant: `"X-Frame-Options"`, `HEADER_NAME`, `settings.CSRF_COOKIE_NAME`. */
function isConstantName(module: PythonModule, node: PyNode | undefined): boolean {
  if (!node) return true;
  const inner = unwrap(node);
  if (literalText(module, inner) !== undefined) return true;
  if (inner.type === 'identifier') return /^[A-Z][A-Z0-9_]*$/.test(module.text(inner));
  if (inner.type === 'attribute') return /^[A-Z][A-Z0-9_]*$/.test(module.text(field(inner, 'attribute')!));
  return false;
}

const RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

function lowest(...values: Confidence[]): Confidence {
  return values.reduce((a, b) => (RANK[b] < RANK[a] ? b : a));
}

/** How much an attacker-chosen value matters under a header name (a literal, a constant, or computed). */
function valueConfidence(module: PythonModule, name: PyNode | undefined): Confidence {
  const literal = literalText(module, name);
  if (literal !== undefined) return SENSITIVE_HEADERS.has(literal.toLowerCase()) ? 'high' : 'low';
  return 'medium';
}

function isLocation(module: PythonModule, name: PyNode | undefined): boolean {
  return literalText(module, name)?.toLowerCase() === 'location';
}

/**
 * Sinks of `name: value` header pairs: the names that are not constants (with every value, at full confidence: the
 * attacker may pick the header), or else the values, at the confidence their header names allow.
 */
function headerPairs(module: PythonModule, pairs: Array<{ name: PyNode | undefined; value: PyNode }>, at: string, targetConfidence: Confidence): SinkMatch | undefined {
  const kept = pairs.filter((pair) => !isLocation(module, pair.name));
  if (kept.length === 0) return undefined;
  const computed = kept.filter((pair) => pair.name && !isConstantName(module, pair.name));
  if (computed.length > 0) {
    return {
      args: [...computed.map((pair) => ({ node: pair.name! })), ...kept.map((pair) => ({ node: pair.value }))],
      note: `the name or value of a response header (${at})`,
      ...(targetConfidence !== 'high' ? { maxConfidence: targetConfidence } : {}),
    };
  }
  // Literal values carry nothing: the confidence and the note come from the headers whose values are computed.
  const variable = kept.filter((pair) => module.literal(unwrap(pair.value)) === undefined);
  if (variable.length === 0) return undefined;
  const confidence = lowest(targetConfidence, ...variable.map((pair) => valueConfidence(module, pair.name)));
  const single = variable.length === 1 ? literalText(module, variable[0]!.name) : undefined;
  return {
    args: variable.map((pair) => ({ node: pair.value })),
    note: `the value of ${single ? `the ${single} header` : 'a response header'} (${at})`,
    ...(confidence !== 'high' ? { maxConfidence: confidence } : {}),
  };
}

/** A cookie `name, value`: a computed name is the sink (with the value); under a constant name the value, at low confidence. */
function cookie(module: PythonModule, name: PyNode | undefined, value: PyNode | undefined, at: string, targetConfidence: Confidence): SinkMatch | undefined {
  if (name && !isConstantName(module, name)) {
    return { args: [{ node: name }, ...(value ? [{ node: value }] : [])], note: `the name of a cookie (${at})`, ...(targetConfidence !== 'high' ? { maxConfidence: targetConfidence } : {}) };
  }
  if (!value) return undefined;
  const literal = literalText(module, name);
  return { args: [{ node: value }], note: `the value of the cookie ${literal ? JSON.stringify(literal) : module.text(name ?? value)} (${at})`, maxConfidence: 'low' };
}

/** A `headers={...}` dictionary, written in the call or assigned once to a local name. */
function headersDictionary(module: PythonModule, node: PyNode | undefined): PyNode | undefined {
  if (!node) return undefined;
  const inner = unwrap(node);
  if (inner.type === 'dictionary') return inner;
  if (inner.type !== 'identifier') return undefined;
  const values = knownValues(inner, module);
  return values?.length === 1 && unwrap(values[0]!).type === 'dictionary' ? unwrap(values[0]!) : undefined;
}

export default defineTaintRule({
  meta: {
    code: 'TNT011',
    name: 'header-injection',
    family: 'taint',
    severity: 'medium',
    confidence: 'high',
    cwe: [113],
    owasp: ['A03:2021-Injection'],
    aliases: [],
    status: 'stable',
    summary: 'Request data chooses the name or the value of a response header or cookie: response[name] = value, response.headers, headers={...}, set_cookie() or set_signed_cookie().',
    fix: 'Use fixed header and cookie names, and map request values to known values (or validate them against an allow-list) before putting them in Content-Type, Content-Disposition, X-Accel-Redirect, CORS or cookie headers.',
    docs: {
      whatItDoes:
        'Follows data from the request (query string, form fields, JSON bodies, headers, cookies, URL arguments, ' +
        'uploaded file names) through assignments, string building, helper functions and other modules, and reports ' +
        'it when it becomes the *name* of a response header (`response[name] = …`, `response.headers[name] = …`, a ' +
        'key of `HttpResponse(headers={…})`) or of a cookie (`set_cookie(name, …)`, `set_signed_cookie(name, …)`, ' +
        '`response.cookies[name] = …`), or the *value* of one. Values are graded by header: a value in ' +
        '`Content-Type`, `Content-Disposition`, `Set-Cookie`, `Refresh`, `Link`, the CORS headers, ' +
        '`Content-Security-Policy`, `Strict-Transport-Security`, `X-Frame-Options`, `Cache-Control`, or the ' +
        '`X-Accel-Redirect` / `X-Sendfile` headers of the front web server is reported at high confidence; a value ' +
        'under a computed header name at medium; a value in any other literal header or in a cookie with a fixed ' +
        'name at low confidence. Values reduced to a safe alphabet (`slugify()`, `get_valid_filename()`, `int()`), ' +
        'encoded with `django.utils.http.content_disposition_header()`, mapped through a constant dict or checked ' +
        'against an allow-list are not reported, nor is the `filename=` of `FileResponse`, which Django encodes. ' +
        '`Location` values are the open-redirect rule\'s business (TNT004). Headers are ' +
        'recognised on responses the analysis built (`HttpResponse()`, `render()`, `JsonResponse()`…) and, at ' +
        'medium confidence, on receivers named `response`, `resp` or `*_response`.',
      whyItMatters:
        'Django refuses carriage returns and newlines in header names and values (`BadHeaderError`), and quotes ' +
        'cookie values, so the classic response splitting — injecting a second response or extra headers through ' +
        'CRLF — is not possible; this is why the rule is medium rather than high severity. What remains is still ' +
        'useful to an attacker who sends a victim a crafted link: an attacker-chosen header *name* sets any header ' +
        '(`Set-Cookie`, `Content-Type: text/html`, `Refresh: 0;url=https://evil.example`, ' +
        '`Access-Control-Allow-Origin`); an attacker-chosen cookie name, with a value the attacker knows or ' +
        'chooses, can overwrite `csrftoken` (defeating Django\'s double-submit CSRF check) or plant a `sessionid` ' +
        '(session fixation); a ' +
        'request value in `Content-Disposition` lets the attacker name the downloaded file (`invoice.pdf.html`, a ' +
        'reflected file download); in `Content-Type` it turns a text response into HTML (XSS); in ' +
        '`X-Accel-Redirect` / `X-Sendfile` it makes nginx or Apache serve any file they can read.',
      example: {
        bad:
          'def export(request):\n' +
          '    name = request.GET.get("name", "report")\n' +
          '    response = HttpResponse(build_csv(), content_type="text/csv")\n' +
          '    response["Content-Disposition"] = f\'attachment; filename="{name}"\'\n' +
          '    return response',
        good:
          'from django.utils.text import slugify\n\n' +
          'def export(request):\n' +
          '    name = slugify(request.GET.get("name", "report")) or "report"\n' +
          '    response = HttpResponse(build_csv(), content_type="text/csv")\n' +
          '    response["Content-Disposition"] = f\'attachment; filename="{name}.csv"\'\n' +
          '    return response\n' +
          '    # or: FileResponse(stream, as_attachment=True, filename=f"{name}.csv")',
      },
      howToFix:
        'Never let the request choose a header or cookie name: use literal names. For values, map the request ' +
        'value to a server-side choice (`{"csv": "text/csv", "json": "application/json"}[fmt]`), validate it ' +
        'against an allow-list, or reduce it to a safe alphabet (`slugify()`, `int()`). Build download names with ' +
        '`FileResponse(..., as_attachment=True, filename=...)`, which encodes them, and a fixed extension. Serve ' +
        'private files through `X-Accel-Redirect` only with a path computed from a database record, never from the ' +
        'request.',
      references: [
        { title: 'Django: Setting header fields (HttpResponse)', url: 'https://docs.djangoproject.com/en/stable/ref/request-response/#setting-header-fields' },
        { title: 'Django: HttpResponse.set_cookie()', url: 'https://docs.djangoproject.com/en/stable/ref/request-response/#django.http.HttpResponse.set_cookie' },
        { title: 'Django: How CSRF protection works', url: 'https://docs.djangoproject.com/en/stable/ref/csrf/#how-it-works' },
        { title: 'CWE-113: Improper Neutralization of CRLF Sequences in HTTP Headers', url: 'https://cwe.mitre.org/data/definitions/113.html' },
        { title: 'OWASP HTTP Headers Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/HTTP_Headers_Cheat_Sheet.html' },
        { title: 'CodeQL: py/http-response-splitting', url: 'https://codeql.github.com/codeql-query-help/python/py-http-response-splitting/' },
        { title: 'CodeQL: py/cookie-injection', url: 'https://codeql.github.com/codeql-query-help/python/py-cookie-injection/' },
      ],
      limitations:
        'Header stores are recognised on receivers typed as responses in the same function or named like one; a ' +
        'response kept under another name in a helper is missed. `headers=` is followed when it is a dictionary ' +
        'literal in the call or assigned once to a local name. Whether a header value is dangerous depends on the ' +
        'header and on what later trusts it (a cookie read back as a role or a redirect target); the confidence ' +
        'grading approximates that from the header name.',
    },
  },
  sinks: {
    callees: RESPONSE_CALLEES,
    methods: ['set_cookie', 'set_signed_cookie'],
    match(call) {
      const module = call.module;
      if (call.method === 'set_cookie' || call.method === 'set_signed_cookie') {
        return cookie(module, call.argument(0, 'key'), call.argument(1, 'value'), `${call.method}()`, 'high');
      }
      if (call.callee === null || !RESPONSE_CALLEES.includes(call.callee)) return undefined;
      const headers = headersDictionary(module, call.keyword('headers'));
      if (!headers) return undefined;
      const pairs = headers.children.filter((pair) => pair.type === 'pair' && field(pair, 'value')).map((pair) => ({ name: field(pair, 'key'), value: field(pair, 'value')! }));
      return headerPairs(module, pairs, 'headers=', 'high');
    },
    store(store) {
      // `response.renderer_context = …` sets an attribute, not a header.
      if (store.attribute !== undefined) return undefined;
      const target = responseTarget(store);
      if (!target) return undefined;
      if (target.what === 'cookie') return cookie(store.module, store.key, store.value, 'response.cookies[...]', target.confidence);
      return headerPairs(store.module, [{ name: store.key, value: store.value }], 'response[...]', target.confidence);
    },
  },
  sanitizers: ['django.utils.http.http_date', 'django.utils.http.content_disposition_header', 'django.utils.text.get_valid_filename'],
});
