import { defineTaintRule } from '../../core/rule.js';
import type { PyNode } from '../../python/ast.js';
import { field } from '../../python/ast.js';
import type { CallView, UnsafeTemplateUse } from '../../taint/spec.js';
import { encodedFor, isFixed } from '../../templates/escaping.js';
import { analyzeHtml, isJavaScriptAttribute, isUrlAttribute, templateLanguage } from '../../templates/html-context.js';
import { blockName, isTemplateLiteral, parseVariable, renderedTokens, type TemplateToken } from '../../templates/lexer.js';

/** Filters whose output carries no markup and no quotes or spaces, whatever the value. */
const NEUTRALISING = new Set(['escape', 'force_escape', 'escapeseq', 'urlencode', 'iriencode', 'slugify', 'json_script']);

/** Render calls: the callee, and where its template name and context are. */
const RENDERS: Record<string, { template: [number, string]; context: [number, string] }> = {
  'django.shortcuts.render': { template: [1, 'template_name'], context: [2, 'context'] },
  'django.shortcuts.render_to_response': { template: [0, 'template_name'], context: [1, 'context'] },
  'django.template.loader.render_to_string': { template: [0, 'template_name'], context: [1, 'context'] },
  'django.template.response.TemplateResponse': { template: [1, 'template'], context: [2, 'context'] },
  'django.template.response.SimpleTemplateResponse': { template: [0, 'template'], context: [1, 'context'] },
  // DRF's TemplateHTMLRenderer renders `data` with `template_name`.
  'rest_framework.response.Response': { template: [2, 'template_name'], context: [0, 'data'] },
};

/** Literal template names: a string, or a list or tuple of them (`select_template` semantics: all are candidates). */
function templateNames(node: PyNode | undefined, call: CallView): string[] {
  if (!node) return [];
  const literal = call.module.literal(node);
  if (literal?.kind === 'str') return [literal.value];
  if (literal?.kind === 'list' || literal?.kind === 'tuple') return literal.items.flatMap((item) => (item.kind === 'str' ? [item.value] : []));
  return [];
}

/** `get_template("x.html").render(context)` and `select_template([...]).render(context)`. */
function loaderRender(call: CallView): { names: string[]; context: PyNode } | undefined {
  const receiver = call.receiver;
  if (receiver?.type !== 'call') return undefined;
  const loader = call.module.qualifiedName(receiver);
  if (loader !== 'django.template.loader.get_template' && loader !== 'django.template.loader.select_template') return undefined;
  const names = templateNames(call.module.argument(receiver, 0, loader.endsWith('get_template') ? 'template_name' : 'template_name_list'), call);
  const context = call.argument(0, 'context');
  return names.length > 0 && context ? { names, context } : undefined;
}

/** Loop and `with` variables standing for a context variable: `{% for item in items %}` → item is items. */
function aliases(tokens: readonly TemplateToken[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const token of tokens) {
    const tag = blockName(token);
    if (tag === 'for') {
      const match = /^for\s+(.+?)\s+in\s+([\w.]+)/.exec(token.contents);
      if (match) for (const name of match[1]!.split(',')) out.set(name.trim(), match[2]!.split('.')[0]!);
    } else if (tag === 'with') {
      for (const match of token.contents.matchAll(/(\w+)=([\w.]+)/g)) out.set(match[1]!, match[2]!.split('.')[0]!);
    }
  }
  return out;
}

/** Tokens rendered while `{% autoescape off %}` is in force. */
function autoescapeOff(tokens: readonly TemplateToken[]): Set<TemplateToken> {
  const off = new Set<TemplateToken>();
  const stack: boolean[] = [];
  for (const token of tokens) {
    const tag = blockName(token);
    if (tag === 'autoescape') stack.push(/\boff\b/.test(token.contents));
    else if (tag === 'endautoescape') stack.pop();
    else if (token.type === 'var' && stack[stack.length - 1] === true) off.add(token);
  }
  return off;
}

