import { defineTaintRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field } from '../../python/ast.js';
import { unwrap } from '../../python/expressions.js';
import type { PythonModule } from '../../python/module.js';
import { knownValues } from '../../python/scope.js';
import type { StoreView } from '../../taint/spec.js';

/** Redirect callables and the keyword of their target argument. */
const REDIRECTS: Record<string, string> = {
  'django.shortcuts.redirect': 'to',
  'django.http.HttpResponseRedirect': 'redirect_to',
  'django.http.response.HttpResponseRedirect': 'redirect_to',
  'django.http.HttpResponsePermanentRedirect': 'redirect_to',
  'django.http.response.HttpResponsePermanentRedirect': 'redirect_to',
};

/** Responses built with `headers={"Location": url}` (Django 3.2+, DRF): the header is a redirect target too. */
const HEADER_RESPONSES = new Set([
  'django.http.HttpResponse',
  'django.http.response.HttpResponse',
  'django.http.JsonResponse',
  'django.http.response.JsonResponse',
  'rest_framework.response.Response',
]);

/** Calls whose result is a path of this site (`reverse()` starts with the script prefix, `/`). */
const SITE_PATHS = new Set(['django.urls.reverse', 'django.urls.reverse_lazy', 'django.urls.base.reverse', 'django.core.urlresolvers.reverse', 'django.core.urlresolvers.reverse_lazy']);

/**
 * A constant start of a URL that pins the host, whatever follows: a path (`/orders/`, but not `/` alone nor `//` or
 * `/\`, which browsers read as a host), a relative path (`orders/`, `./`), a query or fragment, or an absolute URL
 * with its host closed by `/`, `?` or `#` (`https://example.com/`).
 */
