import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field } from '../../python/ast.js';
import { DJANGO_ESCAPING_CALLS, isTranslatedLiteral } from '../../python/django.js';
import type { PythonModule } from '../../python/module.js';
import { valuesBefore } from '../../python/scope.js';
import { describeBuild, quotedParts, stringBuild, type StringBuild } from '../../python/strings.js';

/** Responses whose first argument is the body and whose content type defaults to text/html. */
const RESPONSE_CLASSES = [
  'HttpResponse',
  'HttpResponseBadRequest',
  'HttpResponseNotFound',
  'HttpResponseForbidden',
  'HttpResponseServerError',
  'HttpResponseGone',
].flatMap((name) => [`django.http.${name}`, `django.http.response.${name}`]);

/** Calls whose result is escaped HTML (or text that cannot carry markup). */
const ESCAPING_CALLS = new Set([
  ...DJANGO_ESCAPING_CALLS,
  'django.utils.html.strip_tags',
  'django.template.loader.render_to_string',
  'html.escape',
  'markupsafe.escape',
  'django.urls.reverse',
]);

export default definePythonRule({
  meta: {
    code: 'PY802',
    name: 'html-response-from-formatted-string',
    family: 'code',
    severity: 'medium',
    confidence: 'medium',
    cwe: [79],
    owasp: ['A03:2021-Injection'],
    aliases: [],
    status: 'stable',
    summary: 'An HTML HttpResponse is built with string formatting, so the interpolated values are not escaped.',
    fix: 'Render a template (render() or render_to_string()), or build the markup with format_html(), which escapes every argument.',
    docs: {
      whatItDoes:
        'Finds `django.http.HttpResponse` (and the error responses that share its signature: `HttpResponseBadRequest`, ' +
        '`HttpResponseNotFound`, `HttpResponseForbidden`, `HttpResponseServerError`, `HttpResponseGone`) whose content ' +
        'is a string assembled at run time with `%`, `+`, `str.format()` or an f-string from values that are not ' +
        'constants, either directly or through a local variable built that way earlier in the function. Only HTML ' +
        'responses are reported: no `content_type` (Django\'s default is `text/html`) or a literal content type that ' +
        'contains `html`. `text/plain`, JSON, CSV and other literal content types are ignored, and so are values ' +
        'passed through `escape()`, `conditional_escape()` or `format_html()`.',
      whyItMatters:
        'Templates escape variables automatically; a string formatted in Python does not. When any interpolated value ' +
        'comes from the request or from data a user controls (a search term, a name, a comment), the browser receives ' +
        'their markup as part of your page: a reflected or stored cross-site scripting hole that lets the attacker run ' +
        'JavaScript in your origin, read the page, and act as the logged-in user.',
      example: {
        bad: [
          'def search(request):',
          '    q = request.GET.get("q", "")',
          '    return HttpResponse(f"<h1>Results for {q}</h1>")',
        ].join('\n'),
        good: [
          'def search(request):',
          '    q = request.GET.get("q", "")',
          '    return render(request, "search.html", {"q": q})',
          '    # or: HttpResponse(format_html("<h1>Results for {}</h1>", q))',
        ].join('\n'),
      },
      howToFix:
        'Return `render(request, "template.html", context)` and let the template engine escape values, or build small ' +
        'fragments with `format_html("<b>{}</b>", value)` / `format_html_join()`. If the response is not HTML, say so: ' +
        '`HttpResponse(text, content_type="text/plain")` or `JsonResponse(data)`. Escape explicitly with `escape()` ' +
        'only when neither is possible.',
      references: [
        { title: 'Django security: Cross site scripting (XSS) protection', url: 'https://docs.djangoproject.com/en/stable/topics/security/#cross-site-scripting-xss-protection' },
        { title: 'Django: HttpResponse', url: 'https://docs.djangoproject.com/en/stable/ref/request-response/#httpresponse-objects' },
        { title: 'Django: format_html()', url: 'https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.html.format_html' },
        { title: 'OWASP Cross Site Scripting Prevention Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html' },
        { title: 'CWE-79: Cross-site Scripting', url: 'https://cwe.mitre.org/data/definitions/79.html' },
      ],
      limitations:
        'A pattern check: whether the dynamic part really carries user input is left to the taint rules, so the ' +
        'confidence is medium. A content type given as a variable, or changed after the response is created ' +
        '(`response["Content-Type"] = ...`), is not followed; such responses are not reported.',
    },
  },
  create(context) {
    const { module } = context;
    const check = (call: PyNode): void => {
      if (!isHtml(call, module)) return;
      const content = module.argument(call, 0, 'content');
      if (!content) return;
      const callee = module.calleeName(call) ?? 'HttpResponse';
      const direct = unescapedBuild(content, module);
      if (direct) {
        context.report({
          node: call,
          message: `${callee} content is HTML built with ${describeBuild(direct.how)} from ${quotedParts(direct, module)}, which ${direct.dynamic.length > 1 ? 'are' : 'is'} not escaped`,
        });
        return;
      }
      if (content.type !== 'identifier') return;
      const name = module.text(content);
      for (const value of valuesBefore(content, module)) {
        const build = unescapedBuild(value, module, true);
        if (!build) continue;
        context.report({
          node: call,
          message: `${callee} content \`${name}\` is HTML built with ${describeBuild(build.how)} (line ${module.lines.lineOf(value.start)}) from ${quotedParts(build, module)}, which ${build.dynamic.length > 1 ? 'are' : 'is'} not escaped`,
        });
        return;
      }
    };
    return Object.fromEntries(RESPONSE_CLASSES.map((name) => [`call:${name}`, check]));
  },
});

/** Does the response declare (or default to) an HTML content type? Unknown content types count as not HTML. */
function isHtml(call: PyNode, module: PythonModule): boolean {
  const contentType = module.keywordArg(call, 'content_type') ?? module.keywordArg(call, 'mimetype') ?? module.positionalArgs(call)[1];
  if (contentType) {
    const value = module.literal(contentType);
    if (value?.kind === 'none') return true;
    return value?.kind === 'str' && /html/i.test(value.value);
  }
  const headers = module.keywordArg(call, 'headers');
  if (headers) {
    if (headers.type !== 'dictionary') return false;
    for (const pair of headers.children) {
      if (pair.type === 'dictionary_splat') return false;
      const key = pair.type === 'pair' ? field(pair, 'key') : undefined;
      const name = key ? module.literal(key) : undefined;
      if (name?.kind !== 'str' || name.value.toLowerCase() !== 'content-type') continue;
      const value = field(pair, 'value');
      const literal = value ? module.literal(value) : undefined;
      return literal?.kind === 'str' && /html/i.test(literal.value);
    }
  }
  return true;
}

/** A string build whose dynamic parts are not all escaped. */
function unescapedBuild(node: PyNode, module: PythonModule, knownString = false): StringBuild | undefined {
  const build = stringBuild(node, module, { knownString });
  if (!build) return undefined;
  const dynamic = build.dynamic.filter((part) => {
    const inner = part.type === 'parenthesized_expression' ? (part.children.find((c) => c.type !== 'comment') ?? part) : part;
    if (inner.type !== 'call') return true;
    const qualified = module.qualifiedName(inner);
    return !(qualified && ESCAPING_CALLS.has(qualified)) && !isTranslatedLiteral(inner, module);
  });
  return dynamic.length > 0 ? { ...build, dynamic } : undefined;
}
