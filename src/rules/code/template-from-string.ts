import type { Confidence } from '../../core/finding.js';
import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field } from '../../python/ast.js';
import { abbreviate } from '../../python/expressions.js';
import type { PythonModule } from '../../python/module.js';
import { knownValues } from '../../python/scope.js';
import { describeBuild, stringBuild } from '../../python/strings.js';

type EngineKind = 'Django' | 'Jinja2';

/** Template classes whose constructor compiles its first argument. */
const TEMPLATE_CLASSES: Record<string, { engine: EngineKind; keyword: string }> = {
  'django.template.Template': { engine: 'Django', keyword: 'template_string' },
  'django.template.base.Template': { engine: 'Django', keyword: 'template_string' },
  'jinja2.Template': { engine: 'Jinja2', keyword: 'source' },
  'jinja2.environment.Template': { engine: 'Jinja2', keyword: 'source' },
};

/** Calls that return an engine whose from_string() compiles its argument (sandboxed Jinja2 environments excluded). */
const ENGINE_FACTORIES: Record<string, EngineKind> = {
  'django.template.Engine': 'Django',
  'django.template.engine.Engine': 'Django',
  'django.template.Engine.get_default': 'Django',
  'django.template.engine.Engine.get_default': 'Django',
  'django.template.backends.django.DjangoTemplates': 'Django',
  'jinja2.Environment': 'Jinja2',
  'jinja2.environment.Environment': 'Jinja2',
  'django.template.backends.jinja2.Jinja2': 'Jinja2',
};

const ENGINES_REGISTRY = new Set(['django.template.engines', 'django.template.utils.engines']);
const REQUEST_READ = /\brequest\.(GET|POST|body|data|query_params|COOKIES|META|headers|FILES)\b/;

export default definePythonRule({
  meta: {
    code: 'PY804',
    name: 'template-from-string',
    family: 'code',
    severity: 'high',
    confidence: 'medium',
    cwe: [1336, 94],
    owasp: ['A03:2021-Injection'],
    aliases: [],
    status: 'stable',
    summary: 'A template is compiled from a string that is not a constant (server-side template injection).',
    fix: 'Load templates from files with render()/get_template() and pass user data only as context variables, never as template source.',
    docs: {
      whatItDoes:
        'Finds templates compiled from a non-literal source: `django.template.Template(x)`, `Engine(...).from_string(x)`, ' +
        '`Engine.get_default().from_string(x)`, `engines["django"].from_string(x)`, `jinja2.Environment(...).from_string(x)` ' +
        'and `jinja2.Template(x)` — also through a variable holding the engine. Sources that are literals, or names ' +
        'assigned only literals (a module-level `TEMPLATE = """…"""`), are not reported. Sources built with ' +
        'formatting or read from the request raise the confidence; sources read from a file lower it. Jinja2\'s ' +
        '`SandboxedEnvironment` is not reported.',
      whyItMatters:
        'Whoever writes a template source controls what the template engine does with the context. In Jinja2 that ' +
        'is remote code execution (`{{ cycler.__init__.__globals__.os.popen("id").read() }}`). Django\'s language is ' +
        'more limited, but an injected template can still read any attribute reachable from the context and call ' +
        'methods without arguments: the classic payload `{{ messages.storages.0.signer.key }}` prints `SECRET_KEY`, ' +
        'which lets the attacker forge sessions, password-reset links and signed cookies. Formatting user input into ' +
        'a template (`Template("Hello " + name)`) is the usual way this happens.',
      example: {
        bad: [
          'from django.template import Context, Template',
          '',
          'def greet(request):',
          '    template = Template("<p>Hello " + request.GET["name"] + "</p>")',
          '    return HttpResponse(template.render(Context({})))',
        ].join('\n'),
        good: [
          'from django.template import Context, Template',
          '',
          'GREETING = Template("<p>Hello {{ name }}</p>")',
          '',
          'def greet(request):',
          '    return HttpResponse(GREETING.render(Context({"name": request.GET["name"]})))',
        ].join('\n'),
      },
      howToFix:
        'Keep template sources constant — in files loaded by `render()`/`get_template()`, or in module-level literals — ' +
        'and pass every variable part through the context, where autoescaping applies. If users must author templates ' +
        '(e-mail or page builders), use a restricted format (Markdown, a placeholder syntax you substitute yourself) or ' +
        'Jinja2\'s `SandboxedEnvironment`, and never expose settings, requests or model managers in the context.',
      references: [
        { title: 'Django: Compiling a string (Template and Engine.from_string)', url: 'https://docs.djangoproject.com/en/stable/ref/templates/api/#compiling-a-string' },
        { title: 'Jinja2: Sandbox', url: 'https://jinja.palletsprojects.com/en/stable/sandbox/' },
        { title: 'OWASP WSTG: Testing for Server-side Template Injection', url: 'https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/07-Input_Validation_Testing/18-Testing_for_Server-side_Template_Injection' },
        { title: 'CWE-1336: Improper Neutralization of Special Elements Used in a Template Engine', url: 'https://cwe.mitre.org/data/definitions/1336.html' },
      ],
      limitations:
        'An engine stored on `self` or created in another function is not recognised. Template sources loaded from ' +
        'the database (editable e-mail templates) are reported: whoever can edit them can run template code, which ' +
        'is a design decision worth reviewing.',
    },
  },
  create(context) {
    const { module } = context;
    const check = (call: PyNode, source: PyNode | undefined, engine: EngineKind, how: string): void => {
      if (!source) return;
      const verdict = judgeSource(source, module);
      if (!verdict) return;
      context.report({
        node: call,
        message: `${how} compiles a ${engine} template from ${verdict.what}: whoever controls it controls the template${engine === 'Jinja2' ? ' (code execution in Jinja2)' : ''}`,
        ...(verdict.confidence !== 'medium' ? { confidence: verdict.confidence } : {}),
      });
    };
    const visitors: Record<string, (node: PyNode) => void> = {
      call(node) {
        const fn = field(node, 'function');
        if (fn?.type !== 'attribute') return;
        const method = field(fn, 'attribute');
        if (!method || method.end - method.start !== 11 || module.text(method) !== 'from_string') return;
        const receiver = field(fn, 'object');
        const engine = receiver ? engineOf(receiver, module, 0) : undefined;
        if (!engine) return;
        check(node, module.argument(node, 0, engine === 'Django' ? 'template_code' : 'source'), engine, 'from_string()');
      },
    };
    for (const [name, { engine, keyword }] of Object.entries(TEMPLATE_CLASSES)) {
      visitors[`call:${name}`] = (node) => check(node, module.argument(node, 0, keyword), engine, `${name.split('.').pop()!}()`);
    }
    return visitors;
  },
});

