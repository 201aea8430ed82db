import type { Confidence } from '../../core/finding.js';
import { defineTaintRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field } from '../../python/ast.js';
import { unwrap } from '../../python/expressions.js';
import type { PythonModule } from '../../python/module.js';
import { knownValues } from '../../python/scope.js';
import type { CallView, SinkMatch } from '../../taint/spec.js';

/**
 * Response classes that carry a body, with where the body and the content type are: `HttpResponse(content,
 * content_type, ...)`; `HttpResponseNotAllowed(permitted_methods, content, content_type, ...)`.
 */
const BODY_RESPONSES: Record<string, { body: [number, string]; contentType: number }> = {
  HttpResponse: { body: [0, 'content'], contentType: 1 },
  HttpResponseBadRequest: { body: [0, 'content'], contentType: 1 },
  HttpResponseNotFound: { body: [0, 'content'], contentType: 1 },
  HttpResponseForbidden: { body: [0, 'content'], contentType: 1 },
  HttpResponseServerError: { body: [0, 'content'], contentType: 1 },
  HttpResponseGone: { body: [0, 'content'], contentType: 1 },
  HttpResponseNotAllowed: { body: [1, 'content'], contentType: 2 },
  StreamingHttpResponse: { body: [0, 'streaming_content'], contentType: 1 },
};

/** `django.http.HttpResponse` and `django.http.response.HttpResponse` → `HttpResponse`. */
const RESPONSE_CALLEES = new Map<string, string>(Object.keys(BODY_RESPONSES).flatMap((name) => [[`django.http.${name}`, name] as const, [`django.http.response.${name}`, name] as const]));

/** Calls whose result Django renders without escaping: the argument that becomes markup. */
const MARK_SAFE: Record<string, [number, string]> = {
  'django.utils.safestring.mark_safe': [0, 's'],
  'django.utils.html.mark_safe': [0, 's'],
  'django.utils.safestring.SafeString': [0, ''],
  'django.utils.safestring.SafeText': [0, ''],
  'django.utils.html.SafeString': [0, ''],
  'django.utils.html.format_html': [0, 'format_string'],
  'django.utils.html.format_html_join': [1, 'format_string'],
};

/** What a response's declared content type means for the browser. */
type Rendering = { html: true; confidence?: Confidence } | { html: false };

/** A literal MIME type: HTML (or XHTML) is rendered as a page; SVG and XML documents can run scripts too. */
function renderingOfType(type: string): Rendering {
  const lower = type.toLowerCase();
  if (lower.includes('html')) return { html: true };
  if (lower.includes('svg') || /\bxml\b|\+xml\b/.test(lower)) return { html: true, confidence: 'medium' };
  return { html: false };
}

/** The content type of a response construction: the `content_type` argument, else a `Content-Type` in `headers={...}`. */
function renderingOf(module: PythonModule, call: PyNode, contentTypeIndex: number): Rendering {
  const declared = module.argument(call, contentTypeIndex, 'content_type') ?? module.keywordArg(call, 'mimetype') ?? contentTypeHeader(module, call);
  // Django's default is settings.DEFAULT_CHARSET-qualified text/html.
  if (!declared) return { html: true };
  const value = module.literal(unwrap(declared));
  if (value?.kind === 'str') return renderingOfType(value.value);
  if (value?.kind === 'none') return { html: true };
  // A computed content type: it may well be HTML, but the analysis cannot tell.
  return { html: true, confidence: 'medium' };
}

function contentTypeHeader(module: PythonModule, call: PyNode): PyNode | undefined {
  const headers = module.keywordArg(call, 'headers');
  if (headers?.type !== 'dictionary') return undefined;
  for (const pair of headers.children) {
    if (pair.type !== 'pair') continue;
    const key = field(pair, 'key');
    const literal = key ? module.literal(key) : undefined;
    if (literal?.kind === 'str' && literal.value.toLowerCase() === 'content-type') return field(pair, 'value');
  }
  return undefined;
}

/**
 * `response.write(x)`: the receiver must be known to be a body-carrying response (its types say so); its content type
 * is read from the construction the receiver name is assigned from, when that is visible in the same function.
 */
