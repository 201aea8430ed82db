import { defineTaintRule } from '../../core/rule.js';
import { field } from '../../python/ast.js';
import type { CallView, SinkMatch } from '../../taint/spec.js';

/** Constructors whose first argument is template source: callee → keyword of that argument. */
const TEMPLATE_CLASSES: ReadonlyMap<string, string> = new Map([
  ['django.template.Template', 'template_string'],
  ['django.template.base.Template', 'template_string'],
  ['jinja2.Template', 'source'],
  ['jinja2.environment.Template', 'source'],
  ['jinja2.nativetypes.NativeTemplate', 'source'],
  ['mako.template.Template', 'text'],
]);

/** jinja2 environments that render untrusted templates in a sandbox. */
const SANDBOXES = /^jinja2\.sandbox\.(Immutable)?SandboxedEnvironment\(\)$/;
/** Receivers known to be template engines: Django's Engine / engines[...] / backends, jinja2 environments. */
const ENGINES = /^(django\.template\.(\w+\.)*(Engine(\.get_default)?\(\)|engines\[\]|DjangoTemplates\(\)|Jinja2\(\))|jinja2\.(\w+\.)*\w*Environment\(\))$/;
/** An unknown receiver whose name says it is a template engine: `self.env`, `jinja_env`, `get_engine()`. */
const ENGINE_NAMES = /env|engine|jinja|templat/i;

/**
 * What the receiver of `from_string()` is: the analysis' types, or — for a module-level engine (`ENV =
 * jinja2.Environment()`), which the per-function analysis does not type — the call assigned to that global.
 */
function receiverTypes(call: CallView): readonly string[] {
  const receiver = call.receiver;
  if (receiver?.type !== 'identifier' || call.receiverTypes.some((type) => type.endsWith(')') || type.endsWith(']'))) return call.receiverTypes;
  const name = call.module.text(receiver);
  for (const statement of call.module.root.children) {
    const assignment = statement.type === 'expression_statement' ? statement.children[0] : undefined;
    if (assignment?.type !== 'assignment') continue;
    const left = field(assignment, 'left');
    const right = field(assignment, 'right');
    if (left?.type !== 'identifier' || call.module.text(left) !== name || right?.type !== 'call') continue;
    const qualified = call.module.qualifiedName(right);
    if (qualified !== null) return [...call.receiverTypes, `${qualified}()`];
  }
  return call.receiverTypes;
}

function fromStringMatch(call: CallView): SinkMatch | undefined {
  const source = call.argument(0, 'source') ?? call.keyword('template_code');
  if (!source) return undefined;
  const types = receiverTypes(call);
  if (types.some((type) => SANDBOXES.test(type))) {
    return { args: [{ node: source }], note: 'template source compiled by a jinja2 SandboxedEnvironment.from_string()', maxConfidence: 'low' };
  }
  if (types.some((type) => ENGINES.test(type))) {
    const engine = types.some((type) => type.startsWith('jinja2.')) ? 'a jinja2 Environment' : "Django's template engine";
    return { args: [{ node: source }], note: `template source compiled by ${engine} (from_string())` };
  }
  const text = call.receiver ? call.module.text(call.receiver) : '';
  // Another known type (`Price.from_string`, `Color.from_string`) is not a template engine unless its name says so.
  const known = types.filter((type) => !type.startsWith('def:'));
  if (!ENGINE_NAMES.test(known.length > 0 ? known.join(' ') : text)) return undefined;
  return { args: [{ node: source }], note: `template source compiled by ${text || 'an object'}.from_string()`, maxConfidence: 'medium' };
}