function pinsHost(prefix: string): boolean {
  return /^\/[^/\\]/.test(prefix) || /^[?#]/.test(prefix) || /^\.{1,2}\//.test(prefix) || /^[A-Za-z0-9_-][^:/\\?#]*[/?#]/.test(prefix) || /^https?:\/\/[^/\\?#@]+[/?#]/i.test(prefix);
}

/** The text before the first replacement field of a format string (`%s`, `{}`), if it is the whole start. */
function formatPrefix(format: string, marker: '%' | '{'): string {
  return format.split(marker)[0] ?? '';
}

/**
 * Does a redirect target visibly start with a constant that keeps it on this site? Follows literals, f-strings, `+`,
 * `%`, `.format()`, `reverse()` and `settings.*` at the start, and local names whose every assignment does.
 */
function startsOnSite(input: PyNode, module: PythonModule, depth = 0): boolean {
  if (depth > 6) return false;
  const node = unwrap(input);
  const literal = module.literal(node);
  if (literal?.kind === 'str') return literal.value === '' || pinsHost(literal.value) || literal.value === '/';
  switch (node.type) {
    case 'string': {
      const leading = node.children.find((c) => c.type === 'string_content' || c.type === 'interpolation');
      if (!leading) return false;
      if (leading.type === 'string_content') return pinsHost(module.text(leading));
      const expression = field(leading, 'expression') ?? leading.children[0];
      return expression !== undefined && startsOnSite(expression, module, depth + 1);
    }
    case 'binary_operator': {
      const left = field(node, 'left');
      if (!left) return false;
      const operator = node.ops?.[0];
      if (operator === '+') return startsOnSite(left, module, depth + 1) && !isWholeSlash(left, module);
      if (operator === '%') {
        const format = module.literal(unwrap(left));
        return format?.kind === 'str' && pinsHost(formatPrefix(format.value, '%'));
      }
      return false;
    }
    case 'call': {
      const callee = module.qualifiedName(node);
      if (callee && SITE_PATHS.has(callee)) return true;
      const fn = field(node, 'function');
      if (fn?.type === 'attribute' && module.text(field(fn, 'attribute')!) === 'format') {
        const template = module.literal(unwrap(field(fn, 'object')!));
        return template?.kind === 'str' && pinsHost(formatPrefix(template.value, '{'));
      }
      return false;
    }
    case 'attribute':
      return module.qualifiedName(node)?.startsWith('django.conf.settings.') ?? false;
    case 'identifier': {
      const values = knownValues(node, module);
      return values !== undefined && values.every((value) => startsOnSite(value, module, depth + 1));
    }
    default:
      return false;
  }
}

/** `"/" + x`: a lone slash is a safe value but not a safe prefix (`"/" + "/evil.example"`). */
/**
 * The part of a target expression that decides where the browser goes: the first interpolation of an f-string that
 * starts with one (`f"{next}?code={code}"` → `next`), the left operand of a `+` (`next + "?a=1"` → `next`), or the
 * whole expression. What comes after a non-empty prefix cannot move the redirect off the prefix's host.
 */
function leadingPart(node: PyNode, module: PythonModule): PyNode {
  const target = unwrap(node);
  if (target.type === 'string') {
    const first = target.children.find((c) => c.type !== 'string_start');
    if (first?.type === 'interpolation') {
      const expression = first.children.find((c) => c.field === 'expression') ?? first.children[0];
      return expression ?? target;
    }
    return target;
  }
  if (target.type === 'binary_operator' && target.ops?.[0] === '+') {
    // `"/" + next` stays whole: a one-character prefix does not pin the host (`//evil.example`).
    const left = target.children[0];
    return left && module.literal(left) === undefined ? leadingPart(left, module) : target;
  }
  return target;
}

function isWholeSlash(node: PyNode, module: PythonModule): boolean {
  const literal = module.literal(unwrap(node));
  return literal?.kind === 'str' && (literal.value === '/' || literal.value === '');
}

/** The value of `"Location"` in a `headers={...}` dictionary literal. */
function locationHeader(module: PythonModule, headers: PyNode | undefined): PyNode | undefined {
  const dictionary = headers ? unwrap(headers) : undefined;
  if (dictionary?.type !== 'dictionary') return undefined;
  for (const pair of dictionary.children) {
    if (pair.type !== 'pair') continue;
    const key = module.literal(field(pair, 'key')!);
    if (key?.kind === 'str' && key.value.toLowerCase() === 'location') return field(pair, 'value');
  }
  return undefined;
}

/** Names that say a value is an HTTP response, for receivers the analysis has no type for. */
const RESPONSE_NAME = /^(response|resp|res|http_response|redirect_response|\w+_response)$/i;

/** Is the store target a response (`response[...]`) or a response's header mapping (`response.headers[...]`)? */
function responseTarget(store: StoreView): 'typed' | 'named' | undefined {
  const target = unwrap(store.target);
  if (store.targetTypes.some((type) => /^(django\.(http|shortcuts|template\.response)|rest_framework\.response)\./.test(type))) return 'typed';
  let object = target;
  if (target.type === 'attribute' && store.module.text(field(target, 'attribute')!) === 'headers') object = field(target, 'object')!;
  if (object.type === 'identifier' && RESPONSE_NAME.test(store.module.text(object))) return 'named';
  if (object.type === 'attribute' && RESPONSE_NAME.test(store.module.text(field(object, 'attribute')!))) return 'named';
  return undefined;
}

export default defineTaintRule({
  meta: {
    code: 'TNT004',
    name: 'open-redirect',
    family: 'taint',
    severity: 'medium',
    confidence: 'high',
    cwe: [601],
    owasp: ['A01:2021-Broken Access Control'],
    aliases: [],
    status: 'stable',
    summary: 'Request data chooses where a redirect goes: redirect(), HttpResponseRedirect(), HttpResponsePermanentRedirect() or a Location header.',
    fix: 'Check the target with url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()) and fall back to a fixed URL, or redirect to reverse() of a named route.',
    docs: {
      whatItDoes:
        'Follows data from the request (query string, form fields, JSON bodies, headers such as `Referer`, cookies, ' +
        'the request path, URL arguments) through assignments, string building, helper functions and other modules, ' +
        'and reports it when it becomes the target of `django.shortcuts.redirect()` (first argument or `to=`), ' +
        '`HttpResponseRedirect()` / `HttpResponsePermanentRedirect()` (first argument or `redirect_to=`), or the ' +
        'value of a `Location` header stored on a response (`response["Location"] = url`, ' +
        '`response.headers["Location"] = url`, `HttpResponse(status=303, headers={"Location": url})`). A target is ' +
        'not reported inside the branch where `url_has_allowed_host_and_scheme()` (or the older `is_safe_url()`) ' +
        'accepted it, after an early return when it ' +
        'refused it, when it was compared against a literal allow-list, or when it visibly starts with a constant ' +
        'that keeps it on this site: a path such as `"/orders/" + pk` or `f"/orders/{pk}/"` (a single `/` followed by ' +
        'something else: `"/" + x` and `"//…"` are still reported), a relative path, a `?query`, an absolute ' +
        '`https://host/` prefix, `reverse(...)` or `settings.LOGIN_URL`. `reverse()` results and model instances ' +
        'are site URLs.',
      whyItMatters:
        'A redirect whose target comes from the request (`?next=`, `?return_to=`, the `Referer` header, a path ' +
        'segment) lets anyone craft a link on your domain that sends the visitor elsewhere: to a copy of your login ' +
        'page that harvests passwords right after a genuine sign-in, or to an attacker\'s endpoint that receives ' +
        'OAuth codes and tokens appended to the URL. Users and mail filters trust the link because it starts with ' +
        'your domain. `HttpResponseRedirect` refuses schemes other than http, https and ftp (so `javascript:` URLs ' +
        'are rejected), but any host is allowed, and `//evil.example` or `/\\evil.example` are read by browsers as ' +
        'another host; `request.path` itself can be `//evil.example/` when a request is sent to a double-slash path.',
      example: {
        bad:
          'def switch_account(request):\n' +
          '    request.session["account"] = request.POST["account"]\n' +
          '    return redirect(request.POST.get("next", "/"))',
        good:
          'from django.utils.http import url_has_allowed_host_and_scheme\n\n' +
          'def switch_account(request):\n' +
          '    request.session["account"] = request.POST["account"]\n' +
          '    next_url = request.POST.get("next", "")\n' +
          '    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):\n' +
          '        next_url = reverse("dashboard")\n' +
          '    return redirect(next_url)',
      },
      howToFix:
        'Prefer redirects to named routes (`redirect("order-detail", pk=order.pk)`) or model instances. When the ' +
        'target must come from the client, validate it the way Django\'s `LoginView` does: ' +
        '`url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure())`, ' +
        'with a fixed fallback when it fails; or accept only a short key (`?next=cart`) and map it to a URL on the ' +
        'server. A check such as `url.startswith("/")` is not enough (`//evil.example`, `/\\evil.example`).',
      references: [
        { title: 'Django: redirect()', url: 'https://docs.djangoproject.com/en/stable/topics/http/shortcuts/#redirect' },
        { title: 'Django: HttpResponseRedirect', url: 'https://docs.djangoproject.com/en/stable/ref/request-response/#django.http.HttpResponseRedirect' },
        { title: 'Django source: url_has_allowed_host_and_scheme (used by LoginView)', url: 'https://github.com/django/django/blob/main/django/utils/http.py' },
        { title: 'CWE-601: URL Redirection to Untrusted Site (Open Redirect)', url: 'https://cwe.mitre.org/data/definitions/601.html' },
        { title: 'OWASP Unvalidated Redirects and Forwards Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Unvalidated_Redirects_and_Forwards_Cheat_Sheet.html' },
        { title: 'CodeQL: py/url-redirection', url: 'https://codeql.github.com/codeql-query-help/python/py-url-redirection/' },
      ],
      limitations:
        'The constant-prefix exception looks at the target expression and at the assignments of a local variable ' +
        'passed as the target; a prefix added in another function is not seen, and the target is then reported. ' +
        'The values returned by `get_redirect_url()` (RedirectView) and `get_success_url()` (form views) are ' +
        'sinks. Redirects to the request\'s own URL (`request.path`, `request.get_full_path()`, the URL just routed ' +
        'to the view) are not reported: a path of the form `//host` reaches a view only through a catch-all route, ' +
        'and Django\'s CommonMiddleware escapes such paths in its own redirects. A `Location` header is recognised on receivers known to be responses or named like one ' +
        '(`response`, `resp`, `*_response`), at medium confidence in the latter case. Validation done in a helper ' +
        'that returns a boolean is recognised only for the two Django functions.',
    },
  },
  hostAllowList: true,
  // The URL just routed here: redirecting to it (with a slash or a query added) stays on the site.
  safeRequestAttributes: ['path', 'path_info', 'get_full_path()', 'get_full_path_info()'],
  sinks: {
    returns: ['get_redirect_url', 'get_success_url'],
    callees: [...Object.keys(REDIRECTS), ...HEADER_RESPONSES],
    match(call) {
      if (call.callee !== null && HEADER_RESPONSES.has(call.callee)) {
        const location = locationHeader(call.module, call.keyword('headers'));
        return location && !startsOnSite(location, call.module) ? { args: [{ node: location }], note: 'the Location header of a response (headers=)' } : undefined;
      }
      const keyword = call.callee !== null ? REDIRECTS[call.callee] : undefined;
      if (!keyword) return undefined;
      const target = call.argument(0, keyword);
      if (!target || startsOnSite(target, call.module)) return undefined;
      const name = call.callee!.split('.').pop()!;
      return { args: [{ node: leadingPart(target, call.module) }], note: `the target of ${name}()` };
    },
    store(store) {
      const key = store.key ? store.module.literal(unwrap(store.key)) : undefined;
      if (key?.kind !== 'str' || key.value.toLowerCase() !== 'location') return undefined;
      const target = responseTarget(store);
      if (!target || startsOnSite(store.value, store.module)) return undefined;
      return { args: [{ node: store.value }], note: 'the Location header of a response', ...(target === 'named' ? { maxConfidence: 'medium' as const } : {}) };
    },
  },
  guards: ['django.utils.http.url_has_allowed_host_and_scheme', 'django.utils.http.is_safe_url'],
  // Leaving the site needs a scheme (`javascript:`, `https:`) or a network path (`//host`, `\\host`).
  attackCharacters: '/\\:',
});
