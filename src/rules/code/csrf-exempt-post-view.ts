import type { Confidence, Severity } from '../../core/finding.js';
import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field, walk } from '../../python/ast.js';
import { httpMethods, requestParameter } from '../../python/django.js';
import { literalString } from '../../python/expressions.js';
import type { PythonModule } from '../../python/module.js';
import { baseClasses, classMethods, methodClass, parameterNames, topLevelDefinition } from '../../python/scope.js';

const CSRF_EXEMPT = 'django.views.decorators.csrf.csrf_exempt';
const METHOD_DECORATOR = 'django.utils.decorators.method_decorator';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const UNSAFE_HANDLERS = new Set(['post', 'put', 'patch', 'delete']);
/** Attributes of a request that only carry data on POST-like requests. */
const BODY_ATTRIBUTES = new Set(['POST', 'body', 'data', 'FILES']);

/** Django generic views that process POST (forms, deletions, authentication). */
const POST_VIEW_BASES = new Set([
  'FormView',
  'CreateView',
  'UpdateView',
  'DeleteView',
  'BaseFormView',
  'BaseCreateView',
  'BaseUpdateView',
  'BaseDeleteView',
  'ProcessFormView',
  'DeletionMixin',
  'LoginView',
  'LogoutView',
  'PasswordChangeView',
  'PasswordResetView',
  'PasswordResetConfirmView',
]);

/** What the rule learned about a view. */
type Verdict =
  | { kind: 'unsafe'; reason: string }
  | { kind: 'safe-only' }
  | { kind: 'unknown'; reason: string };