function writeSink(call: CallView): SinkMatch | undefined {
  const constructed = call.receiverTypes.map((type) => RESPONSE_CALLEES.get(type.replace(/\(\)$/, ''))).filter((name) => name !== undefined);
  if (constructed.length === 0) return undefined;
  const text = call.argument(0, call.method === 'writelines' ? 'lines' : 'content');
  if (!text) return undefined;
  let rendering: Rendering = { html: true };
  const receiver = call.receiver ? unwrap(call.receiver) : undefined;
  const constructions = receiver?.type === 'identifier' ? knownValues(receiver, call.module)?.filter((value) => value.type === 'call' && RESPONSE_CALLEES.has(call.module.qualifiedName(value) ?? '')) : undefined;
  if (constructions && constructions.length > 0) {
    const renderings = constructions.map((value) => renderingOf(call.module, value, BODY_RESPONSES[RESPONSE_CALLEES.get(call.module.qualifiedName(value)!)!]!.contentType));
    if (renderings.every((r) => !r.html)) return undefined;
    rendering = renderings.find((r) => r.html && r.confidence) ?? { html: true };
  }
  return { args: [{ node: text }], note: `the body of an HTML response, through response.${call.method}()`, ...(rendering.html && rendering.confidence ? { maxConfidence: rendering.confidence } : {}) };
}

