import { defineProjectRule } from '../../core/rule.js';
import { field, type PyNode } from '../../python/ast.js';
import type { PythonModule } from '../../python/module.js';
import { checkExists } from '../../settings/django-checks.js';
import { checkSettings, unsetDefaults } from '../../settings/report.js';
import { pyRepr, str } from '../../settings/value.js';
import { resolveFailureView } from './csrf-failure-view-missing.js';

type Kind = 'positional-only' | 'positional-or-keyword' | 'var-positional' | 'keyword-only' | 'var-keyword';

interface Parameter {
  name: string;
  kind: Kind;
  hasDefault: boolean;
}

/** The parameters of a `def` or `lambda`, with their kinds as `inspect` sees them. */
function parametersOf(definition: PyNode, module: PythonModule): Parameter[] | undefined {
  const list = field(definition, 'parameters');
  if (!list) return definition.type === 'lambda' ? [] : undefined;
  const out: Parameter[] = [];
  let keywordOnly = false;
  const nameOf = (node: PyNode): string | undefined => {
    const named = field(node, 'name') ?? node.children.find((c) => c.type === 'identifier');
    return named ? module.text(named) : undefined;
  };
  for (const child of list.children) {
    switch (child.type) {
      case 'comment':
        break;
      case 'positional_separator':
        for (const parameter of out) parameter.kind = 'positional-only';
        break;
      case 'keyword_separator':
        keywordOnly = true;
        break;
      case 'list_splat_pattern':
        out.push({ name: nameOf(child) ?? '*', kind: 'var-positional', hasDefault: false });
        keywordOnly = true;
        break;
      case 'dictionary_splat_pattern':
        out.push({ name: nameOf(child) ?? '**', kind: 'var-keyword', hasDefault: false });
        break;
      case 'identifier':
        out.push({ name: module.text(child), kind: keywordOnly ? 'keyword-only' : 'positional-or-keyword', hasDefault: false });
        break;
      case 'typed_parameter': {
        // `*args: int` and `**kw: str` are typed splats.
        const inner = child.children.find((c) => c.type === 'list_splat_pattern' || c.type === 'dictionary_splat_pattern');
        if (inner?.type === 'list_splat_pattern') {
          out.push({ name: nameOf(inner) ?? '*', kind: 'var-positional', hasDefault: false });
          keywordOnly = true;
        } else if (inner) out.push({ name: nameOf(inner) ?? '**', kind: 'var-keyword', hasDefault: false });
        else {
          const name = nameOf(child);
          if (!name) return undefined;
          out.push({ name, kind: keywordOnly ? 'keyword-only' : 'positional-or-keyword', hasDefault: false });
        }
        break;
      }
      case 'default_parameter':
      case 'typed_default_parameter': {
        const name = nameOf(child);
        if (!name) return undefined;
        out.push({ name, kind: keywordOnly ? 'keyword-only' : 'positional-or-keyword', hasDefault: true });
        break;
      }
      default:
        return undefined; // something this reading does not model
    }
  }
  return out;
}

/**
 * Why `inspect.signature(view).bind(None, reason=None)` raises TypeError (Django's E101 test), following
 * `inspect.Signature._bind`; undefined when the call binds, null when the answer depends on the Python version.
 */
function bindFailure(parameters: readonly Parameter[]): string | undefined | null {
  const [first, ...rest] = parameters;
  let remaining: readonly Parameter[] = rest;
  // The positional argument (the request).
  if (!first || first.kind === 'keyword-only' || first.kind === 'var-keyword') return 'it takes no positional argument for the request';
  if (first.kind === 'positional-or-keyword' && first.name === 'reason') return "its first parameter, which receives the request, is named 'reason', so reason is given twice";
  if (first.kind === 'var-positional') remaining = parameters.slice(1);
  // The keyword argument `reason`, then every other parameter must have a value.
  let reasonBound = false;
  let varKeyword = false;
  for (const parameter of remaining) {
    if (parameter.kind === 'var-positional') continue;
    if (parameter.kind === 'var-keyword') {
      varKeyword = true;
      continue;
    }
    if (parameter.name === 'reason') {
      // inspect before Python 3.13 refuses a positional-only `reason` even with **kwargs; later versions may not.
      if (parameter.kind === 'positional-only') return remaining.some((p) => p.kind === 'var-keyword') ? null : "its 'reason' parameter is positional-only";
      reasonBound = true;
      continue;
    }
    if (!parameter.hasDefault) return `its parameter '${parameter.name}' has no default, and Django passes only request and reason`;
  }
  if (!reasonBound && !varKeyword) return "it has no 'reason' parameter (and no **kwargs)";
  return undefined;
}