export default definePythonRule({
  meta: {
    code: 'PY801',
    name: 'csrf-exempt-post-view',
    family: 'code',
    severity: 'high',
    confidence: 'high',
    cwe: [352],
    owasp: ['A01:2021-Broken Access Control'],
    aliases: [],
    status: 'stable',
    summary: 'A view that handles POST (or another unsafe method) is exempted from CSRF protection with csrf_exempt.',
    fix: 'Remove csrf_exempt and send the CSRF token with the request, or authenticate the endpoint another way (a signature, a token header) before acting on it.',
    docs: {
      whatItDoes:
        'Finds `django.views.decorators.csrf.csrf_exempt` (through any import or alias) applied to a view that changes ' +
        'state: as a decorator (`@csrf_exempt`), as a wrapper in a URLconf (`path("hook/", csrf_exempt(hook))`, ' +
        '`csrf_exempt(HookView.as_view())`) or on a class-based view (`@method_decorator(csrf_exempt, name="dispatch")`). ' +
        'A function view counts as handling POST when it reads `request.POST`, `request.body`, `request.data` or ' +
        '`request.FILES`, compares `request.method` with an unsafe method, or is decorated with `require_POST` or ' +
        '`require_http_methods([... "POST" ...])`; a class-based view when it defines `post`, `put`, `patch` or `delete` ' +
        'or inherits a Django editing view (`FormView`, `CreateView`, `UpdateView`, `DeleteView`, `LoginView`, …). ' +
        'Views that provably serve only GET (`require_GET`, `require_safe`, a class with only `get`) are not reported; ' +
        'views the rule cannot judge (the body is in another module, or shows no sign either way) are reported with ' +
        'lower severity or confidence.',
      whyItMatters:
        'Django\'s `CsrfViewMiddleware` is what stops another site from making a logged-in visitor\'s browser submit a ' +
        'form to your application: a hidden auto-submitting form on an attacker\'s page can change an e-mail address, ' +
        'transfer money or delete data with the victim\'s cookies. `csrf_exempt` switches that check off for the view. ' +
        'For an endpoint that authenticates with the session cookie, this reopens the attack entirely; even for ' +
        'webhooks that are not tied to a session, the exemption means anyone on the internet can post to it, so the ' +
        'view must verify the caller in some other way (a signature header, a shared secret).',
      example: {
        bad: [
          'from django.views.decorators.csrf import csrf_exempt',
          '',
          '@csrf_exempt',
          'def update_email(request):',
          '    request.user.email = request.POST["email"]',
          '    request.user.save()',
          '    return redirect("profile")',
        ].join('\n'),
        good: [
          'from django.views.decorators.http import require_POST',
          '',
          '@require_POST',
          'def update_email(request):  # the form includes {% csrf_token %}',
          '    request.user.email = request.POST["email"]',
          '    request.user.save()',
          '    return redirect("profile")',
        ].join('\n'),
      },
      howToFix:
        'Keep CSRF protection on views used from your own pages: render `{% csrf_token %}` in forms, and send the ' +
        '`X-CSRFToken` header from JavaScript (read the token from the `csrftoken` cookie or the page). For genuine ' +
        'machine-to-machine endpoints (payment or Git webhooks), keep the exemption but authenticate every request: ' +
        'verify the provider\'s HMAC signature with `hmac.compare_digest`, and never rely on the session cookie. For ' +
        'APIs, Django REST framework\'s token or JWT authentication does not use cookies and needs no exemption.',
      references: [
        { title: 'Django: Cross Site Request Forgery protection', url: 'https://docs.djangoproject.com/en/stable/ref/csrf/' },
        { title: 'Django: csrf_exempt', url: 'https://docs.djangoproject.com/en/stable/ref/csrf/#django.views.decorators.csrf.csrf_exempt' },
        { title: 'Django: Decorating class-based views', url: 'https://docs.djangoproject.com/en/stable/topics/class-based-views/intro/#decorating-the-class' },
        { title: 'OWASP Cross-Site Request Forgery Prevention Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html' },
        { title: 'CWE-352: Cross-Site Request Forgery', url: 'https://cwe.mitre.org/data/definitions/352.html' },
      ],
      limitations:
        'Only views defined in the same file are inspected; `csrf_exempt(views.hook)` in a URLconf is reported with ' +
        'medium confidence because the view body is elsewhere. A view that hands the request to a helper without ' +
        'touching `request.POST` itself is reported with low severity and confidence. Django REST framework views are ' +
        'skipped: `APIView.as_view()` already exempts them and `SessionAuthentication` enforces CSRF itself.',
    },
  },
  create(context) {
    const { module } = context;
    const report = (node: PyNode, target: string, verdict: Verdict): void => {
      if (verdict.kind === 'safe-only') return;
      let severity: Severity | undefined;
      let confidence: Confidence | undefined;
      let message: string;
      if (verdict.kind === 'unsafe') {
        message = `csrf_exempt on ${target}, which ${verdict.reason}: cross-site forms can submit to it with the visitor's cookies`;
      } else if (verdict.reason === 'elsewhere') {
        confidence = 'medium';
        message = `csrf_exempt on ${target}, defined in another module: if it accepts POST, cross-site forms can submit to it`;
      } else {
        severity = 'low';
        confidence = 'low';
        message = `csrf_exempt on ${target}, which shows no sign of handling POST (${verdict.reason}): remove the exemption if it only serves GET, or protect the POST handling`;
      }
      context.report({ node, message, ...(severity ? { severity } : {}), ...(confidence ? { confidence } : {}) });
    };

    return {
      decorated_definition(node) {
        const def = field(node, 'definition');
        if (!def) return;
        for (const expression of module.decorators(def)) {
          const plain = expression.type !== 'call' && module.qualifiedName(expression) === CSRF_EXEMPT;
          const viaMethodDecorator = !plain && expression.type === 'call' && module.qualifiedName(expression) === METHOD_DECORATOR && exemptsCsrf(expression, module);
          if (!plain && !viaMethodDecorator) continue;
          if (def.type === 'class_definition') {
            // `@method_decorator(csrf_exempt, name="dispatch")`: Django only honours the exemption on dispatch.
            if (!viaMethodDecorator) continue;
            const nameArg = module.argument(expression, 1, 'name');
            const name = nameArg ? module.literal(nameArg) : undefined;
            if (name?.kind === 'str' && name.value !== 'dispatch') continue;
            report(expression, module.definitionName(def) ?? 'the class', classVerdict(def, module));
            continue;
          }
          if (def.type !== 'function_definition') continue;
          const cls = methodClass(def);
          const name = module.definitionName(def) ?? '?';
          if (cls) {
            // as_view() copies the attributes of dispatch() only: an exemption on post() has no effect.
            if (name === 'dispatch') report(expression, `${module.definitionName(cls) ?? 'the class'}.dispatch`, classVerdict(cls, module));
            continue;
          }
          report(expression, `\`${name}\``, functionVerdict(def, module));
        }
      },
      [`call:${CSRF_EXEMPT}`](node) {
        // `csrf_exempt(view)` outside a decorator: a URLconf entry or a module-level alias.
        const target = module.argument(node, 0, 'view_func');
        if (!target) return;
        const text = `\`${module.text(target).replace(/\s+/g, '')}\``;
        if (target.type === 'identifier') {
          const wrapper = module.enclosingFunction(node);
          if (wrapper && isLocalName(module.text(target), wrapper, module)) {
            // `def api_view(view): return csrf_exempt(view)`: a decorator or as_view() that exempts whatever it wraps.
            context.report({
              node,
              message: `csrf_exempt wraps \`${module.text(target)}\` inside \`${module.definitionName(wrapper) ?? '?'}()\`: every view passed through it loses CSRF protection; make sure none of them relies on the session cookie`,
              severity: 'low',
              confidence: 'low',
            });
            return;
          }
          const def = topLevelDefinition(module, module.text(target));
          if (def?.type === 'function_definition') return report(node, text, functionVerdict(def, module));
          if (def?.type === 'class_definition') return report(node, text, classVerdict(def, module));
          return report(node, text, { kind: 'unknown', reason: 'elsewhere' });
        }
        // `csrf_exempt(SomeView.as_view())`
        if (target.type === 'call') {
          const fn = field(target, 'function');
          const receiver = fn?.type === 'attribute' ? field(fn, 'object') : undefined;
          if (receiver?.type === 'identifier' && module.calleeName(target) === 'as_view') {
            const def = topLevelDefinition(module, module.text(receiver));
            if (def?.type === 'class_definition') return report(node, text, classVerdict(def, module));
          }
        }
        report(node, text, { kind: 'unknown', reason: 'elsewhere' });
      },
    };
  },
});

