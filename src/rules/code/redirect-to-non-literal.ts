import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field, walk } from '../../python/ast.js';
import { abbreviate, unwrap } from '../../python/expressions.js';
import type { PythonModule } from '../../python/module.js';
import { stringParts } from '../../python/literal.js';
import { knownValues } from '../../python/scope.js';

/** Redirect callables and the keyword of their location argument. */
const REDIRECTS: Record<string, string> = {
  'django.shortcuts.redirect': 'to',
  'django.http.HttpResponseRedirect': 'redirect_to',
  'django.http.response.HttpResponseRedirect': 'redirect_to',
  'django.http.HttpResponsePermanentRedirect': 'redirect_to',
  'django.http.response.HttpResponsePermanentRedirect': 'redirect_to',
};

/** Calls that return a URL of this site. */
const SAFE_CALLS = new Set(['django.urls.reverse', 'django.urls.reverse_lazy', 'django.urls.base.reverse', 'django.core.urlresolvers.reverse', 'django.core.urlresolvers.reverse_lazy']);
/** Methods whose result is a URL of this site (or a model instance, which redirect() turns into get_absolute_url()). */
const SAFE_METHODS = new Set(['get_absolute_url', 'get_success_url', 'get_full_path', 'get_full_path_info', 'get_object', 'save']);
/** Query methods that return a model instance when called on a manager or queryset. */
const INSTANCE_METHODS = new Set(['get', 'create', 'first', 'last', 'earliest', 'latest']);
/** Request attributes holding this request's own path (it matched one of this site's URL patterns). */
const OWN_PATH = new Set(['path', 'path_info']);
const VALIDATORS = new Set(['url_has_allowed_host_and_scheme', 'is_safe_url']);
const REQUEST_READ = /\brequest\.(GET|POST|META|headers|COOKIES|query_params|data|body)\b/;