/** Which engine an expression evaluates to, when it is recognisably one. */
function engineOf(node: PyNode, module: PythonModule, depth: number): EngineKind | undefined {
  if (depth > 3) return undefined;
  if (node.type === 'call') {
    const qualified = module.qualifiedName(node);
    if (qualified) return ENGINE_FACTORIES[qualified];
    // `Engine.get_default()` resolves above; `engines["django"]` is a subscript.
    return undefined;
  }
  if (node.type === 'subscript') {
    const value = field(node, 'value');
    const qualified = value ? module.qualifiedName(value) : null;
    if (!qualified || !ENGINES_REGISTRY.has(qualified)) return undefined;
    const key = field(node, 'subscript');
    const alias = key ? module.literal(key) : undefined;
    return alias?.kind === 'str' && /jinja/i.test(alias.value) ? 'Jinja2' : 'Django';
  }
  if (node.type === 'identifier') {
    const values = knownValues(node, module);
    if (!values) return undefined;
    const kinds = new Set(values.map((v) => engineOf(v, module, depth + 1)));
    return kinds.size === 1 ? [...kinds][0] : undefined;
  }
  return undefined;
}

interface SourceVerdict {
  what: string;
  confidence: Confidence;
}

/** Why a template source is not constant, or undefined when it is. */
function judgeSource(source: PyNode, module: PythonModule, depth = 0): SourceVerdict | undefined {
  if (module.literal(source) !== undefined) return undefined;
  const text = module.text(source);
  const build = stringBuild(source, module, { knownString: true });
  // `TEMPLATE % {"title": "Not Found"}`: a module constant formatted with literals is still a constant.
  if (build && depth < 3 && build.dynamic.every((part) => part !== source && judgeSource(part, module, depth + 1) === undefined)) return undefined;
  if (build) return { what: `a string built with ${describeBuild(build.how)} (\`${abbreviate(text, 50)}\`)`, confidence: 'high' };
  if (REQUEST_READ.test(text)) return { what: `request data (\`${abbreviate(text, 50)}\`)`, confidence: 'high' };
  if (source.type === 'identifier' && depth < 3) {
    const values = knownValues(source, module);
    if (values === undefined) return { what: `\`${text}\`, a parameter or a name the rule cannot follow`, confidence: 'medium' };
    const verdicts = values.map((v) => judgeSource(v, module, depth + 1));
    const found = verdicts.find((v) => v !== undefined);
    if (!found) return undefined;
    return { what: `\`${text}\`, assigned ${found.what}`, confidence: found.confidence };
  }
  if (source.type === 'call') {
    const method = module.calleeName(source);
    if (method === 'read' || method === 'read_text' || method === 'decode') return { what: `a file's content (\`${abbreviate(text, 50)}\`)`, confidence: 'low' };
  }
  return { what: `\`${abbreviate(text, 50)}\``, confidence: 'medium' };
}
