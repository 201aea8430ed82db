import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';

const JSON_RESPONSES = ['django.http.JsonResponse', 'django.http.response.JsonResponse'];

export default definePythonRule({
  meta: {
    code: 'PY808',
    name: 'json-response-not-safe',
    family: 'code',
    severity: 'info',
    confidence: 'high',
    cwe: [200],
    owasp: ['A04:2021-Insecure Design'],
    aliases: [],
    status: 'stable',
    summary: 'JsonResponse(..., safe=False) returns a top-level JSON array (or scalar) instead of an object.',
    fix: 'Wrap the list in an object, JsonResponse({"results": items}), and keep safe=True (the default).',
    docs: {
      whatItDoes:
        'Reports `django.http.JsonResponse` (through any import or alias) created with `safe=False` (as a keyword or ' +
        'the third positional argument). That flag lets the response body be a top-level JSON array, string or number; ' +
        'by default Django refuses anything but a `dict`. The finding is informational.',
      whyItMatters:
        'Django\'s `safe` flag is a leftover defence against JSON hijacking: in very old browsers (before ECMAScript 5), ' +
        'a page on another site could load a JSON array with `<script src=…>` and read it by overriding the `Array` ' +
        'constructor, stealing data returned with the victim\'s cookies. Current browsers are not vulnerable, which is ' +
        'why this rule is informational rather than a vulnerability. What remains worth a look is the data itself: ' +
        'endpoints that return bare lists are often quick "dump the queryset" views, and lists built from user data ' +
        'are the ones that leak fields or other users\' records. An object at the top level is also easier to evolve ' +
        '(pagination, metadata) without breaking clients.',
      example: {
        bad: [
          'def tags(request):',
          '    return JsonResponse(list(Tag.objects.values("name")), safe=False)',
        ].join('\n'),
        good: [
          'def tags(request):',
          '    return JsonResponse({"results": list(Tag.objects.values("name"))})',
        ].join('\n'),
      },
      howToFix:
        'Return an object: `JsonResponse({"results": items})`, and drop `safe=False`. Check that the list only contains ' +
        'the fields and records the requesting user is allowed to see (use `.values("id", "name")`, not whole model ' +
        'dumps). If clients require a bare array, keep `safe=False` and suppress the finding.',
      references: [
        { title: 'Django: JsonResponse and the safe parameter', url: 'https://docs.djangoproject.com/en/stable/ref/request-response/#serializing-non-dictionary-objects' },
        { title: 'OWASP AJAX Security Cheat Sheet (JSON hijacking)', url: 'https://cheatsheetseries.owasp.org/cheatsheets/AJAX_Security_Cheat_Sheet.html#always-return-json-with-an-object-on-the-outside' },
        { title: 'CWE-200: Exposure of Sensitive Information to an Unauthorized Actor', url: 'https://cwe.mitre.org/data/definitions/200.html' },
      ],
      limitations: 'Only the literal `False` is recognised; `safe=flag` is not reported.',
    },
  },
  create(context) {
    const { module } = context;
    const check = (call: PyNode): void => {
      const safe = module.argument(call, 2, 'safe');
      const value = safe ? module.literal(safe) : undefined;
      if (value?.kind !== 'bool' || value.value) return;
      context.report({ node: call, message: 'JsonResponse(safe=False) returns a top-level JSON array or scalar: prefer an object, and check the list exposes only what the caller may see' });
    };
    return Object.fromEntries(JSON_RESPONSES.map((name) => [`call:${name}`, check]));
  },
});