export default definePythonRule({
  meta: {
    code: 'PY807',
    name: 'redirect-to-non-literal',
    family: 'code',
    severity: 'medium',
    confidence: 'low',
    cwe: [601],
    owasp: ['A01:2021-Broken Access Control'],
    aliases: [],
    status: 'stable',
    summary: 'A redirect goes to a URL that is neither a literal nor a reverse() result and is not validated first (possible open redirect).',
    fix: 'Redirect to reverse("view-name") or a fixed path, or check the target with url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()) first.',
    docs: {
      whatItDoes:
        'Finds `django.shortcuts.redirect(x)`, `HttpResponseRedirect(x)` and `HttpResponsePermanentRedirect(x)` where ' +
        '`x` is not recognisably a URL of this site: not a literal, not a `reverse()`/`reverse_lazy()` result, not a ' +
        'model instance (`get_object_or_404(...)`, `Model.objects.get(...)`, `form.save()`, `self.object`) or ' +
        '`.get_absolute_url()`, not `settings.*`, not `request.path`, and not a string that starts with a fixed path ' +
        '(`f"/orders/{pk}/"`, `reverse("x") + "?page=2"`). Redirects in a function that calls ' +
        '`url_has_allowed_host_and_scheme()` (or the older `is_safe_url()`) before them are not reported. Values read ' +
        'from `request.GET`, `request.POST`, `request.META` (the `Referer` header) and similar, in the argument or in ' +
        'the local variable passed, raise the confidence from low to medium; without them the finding is a hint at ' +
        'low severity (the data-flow rule TNT004 reports the redirects that request data provably reaches, through ' +
        'helpers and other modules).',
      whyItMatters:
        'A redirect to a URL taken from the request — the classic `?next=` parameter, or the `Referer` header — lets an ' +
        'attacker build a link on your domain that sends visitors to a site of their choosing: a convincing phishing ' +
        'page that follows a genuine login, or a hop that defeats OAuth `redirect_uri` checks and leaks tokens. ' +
        'Django\'s own views (`LoginView`, `LogoutView`, `set_language`) validate `next` with ' +
        '`url_has_allowed_host_and_scheme()`; hand-written views often do not. `HttpResponseRedirect` only refuses ' +
        'non-HTTP schemes, not other hosts.',
      example: {
        bad: [
          'def login_done(request):',
          '    return redirect(request.GET.get("next", "/"))',
        ].join('\n'),
        good: [
          'from django.utils.http import url_has_allowed_host_and_scheme',
          '',
          'def login_done(request):',
          '    next_url = request.GET.get("next", "")',
          '    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):',
          '        next_url = reverse("home")',
          '    return redirect(next_url)',
        ].join('\n'),
      },
      howToFix:
        'Redirect to named routes (`redirect("order-detail", pk=order.pk)`, `reverse(...)`) or to model instances. ' +
        'When the target must come from the request, validate it with ' +
        '`url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure())` ' +
        'and fall back to a safe default, or map a short key (`?next=cart`) to a fixed URL on the server.',
      references: [
        { title: 'Django: url_has_allowed_host_and_scheme (source of LoginView\'s check)', url: 'https://docs.djangoproject.com/en/stable/topics/auth/default/#django.contrib.auth.views.LoginView' },
        { title: 'Django: redirect()', url: 'https://docs.djangoproject.com/en/stable/topics/http/shortcuts/#redirect' },
        { title: 'OWASP Unvalidated Redirects and Forwards Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Unvalidated_Redirects_and_Forwards_Cheat_Sheet.html' },
        { title: 'CWE-601: URL Redirection to Untrusted Site (Open Redirect)', url: 'https://cwe.mitre.org/data/definitions/601.html' },
      ],
      limitations:
        'A pattern check: a variable is followed through every assignment in the scope it belongs to (its function, ' +
        'an enclosing function or the module), wherever they stand, and not at all when it is a parameter or a loop ' +
        'variable; whether it really comes from the request is the taint rules\' job, hence the low confidence. Any ' +
        'call to a validator earlier in the function silences the rule, even one that checks another value.',
    },
  },
  create(context) {
    const { module } = context;
    const check = (call: PyNode, keyword: string): void => {
      const target = module.argument(call, 0, keyword);
      if (!target || isSafe(target, call, module, 0)) return;
      const fn = module.enclosingFunction(call);
      if (fn && validatedBefore(fn, call, module)) return;
      const tainted = REQUEST_READ.test(module.text(target)) || (target.type === 'identifier' && knownValues(target, module)?.some((v) => REQUEST_READ.test(module.text(v))));
      const callee = module.calleeName(call) ?? 'redirect';
      context.report({
        node: call,
        message: `${callee}() to \`${abbreviate(module.text(target), 50)}\`, which is neither a literal nor a reverse() URL${tainted ? ' and comes from the request' : ''}: validate it with url_has_allowed_host_and_scheme() to avoid an open redirect`,
        // Without visible request data the target is only unproven: a hint (TNT004 reports proven flows).
        ...(tainted ? { confidence: 'medium' as const } : { severity: 'low' as const }),
      });
    };
    return Object.fromEntries(Object.entries(REDIRECTS).map(([name, keyword]) => [`call:${name}`, (node: PyNode) => check(node, keyword)]));
  },
});