/** A parameter of the function, or a name it assigns. */
function isLocalName(name: string, fn: PyNode, module: PythonModule): boolean {
  if (parameterNames(fn, module).includes(name)) return true;
  let found = false;
  walk(field(fn, 'body') ?? fn, (node) => {
    if (found) return false;
    if (node.type === 'function_definition' || node.type === 'class_definition') {
      if (module.definitionName(node) === name) found = true;
      return false;
    }
    if (node.type === 'assignment') {
      const left = field(node, 'left');
      if (left?.type === 'identifier' && module.text(left) === name) found = true;
    }
    return !found;
  });
  return found;
}

/** `method_decorator(csrf_exempt, …)` or `method_decorator([csrf_exempt, login_required], …)`. */
function exemptsCsrf(call: PyNode, module: PythonModule): boolean {
  const first = module.argument(call, 0, 'decorator');
  if (!first) return false;
  const items = first.type === 'list' || first.type === 'tuple' ? first.children : [first];
  return items.some((item) => (item.type === 'identifier' || item.type === 'attribute') && module.qualifiedName(item) === CSRF_EXEMPT);
}

/** The literal HTTP method names of `require_http_methods([...])` / `api_view([...])`, upper-cased. */
function methodList(call: PyNode, module: PythonModule): string[] | undefined {
  const argument = module.argument(call, 0, call.type === 'call' && module.calleeName(call) === 'api_view' ? 'http_method_names' : 'request_method_list');
  return argument ? httpMethods(argument, module) : undefined;
}

