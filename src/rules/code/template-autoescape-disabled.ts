import { definePythonRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field } from '../../python/ast.js';
import { literalString } from '../../python/expressions.js';
import type { PythonModule } from '../../python/module.js';

/** What turning escaping off does, after `what(autoescape=False)`. */
const ENGINE = ': templates compiled by this engine write every variable unescaped';
const CONTEXT = ': templates rendered with this context write every variable unescaped';
const FILTER = ' returns its input unescaped and marked safe';
const RENDER = ': the template is rendered with autoescaping off, so every variable is written unescaped';

/** Django callables that take `autoescape`, with its positional index (none: keyword only). */
const AUTOESCAPE_CALLS: Record<string, { index?: number; what: string; effect: string }> = {
  'django.template.Context': { index: 1, what: 'Context', effect: CONTEXT },
  'django.template.context.Context': { index: 1, what: 'Context', effect: CONTEXT },
  'django.template.RequestContext': { index: 5, what: 'RequestContext', effect: CONTEXT },
  'django.template.context.RequestContext': { index: 5, what: 'RequestContext', effect: CONTEXT },
  'django.template.context.make_context': { what: 'make_context', effect: CONTEXT },
  'django.template.Engine': { index: 9, what: 'Engine', effect: ENGINE },
  'django.template.engine.Engine': { index: 9, what: 'Engine', effect: ENGINE },
  // Filters called from Python: with autoescape=False they return their input unescaped *and marked safe*.
  'django.template.defaultfilters.linebreaks_filter': { index: 1, what: 'linebreaks_filter', effect: FILTER },
  'django.template.defaultfilters.linebreaksbr': { index: 1, what: 'linebreaksbr', effect: FILTER },
  'django.template.defaultfilters.linenumbers': { index: 1, what: 'linenumbers', effect: FILTER },
  'django.template.defaultfilters.urlize': { index: 1, what: 'urlize', effect: FILTER },
  'django.template.defaultfilters.urlizetrunc': { index: 2, what: 'urlizetrunc', effect: FILTER },
  'django.template.defaultfilters.unordered_list': { index: 1, what: 'unordered_list', effect: FILTER },
  'django.template.defaultfilters.join': { index: 2, what: 'join', effect: FILTER },
  // Django's own functions do not take autoescape, but wrappers and Jinja2-based setups forward it to the engine.
  'django.template.loader.render_to_string': { what: 'render_to_string', effect: RENDER },
  'django.shortcuts.render': { what: 'render', effect: RENDER },
};