export default defineTaintRule({
  meta: {
    code: 'TNT007',
    name: 'template-injection',
    family: 'taint',
    severity: 'high',
    confidence: 'high',
    cwe: [1336, 94],
    owasp: ['A03:2021-Injection'],
    aliases: [],
    status: 'stable',
    summary: 'Request data becomes template source: django.template.Template(), Engine.from_string(), jinja2 Template() / Environment.from_string() or mako Template().',
    fix: 'Keep template source in your code or template directories and pass request values in the context (Template(FIXED).render(Context({"name": name}))).',
    docs: {
      whatItDoes:
        'Follows request data (query string, form fields, JSON bodies, headers, cookies, URL arguments, uploaded ' +
        'file contents) through assignments, string building, helper functions and other modules, and reports it ' +
        'when it becomes the **source** of a template: `django.template.Template(...)`, `from_string()` on Django\'s ' +
        '`Engine` (`Engine(...)`, `Engine.get_default()`, `engines["django"]`) or on a jinja2 `Environment` ' +
        '(a local, or a module-level `ENV = Environment(...)`), `jinja2.Template(...)` and ' +
        '`mako.template.Template(...)`. Request values passed in the **context** (`Template(FIXED).render(Context({"q": ' +
        'q}))`) are not reported, nor are template names given to `get_template()` / `render()`, ' +
        '`string.Template` (which only substitutes `$names`), values compared against a literal allow-list or ' +
        'converted with `int()`. `from_string()` on a jinja2 `SandboxedEnvironment` is reported with low confidence; ' +
        'on a receiver of unknown type whose name looks like a template engine (`self.env`, `jinja_env`) with medium ' +
        'confidence; on other receivers (`Price.from_string()`) not at all.',
      whyItMatters:
        'Template languages are programming languages. In Jinja2 and Mako, template source is Python: ' +
        '`{{ cycler.__init__.__globals__.os.popen("id").read() }}` or `${__import__("os").system("id")}` runs ' +
        'commands on the server (server-side template injection, SSTI). Django\'s language is deliberately ' +
        'limited, but a template written by the attacker still reads whatever the context and its objects expose ' +
        '(`{{ request.user.password }}`, `{% debug %}` dumps every variable, settings reachable through context ' +
        'processors), loads tag libraries, and can include other templates or loop to exhaust the server.',
      example: {
        bad:
          'from django.template import Context, Template\n\n' +
          'def preview(request):\n' +
          '    greeting = request.GET.get("greeting", "Hello")\n' +
          '    template = Template(greeting + ", {{ user.first_name }}!")\n' +
          '    return HttpResponse(template.render(Context({"user": request.user})))',
        good:
          'from django.template import Context, Template\n\n' +
          'GREETING = Template("{{ greeting }}, {{ user.first_name }}!")\n\n' +
          'def preview(request):\n' +
          '    greeting = request.GET.get("greeting", "Hello")\n' +
          '    return HttpResponse(GREETING.render(Context({"greeting": greeting, "user": request.user})))',
      },
      howToFix:
        'Write templates in files (or constants) and pass request values as context variables, where autoescaping ' +
        'applies and no tag or expression in them is interpreted. When users really must author templates ' +
        '(newsletters, notification texts), offer a small placeholder syntax of your own (`string.Template` with ' +
        '`safe_substitute()`, or a whitelist of `{name}` fields), or render them in jinja2\'s ' +
        '`SandboxedEnvironment` with a minimal context, keeping Jinja2 up to date, since sandbox escapes are found ' +
        'from time to time.',
      references: [
        { title: 'Django: The Django template language for Python programmers', url: 'https://docs.djangoproject.com/en/stable/ref/templates/api/' },
        { title: 'Jinja: Sandbox', url: 'https://jinja.palletsprojects.com/en/stable/sandbox/' },
        { title: 'CWE-1336: Improper Neutralization of Special Elements Used in a Template Engine', url: 'https://cwe.mitre.org/data/definitions/1336.html' },
        { title: 'OWASP Web Security Testing Guide: Testing for Server-side Template Injection', url: 'https://owasp.org/www-project-web-security-testing-guide/stable/4-Web_Application_Security_Testing/07-Input_Validation_Testing/18-Testing_for_Server-side_Template_Injection' },
        { title: 'CodeQL: py/template-injection', url: 'https://codeql.github.com/codeql-query-help/python/py-template-injection/' },
      ],
      limitations:
        'An engine stored on an object (`self.env`) or returned by a helper has no known type: `from_string()` on it ' +
        'is reported with medium confidence when its name mentions an environment, engine, jinja or template, and ' +
        'ignored otherwise. Template source read back from the database or a file after an earlier request stored ' +
        'it (second-order injection) is not followed. Other engines (Chameleon, Genshi, Tornado templates, ' +
        '`Environment.compile()`, mako `TemplateLookup.put_string()` on untyped receivers) are not modelled.',
    },
  },
  sinks: {
    callees: [...TEMPLATE_CLASSES.keys()],
    methods: ['from_string', 'put_string'],
    match(call) {
      const keyword = call.callee !== null ? TEMPLATE_CLASSES.get(call.callee) : undefined;
      if (keyword !== undefined) {
        const source = call.argument(0, keyword);
        return source ? { args: [{ node: source }], note: `template source compiled by ${call.callee!}()` } : undefined;
      }
      if (call.method === 'from_string') return fromStringMatch(call);
      if (call.method === 'put_string' && receiverTypes(call).some((type) => /^mako\.lookup\.TemplateLookup\(\)$/.test(type))) {
        const text = call.argument(1, 'text');
        return text ? { args: [{ node: text }], note: 'template source stored by mako TemplateLookup.put_string()' } : undefined;
      }
      return undefined;
    },
  },
  // Template syntax: a value without braces or percent signs cannot open a tag or a variable.
  attackCharacters: '{}%#',
});