function functionVerdict(def: PyNode, module: PythonModule): Verdict {
  for (const expression of module.decorators(def)) {
    const target = expression.type === 'call' ? (field(expression, 'function') ?? expression) : expression;
    const name = module.qualifiedName(target) ?? '';
    const last = name.split('.').pop() ?? '';
    if (name.startsWith('django.views.decorators.http.')) {
      if (last === 'require_POST') return { kind: 'unsafe', reason: 'is decorated with require_POST' };
      if (last === 'require_GET' || last === 'require_safe') return { kind: 'safe-only' };
      if (last === 'require_http_methods' && expression.type === 'call') {
        const methods = methodList(expression, module);
        const unsafe = methods?.find((m) => UNSAFE_METHODS.has(m));
        if (unsafe) return { kind: 'unsafe', reason: `accepts ${unsafe} (require_http_methods)` };
        if (methods) return { kind: 'safe-only' };
      }
    }
    if (name === 'rest_framework.decorators.api_view') {
      const methods = expression.type === 'call' ? methodList(expression, module) : undefined;
      const unsafe = methods?.find((m) => UNSAFE_METHODS.has(m));
      if (unsafe) return { kind: 'unsafe', reason: `accepts ${unsafe} (api_view)` };
    }
  }
  const request = requestParameter(def, module);
  const evidence = bodyEvidence(def, request, module);
  if (evidence) return { kind: 'unsafe', reason: evidence };
  return { kind: 'unknown', reason: request ? `it never reads ${request}.POST or checks ${request}.method` : 'it takes no request parameter' };
}

/** Reads of the request body or comparisons of the method with an unsafe one, in a function. */
function bodyEvidence(def: PyNode, request: string | undefined, module: PythonModule): string | undefined {
  const isRequest = (node: PyNode | undefined): boolean => {
    if (!node) return false;
    const text = module.text(node);
    return text === request || text === 'self.request';
  };
  let found: string | undefined;
  walk(def, (node) => {
    if (found) return false;
    if (node.type === 'attribute') {
      const attribute = field(node, 'attribute');
      const name = attribute ? module.text(attribute) : '';
      if (BODY_ATTRIBUTES.has(name) && isRequest(field(node, 'object'))) {
        found = `reads ${module.text(node)}`;
        return false;
      }
    } else if (node.type === 'comparison_operator') {
      const operands = node.children.filter((c) => c.type !== 'comment');
      const methodRead = operands.find((c) => c.type === 'attribute' && module.text(field(c, 'attribute') ?? c) === 'method' && isRequest(field(c, 'object')));
      if (!methodRead) return undefined;
      const literals = operands.flatMap((c) => {
        if (c === methodRead) return [];
        const single = literalString(c, module);
        return single !== undefined ? [single.toUpperCase()] : (httpMethods(c, module) ?? []);
      });
      const unsafe = literals.find((m) => UNSAFE_METHODS.has(m));
      const negated = (node.ops ?? []).some((op) => op === '!=' || op === 'not in');
      if (unsafe) found = `checks ${module.text(methodRead)} against "${unsafe}"`;
      else if (negated && literals.length > 0) found = `handles methods other than ${literals.join('/')}`;
      return found ? false : undefined;
    }
    return undefined;
  });
  return found;
}

function classVerdict(cls: PyNode, module: PythonModule): Verdict {
  const qualified = baseClasses(cls).map((b) => module.qualifiedName(b));
  // DRF's APIView.as_view() exempts the view already; SessionAuthentication enforces CSRF on its own.
  if (qualified.some((q) => q?.startsWith('rest_framework.'))) return { kind: 'safe-only' };
  const methods = classMethods(cls);
  for (const def of methods) {
    const name = module.definitionName(def) ?? '';
    if (UNSAFE_HANDLERS.has(name)) return { kind: 'unsafe', reason: `defines ${name}()` };
  }
  // A dispatch() (or helper) that reads request.POST itself.
  for (const def of methods) {
    const evidence = bodyEvidence(def, requestParameter(def, module), module);
    if (evidence) return { kind: 'unsafe', reason: `${evidence} in ${module.definitionName(def) ?? '?'}()` };
  }
  for (const q of qualified) {
    if (!q) continue;
    const last = q.split('.').pop() ?? '';
    if ((q.startsWith('django.views.generic.') || q.startsWith('django.contrib.auth.views.')) && POST_VIEW_BASES.has(last)) {
      return { kind: 'unsafe', reason: `inherits ${last}, which processes POST` };
    }
  }
  const allDjango = qualified.length > 0 && qualified.every((q) => q?.startsWith('django.views.generic.'));
  if (allDjango) return { kind: 'safe-only' };
  return { kind: 'unknown', reason: 'it defines no post/put/patch/delete method, but its base classes are not all known' };
}