export default defineTaintRule({
  meta: {
    code: 'TNT003',
    name: 'xss-template',
    family: 'taint',
    severity: 'high',
    confidence: 'high',
    cwe: [79],
    owasp: ['A03:2021-Injection'],
    aliases: [],
    status: 'stable',
    summary: 'Request data reaches a template variable that is rendered without HTML escaping, in JavaScript or in an unquoted attribute.',
    fix: 'Let autoescaping do its work (drop |safe and {% autoescape off %}), quote attribute values, and pass data to scripts with |json_script.',
    docs: {
      whatItDoes:
        'Connects views to their templates: the context given to `render()`, `TemplateResponse`, ' +
        '`render_to_string()`, `get_template(...).render()`, DRF\'s `Response(data, template_name=...)` ' +
        '(TemplateHTMLRenderer) or returned by a class-based view\'s ' +
        '`get_context_data()` (with its `template_name`), and follows each context value into the template, the ' +
        'templates it extends and includes, and the loop and `with` variables derived from it. A value that came from ' +
        'the request is reported at the template line where it is rendered with `|safe` or `|safeseq`, inside ' +
        '`{% autoescape off %}`, inside an inline `<script>` or an event-handler attribute (unless properly encoded ' +
        'for its JavaScript string), in an unquoted attribute value, or at the start of a URL attribute such as ' +
        '`href`. The trace goes from the request read in the view to the template line.',
      whyItMatters:
        'Django escapes every variable by default, which is why most templates are safe. The places listed above ' +
        'are where that protection does not hold: `|safe` and `autoescape off` turn it off; JavaScript and unquoted ' +
        'attributes are contexts where HTML escaping is not enough (a space ends an unquoted attribute, a backslash ' +
        'breaks out of a JavaScript string); a `javascript:` URL in `href` runs when clicked. With request data there ' +
        'the page runs the attacker\'s script in the victim\'s session: reflected cross-site scripting. Pattern rules ' +
        '(TPL001–TPL005) flag these constructs everywhere; this rule confirms which ones carry attacker data.',
      example: {
        bad: '# views.py\ndef search(request):\n    return render(request, "shop/search.html", {"query": request.GET.get("q", "")})\n\n{# shop/search.html #}\n<h1>Results for {{ query|safe }}</h1>',
        good: '# views.py\ndef search(request):\n    return render(request, "shop/search.html", {"query": request.GET.get("q", "")})\n\n{# shop/search.html #}\n<h1>Results for {{ query }}</h1>',
        language: 'html+django',
      },
      howToFix:
        'Remove `|safe` and `{% autoescape off %}` around request data; if some markup must be allowed, clean it ' +
        'with an HTML sanitizer (nh3, bleach) in the view and mark only the cleaned result safe. Always quote ' +
        'attribute values (`class="{{ x }}"`). Give data to JavaScript with `{{ value|json_script:"id" }}` and ' +
        '`JSON.parse(document.getElementById("id").textContent)`. Validate URLs before putting them into `href` ' +
        '(allow only `http`/`https`, or build them with `reverse()`).',
      references: [
        { title: 'Django security: cross site scripting (XSS) protection', url: 'https://docs.djangoproject.com/en/stable/topics/security/#cross-site-scripting-xss-protection' },
        { title: 'Django templates: automatic HTML escaping', url: 'https://docs.djangoproject.com/en/stable/ref/templates/language/#automatic-html-escaping' },
        { title: 'Django templates: json_script', url: 'https://docs.djangoproject.com/en/stable/ref/templates/builtins/#json-script' },
        { title: 'CWE-79: Cross-site Scripting', url: 'https://cwe.mitre.org/data/definitions/79.html' },
        { title: 'OWASP Cross Site Scripting Prevention Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html' },
      ],
      limitations:
        'Only templates named by a literal (or a list of literals) are followed. A context value is followed by its ' +
        'key: renaming in `{% include ... with %}` and custom template tags are not followed. A `{% block %}` ' +
        'overridden in a child template is judged in the child, not inside the parent\'s `autoescape off`.',
    },
  },
  sinks: {
    callees: Object.keys(RENDERS),
    methods: ['render'],
    templates: true,
    match(call) {
      const render = call.callee ? RENDERS[call.callee] : undefined;
      if (render) {
        const names = templateNames(call.argument(render.template[0], render.template[1]), call);
        const context = call.argument(render.context[0], render.context[1]);
        return names.length > 0 && context ? { args: [{ node: context }], note: `context of ${call.module.text(field(call.node, 'function') ?? call.node)}()`, context: { names } } : undefined;
      }
      if (call.method === 'render') {
        const loader = loaderRender(call);
        return loader ? { args: [{ node: loader.context }], note: 'context of Template.render()', context: { names: loader.names } } : undefined;
      }
      return undefined;
    },
  },
  sanitizers: ['django.utils.html.escape', 'django.utils.html.conditional_escape', 'html.escape', 'bleach.clean', 'nh3.clean'],
  // Markup, quotes, attribute separators, and the colon of a javascript: URL.
  attackCharacters: '<>"\'&` =:\\',
  unsafeTemplateUses(tokens, path) {
    const language = templateLanguage(path);
    if (language === 'text' || language === 'css') return [];
    const analysis = analyzeHtml(tokens, language);
    const rendered = renderedTokens(tokens);
    const off = autoescapeOff(rendered);
    const alias = aliases(rendered);
    const uses: UnsafeTemplateUse[] = [];
    for (const token of rendered) {
      if (token.type !== 'var') continue;
      const expression = parseVariable(token.contents);
      if (isTemplateLiteral(expression.base) || isFixed(expression)) continue;
      const base = expression.base.split('.')[0]!;
      const variable = alias.get(base) ?? base;
      const filters = expression.filters.map((f) => f.name);
      const neutralised = filters.some((name) => NEUTRALISING.has(name));
      const safeAt = filters.findIndex((name) => name === 'safe' || name === 'safeseq');
      const use = (note: string): void => {
        uses.push({ variable, token, note });
        if (variable !== base) uses.push({ variable: base, token, note });
      };
      if (safeAt >= 0 && !filters.slice(0, safeAt).some((name) => NEUTRALISING.has(name))) {
        use(`with |${filters[safeAt]!}`);
        continue;
      }
      if (off.has(token) && !neutralised) {
        use('inside {% autoescape off %}');
        continue;
      }
      const context = analysis.contextOf(token);
      if (!context) continue;
      const inScript = context.kind === 'script' && context.script?.javascript === true && !context.script.hasSrc;
      const inHandler = context.kind === 'attribute-value' && isJavaScriptAttribute(context.attribute!.name);
      if ((inScript || inHandler || language === 'javascript') && context.js !== undefined) {
        if (!filters.includes('json_script') && !encodedFor(expression, context.js)) use(inHandler ? `in the ${context.attribute!.name}= event handler` : 'inside a <script>');
        continue;
      }
      if (context.kind === 'attribute-value' && context.attribute) {
        if (context.attribute.quote === '' && !neutralised) use(`in the unquoted ${context.attribute.name}= attribute`);
        else if (isUrlAttribute(context.attribute.name) && context.attribute.valueBefore.trim() === '' && !filters.includes('urlencode')) {
          use(`at the start of the URL in ${context.attribute.name}= (a javascript: URL runs)`);
        }
      }
    }
    return uses;
  },
});