export default definePythonRule({
  meta: {
    code: 'PY805',
    name: 'template-autoescape-disabled',
    family: 'code',
    severity: 'medium',
    confidence: 'medium',
    cwe: [79, 116],
    owasp: ['A03:2021-Injection'],
    aliases: [],
    status: 'stable',
    summary: 'Django template autoescaping is turned off from Python code.',
    fix: 'Leave autoescape on (the default); render plain-text output from a .txt template or turn escaping off only around trusted blocks with {% autoescape off %}.',
    docs: {
      whatItDoes:
        'Finds places where Python code switches off the HTML escaping of Django templates: `Context(..., ' +
        'autoescape=False)` (or `Context(data, False)`), `RequestContext(..., autoescape=False)`, `make_context(..., ' +
        'autoescape=False)`, `Engine(..., autoescape=False)`, template filters called from Python with ' +
        '`autoescape=False` (`linebreaksbr`, `urlize`, `unordered_list`, `join`, …, whose result is marked safe), and ' +
        '`TEMPLATES` entries whose `OPTIONS` contain `"autoescape": False` (as a dictionary literal or through ' +
        '`TEMPLATES[0]["OPTIONS"]["autoescape"] = False`). `autoescape=False` passed as a keyword to ' +
        '`render_to_string()` or `render()` is reported too: Django\'s own functions do not take it, but project ' +
        'wrappers and Jinja2-based setups forward it to the template engine. Only the literal `False` is reported.',
      whyItMatters:
        'Autoescaping is Django\'s main defence against cross-site scripting: every `{{ variable }}` is HTML-escaped ' +
        'unless explicitly marked safe. With it off, every variable in every template rendered that way is written ' +
        'raw, so a user name, a comment or a query parameter containing `<script>` runs in your visitors\' browsers. ' +
        'Turning it off in `TEMPLATES` affects the whole site; turning it off in a `Context` affects every template ' +
        'rendered with it, including includes and templates that other developers later change to output HTML.',
      example: {
        bad: [
          'from django.template import Context, Template',
          '',
          'def render_banner(user):',
          '    return Template("<p>Welcome {{ name }}</p>").render(Context({"name": user.name}, autoescape=False))',
        ].join('\n'),
        good: [
          'from django.template import Context, Template',
          '',
          'def render_banner(user):',
          '    return Template("<p>Welcome {{ name }}</p>").render(Context({"name": user.name}))',
        ].join('\n'),
      },
      howToFix:
        'Remove `autoescape=False`. For plain-text output (e-mails, CSV), autoescaping usually does not matter — or ' +
        'render a `.txt` template and wrap it in `{% autoescape off %}` inside the template, where reviewers see it. ' +
        'For fragments of trusted HTML, mark just those values safe with `format_html()` or `mark_safe()` at the ' +
        'place they are built, and keep escaping on for everything else.',
      references: [
        { title: 'Django: Automatic HTML escaping', url: 'https://docs.djangoproject.com/en/stable/ref/templates/language/#automatic-html-escaping' },
        { title: 'Django: Engine (autoescape option)', url: 'https://docs.djangoproject.com/en/stable/ref/templates/api/#django.template.Engine' },
        { title: 'Django: DjangoTemplates backend OPTIONS', url: 'https://docs.djangoproject.com/en/stable/topics/templates/#django.template.backends.django.DjangoTemplates' },
        { title: 'OWASP Cross Site Scripting Prevention Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html' },
        { title: 'CWE-79: Cross-site Scripting', url: 'https://cwe.mitre.org/data/definitions/79.html' },
      ],
      limitations:
        'Plain-text rendering (an e-mail body) is a legitimate reason to turn escaping off, hence the medium ' +
        'confidence for contexts and filters; the `TEMPLATES` option affects every template and is reported with high ' +
        'confidence. `jinja2.Environment(autoescape=False)` is PY701\'s concern; `{% autoescape off %}` inside ' +
        'templates is the template rules\' concern.',
    },
  },
  create(context) {
    const { module } = context;
    const visitors: Record<string, (node: PyNode) => void> = {
      pair(node) {
        const key = field(node, 'key');
        // `"autoescape"` / `'autoescape'`: 12 characters with the quotes.
        if (key?.type !== 'string' || key.end - key.start !== 12 || !isFalse(field(node, 'value'), module)) return;
        if (literalString(key, module) !== 'autoescape') return;
        const options = node.parent;
        const optionsPair = options?.type === 'dictionary' ? options.parent : undefined;
        if (optionsPair?.type !== 'pair' || literalString(field(optionsPair, 'key'), module) !== 'OPTIONS') return;
        const backend = backendOf(optionsPair.parent, module);
        if (!backend) return;
        context.report({
          node,
          message: `TEMPLATES OPTIONS turn autoescaping off for the ${backend} backend: every variable of every template it renders is written unescaped`,
          confidence: 'high',
        });
      },
      assignment(node) {
        // TEMPLATES[0]["OPTIONS"]["autoescape"] = False
        if (!isFalse(field(node, 'right'), module)) return;
        const left = field(node, 'left');
        if (left?.type !== 'subscript' || literalString(field(left, 'subscript'), module) !== 'autoescape') return;
        const container = field(left, 'value');
        if (container?.type !== 'subscript' || literalString(field(container, 'subscript'), module) !== 'OPTIONS') return;
        context.report({ node, message: 'TEMPLATES OPTIONS turn autoescaping off: every variable of every template the backend renders is written unescaped', confidence: 'high' });
      },
    };
    for (const [name, { index, what, effect }] of Object.entries(AUTOESCAPE_CALLS)) {
      visitors[`call:${name}`] = (node) => {
        const value = module.keywordArg(node, 'autoescape') ?? (index !== undefined ? module.positionalArgs(node)[index] : undefined);
        if (isFalse(value, module)) context.report({ node, message: `${what}(autoescape=False)${effect}` });
      };
    }
    return visitors;
  },
});

function isFalse(node: PyNode | undefined, module: PythonModule): boolean {
  if (!node) return false;
  const value = module.literal(node);
  return value?.kind === 'bool' && !value.value;
}

/** The template backend a TEMPLATES entry (a dictionary) declares, for Django's built-in backends. */
function backendOf(entry: PyNode | null | undefined, module: PythonModule): string | undefined {
  if (entry?.type !== 'dictionary') return undefined;
  for (const pair of entry.children) {
    if (pair.type !== 'pair' || literalString(field(pair, 'key'), module) !== 'BACKEND') continue;
    const value = field(pair, 'value');
    const backend = value ? module.literal(value) : undefined;
    if (backend?.kind !== 'str') return undefined;
    if (backend.value === 'django.template.backends.django.DjangoTemplates') return 'DjangoTemplates';
    if (backend.value === 'django.template.backends.jinja2.Jinja2') return 'Jinja2';
    return undefined;
  }
  return undefined;
}