export default defineProjectRule({
  meta: {
    code: 'SET101',
    name: 'csrf-failure-view-signature-invalid',
    family: 'settings',
    severity: 'medium',
    confidence: 'high',
    cwe: [703, 628],
    owasp: ['A05:2021-Security Misconfiguration'],
    aliases: ['security.E101'],
    status: 'stable',
    summary: 'The CSRF_FAILURE_VIEW function does not accept Django\'s call view(request, reason=…).',
    fix: 'Give the CSRF failure view the signature def csrf_failure(request, reason=""): (extra parameters need defaults).',
    docs: {
      whatItDoes:
        'Resolves the dotted path in `CSRF_FAILURE_VIEW` to a function defined in the project (for example ' +
        '`myapp.views.csrf_failure` to `def csrf_failure` in `myapp/views.py`) and checks that its parameters ' +
        'accept the call the CSRF middleware makes, `view(request, reason=reason)`, exactly as Django tests it ' +
        'with `inspect.signature(view).bind(None, reason=None)`: one positional argument, a keyword argument ' +
        'named `reason` (or `**kwargs`), and defaults for everything else. The finding is at the function ' +
        'definition. This is Django\'s `security.E101` check (Django 3.2 and later).',
      whyItMatters:
        'The failure view runs for every request the CSRF middleware rejects, which includes forged cross-site ' +
        'requests. With the wrong signature each rejection raises TypeError: the attacker\'s request still fails, ' +
        'but users with an expired token get a 500 instead of an explanation, error monitoring fills with noise ' +
        'that hides real attacks, and the check error blocks `manage.py check` in deployment pipelines. Teams ' +
        'facing a flood of 500s are tempted to switch CSRF protection off rather than fix the view.',
      example: {
        bad: ['# myapp/views.py', 'def csrf_failure(request):', '    return render(request, "403_csrf.html", status=403)'].join('\n'),
        good: ['# myapp/views.py', 'def csrf_failure(request, reason=""):', '    return render(request, "403_csrf.html", {"reason": reason}, status=403)'].join('\n'),
      },
      howToFix:
        'Declare the view as `def csrf_failure(request, reason=""):`. Any further parameter needs a default (for ' +
        'example `template_name="403_csrf.html"`, as Django\'s own view has), and the first parameter must not be ' +
        'named `reason`. Return a 403 response; do not reveal the reason to untrusted users beyond what Django\'s ' +
        'default page shows.',
      references: [
        { title: 'Django settings: CSRF_FAILURE_VIEW', url: 'https://docs.djangoproject.com/en/stable/ref/settings/#csrf-failure-view' },
        { title: 'Django: How to use CSRF protection', url: 'https://docs.djangoproject.com/en/stable/howto/csrf/' },
        { title: 'Django system checks: security.E101', url: 'https://docs.djangoproject.com/en/stable/ref/checks/#security' },
        { title: 'CWE-628: Function Call with Incorrectly Specified Arguments', url: 'https://cwe.mitre.org/data/definitions/628.html' },
        { title: 'OWASP Cross-Site Request Forgery Prevention Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html' },
      ],
      limitations:
        'Only a plain function (or lambda) defined once at module level of a project module is judged. Views ' +
        'outside the project, classes, names imported from another module, functions defined conditionally, and ' +
        'functions with decorators other than Django\'s own (which keep the signature through `functools.wraps`) ' +
        'are not judged.',
    },
  },
  check(context) {
    checkSettings(context, (settings, report) => {
      if (!checkExists(settings, '3.2')) return;
      const view = resolveFailureView(settings, context.project);
      if (view.kind !== 'found' || view.dynamic || view.definitions.length !== 1) return;
      const binding = view.definitions[0]!;
      if (!binding.unconditional) return;
      const module = view.holder.module;
      let definition: PyNode | undefined;
      if (binding.node.type === 'function_definition') {
        // Django's decorators use functools.wraps, so inspect.signature() sees the wrapped function.
        if (!module.decoratorNames(binding.node).every((decorator) => decorator.startsWith('django.'))) return;
        definition = binding.node;
      } else if (binding.node.type === 'assignment' && field(binding.node, 'left')?.type === 'identifier' && field(binding.node, 'right')?.type === 'lambda') {
        definition = field(binding.node, 'right');
      }
      if (!definition) return;
      const parameters = parametersOf(definition, module);
      if (!parameters) return;
      const why = bindFailure(parameters);
      if (!why) return;
      const unset = unsetDefaults(settings.get('CSRF_FAILURE_VIEW').value.env);
      const variables = [...new Set(unset.map((use) => use.variable))].join(', ');
      report({
        setting: 'CSRF_FAILURE_VIEW',
        // One finding per view, whichever modules name it: the environment detail goes into the fix.
        message: `CSRF_FAILURE_VIEW ${pyRepr(view.dotted)} does not accept Django's call ${view.name}(request, reason=…): ${why}`,
        fix:
          `In ${view.holder.path}, declare the view as def ${view.name}(request, reason=""): (give any other parameter a default).` +
          (variables ? ` In ${settings.path} the path is the default used when ${variables} is not set: check the value production sets.` : ''),
        djangoId: 'security.E101',
        at: { path: view.holder.path, module, node: definition.type === 'lambda' ? binding.node : definition },
        // The path alone, without the environment provenance: the finding is the view's, whichever module names it.
        value: str(view.dotted),
      });
    });
  },
});