export default defineTaintRule({
  meta: {
    code: 'TNT002',
    name: 'xss-response',
    family: 'taint',
    severity: 'high',
    confidence: 'high',
    cwe: [79],
    owasp: ['A03:2021-Injection'],
    aliases: [],
    status: 'stable',
    summary: 'Request data is written unescaped into an HTML response body, or marked safe with mark_safe(), SafeString() or as a format_html() format string.',
    fix: 'Render request values through a template (autoescaped) or escape them first with django.utils.html.escape() / format_html("…{}…", value); never mark them safe.',
    docs: {
      whatItDoes:
        'Follows data from the request (query string, form fields, JSON bodies, headers, cookies, URL arguments, ' +
        'uploaded file names) through assignments, string building, helper functions and other modules, and reports ' +
        'it when it becomes part of the body of an HTML response — `HttpResponse(content)` and its subclasses that ' +
        'carry a body (`HttpResponseBadRequest`, `HttpResponseNotFound`, `HttpResponseForbidden`, ' +
        '`HttpResponseServerError`, `HttpResponseGone`, `HttpResponseNotAllowed`, `StreamingHttpResponse`) and ' +
        '`response.write()` on such a response — or when it is declared safe HTML with `mark_safe()`, ' +
        '`SafeString()` / `SafeText()`, or used as the *format string* of `format_html()` / `format_html_join()`. ' +
        'A response is HTML when it has no `content_type` (Django\'s default is `text/html`) or a content type ' +
        'naming HTML; a literal non-HTML type (`text/plain`, `text/csv`, `application/json`) is not reported, an ' +
        'XML or SVG type or a computed one is reported at medium confidence. Values escaped with ' +
        '`django.utils.html.escape()`, `conditional_escape()`, `escapejs()`, `json_script()`, `format_html()` ' +
        '(its arguments), `html.escape()`, `markupsafe.escape()`, `bleach.clean()` / `linkify()`, `nh3.clean()` or ' +
        'URL-quoted with `urllib.parse.quote()` / `urlencode()` are safe, and so are numbers (`int()`, `float()`), ' +
        'values compared against a literal allow-list, `JsonResponse` bodies and template rendering (the ' +
        'template rule TNT003 checks templates).',
      whyItMatters:
        'A response built by hand is not autoescaped: `HttpResponse(f"<p>No results for {q}</p>")` with ' +
        '`?q=<script>…</script>` runs the attacker\'s script in your origin (reflected XSS). The script reads what the ' +
        'page shows, acts with the victim\'s session (CSRF tokens are on the page), changes their email or password, ' +
        'or shows a fake login form. `mark_safe()` and `SafeString()` switch autoescaping off for a value wherever it ' +
        'is rendered later, so request data marked safe is stored XSS as soon as it reaches a template; ' +
        '`format_html()` escapes its arguments but not its format string. `django.utils.html.strip_tags()` is not a ' +
        'sanitizer: Django documents that its result carries no guarantee of being HTML safe (it leaves `&`, quotes ' +
        'and can leave malformed markup such as an unclosed `<img src=x onerror=…` in place), and `json.dumps()` ' +
        'does not escape `</script>` or `<`.',
      example: {
        bad:
          'def search(request):\n' +
          '    q = request.GET.get("q", "")\n' +
          '    return HttpResponse(f"<h1>Results for {q}</h1>")',
        good:
          'from django.utils.html import format_html\n\n' +
          'def search(request):\n' +
          '    q = request.GET.get("q", "")\n' +
          '    return HttpResponse(format_html("<h1>Results for {}</h1>", q))\n' +
          '    # or: return render(request, "search.html", {"q": q})',
      },
      howToFix:
        'Build HTML with templates, which escape every variable, or with `format_html("<b>{}</b>", value)`, which ' +
        'escapes its arguments; escape a single value with `django.utils.html.escape()`. Keep `mark_safe()` for ' +
        'markup your code wrote, after escaping every interpolated value; when users may submit HTML, clean it with ' +
        'an allow-list sanitizer (`nh3.clean()`, `bleach.clean()`). A response that is not HTML should say so: ' +
        '`HttpResponse(text, content_type="text/plain")`, or `JsonResponse(data)` for JSON.',
      references: [
        { title: 'Django security: Cross site scripting (XSS) protection', url: 'https://docs.djangoproject.com/en/stable/topics/security/#cross-site-scripting-xss-protection' },
        { title: 'Django: django.utils.html (escape, format_html, strip_tags)', url: 'https://docs.djangoproject.com/en/stable/ref/utils/#module-django.utils.html' },
        { title: 'Django: django.utils.safestring (mark_safe)', url: 'https://docs.djangoproject.com/en/stable/ref/utils/#module-django.utils.safestring' },
        { title: 'CWE-79: Improper Neutralization of Input During Web Page Generation', url: 'https://cwe.mitre.org/data/definitions/79.html' },
        { title: 'OWASP Cross Site Scripting Prevention Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html' },
        { title: 'CodeQL: py/reflective-xss', url: 'https://codeql.github.com/codeql-query-help/python/py-reflective-xss/' },
      ],
      limitations:
        '`response.write()` is a sink only on a receiver the analysis knows to be an `HttpResponse` built in the same ' +
        'function; a response passed into a helper and written there is not followed. A content type set after ' +
        'construction (`response["Content-Type"] = "text/plain"`) is not taken into account, nor is ' +
        '`response.content = …` assignment. Escaping that does not fit the context (an escaped value inside a ' +
        '`<script>` block or an unquoted `href`) is taken as safe. Data stored in the database and rendered later ' +
        '(stored XSS through the ORM) is not followed.',
    },
  },
  sinks: {
    callees: [...RESPONSE_CALLEES.keys(), ...Object.keys(MARK_SAFE)],
    methods: ['write', 'writelines'],
    match(call) {
      if (call.method === 'write' || call.method === 'writelines') return writeSink(call);
      if (call.callee === null) return undefined;
      const markup = MARK_SAFE[call.callee];
      if (markup) {
        const [index, keyword] = markup;
        const node = keyword ? call.argument(index, keyword) : call.argument(index);
        if (!node) return undefined;
        const name = call.callee.split('.').pop()!;
        const note = name.startsWith('format_html') ? `the format string of ${name}() (not escaped)` : `${name}() (rendered without escaping)`;
        return { args: [{ node }], note };
      }
      const response = RESPONSE_CALLEES.get(call.callee);
      if (!response) return undefined;
      const spec = BODY_RESPONSES[response]!;
      const body = call.argument(spec.body[0], spec.body[1]);
      if (!body) return undefined;
      const rendering = renderingOf(call.module, call.node, spec.contentType);
      if (!rendering.html) return undefined;
      return { args: [{ node: body }], note: `the body of an HTML ${response}`, ...(rendering.confidence ? { maxConfidence: rendering.confidence } : {}) };
    },
  },
  sanitizers: [
    'django.utils.html.escape',
    'django.utils.html.conditional_escape',
    'django.utils.html.escapejs',
    'django.utils.html.format_html',
    'django.utils.html.format_html_join',
    'django.utils.html.json_script',
    'django.template.defaultfilters.escape_filter',
    'django.template.defaultfilters.force_escape',
    'html.escape',
    'markupsafe.escape',
    'markupsafe.Markup.escape',
    'jinja2.escape',
    'bleach.clean',
    'bleach.linkify',
    'bleach.Cleaner().clean',
    'bleach.sanitizer.Cleaner().clean',
    'nh3.clean',
    'urllib.parse.quote',
    'urllib.parse.quote_plus',
    'urllib.parse.urlencode',
    'django.utils.http.urlencode',
  ],
  // Markup and the quotes and ampersands that end attribute values.
  attackCharacters: `<>"'&`,
});