/** A URL literal prefix that pins the host: a path (`/a`, `./a`, `a/`), a query, a fragment, or `https://host/`. */
function isSafePrefix(text: string): boolean {
  return /^\/[^/\\]/.test(text) || /^[?#]/.test(text) || /^\.{1,2}\//.test(text) || /^[^:/\\?#]+[/?#]/.test(text) || /^https?:\/\/[^/\\?#]+[/?#]/i.test(text);
}

/** Is the expression recognisably a URL of this site (or a model instance)? */
function isSafe(input: PyNode, at: PyNode, module: PythonModule, depth: number): boolean {
  if (depth > 6) return false;
  const node = unwrap(input);
  const value = module.literal(node);
  if (value !== undefined) return value.kind === 'str' || value.kind === 'none';
  switch (node.type) {
    case 'string':
    case 'concatenated_string': {
      // f-string: the text before the first replacement field, or the first field itself, must pin the host.
      const first = node.type === 'string' ? node : node.children.find((c) => c.type === 'string');
      if (!first) return false;
      const info = stringParts(first, module.source);
      if (!info) return false;
      const leading = first.children.find((c) => c.type === 'string_content' || c.type === 'interpolation');
      if (!leading) return false;
      if (leading.type === 'string_content') return isSafePrefix(module.text(leading));
      const expression = field(leading, 'expression') ?? leading.children[0];
      return expression !== undefined && isSafe(expression, at, module, depth + 1);
    }
    case 'binary_operator': {
      const left = field(node, 'left');
      if (!left) return false;
      const op = node.ops?.[0];
      if (op === '+') return startsSafely(left, at, module, depth + 1);
      if (op === '%') {
        const format = module.literal(unwrap(left));
        if (format?.kind !== 'str') return false;
        const before = format.value.split('%')[0] ?? '';
        if (before !== '') return isSafePrefix(before);
        const right = field(node, 'right');
        const firstValue = right && (unwrap(right).type === 'tuple' ? unwrap(right).children.find((c) => c.type !== 'comment') : right);
        return firstValue !== undefined && isSafe(firstValue, at, module, depth + 1);
      }
      return false;
    }
    case 'conditional_expression': {
      const parts = node.children.filter((c) => c.type !== 'comment');
      return parts.length === 3 && isSafe(parts[0]!, at, module, depth + 1) && isSafe(parts[2]!, at, module, depth + 1);
    }
    case 'boolean_operator':
      return node.children.filter((c) => c.type !== 'comment').every((c) => isSafe(c, at, module, depth + 1));
    case 'call': {
      const qualified = module.qualifiedName(node);
      if (qualified && (SAFE_CALLS.has(qualified) || qualified === 'django.shortcuts.get_object_or_404')) return true;
      const fn = field(node, 'function');
      if (fn?.type !== 'attribute') return false;
      const method = module.calleeName(node) ?? '';
      const receiver = field(fn, 'object');
      if (SAFE_METHODS.has(method)) return true;
      if (method === 'build_absolute_uri') return module.positionalArgs(node).length === 0 && !module.keywordArg(node, 'location');
      if (INSTANCE_METHODS.has(method) && receiver && /(^|\.)objects\b|_set\b|\.filter\(|\.all\(/.test(module.text(receiver))) return true;
      if (method === 'format') {
        const template = receiver ? module.literal(unwrap(receiver)) : undefined;
        if (template?.kind !== 'str') return false;
        const before = template.value.split('{')[0] ?? '';
        if (before !== '') return isSafePrefix(before);
        const firstArg = module.positionalArgs(node)[0];
        return firstArg !== undefined && isSafe(firstArg, at, module, depth + 1);
      }
      return false;
    }
    case 'attribute': {
      const qualified = module.qualifiedName(node);
      if (qualified?.startsWith('django.conf.settings.')) return true;
      const object = field(node, 'object');
      const attribute = field(node, 'attribute');
      if (!object || !attribute) return false;
      const objectText = module.text(object);
      const name = module.text(attribute);
      if ((objectText === 'request' || objectText === 'self.request') && OWN_PATH.has(name)) return true;
      return objectText === 'self' && (name === 'object' || name === 'success_url');
    }
    case 'identifier':
      return knownValues(node, module)?.every((v) => isSafe(v, at, module, depth + 1)) ?? false;
    default:
      return false;
  }
}

/** The left end of a `+` concatenation pins the host. */
function startsSafely(node: PyNode, at: PyNode, module: PythonModule, depth: number): boolean {
  const inner = unwrap(node);
  if (inner.type === 'binary_operator' && inner.ops?.[0] === '+') {
    const left = field(inner, 'left');
    return left !== undefined && startsSafely(left, at, module, depth + 1);
  }
  const value = module.literal(inner);
  if (value?.kind === 'str') return isSafePrefix(value.value);
  return isSafe(inner, at, module, depth);
}

/** Does the function call a URL validator before the redirect? */
function validatedBefore(fn: PyNode, call: PyNode, module: PythonModule): boolean {
  let found = false;
  walk(fn, (node) => {
    if (found || node.start >= call.start) return false;
    if (node.type === 'call' && VALIDATORS.has(module.calleeName(node) ?? '')) found = true;
    return !found;
  });
  return found;
}
